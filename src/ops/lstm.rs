//! Long short-term memory (Hochreiter and Schmidhuber, 1997; the forget
//! gate of Gers et al., 2000) over a whole sequence, with backpropagation
//! through time over every step (to truncate, the caller passes shorter
//! sequences).
//!
//! Shapes (B = batch, T = time steps, I = inputs, H = hidden units), all
//! row-major, batch first:
//! - x [B, T, I]; h0, c0 [B, H] or none (zero initial state)
//! - w_ih [I, 4H], w_hh [H, 4H], bias [4H]: the four gates side by side in
//!   the order i, f, g, o (PyTorch's). PyTorch's `weight_ih_l0` [4H, I] and
//!   `weight_hh_l0` [4H, H] are their transposes; its two biases
//!   `bias_ih_l0` + `bias_hh_l0` add up to ours (export ours as `bias_ih_l0`
//!   and zeros as `bias_hh_l0`).
//!
//! Step t, for each row b:
//!   z = x_t·w_ih + h_{t−1}·w_hh + bias
//!   i = σ(z_i), f = σ(z_f), g = tanh(z_g), o = σ(z_o)
//!   c_t = f ⊙ c_{t−1} + i ⊙ g,  h_t = o ⊙ tanh(c_t)
//!
//! What the forward keeps for the backward (and for the page, which draws
//! them): `keep` [6, B, T, H], the sections i, f, g, o, c, h in that order
//! (indices [`I`], [`F`], [`G`], [`O`], [`C`], [`H`]; [`section`] slices one).
//! The input product x·w_ih + bias is one product over all B·T rows before
//! the recurrence; each step then adds h_{t−1}·w_hh.

use super::{linear, shape::expect};
use crate::tensor::fastmath::{sigmoid, tanh};
use crate::tensor::matmul::{matmul, Base, MatRef};

/// Section of `keep`: input gate.
pub const I: usize = 0;
/// Section of `keep`: forget gate.
pub const F: usize = 1;
/// Section of `keep`: candidate cell (g).
pub const G: usize = 2;
/// Section of `keep`: output gate.
pub const O: usize = 3;
/// Section of `keep`: cell state c.
pub const C: usize = 4;
/// Section of `keep`: hidden state h (the layer's output).
pub const H: usize = 5;
/// Sections in `keep`.
pub const SECTIONS: usize = 6;

/// Section `which` ([`I`] … [`H`]) of `keep`, [B, T, H].
pub fn section(keep: &[f32], which: usize, b: usize, t: usize, h: usize) -> &[f32] {
    expect(
        "lstm section",
        "keep",
        keep.len(),
        &[("6", SECTIONS), ("B", b), ("T", t), ("H", h)],
    );
    &keep[which * b * t * h..(which + 1) * b * t * h]
}

#[track_caller]
pub(crate) fn positive(op: &str, dims: &[(&str, usize)]) {
    if let Some((name, _)) = dims.iter().find(|d| d.1 == 0) {
        panic!("{op}: {name} is zero");
    }
}

/// The rows h_{t−1} of every sequence, [B × H]: from the kept hidden
/// states, or `h0` at t = 0 (None when the initial state is zero).
pub(crate) fn previous<'a>(
    hs: &'a [f32],
    h0: Option<&'a [f32]>,
    step: usize,
    b: usize,
    t: usize,
    h: usize,
) -> Option<MatRef<'a>> {
    if step > 0 {
        Some(MatRef {
            data: &hs[(step - 1) * h..],
            rows: b,
            cols: h,
            rs: t * h,
            cs: 1,
        })
    } else {
        h0.map(|h0| MatRef::new(h0, b, h))
    }
}

