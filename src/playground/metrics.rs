//! Loss and quality figures over the whole training and test sets.

use super::{Session, Split};
use crate::config::playground::LossKind;
use crate::data::Problem;
use crate::ops::loss;

/// Rows per forward pass when evaluating.
pub(super) const CHUNK: usize = 256;

/// Figures for one moment of training. Losses exclude the regularization
/// penalty (as TensorFlow Playground reports them); NaN where undefined.
#[derive(Clone, Debug, Default)]
pub struct Metrics {
    pub train_loss: f64,
    pub test_loss: f64,
    /// Fraction correct (classification).
    pub train_accuracy: f64,
    pub test_accuracy: f64,
    /// Regression: root mean squared error and R² on the test set.
    pub test_rmse: f64,
    pub test_r2: f64,
    /// Classification: `confusion[true * k + predicted]` on the test set.
    pub confusion: Vec<u32>,
    pub classes: usize,
}

struct Pass {
    loss: f64,
    correct: usize,
    sq_err: f64,
    sum_t: f64,
    sum_t2: f64,
}

impl Session {
    /// Loss, accuracy or error, and the confusion matrix, now.
    pub fn evaluate(&mut self) -> Metrics {
        let classes = self.config.classes();
        let mut confusion = vec![0u32; classes * classes];
        let train = std::mem::take(&mut self.train);
        let test = std::mem::take(&mut self.test);
        let a = self.pass(&train, None);
        let b = self.pass(&test, Some(&mut confusion));
        self.train = train;
        self.test = test;
        let ratio = |num: usize, den: usize| if den == 0 { f64::NAN } else { num as f64 / den as f64 };
        let n = self.test.len() as f64;
        let (rmse, r2) = if self.config.problem == Problem::Regression && n > 0.0 {
            let ss_tot = b.sum_t2 - b.sum_t * b.sum_t / n;
            ((b.sq_err / n).sqrt(), if ss_tot > 0.0 { 1.0 - b.sq_err / ss_tot } else { f64::NAN })
        } else {
            (f64::NAN, f64::NAN)
        };
        let classification = self.config.problem == Problem::Classification;
        Metrics {
            train_loss: a.loss,
            test_loss: b.loss,
            train_accuracy: if classification { ratio(a.correct, self.train.len()) } else { f64::NAN },
            test_accuracy: if classification { ratio(b.correct, self.test.len()) } else { f64::NAN },
            test_rmse: rmse,
            test_r2: r2,
            confusion,
            classes,
        }
    }

    fn pass(&mut self, set: &Split, mut confusion: Option<&mut Vec<u32>>) -> Pass {
        let f = self.config.features.len();
        let k = self.net.sizes()[self.net.layers()];
        let classes = self.config.classes();
        let mut p = Pass { loss: 0.0, correct: 0, sq_err: 0.0, sum_t: 0.0, sum_t2: 0.0 };
        let n = set.len();
        if n == 0 {
            p.loss = f64::NAN;
            return p;
        }
        let mut start = 0;
        while start < n {
            let rows = CHUNK.min(n - start);
            let x = &set.x[start * f..(start + rows) * f];
            let out = self.net.forward(x, rows);
            let labels = &set.y[start..start + rows];
            let chunk_loss = match self.config.loss {
                LossKind::Squared => loss::squared(out, &set.t[start * k..(start + rows) * k], None, rows),
                LossKind::CrossEntropy => {
                    self.probs.resize(rows * k, 0.0);
                    loss::softmax_cross_entropy(out, labels, &mut self.probs, None, k)
                }
            };
            p.loss += chunk_loss * rows as f64;
            if self.config.problem == Problem::Regression {
                for (o, &t) in out.iter().zip(&set.t[start..start + rows]) {
                    let (o, t) = (f64::from(*o), f64::from(t));
                    p.sq_err += (o - t) * (o - t);
                    p.sum_t += t;
                    p.sum_t2 += t * t;
                }
            } else {
                for (row, &y) in out.chunks_exact(k).zip(labels) {
                    let pred = predict_class(row);
                    if pred == y as usize {
                        p.correct += 1;
                    }
                    if let Some(c) = confusion.as_deref_mut() {
                        if (y as usize) < classes && pred < classes {
                            c[y as usize * classes + pred] += 1;
                        }
                    }
                }
            }
            start += rows;
        }
        p.loss /= n as f64;
        p
    }
}

/// The predicted class from one row of outputs: the sign of a single tanh
/// output, else the largest output.
pub(super) fn predict_class(row: &[f32]) -> usize {
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
