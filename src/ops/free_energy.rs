//! Free energy of a restricted Boltzmann machine with binary hidden units
//! (Smolensky, 1986; Hinton, 2002): the hidden units summed out,
//!
//!   F(v) = −v·b − Σ_j softplus(c_j + (v·W)_j),   p(v) ∝ e^{−F(v)}.
//!
//! Its gradient is what contrastive divergence is made of: the negative
//! log-likelihood's gradient is E_data[∂F/∂θ] − E_model[∂F/∂θ], so the
//! backward below, run once with weights +1/B on the data rows and once
//! with −1/B on the chain's rows, is the CD (or persistent CD) estimate.
//!
//! Shapes (B = rows, V = visible units, H = hidden units), row-major:
//! v [B×V], W [V×H], b [V], c [H], F [B], pre [B×H], dF [B].
//! The forward keeps `pre` = v·W + c (the hidden units' input, whose
//! sigmoid is p(h = 1 | v)) for the backward.

use super::linear;
use super::shape::expect;
use crate::tensor::fastmath;

/// log(1 + eˣ) without overflow.
#[inline]
pub fn softplus(x: f32) -> f32 {
    if x > 15.0 {
        x + fastmath::exp(-x)
    } else {
        (1.0 + fastmath::exp(x)).ln()
    }
}

/// F[r] = −v_r·b − Σ_j softplus(pre[r, j]) with pre = v·W + c (kept).
#[allow(clippy::too_many_arguments)]
pub fn forward(
    f: &mut [f32],
    pre: &mut [f32],
    v: &[f32],
    w: &[f32],
    b: &[f32],
    c: &[f32],
    rows: usize,
    visible: usize,
    hidden: usize,
) {
    let op = "free energy";
    expect(op, "f", f.len(), &[("B", rows)]);
    expect(op, "pre", pre.len(), &[("B", rows), ("H", hidden)]);
    expect(op, "v", v.len(), &[("B", rows), ("V", visible)]);
    expect(op, "w", w.len(), &[("V", visible), ("H", hidden)]);
    expect(op, "b", b.len(), &[("V", visible)]);
    expect(op, "c", c.len(), &[("H", hidden)]);
    linear::forward(pre, v, w, Some(c), rows, visible, hidden);
    for r in 0..rows {
        let vr = &v[r * visible..(r + 1) * visible];
        let lin: f32 = vr.iter().zip(b).map(|(x, y)| x * y).sum();
        let soft: f32 = pre[r * hidden..(r + 1) * hidden]
            .iter()
            .map(|&x| softplus(x))
            .sum();
        f[r] = -lin - soft;
    }
}

/// Given dL/dF [B], accumulates dW += vᵀ·dpre, db += −Σ_r dF_r·v_r,
/// dc += Σ_r dpre_r, with dpre = −dF_r·sigmoid(pre) written into `dpre`
/// [B×H] (a workspace); writes dv = dpre·Wᵀ − dF_r·b when `dv` is given.
#[allow(clippy::too_many_arguments)]
pub fn backward(
    dv: Option<&mut [f32]>,
    dw: &mut [f32],
    db: &mut [f32],
    dc: &mut [f32],
    dpre: &mut [f32],
    df: &[f32],
    pre: &[f32],
    v: &[f32],
    w: &[f32],
    b: &[f32],
    rows: usize,
    visible: usize,
    hidden: usize,
) {
    let op = "free energy backward";
    expect(op, "df", df.len(), &[("B", rows)]);
    expect(op, "pre", pre.len(), &[("B", rows), ("H", hidden)]);
    expect(op, "dpre", dpre.len(), &[("B", rows), ("H", hidden)]);
    expect(op, "v", v.len(), &[("B", rows), ("V", visible)]);
    expect(op, "b", b.len(), &[("V", visible)]);
    expect(op, "w", w.len(), &[("V", visible), ("H", hidden)]);
    expect(op, "dw", dw.len(), &[("V", visible), ("H", hidden)]);
    expect(op, "db", db.len(), &[("V", visible)]);
    expect(op, "dc", dc.len(), &[("H", hidden)]);
    for r in 0..rows {
        let g = df[r];
        let (p, d) = (
            &pre[r * hidden..(r + 1) * hidden],
            &mut dpre[r * hidden..(r + 1) * hidden],
        );
        for (d, &x) in d.iter_mut().zip(p) {
            *d = -g * fastmath::sigmoid(x);
        }
        for (gb, &x) in db.iter_mut().zip(&v[r * visible..(r + 1) * visible]) {
            *gb -= g * x;
        }
    }
    match dv {
        Some(dv) => {
            expect(op, "dv", dv.len(), &[("B", rows), ("V", visible)]);
            linear::backward(
                Some(&mut *dv),
                dw,
                Some(dc),
                dpre,
                v,
                w,
                rows,
                visible,
                hidden,
            );
            for (r, row) in dv.chunks_exact_mut(visible).enumerate() {
                for (d, &bb) in row.iter_mut().zip(b) {
                    *d -= df[r] * bb;
                }
            }
        }
        None => linear::backward(None, dw, Some(dc), dpre, v, w, rows, visible, hidden),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    #[should_panic(expected = "free energy: w holds 5 floats, expected V×H = 2×3 = 6")]
    fn refuses_a_wrong_weight_matrix() {
        let (mut f, mut pre) = ([0.0; 1], [0.0; 3]);
        forward(
            &mut f, &mut pre, &[1.0; 2], &[0.0; 5], &[0.0; 2], &[0.0; 3], 1, 2, 3,
        );
    }

    #[test]
    fn softplus_is_stable_far_out() {
        assert!((softplus(0.0) - std::f32::consts::LN_2).abs() < 1e-5);
        assert!((softplus(40.0) - 40.0).abs() < 1e-5);
        assert!(softplus(-40.0) >= 0.0 && softplus(-40.0) < 1e-12);
    }
}
