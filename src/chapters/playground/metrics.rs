//! Loss and quality figures over the whole training and test sets.

use super::Session;
use crate::data::Problem;
use crate::train::{pass, PassOptions};

/// Figures for one moment of training. Losses exclude the regularization
/// penalty (as TensorFlow Playground reports them); NaN where undefined,
/// and every figure NaN (the confusion matrix empty) when the model is not
/// finite: a network of NaN weights has no accuracy, whatever class its
/// NaN outputs would fall to.
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
    /// Every parameter finite, and the loss of every non-empty set.
    pub finite: bool,
    /// Collapse rather than explosion, seen on the training set (see
    /// [`crate::train::Verdict`]): the first hidden layer (0-based) none of
    /// whose units passes a gradient on any example, an output layer that
    /// passes none, and outputs that are the same for every example.
    pub dead_layer: Option<usize>,
    pub saturated_output: bool,
    pub constant_output: bool,
}

impl Session {
    /// Loss, accuracy or error, and the confusion matrix, now.
    pub fn evaluate(&mut self) -> Metrics {
        let classes = self.config.classes();
        let regression = self.config.problem == Problem::Regression;
        let mut confusion = vec![0u32; classes * classes];
        let a = pass(
            &mut self.trainer.model,
            &self.train,
            PassOptions {
                regression,
                health: Some(&mut self.health),
                ..Default::default()
            },
        );
        let b = pass(
            &mut self.trainer.model,
            &self.test,
            PassOptions {
                regression,
                confusion: Some((&mut confusion, classes)),
                ..Default::default()
            },
        );
        let ratio = |num: usize, den: usize| {
            if den == 0 || regression {
                f64::NAN
            } else {
                num as f64 / den as f64
            }
        };
        let finite = self.trainer.model.store.all_finite()
            && (self.train.is_empty() || a.loss.is_finite())
            && (self.test.is_empty() || b.loss.is_finite());
        if !finite {
            confusion.fill(0);
            return Metrics {
                train_loss: a.loss,
                test_loss: b.loss,
                train_accuracy: f64::NAN,
                test_accuracy: f64::NAN,
                test_rmse: f64::NAN,
                test_r2: f64::NAN,
                confusion,
                classes,
                finite,
                dead_layer: None,
                saturated_output: false,
                constant_output: false,
            };
        }
        let verdict = self.health.verdict();
        let n = self.test.len() as f64;
        let (rmse, r2) = if regression && n > 0.0 {
            let ss_tot = b.sum_t2 - b.sum_t * b.sum_t / n;
            (
                (b.sq_err / n).sqrt(),
                if ss_tot > 0.0 {
                    1.0 - b.sq_err / ss_tot
                } else {
                    f64::NAN
                },
            )
        } else {
            (f64::NAN, f64::NAN)
        };
        Metrics {
            train_loss: a.loss,
            test_loss: b.loss,
            train_accuracy: ratio(a.correct, self.train.len()),
            test_accuracy: ratio(b.correct, self.test.len()),
            test_rmse: rmse,
            test_r2: r2,
            confusion,
            classes,
            finite,
            dead_layer: verdict.dead_layer,
            saturated_output: verdict.saturated_output,
            constant_output: verdict.constant_output,
        }
    }
}
