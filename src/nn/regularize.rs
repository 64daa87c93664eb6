//! L1 and L2 regularization.
//!
//! As in TensorFlow Playground, the penalty is applied as its own step after
//! the gradient step, w ← w − lr·λ·R'(w), on weights only (never biases); an
//! L1 step that would carry a weight across zero stops it at zero instead.
//! Being decoupled from the optimizer, it acts as weight decay under momentum,
//! RMSProp or Adam too (the AdamW view, Loshchilov and Hutter, 2019).

/// A penalty on weights.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Regularization {
    None,
    /// R(w) = |w|.
    L1,
    /// R(w) = ½ w².
    L2,
}

impl Regularization {
    /// R(w).
    pub fn penalty(self, w: f32) -> f32 {
        match self {
            Regularization::None => 0.0,
            Regularization::L1 => w.abs(),
            Regularization::L2 => 0.5 * w * w,
        }
    }

    /// R'(w) (L1 takes +1 at zero, as TensorFlow Playground does).
    pub fn derivative(self, w: f32) -> f32 {
        match self {
            Regularization::None => 0.0,
            Regularization::L1 => {
                if w < 0.0 {
                    -1.0
                } else {
                    1.0
                }
            }
            Regularization::L2 => w,
        }
    }

    /// Σ R(w) over the weights where `mask` is true.
    pub fn total(self, params: &[f32], mask: &[bool]) -> f64 {
        params.iter().zip(mask).filter(|(_, &m)| m).map(|(&w, _)| f64::from(self.penalty(w))).sum()
    }

    /// The decoupled step w ← w − step·R'(w), with `step` = lr·λ.
    pub fn apply(self, params: &mut [f32], mask: &[bool], step: f32) {
        if self == Regularization::None || step == 0.0 {
            return;
        }
        for (w, &m) in params.iter_mut().zip(mask) {
            if !m {
                continue;
            }
            let new = *w - step * self.derivative(*w);
            *w = if self == Regularization::L1 && *w * new < 0.0 { 0.0 } else { new };
        }
    }

    /// Name used in links (TensorFlow Playground's).
    pub fn name(self) -> &'static str {
        match self {
            Regularization::None => "none",
            Regularization::L1 => "L1",
            Regularization::L2 => "L2",
        }
    }
}
