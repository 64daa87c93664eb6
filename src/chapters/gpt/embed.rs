//! The embeddings' picture: the rows of a table (token embeddings wte
//! [V,C], position embeddings wpe [P,C]) projected on their first two
//! principal components (Pearson, 1901), and a token's nearest neighbours
//! by cosine similarity.
//!
//! The components come from power iteration on the C×C covariance (built
//! with the engine's matmul), with deflation for the second. Started from
//! the last components found and given the sign that agrees with them, the
//! picture moves smoothly while the model trains instead of flipping.

use crate::tensor::matmul::{matmul, Base, MatRef};

/// Power-iteration rounds per component.
const ROUNDS: usize = 60;

/// A projection to two dimensions.
#[derive(Clone, Debug, Default)]
pub struct Projection {
    /// [N,2]: each row's coordinates on the two components.
    pub coords: Vec<f32>,
    /// Share of the variance each component holds.
    pub share: [f64; 2],
    /// The components, [2,C], to start from next time.
    pub axes: Vec<f32>,
}

fn normalise(v: &mut [f64]) -> f64 {
    let n = v.iter().map(|x| x * x).sum::<f64>().sqrt();
    if n > 0.0 {
        v.iter_mut().for_each(|x| *x /= n);
    }
    n
}

/// Projects the `n` rows of `x` [N,C] on their two principal components;
/// `start` ([2,C], or empty) holds the previous components.
pub fn pca2(x: &[f32], n: usize, c: usize, start: &[f32]) -> Projection {
    assert_eq!(
        x.len(),
        n * c,
        "pca2: x holds {} floats, expected N×C = {n}×{c}",
        x.len()
    );
    let mut mean = vec![0.0f32; c];
    for row in x.chunks_exact(c) {
        mean.iter_mut().zip(row).for_each(|(m, &v)| *m += v);
    }
    mean.iter_mut().for_each(|m| *m /= n.max(1) as f32);
    let centred: Vec<f32> = x
        .chunks_exact(c)
        .flat_map(|r| r.iter().zip(&mean).map(|(&v, &m)| v - m))
        .collect();
    let xc = MatRef::new(&centred, n, c);
    let mut cov32 = vec![0.0f32; c * c];
    matmul(xc.t(), xc, &mut cov32, Base::Zero);
    let mut cov: Vec<f64> = cov32
        .iter()
        .map(|&v| f64::from(v) / n.max(1) as f64)
        .collect();
    let total: f64 = (0..c).map(|i| cov[i * c + i]).sum();
    let mut axes = vec![0.0f32; 2 * c];
    let mut share = [0.0; 2];
    for k in 0..2 {
        let mut v: Vec<f64> = if start.len() == 2 * c {
            start[k * c..(k + 1) * c]
                .iter()
                .map(|&s| f64::from(s))
                .collect()
        } else {
            (0..c).map(|i| 1.0 + (i as f64 * 0.618).fract()).collect()
        };
        normalise(&mut v);
        let mut lambda = 0.0;
        for _ in 0..ROUNDS {
            let w: Vec<f64> = (0..c)
                .map(|i| (0..c).map(|j| cov[i * c + j] * v[j]).sum())
                .collect();
            v = w;
            lambda = normalise(&mut v);
            if lambda == 0.0 {
                break;
            }
        }
        // The sign that agrees with the previous axis (else: a positive sum).
        let agree: f64 = if start.len() == 2 * c {
            v.iter()
                .zip(&start[k * c..(k + 1) * c])
                .map(|(a, &b)| a * f64::from(b))
                .sum()
        } else {
            v.iter().sum()
        };
        if agree < 0.0 {
            v.iter_mut().for_each(|x| *x = -*x);
        }
        share[k] = if total > 0.0 { lambda / total } else { 0.0 };
        // Deflate: remove this component before finding the next.
        for i in 0..c {
            for j in 0..c {
                cov[i * c + j] -= lambda * v[i] * v[j];
            }
        }
        for (a, &b) in axes[k * c..(k + 1) * c].iter_mut().zip(&v) {
            *a = b as f32;
        }
    }
    let mut coords = vec![0.0f32; n * 2];
    matmul(xc, MatRef::new(&axes, 2, c).t(), &mut coords, Base::Zero);
    Projection {
        coords,
        share,
        axes,
    }
}

/// The `k` rows most similar to row `id` of `x` [N,C] by cosine
/// similarity, with it, most similar first (the row itself left out).
pub fn neighbours(x: &[f32], n: usize, c: usize, id: usize, k: usize) -> Vec<(u32, f32)> {
    assert_eq!(
        x.len(),
        n * c,
        "neighbours: x holds {} floats, expected N×C = {n}×{c}",
        x.len()
    );
    if id >= n {
        return Vec::new();
    }
    let norm = |r: &[f32]| r.iter().map(|v| v * v).sum::<f32>().sqrt().max(1e-12);
    let q = &x[id * c..(id + 1) * c];
    let qn = norm(q);
    let mut sims: Vec<(u32, f32)> = x
        .chunks_exact(c)
        .enumerate()
        .filter(|&(i, _)| i != id)
        .map(|(i, r)| {
            (
                i as u32,
                r.iter().zip(q).map(|(a, b)| a * b).sum::<f32>() / (norm(r) * qn),
            )
        })
        .collect();
    sims.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    sims.truncate(k);
    sims
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_directions_of_largest_spread() {
        // Points spread 3 along (1,1,0)/√2, 1 along (0,0,1), 0 along the rest.
        let mut x = Vec::new();
        for i in 0..50 {
            let a = (i as f32 - 24.5) / 10.0;
            let b = if i % 2 == 0 { 0.3 } else { -0.3 };
            x.extend([3.0 * a / 2f32.sqrt(), 3.0 * a / 2f32.sqrt(), b]);
        }
        let p = pca2(&x, 50, 3, &[]);
        assert!(
            (p.axes[0].abs() - 0.7071).abs() < 1e-3 && (p.axes[2]).abs() < 1e-2,
            "{:?}",
            p.axes
        );
        assert!((p.axes[5].abs() - 1.0).abs() < 1e-3, "{:?}", p.axes);
        assert!(
            p.share[0] > 0.9 && p.share[0] + p.share[1] > 0.999,
            "{:?}",
            p.share
        );
        // Started from its own answer, the same answer with the same signs.
        let q = pca2(&x, 50, 3, &p.axes);
        for (a, b) in p.coords.iter().zip(&q.coords) {
            assert!((a - b).abs() < 1e-4);
        }
        let nb = neighbours(&[1.0, 0.0, 0.9, 0.1, 0.0, 1.0, -1.0, 0.0], 4, 2, 0, 2);
        assert_eq!(nb.iter().map(|e| e.0).collect::<Vec<_>>(), [1, 2]);
    }
}
