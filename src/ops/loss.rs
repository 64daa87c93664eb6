//! Losses, averaged over the batch, with their gradient. Shapes (B = rows,
//! K = outputs or classes) are stated and checked, as in every op.

use super::shape::expect;
use crate::tensor::fastmath;

/// Squared error as TensorFlow Playground computes it: the mean over
/// examples of Σ_k ½ (o_k − t_k)². Gradient: (o − t) / B.
///
/// `out` and `target` are [B×K], `grad` too; returns the mean loss.
pub fn squared(out: &[f32], target: &[f32], grad: Option<&mut [f32]>, batch: usize, k: usize) -> f64 {
    expect("squared", "out", out.len(), &[("B", batch), ("K", k)]);
    expect("squared", "target", target.len(), &[("B", batch), ("K", k)]);
    let mut sum = 0.0f64;
    for (&o, &t) in out.iter().zip(target) {
        let d = f64::from(o - t);
        sum += 0.5 * d * d;
    }
    if let Some(g) = grad {
        expect("squared", "grad", g.len(), &[("B", batch), ("K", k)]);
        let inv = 1.0 / batch as f32;
        for ((g, &o), &t) in g.iter_mut().zip(out).zip(target) {
            *g = (o - t) * inv;
        }
    }
    sum / batch as f64
}

/// Softmax over each row of `logits` [B×K] into `probs` [B×K].
pub fn softmax(logits: &[f32], probs: &mut [f32], batch: usize, k: usize) {
    expect("softmax", "logits", logits.len(), &[("B", batch), ("K", k)]);
    expect("softmax", "probs", probs.len(), &[("B", batch), ("K", k)]);
    for (z, p) in logits.chunks_exact(k).zip(probs.chunks_exact_mut(k)) {
        // Compared, not `f32::max` (a library call per element in wasm); a
        // NaN logit is skipped here and turns every probability NaN below.
        let max = z.iter().fold(f32::NEG_INFINITY, |m, &v| if v > m { v } else { m });
        let mut s = 0.0;
        for (pi, &zi) in p.iter_mut().zip(z) {
            *pi = fastmath::exp(zi - max);
            s += *pi;
        }
        let inv = 1.0 / s;
        for pi in p.iter_mut() {
            *pi *= inv;
        }
    }
}

/// Softmax cross-entropy: mean over examples of −ln softmax(z)_y.
/// Writes the probabilities to `probs`; gradient (p − onehot(y)) / B.
/// `logits`, `probs` and `grad` are [B×K], `labels` [B], each below K.
pub fn softmax_cross_entropy(
    logits: &[f32],
    labels: &[u32],
    probs: &mut [f32],
    grad: Option<&mut [f32]>,
    batch: usize,
    k: usize,
) -> f64 {
    expect("softmax cross-entropy", "labels", labels.len(), &[("B", batch)]);
    super::shape::expect_ids("softmax cross-entropy", "labels", labels, 1, ("K", k));
    softmax(logits, probs, batch, k);
    let mut sum = 0.0f64;
    for (p, &y) in probs.chunks_exact(k).zip(labels) {
        // Clamp so that a certain wrong answer costs a large, finite loss;
        // NaN passes through so that divergence is seen.
        let py = f64::from(p[y as usize]);
        sum -= if py.is_nan() { py } else { py.max(1e-30).ln() };
    }
    if let Some(g) = grad {
        expect("softmax cross-entropy", "grad", g.len(), &[("B", batch), ("K", k)]);
        let inv = 1.0 / batch as f32;
        for ((g, p), &y) in g.chunks_exact_mut(k).zip(probs.chunks_exact(k)).zip(labels) {
            for (j, (gj, &pj)) in g.iter_mut().zip(p).enumerate() {
                *gj = (pj - if j == y as usize { 1.0 } else { 0.0 }) * inv;
            }
        }
    }
    sum / batch as f64
}
