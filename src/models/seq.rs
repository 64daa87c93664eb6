//! A sequence model: one-hot symbols → a recurrent layer (plain tanh RNN or
//! LSTM, the same width) → a linear read-out at every step, with softmax
//! cross-entropy at the steps whose answer counts (the others are
//! [`IGNORE`]). Batched over sequences of one length; backpropagation
//! through time over the whole sequence (the text task passes short
//! windows: truncated BPTT).
//!
//! Shapes (B = sequences, T = steps, I = input symbols, H = hidden units,
//! K = classes): `x` one-hot [B, T, I]; the layer's states [B, T, H] (for
//! the LSTM all six sections of `ops::lstm`'s keep); logits [B, T, K].
//! Parameters: `cell.weight_ih` [I, G·H], `cell.weight_hh` [H, G·H],
//! `cell.bias` [G·H] (G = 4 gates for the LSTM, 1 for the RNN),
//! `head.weight` [H, K], `head.bias` [K].
//!
//! Workspaces grow once to the largest B·T seen ([`SeqModel::reserve`]),
//! so a warm training step allocates nothing.

use super::model::Model;
use crate::data::sequences::{SeqBatch, IGNORE};
use crate::nn::{Param, ParamStore};
use crate::ops::{linear, loss, lstm, rnn};
use crate::rng::Rng;

/// Which recurrent layer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Cell {
    Rnn,
    Lstm,
}

impl Cell {
    /// Stable name for the page.
    pub fn name(self) -> &'static str {
        match self {
            Cell::Rnn => "rnn",
            Cell::Lstm => "lstm",
        }
    }

    /// Gate blocks in the layer's weights.
    pub fn gates(self) -> usize {
        match self {
            Cell::Rnn => 1,
            Cell::Lstm => 4,
        }
    }
}

/// The model, its gradients and its workspace.
pub struct SeqModel {
    pub cell: Cell,
    pub inputs: usize,
    pub hidden: usize,
    pub classes: usize,
    pub store: ParamStore,
    w_ih: Param,
    w_hh: Param,
    bias: Param,
    w_out: Param,
    b_out: Param,
    /// Rows (B·T) the workspace holds, and B it holds.
    cap: (usize, usize),
    /// B and T of the last forward pass.
    shape: (usize, usize),
    x: Vec<f32>,
    keep: Vec<f32>,
    work: Vec<f32>,
    step: Vec<f32>,
    carry: Vec<f32>,
    dh: Vec<f32>,
    logits: Vec<f32>,
    probs: Vec<f32>,
    dlogits: Vec<f32>,
    dx: Vec<f32>,
}

impl SeqModel {
    /// Weights uniform in ±1/√H (as PyTorch starts its recurrent layers);
    /// the LSTM's forget-gate biases start at 1 (Gers et al., 2000), so
    /// its memory starts open.
    pub fn new(cell: Cell, inputs: usize, hidden: usize, classes: usize, r: &mut Rng) -> Self {
        let g = cell.gates() * hidden;
        let mut store = ParamStore::default();
        let w_ih = store.add("cell.weight_ih", &[inputs, g], true);
        let w_hh = store.add("cell.weight_hh", &[hidden, g], true);
        let bias = store.add("cell.bias", &[g], false);
        let w_out = store.add("head.weight", &[hidden, classes], true);
        let b_out = store.add("head.bias", &[classes], false);
        let a = 1.0 / (hidden as f64).sqrt();
        for v in store.data.iter_mut() {
            *v = r.uniform(-a, a) as f32;
        }
        if cell == Cell::Lstm {
            store.data[bias.offset + hidden..bias.offset + 2 * hidden].fill(1.0);
        }
        SeqModel {
            cell,
            inputs,
            hidden,
            classes,
            store,
            w_ih,
            w_hh,
            bias,
            w_out,
            b_out,
            cap: (0, 0),
            shape: (0, 0),
            x: Vec::new(),
            keep: Vec::new(),
            work: Vec::new(),
            step: Vec::new(),
            carry: Vec::new(),
            dh: Vec::new(),
            logits: Vec::new(),
            probs: Vec::new(),
            dlogits: Vec::new(),
            dx: Vec::new(),
        }
    }

