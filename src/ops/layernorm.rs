//! Layer normalisation (Ba, Kiros and Hinton, 2016) over the channels of
//! each position, with a learned gain and bias, as GPT-2 places it before
//! attention, before the MLP and once more before the output head.
//!
//! Shapes (B = batch, T = time, C = channels; N = B·T rows):
//! inp [B,T,C], weight [C], bias [C], out [B,T,C], mean [B,T], rstd [B,T].
//!
//! out = (inp − μ)·rstd·weight + bias with μ and σ² the mean and (biased)
//! variance of the row and rstd = 1/√(σ² + 1e-5) (GPT-2's epsilon).
//! Kept for backward: `mean` and `rstd` of every row (and the input).

use super::shape::expect;

/// GPT-2's epsilon inside the square root.
pub const EPS: f32 = 1e-5;

/// Normalises every row of `inp`; writes `out`, and `mean` and `rstd` for
/// the backward pass.
#[allow(clippy::too_many_arguments)]
pub fn forward(
    out: &mut [f32],
    mean: &mut [f32],
    rstd: &mut [f32],
    inp: &[f32],
    weight: &[f32],
    bias: &[f32],
    b: usize,
    t: usize,
    c: usize,
) {
    let op = "layernorm";
    expect(op, "inp", inp.len(), &[("B", b), ("T", t), ("C", c)]);
    expect(op, "out", out.len(), &[("B", b), ("T", t), ("C", c)]);
    expect(op, "mean", mean.len(), &[("B", b), ("T", t)]);
    expect(op, "rstd", rstd.len(), &[("B", b), ("T", t)]);
    expect(op, "weight", weight.len(), &[("C", c)]);
    expect(op, "bias", bias.len(), &[("C", c)]);
    let inv_c = 1.0 / c as f32;
    for ((x, o), (m, r)) in inp
        .chunks_exact(c)
        .zip(out.chunks_exact_mut(c))
        .zip(mean.iter_mut().zip(rstd.iter_mut()))
    {
        let mu = x.iter().sum::<f32>() * inv_c;
        let var = x
            .iter()
            .map(|&v| {
                let d = v - mu;
                d * d
            })
            .sum::<f32>()
            * inv_c;
        let s = 1.0 / (var + EPS).sqrt();
        for (((o, &v), &w), &bb) in o.iter_mut().zip(x).zip(weight).zip(bias) {
            *o = (v - mu) * s * w + bb;
        }
        *m = mu;
        *r = s;
    }
}

/// Given dout, ACCUMULATES into `dinp` (+=, so that a residual stream's
/// gradient collects both of its branches in one buffer, as llm.c does),
/// `dweight` and `dbias`. With n̂ = (x − μ)·rstd and g = weight·dout:
/// dx = rstd·(g − mean(g) − n̂·mean(g·n̂)).
#[allow(clippy::too_many_arguments)]
pub fn backward(
    dinp: &mut [f32],
    dweight: &mut [f32],
    dbias: &mut [f32],
    dout: &[f32],
    inp: &[f32],
    weight: &[f32],
    mean: &[f32],
    rstd: &[f32],
    b: usize,
    t: usize,
    c: usize,
) {
    let op = "layernorm backward";
    expect(op, "dinp", dinp.len(), &[("B", b), ("T", t), ("C", c)]);
    expect(op, "dout", dout.len(), &[("B", b), ("T", t), ("C", c)]);
    expect(op, "inp", inp.len(), &[("B", b), ("T", t), ("C", c)]);
    expect(op, "dweight", dweight.len(), &[("C", c)]);
    expect(op, "dbias", dbias.len(), &[("C", c)]);
    expect(op, "weight", weight.len(), &[("C", c)]);
    expect(op, "mean", mean.len(), &[("B", b), ("T", t)]);
    expect(op, "rstd", rstd.len(), &[("B", b), ("T", t)]);
    let inv_c = 1.0 / c as f32;
    for (((dx, dy), x), (&mu, &s)) in dinp
        .chunks_exact_mut(c)
        .zip(dout.chunks_exact(c))
        .zip(inp.chunks_exact(c))
        .zip(mean.iter().zip(rstd))
    {
        // Two reductions over the row: mean(g) and mean(g·n̂).
        let (mut g_mean, mut gn_mean) = (0.0f32, 0.0f32);
        for ((&dyi, &xi), &w) in dy.iter().zip(x).zip(weight) {
            let g = w * dyi;
            g_mean += g;
            gn_mean += g * (xi - mu) * s;
        }
        g_mean *= inv_c;
        gn_mean *= inv_c;
        for i in 0..c {
            let n = (x[i] - mu) * s;
            dbias[i] += dy[i];
            dweight[i] += n * dy[i];
            dx[i] += (weight[i] * dy[i] - g_mean - n * gn_mean) * s;
        }
    }
}
