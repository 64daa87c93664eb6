//! The Bradley–Terry preference loss (Bradley and Terry, 1952; used for
//! reward models by Christiano et al., 2017 and Ouyang et al., 2022): the
//! probability that the preferred item w beats the other l is σ(r_w − r_l),
//! and the loss is its negative log, averaged over the P pairs:
//! L = (1/P)·Σ −log σ(r_w − r_l) = (1/P)·Σ softplus(r_l − r_w).
//!
//! Shapes (P = pairs): rw [P], rl [P], drw [P], drl [P].
//! Kept for backward: nothing beyond the scores.

use super::shape::expect;
use crate::tensor::fastmath;

/// softplus(−z) = log(1 + e^(−z)), without overflow.
#[inline]
fn softplus_neg(z: f32) -> f64 {
    let z = f64::from(z);
    (-z).max(0.0) + (-z.abs()).exp().ln_1p()
}

/// The mean loss over the pairs (f64).
pub fn forward(rw: &[f32], rl: &[f32], p: usize) -> f64 {
    expect("bradley_terry forward", "rw", rw.len(), &[("P", p)]);
    expect("bradley_terry forward", "rl", rl.len(), &[("P", p)]);
    let sum: f64 = rw.iter().zip(rl).map(|(&w, &l)| softplus_neg(w - l)).sum();
    sum / p.max(1) as f64
}

/// drw = −σ(r_l − r_w)/P, drl = +σ(r_l − r_w)/P (overwritten).
pub fn backward(drw: &mut [f32], drl: &mut [f32], rw: &[f32], rl: &[f32], p: usize) {
    expect("bradley_terry backward", "drw", drw.len(), &[("P", p)]);
    expect("bradley_terry backward", "drl", drl.len(), &[("P", p)]);
    expect("bradley_terry backward", "rw", rw.len(), &[("P", p)]);
    expect("bradley_terry backward", "rl", rl.len(), &[("P", p)]);
    let inv = 1.0 / p.max(1) as f32;
    for i in 0..p {
        let s = fastmath::sigmoid(rl[i] - rw[i]) * inv;
        drw[i] = -s;
        drl[i] = s;
    }
}
