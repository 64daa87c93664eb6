//! GELU as a transformer op: the MLP's nonlinearity in every GPT-2 block.
//!
//! Shapes (N = number of elements, B·T·4C in a GPT block):
//! inp [N], out [N]; backward dout [N], dinp [N].
//!
//! Kept for backward: the input `inp` (the derivative is a function of the
//! pre-activation). The function is the tanh form of
//! `Activation::Gelu` (Hendrycks and Gimpel, 2016), ½·z·(1 + tanh u) with
//! u = √(2/π)·(z + 0.044715·z³), written through ½·(1 + tanh u) = σ(2u):
//! z·σ(2u) = z / (1 + e^(−2u)), one exponential and one division and no
//! branch, so the slice loops vectorise (the transformer's MLP runs it on
//! B·T·4C values per block, both ways). It agrees with
//! [`super::activation::gelu`] to float rounding.

use super::shape::expect;
use crate::tensor::fastmath;

const SQRT_2_OVER_PI: f32 = 0.797_884_6;
const GELU_CUBIC: f32 = 0.044_715;

/// σ(2u) for the GELU's u at z: ½·(1 + tanh u).
#[inline(always)]
fn half_one_plus_tanh(z: f32) -> f32 {
    let u = SQRT_2_OVER_PI * (z + GELU_CUBIC * z * z * z);
    1.0 / (1.0 + fastmath::exp(-2.0 * u))
}

/// GELU(z) = z·σ(2u).
#[inline(always)]
fn gelu(z: f32) -> f32 {
    z * half_one_plus_tanh(z)
}

/// GELU'(z) = s + z·2s(1 − s)·du/dz with s = σ(2u) (as ½(1 − tanh²u) =
/// 2s(1 − s)).
#[inline(always)]
fn gelu_derivative(z: f32) -> f32 {
    let s = half_one_plus_tanh(z);
    let du = SQRT_2_OVER_PI * (1.0 + 3.0 * GELU_CUBIC * z * z);
    s + 2.0 * z * s * (1.0 - s) * du
}

/// out = GELU(inp), elementwise.
pub fn forward(out: &mut [f32], inp: &[f32], n: usize) {
    expect("gelu", "inp", inp.len(), &[("N", n)]);
    expect("gelu", "out", out.len(), &[("N", n)]);
    for (o, &z) in out.iter_mut().zip(inp) {
        *o = gelu(z);
    }
}

/// dinp = dout · GELU'(inp), elementwise (written, not accumulated).
pub fn backward(dinp: &mut [f32], inp: &[f32], dout: &[f32], n: usize) {
    expect("gelu backward", "inp", inp.len(), &[("N", n)]);
    expect("gelu backward", "dout", dout.len(), &[("N", n)]);
    expect("gelu backward", "dinp", dinp.len(), &[("N", n)]);
    for ((d, &z), &g) in dinp.iter_mut().zip(inp).zip(dout) {
        *d = g * gelu_derivative(z);
    }
}

#[cfg(test)]
mod tests {
    use crate::ops::activation;

    /// The sigmoid form against the tanh form it rewrites, from far
    /// negative (where e^(−2u) is clamped) to far positive.
    #[test]
    fn matches_the_tanh_form() {
        for i in -2000..=2000 {
            let z = i as f32 * 0.01;
            let (f, g) = (super::gelu(z), activation::gelu(z));
            assert!((f - g).abs() <= 2e-6 * (1.0 + g.abs()), "gelu({z}): {f} vs {g}");
            let (f, g) = (super::gelu_derivative(z), activation::gelu_derivative(z));
            assert!((f - g).abs() <= 2e-6 * (1.0 + g.abs()), "gelu'({z}): {f} vs {g}");
        }
        assert!(super::gelu(f32::NAN).is_nan());
        assert!(super::gelu(-100.0).abs() < 1e-30);
    }
}
