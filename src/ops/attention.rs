//! Causal multi-head self-attention (Vaswani et al., 2017), as GPT-2's
//! blocks compute it after their `c_attn` projection.
//!
//! Shapes (B = batch, T = time, C = channels, NH = heads, hs = C/NH):
//! qkv [B,T,3C] (q | k | v concatenated along the channels, GPT-2's layout;
//! head h reads channels h·hs..(h+1)·hs of each third), out [B,T,C] (heads
//! side by side), att [B,NH,T,T].
//!
//! For each (b, h): att = softmax(mask(Q·Kᵀ/√hs)) with the causal mask
//! (position t sees positions ≤ t), then out_h = att·V. Kept for backward
//! AND for drawing: `att`, the softmax rows, exactly zero above the
//! diagonal (plus the input qkv).
//!
//! Both products of every (b, h) go through the engine's `matmul` on
//! strided views of qkv (rows 3C apart; no copies of Q, K or V). The
//! kernel writes a contiguous result, so each head's [T,hs] output (and
//! each of dQ, dK, dV in backward) passes through a small `scratch` and is
//! then copied into its columns of `out` (resp. `dqkv`): O(B·T·C) copying
//! against O(B·T²·C) multiply-adds.

use super::shape::expect;
use crate::tensor::fastmath;
use crate::tensor::matmul::{matmul, Base, MatRef};

/// Panics unless the heads divide the channels; returns hs = C/NH.
#[track_caller]
fn head_size(op: &str, c: usize, nh: usize) -> usize {
    assert!(
        nh > 0 && c.is_multiple_of(nh),
        "{op}: C = {c} is not divisible by NH = {nh}"
    );
    c / nh
}

/// One head's T×hs view of the third `part` (0 = q, 1 = k, 2 = v) of
/// batch row `bi`'s qkv: rows 3C apart, starting at the head's channel.
fn head(
    qkv: &[f32],
    bi: usize,
    part: usize,
    h: usize,
    t: usize,
    c: usize,
    hs: usize,
) -> MatRef<'_> {
    let row0 = bi * t * 3 * c;
    MatRef {
        data: &qkv[row0 + part * c + h * hs..row0 + t * 3 * c],
        rows: t,
        cols: hs,
        rs: 3 * c,
        cs: 1,
    }
}

/// Copies `src` [T,hs] into columns `col..col + hs` of `dst` [T,width].
fn scatter(dst: &mut [f32], width: usize, col: usize, src: &[f32], hs: usize) {
    for (d, s) in dst.chunks_exact_mut(width).zip(src.chunks_exact(hs)) {
        d[col..col + hs].copy_from_slice(s);
    }
}

/// out = causal attention of qkv; att keeps the weights. `scratch` holds
/// T×hs floats (one head's output before it is placed).
#[allow(clippy::too_many_arguments)]
pub fn forward(
    out: &mut [f32],
    att: &mut [f32],
    scratch: &mut [f32],
    qkv: &[f32],
    b: usize,
    t: usize,
    c: usize,
    nh: usize,
) {
    let op = "attention";
    let hs = head_size(op, c, nh);
    expect(op, "qkv", qkv.len(), &[("B", b), ("T", t), ("3C", 3 * c)]);
    expect(op, "out", out.len(), &[("B", b), ("T", t), ("C", c)]);
    expect(
        op,
        "att",
        att.len(),
        &[("B", b), ("NH", nh), ("T", t), ("T", t)],
    );
    expect(op, "scratch", scratch.len(), &[("T", t), ("hs", hs)]);
    if t == 0 {
        return;
    }
    let scale = 1.0 / (hs as f32).sqrt();
    for bi in 0..b {
        let out_b = &mut out[bi * t * c..(bi + 1) * t * c];
        for h in 0..nh {
            let a = &mut att[(bi * nh + h) * t * t..(bi * nh + h + 1) * t * t];
            let k = head(qkv, bi, 1, h, t, c, hs);
            matmul(head(qkv, bi, 0, h, t, c, hs), k.t(), a, Base::Zero);
            for (i, row) in a.chunks_exact_mut(t).enumerate() {
                let (seen, masked) = row.split_at_mut(i + 1);
                let max = seen
                    .iter()
                    .fold(f32::NEG_INFINITY, |m, &x| if x > m { x } else { m });
                let mut sum = 0.0f32;
                for x in seen.iter_mut() {
                    *x = fastmath::exp((*x - max) * scale);
                    sum += *x;
                }
                let inv = 1.0 / sum;
                seen.iter_mut().for_each(|x| *x *= inv);
                masked.fill(0.0);
            }
            matmul(
                MatRef::new(a, t, t),
                head(qkv, bi, 2, h, t, c, hs),
                scratch,
                Base::Zero,
            );
            scatter(out_b, c, h * hs, scratch, hs);
        }
    }
}

