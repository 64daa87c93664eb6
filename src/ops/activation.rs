//! Elementwise activations: y = f(z), and dz = dy · f'(z).

use crate::tensor::fastmath;

/// Slope of leaky ReLU for negative inputs.
pub const LEAKY_SLOPE: f32 = 0.01;
const SQRT_2_OVER_PI: f32 = 0.797_884_6;
const GELU_CUBIC: f32 = 0.044_715;

/// GELU in its tanh form (Hendrycks and Gimpel, 2016), as GPT-2 uses it:
/// ½·z·(1 + tanh(√(2/π)·(z + 0.044715·z³))). Shared by [`Activation::Gelu`]
/// and the transformer's op (`ops::gelu`).
#[inline(always)]
pub fn gelu(z: f32) -> f32 {
    0.5 * z * (1.0 + fastmath::tanh(SQRT_2_OVER_PI * (z + GELU_CUBIC * z * z * z)))
}

/// The derivative of [`gelu`] at z.
#[inline(always)]
pub fn gelu_derivative(z: f32) -> f32 {
    let u = SQRT_2_OVER_PI * (z + GELU_CUBIC * z * z * z);
    let t = fastmath::tanh(u);
    let du = SQRT_2_OVER_PI * (1.0 + 3.0 * GELU_CUBIC * z * z);
    0.5 * (1.0 + t) + 0.5 * z * (1.0 - t * t) * du
}

/// max(z, 0), keeping NaN (a diverged network must not look healthy).
#[inline(always)]
fn relu(z: f32) -> f32 {
    if z > 0.0 {
        z
    } else {
        z * 0.0
    }
}

/// An activation function.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Activation {
    Relu,
    Tanh,
    Sigmoid,
    Linear,
    LeakyRelu,
    Elu,
    /// GELU in its tanh form (Hendrycks and Gimpel, 2016).
    Gelu,
    Sine,
    /// x · sigmoid(x) (Ramachandran et al., 2017).
    Swish,
}

impl Activation {
    /// Every activation, in the order the page lists them.
    pub const ALL: [Activation; 9] = [
        Activation::Relu,
        Activation::Tanh,
        Activation::Sigmoid,
        Activation::Linear,
        Activation::LeakyRelu,
        Activation::Elu,
        Activation::Gelu,
        Activation::Sine,
        Activation::Swish,
    ];

    /// Name used in links (TensorFlow Playground's names for the first four).
    pub fn name(self) -> &'static str {
        match self {
            Activation::Relu => "relu",
            Activation::Tanh => "tanh",
            Activation::Sigmoid => "sigmoid",
            Activation::Linear => "linear",
            Activation::LeakyRelu => "leakyRelu",
            Activation::Elu => "elu",
            Activation::Gelu => "gelu",
            Activation::Sine => "sine",
            Activation::Swish => "swish",
        }
    }

    /// Scalar f(z).
    #[inline(always)]
    pub fn f(self, z: f32) -> f32 {
        match self {
            Activation::Relu => relu(z),
            Activation::Tanh => fastmath::tanh(z),
            Activation::Sigmoid => fastmath::sigmoid(z),
            Activation::Linear => z,
            Activation::LeakyRelu => {
                if z > 0.0 {
                    z
                } else {
                    LEAKY_SLOPE * z
                }
            }
            Activation::Elu => {
                if z > 0.0 {
                    z
                } else {
                    fastmath::expm1(z)
                }
            }
            Activation::Gelu => gelu(z),
            Activation::Sine => fastmath::sin(z),
            Activation::Swish => z * fastmath::sigmoid(z),
        }
    }

    /// Scalar f'(z), given z and y = f(z).
    #[inline(always)]
    pub fn df(self, z: f32, y: f32) -> f32 {
        match self {
            Activation::Relu => {
                if z > 0.0 {
                    1.0
                } else {
                    0.0
                }
            }
            Activation::Tanh => 1.0 - y * y,
            Activation::Sigmoid => y * (1.0 - y),
            Activation::Linear => 1.0,
            Activation::LeakyRelu => {
                if z > 0.0 {
                    1.0
                } else {
                    LEAKY_SLOPE
                }
            }
            Activation::Elu => {
                if z > 0.0 {
                    1.0
                } else {
                    y + 1.0
                }
            }
            Activation::Gelu => gelu_derivative(z),
            Activation::Sine => fastmath::cos(z),
            Activation::Swish => {
                let s = fastmath::sigmoid(z);
                s + z * s * (1.0 - s)
            }
        }
    }

    /// Forward over a slice: `y[i] = f(z[i])`.
    pub fn forward(self, z: &[f32], y: &mut [f32]) {
        assert_eq!(z.len(), y.len());
        // One loop per variant, so each compiles to a tight vectorisable loop.
        macro_rules! each {
            ($f:expr) => {
                for (yi, &zi) in y.iter_mut().zip(z) {
                    *yi = $f(zi);
                }
            };
        }
        match self {
            Activation::Relu => each!(relu),
            Activation::Tanh => each!(fastmath::tanh),
            Activation::Sigmoid => each!(fastmath::sigmoid),
            Activation::Linear => y.copy_from_slice(z),
            a => each!(|z| a.f(z)),
        }
    }

    /// Backward over a slice: `dz[i] = dy[i] · f'(z[i])`.
    pub fn backward(self, z: &[f32], y: &[f32], dy: &[f32], dz: &mut [f32]) {
        assert!(z.len() == y.len() && y.len() == dy.len() && dy.len() == dz.len());
        match self {
            Activation::Tanh => {
                for ((d, &g), &yi) in dz.iter_mut().zip(dy).zip(y) {
                    *d = g * (1.0 - yi * yi);
                }
            }
            Activation::Linear => dz.copy_from_slice(dy),
            a => {
                for i in 0..dz.len() {
                    dz[i] = dy[i] * a.df(z[i], y[i]);
                }
            }
        }
    }
}

impl std::str::FromStr for Activation {
    type Err = ();
    fn from_str(s: &str) -> Result<Self, ()> {
        Activation::ALL.iter().copied().find(|a| a.name() == s).ok_or(())
    }
}
