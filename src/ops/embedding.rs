//! Token and position embedding, GPT-2's input layer: every position's
//! vector is its token's row of `wte` plus its position's row of `wpe`.
//!
//! Shapes (B = batch, T = time, C = channels, V = vocabulary, P = positions,
//! GPT-2's n_positions, with T ≤ P):
//! ids [B,T] (token ids, each < V), wte [V,C], wpe [P,C], out [B,T,C].
//!
//! out[b,t,:] = wte[ids[b,t],:] + wpe[t,:].
//! Kept for backward: the ids (the op has no other state).

use super::shape::{expect, expect_ids, expect_values};

/// Checks the sizes both passes share: T ≤ P, then each buffer, named as
/// the pass calls it (`names`: the B×T×C one, the V×C one, the P×C one).
#[track_caller]
#[allow(clippy::too_many_arguments)]
fn check(
    op: &str,
    names: [&str; 3],
    lens: [usize; 3],
    ids: &[u32],
    b: usize,
    t: usize,
    c: usize,
    v: usize,
    p: usize,
) {
    assert!(t <= p, "{op}: T = {t} exceeds the P = {p} positions of wpe");
    expect_values(op, "ids", ids.len(), &[("B", b), ("T", t)]);
    expect(op, names[0], lens[0], &[("B", b), ("T", t), ("C", c)]);
    expect(op, names[1], lens[1], &[("V", v), ("C", c)]);
    expect(op, names[2], lens[2], &[("P", p), ("C", c)]);
    expect_ids(op, "ids", ids, t, ("V", v));
}

/// out[b,t] = wte[ids[b,t]] + wpe[t].
#[allow(clippy::too_many_arguments)]
pub fn forward(
    out: &mut [f32],
    ids: &[u32],
    wte: &[f32],
    wpe: &[f32],
    b: usize,
    t: usize,
    c: usize,
    v: usize,
    p: usize,
) {
    let lens = [out.len(), wte.len(), wpe.len()];
    check("embedding", ["out", "wte", "wpe"], lens, ids, b, t, c, v, p);
    for (i, (o, &id)) in out.chunks_exact_mut(c).zip(ids).enumerate() {
        let tok = &wte[id as usize * c..(id as usize + 1) * c];
        let pos = &wpe[(i % t) * c..(i % t + 1) * c];
        for ((o, &x), &y) in o.iter_mut().zip(tok).zip(pos) {
            *o = x + y;
        }
    }
}

/// Given dout, ACCUMULATES dwte[ids[b,t]] += dout[b,t] and dwpe[t] +=
/// dout[b,t] (a token seen twice collects both gradients; with the output
/// head tied to `wte`, its gradient adds to the same buffer).
#[allow(clippy::too_many_arguments)]
pub fn backward(
    dwte: &mut [f32],
    dwpe: &mut [f32],
    dout: &[f32],
    ids: &[u32],
    b: usize,
    t: usize,
    c: usize,
    v: usize,
    p: usize,
) {
    let lens = [dout.len(), dwte.len(), dwpe.len()];
    check(
        "embedding backward",
        ["dout", "dwte", "dwpe"],
        lens,
        ids,
        b,
        t,
        c,
        v,
        p,
    );
    for (i, (g, &id)) in dout.chunks_exact(c).zip(ids).enumerate() {
        let tok = &mut dwte[id as usize * c..(id as usize + 1) * c];
        for (d, &x) in tok.iter_mut().zip(g) {
            *d += x;
        }
        let pos = &mut dwpe[(i % t) * c..(i % t + 1) * c];
        for (d, &x) in pos.iter_mut().zip(g) {
            *d += x;
        }
    }
}