    /// Sets every forget-gate bias of the LSTM to `value` and every
    /// input-gate bias to −`value` (no effect on the RNN): the cell then
    /// starts keeping its content long and writing little, so the gradient
    /// reaches far back before training has tuned the gates (Tallec and
    /// Ollivier's 2018 "chrono" start scales it with the span to bridge;
    /// Gers et al., 2000, use a forget bias of 1).
    pub fn set_forget_bias(&mut self, value: f32) {
        if self.cell == Cell::Lstm {
            let (o, h) = (self.bias.offset, self.hidden);
            self.store.data[o + h..o + 2 * h].fill(value);
            self.store.data[o..o + h].fill(-value);
        }
    }

    /// Makes the workspace hold `b` sequences of `t` steps (allocates only
    /// when it grows).
    pub fn reserve(&mut self, b: usize, t: usize) {
        let rows = b * t;
        if rows <= self.cap.0 && b <= self.cap.1 {
            return;
        }
        let rows = rows.max(self.cap.0);
        let b = b.max(self.cap.1);
        self.cap = (rows, b);
        let (h, g, i, k) = (
            self.hidden,
            self.cell.gates() * self.hidden,
            self.inputs,
            self.classes,
        );
        let kept = if self.cell == Cell::Lstm {
            lstm::SECTIONS
        } else {
            1
        };
        for (buf, n) in [
            (&mut self.x, rows * i),
            (&mut self.dx, rows * i),
            (&mut self.keep, kept * rows * h),
            (&mut self.work, rows * g),
            (&mut self.step, b * g),
            (&mut self.carry, 2 * b * h),
            (&mut self.dh, rows * h),
            (&mut self.logits, rows * k),
            (&mut self.probs, rows * k),
            (&mut self.dlogits, rows * k),
        ] {
            buf.resize(n, 0.0);
        }
    }

    /// Forward pass over `b` sequences of `t` symbol ids `x` [B, T];
    /// every step's logits, probabilities and states stay readable until
    /// the next call.
    pub fn forward(&mut self, x: &[u32], b: usize, t: usize) {
        crate::ops::shape::expect("seq model", "x", x.len(), &[("B", b), ("T", t)]);
        self.reserve(b, t);
        let i = self.inputs;
        let xs = &mut self.x[..b * t * i];
        xs.fill(0.0);
        for (row, &s) in x.iter().enumerate() {
            if (s as usize) < i {
                xs[row * i + s as usize] = 1.0;
            }
        }
        self.run(b, t);
    }

    /// Forward pass over input vectors `x` [B, T, I] (not necessarily
    /// one-hot: the gradient checks move them).
    pub fn forward_dense(&mut self, x: &[f32], b: usize, t: usize) {
        let i = self.inputs;
        crate::ops::shape::expect("seq model", "x", x.len(), &[("B", b), ("T", t), ("I", i)]);
        self.reserve(b, t);
        self.x[..b * t * i].copy_from_slice(x);
        self.run(b, t);
    }

    /// The forward pass over the inputs in `self.x`.
    fn run(&mut self, b: usize, t: usize) {
        self.shape = (b, t);
        let (rows, h, i, k) = (b * t, self.hidden, self.inputs, self.classes);
        let xs = &self.x[..rows * i];
        let d = &self.store.data;
        let (w_ih, w_hh, bias) = (self.w_ih.of(d), self.w_hh.of(d), self.bias.of(d));
        let g = self.cell.gates() * h;
        let (work, step) = (&mut self.work[..rows * g], &mut self.step[..b * g]);
        match self.cell {
            Cell::Lstm => {
                let keep = &mut self.keep[..lstm::SECTIONS * rows * h];
                lstm::forward(
                    keep, work, step, xs, w_ih, w_hh, bias, None, None, b, t, i, h,
                );
            }
            Cell::Rnn => {
                let hs = &mut self.keep[..rows * h];
                rnn::forward(hs, step, xs, w_ih, w_hh, bias, None, b, t, i, h);
            }
        }
        let n = rows * h;
        let hs = match self.cell {
            Cell::Lstm => &self.keep[lstm::H * n..(lstm::H + 1) * n],
            Cell::Rnn => &self.keep[..n],
        };
        let (w, bo) = (self.w_out.of(d), self.b_out.of(d));
        linear::forward(&mut self.logits[..rows * k], hs, w, Some(bo), rows, h, k);
        loss::softmax(
            &self.logits[..rows * k],
            &mut self.probs[..rows * k],
            rows,
            k,
        );
    }