/// Runs the layer over the sequences; the hidden states are section [`H`]
/// of `keep`. `work` [B, T, 4H] holds the pre-activations, `step`
/// [B, 4H] one step's recurrent product.
#[allow(clippy::too_many_arguments)]
pub fn forward(
    keep: &mut [f32],
    work: &mut [f32],
    step: &mut [f32],
    x: &[f32],
    w_ih: &[f32],
    w_hh: &[f32],
    bias: &[f32],
    h0: Option<&[f32]>,
    c0: Option<&[f32]>,
    b: usize,
    t: usize,
    i: usize,
    h: usize,
) {
    let op = "lstm";
    positive(op, &[("B", b), ("T", t), ("I", i), ("H", h)]);
    expect(
        op,
        "keep",
        keep.len(),
        &[("6", SECTIONS), ("B", b), ("T", t), ("H", h)],
    );
    expect(op, "work", work.len(), &[("B", b), ("T", t), ("4H", 4 * h)]);
    expect(op, "step", step.len(), &[("B", b), ("4H", 4 * h)]);
    expect(op, "x", x.len(), &[("B", b), ("T", t), ("I", i)]);
    expect(op, "w_ih", w_ih.len(), &[("I", i), ("4H", 4 * h)]);
    expect(op, "w_hh", w_hh.len(), &[("H", h), ("4H", 4 * h)]);
    expect(op, "bias", bias.len(), &[("4H", 4 * h)]);
    for (name, s) in [("h0", h0), ("c0", c0)] {
        if let Some(s) = s {
            expect(op, name, s.len(), &[("B", b), ("H", h)]);
        }
    }
    linear::forward(work, x, w_ih, Some(bias), b * t, i, 4 * h);
    let n = b * t * h;
    for s in 0..t {
        let (gates, state) = keep.split_at_mut(C * n);
        let (cs, hs) = state.split_at_mut(n);
        let rec = previous(hs, h0, s, b, t, h).map(|prev| {
            matmul(prev, MatRef::new(w_hh, h, 4 * h), step, Base::Zero);
        });
        for r in 0..b {
            let at = (r * t + s) * h;
            let z = &mut work[at * 4..at * 4 + 4 * h];
            if rec.is_some() {
                for (zj, &v) in z.iter_mut().zip(&step[r * 4 * h..(r + 1) * 4 * h]) {
                    *zj += v;
                }
            }
            for j in 0..h {
                let ig = sigmoid(z[j]);
                let fg = sigmoid(z[h + j]);
                let gg = tanh(z[2 * h + j]);
                let og = sigmoid(z[3 * h + j]);
                let c_prev = if s > 0 {
                    cs[at - h + j]
                } else {
                    c0.map_or(0.0, |c0| c0[r * h + j])
                };
                let c = fg * c_prev + ig * gg;
                gates[I * n + at + j] = ig;
                gates[F * n + at + j] = fg;
                gates[G * n + at + j] = gg;
                gates[O * n + at + j] = og;
                cs[at + j] = c;
                hs[at + j] = og * tanh(c);
            }
        }
    }
}