/// Given dout, writes (not accumulates) dqkv from the kept `att` and
/// `qkv`. `scratch` holds T×(T+hs) floats: dL/d(att) of one head, then its
/// dQ, dK, dV one after the other before each is placed.
///
/// With P = att and dP = dout_h·Vᵀ: dV = Pᵀ·dout_h; through the softmax
/// dS = P ⊙ (dP − rowsum(P ⊙ dP)) / √hs; dQ = dS·K, dK = dSᵀ·Q.
#[allow(clippy::too_many_arguments)]
pub fn backward(
    dqkv: &mut [f32],
    scratch: &mut [f32],
    dout: &[f32],
    qkv: &[f32],
    att: &[f32],
    b: usize,
    t: usize,
    c: usize,
    nh: usize,
) {
    let op = "attention backward";
    let hs = head_size(op, c, nh);
    expect(op, "dqkv", dqkv.len(), &[("B", b), ("T", t), ("3C", 3 * c)]);
    expect(op, "dout", dout.len(), &[("B", b), ("T", t), ("C", c)]);
    expect(op, "qkv", qkv.len(), &[("B", b), ("T", t), ("3C", 3 * c)]);
    expect(
        op,
        "att",
        att.len(),
        &[("B", b), ("NH", nh), ("T", t), ("T", t)],
    );
    expect(op, "scratch", scratch.len(), &[("T", t), ("T+hs", t + hs)]);
    if t == 0 {
        return;
    }
    let scale = 1.0 / (hs as f32).sqrt();
    let (datt, tmp) = scratch.split_at_mut(t * t);
    for bi in 0..b {
        let dout_b = &dout[bi * t * c..(bi + 1) * t * c];
        let dqkv_b = &mut dqkv[bi * t * 3 * c..(bi + 1) * t * 3 * c];
        for h in 0..nh {
            let p = &att[(bi * nh + h) * t * t..(bi * nh + h + 1) * t * t];
            let pm = MatRef::new(p, t, t);
            let dout_h = MatRef {
                data: &dout_b[h * hs..],
                rows: t,
                cols: hs,
                rs: c,
                cs: 1,
            };
            let (q, k, v) = (
                head(qkv, bi, 0, h, t, c, hs),
                head(qkv, bi, 1, h, t, c, hs),
                head(qkv, bi, 2, h, t, c, hs),
            );
            // dV = Pᵀ·dout_h.
            matmul(pm.t(), dout_h, tmp, Base::Zero);
            scatter(dqkv_b, 3 * c, 2 * c + h * hs, tmp, hs);
            // dP = dout_h·Vᵀ, then through the softmax into dS (in place).
            matmul(dout_h, v.t(), datt, Base::Zero);
            for (i, (drow, prow)) in datt.chunks_exact_mut(t).zip(p.chunks_exact(t)).enumerate() {
                let (seen, masked) = drow.split_at_mut(i + 1);
                let dot: f32 = seen.iter().zip(prow).map(|(&d, &pp)| d * pp).sum();
                for (d, &pp) in seen.iter_mut().zip(prow) {
                    *d = pp * (*d - dot) * scale;
                }
                masked.fill(0.0);
            }
            let ds = MatRef::new(datt, t, t);
            // dQ = dS·K, dK = dSᵀ·Q.
            matmul(ds, k, tmp, Base::Zero);
            scatter(dqkv_b, 3 * c, h * hs, tmp, hs);
            matmul(ds.t(), q, tmp, Base::Zero);
            scatter(dqkv_b, 3 * c, c + h * hs, tmp, hs);
        }
    }
}