    /// Hidden states h of the last forward pass, [B, T, H].
    pub fn hidden_states(&self) -> &[f32] {
        let (b, t) = self.shape;
        let n = b * t * self.hidden;
        match self.cell {
            Cell::Lstm => &self.keep[lstm::H * n..(lstm::H + 1) * n],
            Cell::Rnn => &self.keep[..n],
        }
    }

    /// One LSTM section ([`lstm::I`] … [`lstm::H`]) of the last forward
    /// pass, [B, T, H]; for the RNN only its hidden states exist (None
    /// for every other section).
    pub fn section(&self, which: usize) -> Option<&[f32]> {
        let (b, t) = self.shape;
        let n = b * t * self.hidden;
        match self.cell {
            Cell::Lstm if which < lstm::SECTIONS => Some(&self.keep[which * n..(which + 1) * n]),
            Cell::Rnn if which == lstm::H => Some(&self.keep[..n]),
            _ => None,
        }
    }

    /// Probabilities of the last forward pass, [B, T, K].
    pub fn probabilities(&self) -> &[f32] {
        let (b, t) = self.shape;
        &self.probs[..b * t * self.classes]
    }

    /// Mean cross-entropy over the counted steps of `y` [B, T] for the last
    /// forward pass, with its gradient in `dlogits`; returns (loss, steps
    /// counted).
    fn loss(&mut self, y: &[u32]) -> (f64, usize) {
        let (b, t) = self.shape;
        let (rows, k) = (b * t, self.classes);
        crate::ops::shape::expect("seq model loss", "y", y.len(), &[("B", b), ("T", t)]);
        let counted = y.iter().filter(|&&v| v != IGNORE).count();
        let inv = 1.0 / counted.max(1) as f32;
        let mut sum = 0.0f64;
        let rows_of = self.dlogits[..rows * k]
            .chunks_exact_mut(k)
            .zip(self.probs.chunks_exact(k));
        for ((dz, p), &target) in rows_of.zip(y) {
            if target == IGNORE {
                dz.fill(0.0);
                continue;
            }
            let target = (target as usize).min(k - 1);
            let pt = f64::from(p[target]);
            sum -= if pt.is_nan() { pt } else { pt.max(1e-30).ln() };
            for (j, (d, &pj)) in dz.iter_mut().zip(p).enumerate() {
                *d = (pj - if j == target { 1.0 } else { 0.0 }) * inv;
            }
        }
        (sum / counted.max(1) as f64, counted)
    }

    /// Backward pass from `dlogits` into the store's gradients; writes
    /// dL/dx into `dx` when `want_dx`.
    fn backward(&mut self, want_dx: bool) {
        let (b, t) = self.shape;
        let (rows, h, i, k) = (b * t, self.hidden, self.inputs, self.classes);
        let g = self.cell.gates() * h;
        let n = rows * h;
        let d = &self.store.data;
        let grad = &mut self.store.grad;
        let (gi, rest) = grad[self.w_ih.offset..].split_at_mut(self.w_ih.len);
        let (gh, rest) = rest.split_at_mut(self.w_hh.len);
        let (gb, rest) = rest.split_at_mut(self.bias.len);
        let (gw, rest) = rest.split_at_mut(self.w_out.len);
        let gbo = &mut rest[..self.b_out.len];
        let (keep, dh) = (&self.keep, &mut self.dh[..n]);
        let hs = match self.cell {
            Cell::Lstm => &keep[lstm::H * n..(lstm::H + 1) * n],
            Cell::Rnn => &keep[..n],
        };
        let dl = &self.dlogits[..rows * k];
        linear::backward(
            Some(dh),
            gw,
            Some(gbo),
            dl,
            hs,
            self.w_out.of(d),
            rows,
            h,
            k,
        );
        let (w_ih, w_hh) = (self.w_ih.of(d), self.w_hh.of(d));
        let xs = &self.x[..rows * i];
        let dx = if want_dx {
            Some(&mut self.dx[..rows * i])
        } else {
            None
        };
        let work = &mut self.work[..rows * g];
        match self.cell {
            Cell::Lstm => {
                let keep = &keep[..lstm::SECTIONS * n];
                let carry = &mut self.carry[..2 * b * h];
                lstm::backward(
                    dx, gi, gh, gb, None, None, work, carry, dh, keep, xs, w_ih, w_hh, None, None,
                    b, t, i, h,
                );
            }
            Cell::Rnn => {
                let carry = &mut self.carry[..b * h];
                rnn::backward(
                    dx, gi, gh, gb, None, work, carry, dh, hs, xs, w_ih, w_hh, None, b, t, i, h,
                );
            }
        }
    }

