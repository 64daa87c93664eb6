//! Finite differences shared by the gradient checks: a scalar L built from
//! an op's output (a random weighting Σ rᵢ·outᵢ, or the loss itself), each
//! input moved by ±ε, and the central difference (L(+ε) − L(−ε)) / 2ε
//! compared with the analytic gradient within 2e-3 + 2e-2·|numeric| (f32).
#![allow(dead_code)]

use neuroplay::rng::Rng;

pub const EPS: f32 = 1e-2;

pub fn close(analytic: f32, numeric: f32, what: &str) {
    let tol = 2e-3 + 2e-2 * numeric.abs();
    assert!(
        (analytic - numeric).abs() <= tol,
        "{what}: analytic {analytic} vs numeric {numeric}"
    );
}

pub fn random(r: &mut Rng, n: usize, scale: f64) -> Vec<f32> {
    (0..n).map(|_| r.uniform(-scale, scale) as f32).collect()
}

pub fn weighted(v: &[f32], r: &[f32]) -> f64 {
    v.iter()
        .zip(r)
        .map(|(&a, &b)| f64::from(a) * f64::from(b))
        .sum()
}

/// Central difference of `f` with respect to `x[i]`.
pub fn numeric(x: &mut [f32], i: usize, mut f: impl FnMut(&[f32]) -> f64) -> f32 {
    let orig = x[i];
    x[i] = orig + EPS;
    let up = f(x);
    x[i] = orig - EPS;
    let down = f(x);
    x[i] = orig;
    ((up - down) / (2.0 * f64::from(EPS))) as f32
}
