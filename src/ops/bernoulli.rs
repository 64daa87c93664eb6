//! Sampling binary stochastic units: each unit is 1 with its probability,
//! else 0, drawn from the seeded generator. The Gibbs steps of a restricted
//! Boltzmann machine (Hinton, 2002: contrastive divergence) sample hidden
//! units from p(h | v) and visible units from p(v | h) this way.
//!
//! Shapes (B = rows, N = units per row): probs [B, N], out [B, N].
//!
//! There is no backward: a sample is not a differentiable function of its
//! probability (its gradient is zero almost everywhere). Contrastive
//! divergence makes its gradient from the statistics of the samples
//! instead, and nothing is kept.

use super::shape::expect;
use crate::rng::Rng;

/// 2⁻³², to turn 32 random bits into a uniform number in [0, 1).
const UNIT: f64 = 1.0 / 4_294_967_296.0;

/// out[k] = 1 with probability probs[k], else 0 (one draw of `rng` per
/// unit, in order, so a seed fixes every sample). Probabilities at or
/// below 0 always give 0, at or above 1 always 1; NaN gives 0.
pub fn sample(out: &mut [f32], probs: &[f32], rng: &mut Rng, rows: usize, units: usize) {
    expect(
        "bernoulli",
        "probs",
        probs.len(),
        &[("B", rows), ("N", units)],
    );
    expect("bernoulli", "out", out.len(), &[("B", rows), ("N", units)]);
    for (o, &p) in out.iter_mut().zip(probs) {
        let u = f64::from(rng.next_u32()) * UNIT;
        *o = if u < f64::from(p) { 1.0 } else { 0.0 };
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empirical_means_match_the_probabilities() {
        let probs = [0.0, 0.02, 0.1, 0.25, 0.5, 0.7, 0.9, 0.999, 1.0, -0.5, 1.5];
        let (rows, units) = (20_000, probs.len());
        let p: Vec<f32> = (0..rows).flat_map(|_| probs).collect();
        let mut out = vec![0.5; rows * units];
        sample(&mut out, &p, &mut Rng::new(3), rows, units);
        assert!(out.iter().all(|&v| v == 0.0 || v == 1.0));
        for (j, &pj) in probs.iter().enumerate() {
            let mean = (0..rows)
                .map(|r| f64::from(out[r * units + j]))
                .sum::<f64>()
                / rows as f64;
            let want = f64::from(pj).clamp(0.0, 1.0);
            // Four standard errors of the mean (exact at 0 and 1).
            let tol = 4.0 * (want * (1.0 - want) / rows as f64).sqrt();
            assert!((mean - want).abs() <= tol, "p = {pj}: mean {mean}");
        }
        let mut again = vec![0.0; rows * units];
        sample(&mut again, &p, &mut Rng::new(3), rows, units);
        assert_eq!(out, again, "a seed fixes every sample");
    }

    #[test]
    #[should_panic(expected = "bernoulli: out holds 5 floats, expected B×N = 2×3 = 6")]
    fn refuses_a_wrong_output() {
        sample(&mut [0.0; 5], &[0.5; 6], &mut Rng::new(1), 2, 3);
    }
}