    /// Loss and accuracy over the counted steps of `data`, in chunks of
    /// at most `chunk` sequences: (mean loss, share right).
    pub fn evaluate(&mut self, x: &[u32], y: &[u32], t: usize, chunk: usize) -> (f64, f64) {
        let n = x.len() / t.max(1);
        let (mut loss_sum, mut right, mut counted) = (0.0, 0usize, 0usize);
        let k = self.classes;
        let mut at = 0;
        while at < n {
            let b = chunk.max(1).min(n - at);
            let (xs, ys) = (&x[at * t..(at + b) * t], &y[at * t..(at + b) * t]);
            self.forward(xs, b, t);
            let (l, c) = self.loss(ys);
            loss_sum += l * c as f64;
            counted += c;
            for (p, &target) in self.probs.chunks_exact(k).zip(ys) {
                if target != IGNORE && argmax(p) == target as usize {
                    right += 1;
                }
            }
            at += b;
        }
        let c = counted.max(1) as f64;
        (loss_sum / c, right as f64 / c)
    }

    /// The gradient's size at every earlier step: for one sequence `x`
    /// [T] and the answer `target` due at its last step, the loss at that
    /// step alone is backpropagated through time and `out` [T] receives
    /// ‖∂L/∂x_t‖ for every step t (the real backward pass). The store's
    /// gradients are left zero.
    pub fn gradient_sizes(&mut self, x: &[u32], target: u32, out: &mut [f32]) {
        let t = x.len();
        crate::ops::shape::expect("gradient sizes", "out", out.len(), &[("T", t)]);
        self.forward(x, 1, t);
        let k = self.classes;
        let dz = &mut self.dlogits[..t * k];
        dz.fill(0.0);
        let target = (target as usize).min(k - 1);
        let last = &mut dz[(t - 1) * k..];
        for (j, (d, &p)) in last
            .iter_mut()
            .zip(&self.probs[(t - 1) * k..t * k])
            .enumerate()
        {
            *d = p - if j == target { 1.0 } else { 0.0 };
        }
        self.store.zero_grad();
        self.backward(true);
        self.store.zero_grad();
        let i = self.inputs;
        for (o, row) in out.iter_mut().zip(self.dx[..t * i].chunks_exact(i)) {
            *o = row.iter().map(|v| v * v).sum::<f32>().sqrt();
        }
    }
}

/// Index of the largest value (the first of ties).
pub fn argmax(p: &[f32]) -> usize {
    let mut best = 0;
    for (j, &v) in p.iter().enumerate() {
        if v > p[best] {
            best = j;
        }
    }
    best
}

impl Model for SeqModel {
    type Batch = SeqBatch;

    fn store(&self) -> &ParamStore {
        &self.store
    }

    fn store_mut(&mut self) -> &mut ParamStore {
        &mut self.store
    }

    fn gradient(&mut self, batch: &SeqBatch, _rng: &mut Rng) -> f64 {
        let (b, t) = (batch.len(), batch.steps);
        if b == 0 {
            return 0.0;
        }
        self.forward(&batch.x, b, t);
        let (l, _) = self.loss(&batch.y);
        self.backward(false);
        l
    }
}