/// Backpropagation through time. Given `dh` [B, T, H] (the loss's gradient
/// with respect to every h_t; zeros where a step feeds no loss), accumulates
/// dw_ih, dw_hh and dbias, and writes dx, dh0 and dc0 when given. `work`
/// [B, T, 4H] receives the pre-activation gradients, `carry` [2, B, H] the
/// gradients flowing back into h_{t−1} and c_{t−1}.
#[allow(clippy::too_many_arguments)]
pub fn backward(
    dx: Option<&mut [f32]>,
    dw_ih: &mut [f32],
    dw_hh: &mut [f32],
    dbias: &mut [f32],
    dh0: Option<&mut [f32]>,
    dc0: Option<&mut [f32]>,
    work: &mut [f32],
    carry: &mut [f32],
    dh: &[f32],
    keep: &[f32],
    x: &[f32],
    w_ih: &[f32],
    w_hh: &[f32],
    h0: Option<&[f32]>,
    c0: Option<&[f32]>,
    b: usize,
    t: usize,
    i: usize,
    h: usize,
) {
    let op = "lstm backward";
    positive(op, &[("B", b), ("T", t), ("I", i), ("H", h)]);
    expect(
        op,
        "keep",
        keep.len(),
        &[("6", SECTIONS), ("B", b), ("T", t), ("H", h)],
    );
    expect(op, "work", work.len(), &[("B", b), ("T", t), ("4H", 4 * h)]);
    expect(op, "carry", carry.len(), &[("2", 2), ("B", b), ("H", h)]);
    expect(op, "dh", dh.len(), &[("B", b), ("T", t), ("H", h)]);
    expect(op, "x", x.len(), &[("B", b), ("T", t), ("I", i)]);
    expect(op, "w_ih", w_ih.len(), &[("I", i), ("4H", 4 * h)]);
    expect(op, "dw_ih", dw_ih.len(), &[("I", i), ("4H", 4 * h)]);
    expect(op, "w_hh", w_hh.len(), &[("H", h), ("4H", 4 * h)]);
    expect(op, "dw_hh", dw_hh.len(), &[("H", h), ("4H", 4 * h)]);
    expect(op, "dbias", dbias.len(), &[("4H", 4 * h)]);
    if let Some(dx) = &dx {
        expect(op, "dx", dx.len(), &[("B", b), ("T", t), ("I", i)]);
    }
    for (name, s) in [("h0", h0), ("c0", c0)] {
        if let Some(s) = s {
            expect(op, name, s.len(), &[("B", b), ("H", h)]);
        }
    }
    let n = b * t * h;
    let (ig, fg, gg, og) = (
        &keep[I * n..],
        &keep[F * n..],
        &keep[G * n..],
        &keep[O * n..],
    );
    let (cs, hs) = (&keep[C * n..(C + 1) * n], &keep[H * n..(H + 1) * n]);
    let (dh_next, dc_next) = carry.split_at_mut(b * h);
    dh_next.fill(0.0);
    dc_next.fill(0.0);
    for s in (0..t).rev() {
        for r in 0..b {
            let at = (r * t + s) * h;
            let dz = &mut work[at * 4..at * 4 + 4 * h];
            for j in 0..h {
                let k = at + j;
                let dht = dh[k] + dh_next[r * h + j];
                let tc = tanh(cs[k]);
                let c_prev = if s > 0 {
                    cs[k - h]
                } else {
                    c0.map_or(0.0, |c0| c0[r * h + j])
                };
                let (iv, fv, gv, ov) = (ig[k], fg[k], gg[k], og[k]);
                let dc = dc_next[r * h + j] + dht * ov * (1.0 - tc * tc);
                dz[j] = dc * gv * iv * (1.0 - iv);
                dz[h + j] = dc * c_prev * fv * (1.0 - fv);
                dz[2 * h + j] = dc * iv * (1.0 - gv * gv);
                dz[3 * h + j] = dht * tc * ov * (1.0 - ov);
                dc_next[r * h + j] = dc * fv;
            }
        }
        let dz_t = MatRef {
            data: &work[s * 4 * h..],
            rows: b,
            cols: 4 * h,
            rs: t * 4 * h,
            cs: 1,
        };
        matmul(dz_t, MatRef::new(w_hh, h, 4 * h).t(), dh_next, Base::Zero);
    }
    recurrent_weight_gradient(dw_hh, work, hs, h0, b, t, 4 * h);
    if let Some(d) = dh0 {
        expect(op, "dh0", d.len(), &[("B", b), ("H", h)]);
        d.copy_from_slice(dh_next);
    }
    if let Some(d) = dc0 {
        expect(op, "dc0", d.len(), &[("B", b), ("H", h)]);
        d.copy_from_slice(dc_next);
    }
    linear::backward(dx, dw_ih, Some(dbias), work, x, w_ih, b * t, i, 4 * h);
}

/// dW_hh += Σ_b Σ_{s≥1} h_{b,s−1}ᵀ·dz_{b,s} (+ h0_bᵀ·dz_{b,0} with an
/// initial state), after the backward loop, as one product over all
/// B·T − 1 consecutive row pairs of `hs` [B, T, H] and `dz` [B, T, G]
/// instead of T small ones (the rows of a step are B apart, the rows of a
/// sequence are consecutive). The B − 1 pairs that cross from the last step
/// of one sequence into the first of the next belong to no sequence: a
/// second product over just those rows takes them out again, with those dz
/// rows negated for it and restored after. Shared with the plain RNN
/// (G = H there, 4H here).
pub(crate) fn recurrent_weight_gradient(
    dw_hh: &mut [f32],
    dz: &mut [f32],
    hs: &[f32],
    h0: Option<&[f32]>,
    b: usize,
    t: usize,
    g: usize,
) {
    let h = dw_hh.len() / g;
    if t > 1 {
        let rows = b * t - 1;
        let a = MatRef::new(&hs[..rows * h], rows, h);
        matmul(a.t(), MatRef::new(&dz[g..b * t * g], rows, g), dw_hh, Base::Keep);
        if b > 1 {
            let firsts = |dz: &mut [f32]| {
                for r in 1..b {
                    dz[r * t * g..r * t * g + g].iter_mut().for_each(|v| *v = -*v);
                }
            };
            firsts(dz);
            let last = MatRef { data: &hs[(t - 1) * h..], rows: b - 1, cols: h, rs: t * h, cs: 1 };
            let first = MatRef { data: &dz[t * g..], rows: b - 1, cols: g, rs: t * g, cs: 1 };
            matmul(last.t(), first, dw_hh, Base::Keep);
            firsts(dz);
        }
    }
    if let Some(h0) = h0 {
        let first = MatRef { data: dz, rows: b, cols: g, rs: t * g, cs: 1 };
        matmul(MatRef::new(h0, b, h).t(), first, dw_hh, Base::Keep);
    }
}
