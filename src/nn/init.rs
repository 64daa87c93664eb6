//! Weight initialisation schemes.

use crate::rng::Rng;

/// How a layer's weights and biases start.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Init {
    /// TensorFlow Playground's: weights uniform in [−0.5, 0.5), biases 0.1.
    Playground,
    /// Glorot and Bengio (2010): uniform in ±√(6 / (fan_in + fan_out)), biases 0.
    Xavier,
    /// He et al. (2015): normal with σ = √(2 / fan_in), biases 0.
    He,
    /// Everything zero (TensorFlow Playground's `initZero`).
    Zero,
}

impl Init {
    /// Fills a weight matrix of shape [fan_in × fan_out] and its bias.
    pub fn fill(self, w: &mut [f32], b: &mut [f32], fan_in: usize, fan_out: usize, rng: &mut Rng) {
        match self {
            Init::Playground => {
                w.iter_mut().for_each(|x| *x = (rng.next_f64() - 0.5) as f32);
                b.fill(0.1);
            }
            Init::Xavier => {
                let a = (6.0 / (fan_in + fan_out) as f64).sqrt();
                w.iter_mut().for_each(|x| *x = rng.uniform(-a, a) as f32);
                b.fill(0.0);
            }
            Init::He => {
                let s = (2.0 / fan_in.max(1) as f64).sqrt();
                w.iter_mut().for_each(|x| *x = (rng.normal() * s) as f32);
                b.fill(0.0);
            }
            Init::Zero => {
                w.fill(0.0);
                b.fill(0.0);
            }
        }
    }

    /// Name used in links.
    pub fn name(self) -> &'static str {
        match self {
            Init::Playground => "tf",
            Init::Xavier => "xavier",
            Init::He => "he",
            Init::Zero => "zero",
        }
    }
}
