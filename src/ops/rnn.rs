//! The plain recurrent layer (Elman, 1990) that the LSTM chapter puts
//! beside the LSTM, with backpropagation through time (Rumelhart, Hinton
//! and Williams, 1986; Werbos, 1990) over every step.
//!
//! Shapes (B = batch, T = time steps, I = inputs, H = hidden units), all
//! row-major, batch first: x [B, T, I], h [B, T, H], h0 [B, H] or none
//! (zero initial state), w_ih [I, H], w_hh [H, H], bias [H]. PyTorch's
//! `nn.RNN` (tanh) holds the transposes `weight_ih_l0` [H, I] and
//! `weight_hh_l0` [H, H]; its `bias_ih_l0` + `bias_hh_l0` add up to ours.
//!
//! Step t: h_t = tanh(x_t·w_ih + h_{t−1}·w_hh + bias). The forward keeps
//! only h (tanh′ = 1 − h²). As in the LSTM, x·w_ih + bias is one product
//! over all B·T rows before the recurrence.

use super::lstm::{positive, previous, recurrent_weight_gradient};
use super::{linear, shape::expect};
use crate::tensor::fastmath::tanh;
use crate::tensor::matmul::{matmul, Base, MatRef};

/// Runs the layer over the sequences into `h` [B, T, H]; `step` [B, H]
/// holds one step's recurrent product.
#[allow(clippy::too_many_arguments)]
pub fn forward(
    h: &mut [f32],
    step: &mut [f32],
    x: &[f32],
    w_ih: &[f32],
    w_hh: &[f32],
    bias: &[f32],
    h0: Option<&[f32]>,
    b: usize,
    t: usize,
    i: usize,
    hidden: usize,
) {
    let op = "rnn";
    positive(op, &[("B", b), ("T", t), ("I", i), ("H", hidden)]);
    expect(op, "h", h.len(), &[("B", b), ("T", t), ("H", hidden)]);
    expect(op, "step", step.len(), &[("B", b), ("H", hidden)]);
    expect(op, "x", x.len(), &[("B", b), ("T", t), ("I", i)]);
    expect(op, "w_ih", w_ih.len(), &[("I", i), ("H", hidden)]);
    expect(op, "w_hh", w_hh.len(), &[("H", hidden), ("H", hidden)]);
    expect(op, "bias", bias.len(), &[("H", hidden)]);
    if let Some(h0) = h0 {
        expect(op, "h0", h0.len(), &[("B", b), ("H", hidden)]);
    }
    // Pre-activations of every step first; the recurrence then adds its
    // part and applies tanh in place.
    linear::forward(h, x, w_ih, Some(bias), b * t, i, hidden);
    for s in 0..t {
        let rec = previous(h, h0, s, b, t, hidden).map(|prev| {
            matmul(prev, MatRef::new(w_hh, hidden, hidden), step, Base::Zero);
        });
        for r in 0..b {
            let at = (r * t + s) * hidden;
            let row = &mut h[at..at + hidden];
            if rec.is_some() {
                for (z, &v) in row.iter_mut().zip(&step[r * hidden..(r + 1) * hidden]) {
                    *z += v;
                }
            }
            for z in row.iter_mut() {
                *z = tanh(*z);
            }
        }
    }
}

/// Backpropagation through time. Given `dh` [B, T, H] (the loss's gradient
/// with respect to every h_t), accumulates dw_ih, dw_hh and dbias, and
/// writes dx and dh0 when given. `work` [B, T, H] receives the
/// pre-activation gradients, `carry` [B, H] the gradient flowing back into
/// h_{t−1}.
#[allow(clippy::too_many_arguments)]
pub fn backward(
    dx: Option<&mut [f32]>,
    dw_ih: &mut [f32],
    dw_hh: &mut [f32],
    dbias: &mut [f32],
    dh0: Option<&mut [f32]>,
    work: &mut [f32],
    carry: &mut [f32],
    dh: &[f32],
    h: &[f32],
    x: &[f32],
    w_ih: &[f32],
    w_hh: &[f32],
    h0: Option<&[f32]>,
    b: usize,
    t: usize,
    i: usize,
    hidden: usize,
) {
    let op = "rnn backward";
    positive(op, &[("B", b), ("T", t), ("I", i), ("H", hidden)]);
    for (name, buf) in [("h", h), ("dh", dh), ("work", &*work)] {
        expect(op, name, buf.len(), &[("B", b), ("T", t), ("H", hidden)]);
    }
    expect(op, "carry", carry.len(), &[("B", b), ("H", hidden)]);
    expect(op, "x", x.len(), &[("B", b), ("T", t), ("I", i)]);
    expect(op, "w_ih", w_ih.len(), &[("I", i), ("H", hidden)]);
    expect(op, "dw_ih", dw_ih.len(), &[("I", i), ("H", hidden)]);
    expect(op, "w_hh", w_hh.len(), &[("H", hidden), ("H", hidden)]);
    expect(op, "dw_hh", dw_hh.len(), &[("H", hidden), ("H", hidden)]);
    expect(op, "dbias", dbias.len(), &[("H", hidden)]);
    if let Some(dx) = &dx {
        expect(op, "dx", dx.len(), &[("B", b), ("T", t), ("I", i)]);
    }
    if let Some(h0) = h0 {
        expect(op, "h0", h0.len(), &[("B", b), ("H", hidden)]);
    }
    carry.fill(0.0);
    for s in (0..t).rev() {
        for r in 0..b {
            let at = (r * t + s) * hidden;
            let from = &carry[r * hidden..(r + 1) * hidden];
            let rows = work[at..at + hidden].iter_mut().zip(&dh[at..at + hidden]);
            for (((dz, &g), &hv), &c) in rows.zip(&h[at..at + hidden]).zip(from) {
                *dz = (g + c) * (1.0 - hv * hv);
            }
        }
        let dz_t = MatRef {
            data: &work[s * hidden..],
            rows: b,
            cols: hidden,
            rs: t * hidden,
            cs: 1,
        };
        matmul(
            dz_t,
            MatRef::new(w_hh, hidden, hidden).t(),
            carry,
            Base::Zero,
        );
    }
    recurrent_weight_gradient(dw_hh, work, h, h0, b, t, hidden);
    if let Some(d) = dh0 {
        expect(op, "dh0", d.len(), &[("B", b), ("H", hidden)]);
        d.copy_from_slice(carry);
    }
    linear::backward(dx, dw_ih, Some(dbias), work, x, w_ih, b * t, i, hidden);
}
