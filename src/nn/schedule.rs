//! Learning-rate schedules, read at every step so that a change keeps the
//! weights.

/// How the learning rate moves with the step count.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Schedule {
    /// The same rate at every step.
    Constant,
    /// Linear warm-up from 0 over `warmup` steps, then a cosine decay to
    /// `min_ratio` of the rate at step `total` (held there afterwards), as
    /// GPT-2-style training does.
    WarmupCosine {
        warmup: u64,
        total: u64,
        min_ratio: f32,
    },
}

impl Schedule {
    /// The rate for step `step` (counted from 0) when the base rate is `lr`.
    pub fn rate(self, lr: f32, step: u64) -> f32 {
        match self {
            Schedule::Constant => lr,
            Schedule::WarmupCosine {
                warmup,
                total,
                min_ratio,
            } => {
                if step < warmup {
                    return lr * (step + 1) as f32 / warmup as f32;
                }
                let span = total.saturating_sub(warmup).max(1);
                let done = (step - warmup).min(span) as f64 / span as f64;
                let cos = 0.5 * (1.0 + (std::f64::consts::PI * done).cos());
                lr * (min_ratio + (1.0 - min_ratio) * cos as f32)
            }
        }
    }
}

/// Scales `grad` so that its Euclidean norm, `norm`, is at most `max`
/// (no change when `max` is 0 or the norm is within it); returns the factor.
pub fn clip_by_norm(grad: &mut [f32], norm: f64, max: f32) -> f32 {
    if max <= 0.0 || !(norm > f64::from(max)) {
        return 1.0;
    }
    let k = (f64::from(max) / norm) as f32;
    grad.iter_mut().for_each(|g| *g *= k);
    k
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn warmup_then_cosine() {
        let s = Schedule::WarmupCosine {
            warmup: 10,
            total: 110,
            min_ratio: 0.1,
        };
        assert!((s.rate(1.0, 0) - 0.1).abs() < 1e-6);
        assert!((s.rate(1.0, 9) - 1.0).abs() < 1e-6);
        assert!((s.rate(1.0, 10) - 1.0).abs() < 1e-6);
        assert!((s.rate(1.0, 60) - 0.55).abs() < 1e-5);
        assert!((s.rate(1.0, 110) - 0.1).abs() < 1e-6);
        assert!((s.rate(1.0, 10_000) - 0.1).abs() < 1e-6);
        assert_eq!(Schedule::Constant.rate(0.3, 77), 0.3);
    }

    #[test]
    fn clipping_bounds_the_norm() {
        let mut g = [3.0f32, 4.0];
        assert_eq!(clip_by_norm(&mut g, 5.0, 0.0), 1.0);
        assert_eq!(clip_by_norm(&mut g, 5.0, 10.0), 1.0);
        let k = clip_by_norm(&mut g, 5.0, 1.0);
        assert!((k - 0.2).abs() < 1e-7 && (g[0] - 0.6).abs() < 1e-6 && (g[1] - 0.8).abs() < 1e-6);
    }
}
