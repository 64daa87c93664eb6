//! Causal self-attention for ONE new position over a cache of the keys and
//! values of every earlier position: how a trained GPT generates text one
//! token at a time without recomputing the past (the KV cache).
//!
//! Shapes (C = channels, NH = heads, hs = C/NH, S = positions in the
//! cache, including the new one, S ≤ P):
//! q [C] (the new position's query, heads side by side), kcache [P,C] and
//! vcache [P,C] (row s holds position s's key or value; rows 0..S are
//! read), out [C], att [NH,S] (each head's softmax weights over the S
//! positions, kept for drawing).
//!
//! For each head h: att_h = softmax(q_h·K_hᵀ/√hs) over positions 0..S, then
//! out_h = att_h·V_h — the last row of what [`super::attention::forward`]
//! computes for a whole sequence. Both products go through `matmul` on
//! strided views of the caches (rows C apart). Inference only: nothing
//! trains through a cache, so this op has no backward pass; training uses
//! `attention.rs`, whose backward is beside its forward.

use super::shape::expect;
use crate::tensor::fastmath;
use crate::tensor::matmul::{matmul, Base, MatRef};

/// Head `h`'s S×hs view of a [P,C] cache: rows C apart from its channel.
fn head(cache: &[f32], h: usize, s: usize, c: usize, hs: usize) -> MatRef<'_> {
    MatRef {
        data: &cache[h * hs..(s - 1) * c + (h + 1) * hs],
        rows: s,
        cols: hs,
        rs: c,
        cs: 1,
    }
}

/// out = attention of the new query over the first `s` cached positions.
#[allow(clippy::too_many_arguments)]
pub fn forward(
    out: &mut [f32],
    att: &mut [f32],
    q: &[f32],
    kcache: &[f32],
    vcache: &[f32],
    s: usize,
    p: usize,
    c: usize,
    nh: usize,
) {
    let op = "attention (cached)";
    assert!(
        nh > 0 && c.is_multiple_of(nh),
        "{op}: C = {c} is not divisible by NH = {nh}"
    );
    assert!(
        (1..=p).contains(&s),
        "{op}: S = {s} positions, outside 1..=P = {p}"
    );
    let hs = c / nh;
    expect(op, "q", q.len(), &[("C", c)]);
    expect(op, "out", out.len(), &[("C", c)]);
    expect(op, "att", att.len(), &[("NH", nh), ("S", s)]);
    expect(op, "kcache", kcache.len(), &[("P", p), ("C", c)]);
    expect(op, "vcache", vcache.len(), &[("P", p), ("C", c)]);
    let scale = 1.0 / (hs as f32).sqrt();
    for h in 0..nh {
        let a = &mut att[h * s..(h + 1) * s];
        let (kh, vh) = (head(kcache, h, s, c, hs), head(vcache, h, s, c, hs));
        let qh = MatRef::new(&q[h * hs..(h + 1) * hs], 1, hs);
        matmul(qh, kh.t(), a, Base::Zero);
        let max = a
            .iter()
            .fold(f32::NEG_INFINITY, |m, &x| if x > m { x } else { m });
        let mut sum = 0.0f32;
        for x in a.iter_mut() {
            *x = fastmath::exp((*x - max) * scale);
            sum += *x;
        }
        let inv = 1.0 / sum;
        a.iter_mut().for_each(|x| *x *= inv);
        matmul(
            MatRef::new(a, 1, s),
            vh,
            &mut out[h * hs..(h + 1) * hs],
            Base::Zero,
        );
    }
}
