//! GELU as a transformer op: the MLP's nonlinearity in every GPT-2 block.
//!
//! Shapes (N = number of elements, B·T·4C in a GPT block):
//! inp [N], out [N]; backward dout [N], dinp [N].
//!
//! Kept for backward: the input `inp` (the derivative is a function of the
//! pre-activation). The scalar maths are [`activation::gelu`] and
//! [`activation::gelu_derivative`], the same tanh form as
//! `Activation::Gelu` (Hendrycks and Gimpel, 2016).

use super::activation::{gelu, gelu_derivative};
use super::shape::expect;

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
