//! Next-token cross-entropy: a log-softmax over the vocabulary at every
//! position, and the negative log-probability of the target token, averaged
//! over the B·T positions (the loss a language model is trained with).
//!
//! Shapes (B = batch, T = time, V = vocabulary; N = B·T rows):
//! logits [B,T,V], targets [B,T] (ids, each < V), losses [B,T] (optional,
//! the loss of every token, for drawing), dlogits [B,T,V].
//!
//! loss[b,t] = logsumexp(logits[b,t,:]) − logits[b,t,target] (the maximum
//! is subtracted before exponentiating, so large logits cannot overflow);
//! the mean loss is accumulated in f64. Gradient: (softmax − onehot)/N.
//! Kept for backward: nothing but the logits and targets (the softmax is
//! recomputed, or [`forward_backward`] turns the logits into their gradient
//! in place, as llm.c's fused classifier does, so no [B,T,V] buffer of
//! probabilities is ever held).

use super::shape::{expect, expect_ids, expect_values};
use crate::tensor::fastmath;

/// Checks every buffer against B, T and V.
#[track_caller]
fn check(
    op: &str,
    logits: usize,
    targets: &[u32],
    losses: Option<usize>,
    b: usize,
    t: usize,
    v: usize,
) {
    expect(op, "logits", logits, &[("B", b), ("T", t), ("V", v)]);
    expect_values(op, "targets", targets.len(), &[("B", b), ("T", t)]);
    if let Some(n) = losses {
        expect(op, "losses", n, &[("B", b), ("T", t)]);
    }
    expect_ids(op, "targets", targets, t, ("V", v));
}

/// The row's maximum and Σ exp(z − max): log-sum-exp = max + ln(sum).
#[inline]
fn max_and_sum(z: &[f32]) -> (f32, f32) {
    // Compared, not `f32::max` (a library call in wasm); a NaN logit makes
    // the sum NaN below, so divergence shows in the loss.
    let max = z
        .iter()
        .fold(f32::NEG_INFINITY, |m, &x| if x > m { x } else { m });
    let sum = z.iter().map(|&x| fastmath::exp(x - max)).sum();
    (max, sum)
}

/// −log softmax(z)[y] in f64.
#[inline]
fn row_loss(z: &[f32], y: usize, max: f32, sum: f32) -> f64 {
    f64::from(sum).ln() + f64::from(max) - f64::from(z[y])
}

/// The mean loss over the B·T positions; each position's loss into
/// `losses` when given.
pub fn forward(
    losses: Option<&mut [f32]>,
    logits: &[f32],
    targets: &[u32],
    b: usize,
    t: usize,
    v: usize,
) -> f64 {
    check(
        "token loss",
        logits.len(),
        targets,
        losses.as_ref().map(|l| l.len()),
        b,
        t,
        v,
    );
    let n = b * t;
    let mut total = 0.0f64;
    let mut losses = losses;
    for (i, (z, &y)) in logits.chunks_exact(v).zip(targets).enumerate() {
        let (max, sum) = max_and_sum(z);
        let l = row_loss(z, y as usize, max, sum);
        if let Some(out) = losses.as_deref_mut() {
            out[i] = l as f32;
        }
        total += l;
    }
    if n == 0 {
        0.0
    } else {
        total / n as f64
    }
}

/// dlogits = (softmax(logits) − onehot(target)) / N, written (not
/// accumulated).
pub fn backward(
    dlogits: &mut [f32],
    logits: &[f32],
    targets: &[u32],
    b: usize,
    t: usize,
    v: usize,
) {
    check("token loss backward", logits.len(), targets, None, b, t, v);
    expect(
        "token loss backward",
        "dlogits",
        dlogits.len(),
        &[("B", b), ("T", t), ("V", v)],
    );
    let inv_n = 1.0 / (b * t).max(1) as f32;
    for ((d, z), &y) in dlogits
        .chunks_exact_mut(v)
        .zip(logits.chunks_exact(v))
        .zip(targets)
    {
        let (max, sum) = max_and_sum(z);
        let scale = inv_n / sum;
        for (di, &zi) in d.iter_mut().zip(z) {
            *di = fastmath::exp(zi - max) * scale;
        }
        d[y as usize] -= inv_n;
    }
}

/// [`forward`] and [`backward`] in one pass that overwrites the logits with
/// their gradient (one exponential per logit, no second [B,T,V] buffer);
/// returns the mean loss, each position's loss into `losses` when given.
pub fn forward_backward(
    logits: &mut [f32],
    losses: Option<&mut [f32]>,
    targets: &[u32],
    b: usize,
    t: usize,
    v: usize,
) -> f64 {
    let op = "token loss forward_backward";
    check(
        op,
        logits.len(),
        targets,
        losses.as_ref().map(|l| l.len()),
        b,
        t,
        v,
    );
    let n = b * t;
    let inv_n = 1.0 / n.max(1) as f32;
    let mut total = 0.0f64;
    let mut losses = losses;
    for (i, (z, &y)) in logits.chunks_exact_mut(v).zip(targets).enumerate() {
        let y = y as usize;
        let max = z
            .iter()
            .fold(f32::NEG_INFINITY, |m, &x| if x > m { x } else { m });
        let zy = z[y];
        let mut sum = 0.0f32;
        for zi in z.iter_mut() {
            *zi = fastmath::exp(*zi - max);
            sum += *zi;
        }
        let l = f64::from(sum).ln() + f64::from(max) - f64::from(zy);
        if let Some(out) = losses.as_deref_mut() {
            out[i] = l as f32;
        }
        total += l;
        let scale = inv_n / sum;
        z.iter_mut().for_each(|e| *e *= scale);
        z[y] -= inv_n;
    }
    if n == 0 {
        0.0
    } else {
        total / n as f64
    }
}
