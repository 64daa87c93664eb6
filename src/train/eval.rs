//! One pass over a set of examples: loss, correct predictions, errors for
//! regression, and optionally a confusion matrix and the mistakes.

use super::{Examples, Health, LossKind};
use crate::models::Mlp;

/// Rows per forward pass when evaluating.
pub const CHUNK: usize = 256;

/// What one pass found. Loss excludes the regularization penalty; NaN for
/// an empty set.
#[derive(Clone, Debug, Default)]
pub struct Pass {
    pub loss: f64,
    /// Examples whose predicted class is their label.
    pub correct: usize,
    /// Σ (o − t)², Σ t and Σ t² over single-output targets (regression).
    pub sq_err: f64,
    pub sum_t: f64,
    pub sum_t2: f64,
}

/// Optional outputs of a pass.
#[derive(Default)]
pub struct PassOptions<'a> {
    /// `(matrix, classes)`: counts at `[true * classes + predicted]`.
    pub confusion: Option<(&'a mut [u32], usize)>,
    /// Indices of misclassified examples, with the predicted class, up to
    /// the vector's capacity.
    pub mistakes: Option<&'a mut Vec<(u32, u32)>>,
    /// Regression figures against the single target of each example.
    pub regression: bool,
    /// Records which hidden units ever fire and the range of each output.
    pub health: Option<&'a mut Health>,
}

/// Runs the network over every example of `data`, with the loss it trains
/// with.
pub fn pass(net: &mut Mlp, data: &Examples, mut o: PassOptions) -> Pass {
    let k = net.outputs();
    let mut p = Pass::default();
    let n = data.len();
    if let Some(h) = o.health.as_deref_mut() {
        h.start(&net.sizes()[1..]);
    }
    if n == 0 {
        p.loss = f64::NAN;
        return p;
    }
    let mut start = 0;
    while start < n {
        let rows = CHUNK.min(n - start);
        let chunk_loss = net.loss_on(data, start, rows);
        let out = net.activations(net.layers() - 1, rows);
        let labels = &data.y[start..start + rows];
        if let Some(h) = o.health.as_deref_mut() {
            let last = net.layers() - 1;
            for l in 0..last {
                h.observe_hidden(l, net.spec.activation, net.pre_activations(l, rows), net.activations(l, rows), rows);
            }
            let squared = net.loss == LossKind::Squared && data.t.len() == n * k;
            let t = squared.then(|| &data.t[start * k..(start + rows) * k]);
            h.observe_outputs(net.spec.output_activation, net.pre_activations(last, rows), out, t, rows);
        }
        p.loss += chunk_loss * rows as f64;
        if o.regression {
            for (o, &t) in out.iter().zip(&data.t[start..start + rows]) {
                let (o, t) = (f64::from(*o), f64::from(t));
                p.sq_err += (o - t) * (o - t);
                p.sum_t += t;
                p.sum_t2 += t * t;
            }
        } else {
            for (r, (row, &y)) in out.chunks_exact(k).zip(labels).enumerate() {
                let pred = predict_class(row);
                if pred == y as usize {
                    p.correct += 1;
                } else if let Some(m) = o.mistakes.as_deref_mut() {
                    if m.len() < m.capacity() {
                        m.push(((start + r) as u32, pred as u32));
                    }
                }
                if let Some((c, classes)) = o.confusion.as_mut() {
                    if (y as usize) < *classes && pred < *classes {
                        c[y as usize * *classes + pred] += 1;
                    }
                }
            }
        }
        start += rows;
    }
    p.loss /= n as f64;
    p
}

/// The predicted class from one row of outputs: the sign of a single tanh
/// output, else the largest output.
pub fn predict_class(row: &[f32]) -> usize {
    if row.len() == 1 {
        usize::from(row[0] >= 0.0)
    } else {
        let mut best = 0;
        for (j, &v) in row.iter().enumerate() {
            if v > row[best] {
                best = j;
            }
        }
        best
    }
}
