//! The LSTM learns to remember: sequences of T = 10 symbols out of 4
//! (one-hot), and the class to predict is the first symbol, so the layer
//! must carry it across nine steps of distractors. An LSTM layer and a
//! linear read-out of its last hidden state, trained by the generic
//! trainer (Adam, batch 32, a fixed number of epochs; the held-out set
//! never chooses when to stop). Figures print with `--nocapture`.

use neuroplay::models::{Dataset, Model};
use neuroplay::nn::{OptimizerKind, Param, ParamStore};
use neuroplay::ops::{linear, loss, lstm};
use neuroplay::rng::Rng;
use neuroplay::train::{never, Hyper, Trainer};
use std::time::Instant;

const T: usize = 10;
const K: usize = 4;
const H: usize = 16;

/// Sequences `x` [N, T, K] (one-hot) and their first symbols `y` [N].
#[derive(Default)]
struct Seqs {
    x: Vec<f32>,
    y: Vec<u32>,
}

impl Seqs {
    fn random(n: usize, r: &mut Rng) -> Self {
        let mut s = Seqs::default();
        for _ in 0..n {
            let first = r.below(K);
            for t in 0..T {
                let sym = if t == 0 { first } else { r.below(K) };
                s.x.extend((0..K).map(|k| if k == sym { 1.0 } else { 0.0 }));
            }
            s.y.push(first as u32);
        }
        s
    }
}

impl Dataset<Seqs> for Seqs {
    fn len(&self) -> usize {
        self.y.len()
    }

    fn gather(&self, indices: &[u32], batch: &mut Seqs) {
        batch.x.clear();
        batch.y.clear();
        for &i in indices {
            let i = i as usize;
            batch
                .x
                .extend_from_slice(&self.x[i * T * K..(i + 1) * T * K]);
            batch.y.push(self.y[i]);
        }
    }
}

/// LSTM [K → H] over the sequence, then logits = h_T·W + b [H → K].
struct Memory {
    store: ParamStore,
    w_ih: Param,
    w_hh: Param,
    bias: Param,
    w_out: Param,
    b_out: Param,
    keep: Vec<f32>,
    work: Vec<f32>,
    step: Vec<f32>,
    carry: Vec<f32>,
    dh: Vec<f32>,
    last: Vec<f32>,
    dlast: Vec<f32>,
    logits: Vec<f32>,
    probs: Vec<f32>,
    dlogits: Vec<f32>,
}

impl Memory {
    /// Weights uniform in ±1/√H, as PyTorch's `nn.LSTM` starts them.
    fn new(r: &mut Rng) -> Self {
        let mut store = ParamStore::default();
        let w_ih = store.add("lstm.weight_ih", &[K, 4 * H], true);
        let w_hh = store.add("lstm.weight_hh", &[H, 4 * H], true);
        let bias = store.add("lstm.bias", &[4 * H], false);
        let w_out = store.add("fc.weight", &[H, K], true);
        let b_out = store.add("fc.bias", &[K], false);
        let a = 1.0 / (H as f64).sqrt();
        store
            .data
            .iter_mut()
            .for_each(|v| *v = r.uniform(-a, a) as f32);
        // Forget gates start open (bias 1: Gers et al., 2000; Jozefowicz
        // et al., 2015), so the first symbol survives the early steps.
        store.data[bias.offset + H..bias.offset + 2 * H].fill(1.0);
        let v = Vec::new;
        let (keep, work, step, carry, dh, last, dlast) = (v(), v(), v(), v(), v(), v(), v());
        let (logits, probs, dlogits) = (v(), v(), v());
        Memory {
            store,
            w_ih,
            w_hh,
            bias,
            w_out,
            b_out,
            keep,
            work,
            step,
            carry,
            dh,
            last,
            dlast,
            logits,
            probs,
            dlogits,
        }
    }

    /// Forward pass over `b` sequences; the logits stay in `self.logits`.
    fn forward(&mut self, x: &[f32], b: usize) {
        for (buf, n) in [
            (&mut self.keep, 6 * b * T * H),
            (&mut self.work, b * T * 4 * H),
            (&mut self.step, b * 4 * H),
            (&mut self.carry, 2 * b * H),
            (&mut self.dh, b * T * H),
            (&mut self.last, b * H),
            (&mut self.dlast, b * H),
            (&mut self.logits, b * K),
            (&mut self.probs, b * K),
            (&mut self.dlogits, b * K),
        ] {
            buf.resize(n, 0.0); // grows once, then keeps its size
        }
        let d = &self.store.data;
        let (w_ih, w_hh, bias) = (self.w_ih.of(d), self.w_hh.of(d), self.bias.of(d));
        lstm::forward(
            &mut self.keep,
            &mut self.work,
            &mut self.step,
            x,
            w_ih,
            w_hh,
            bias,
            None,
            None,
            b,
            T,
            K,
            H,
        );
        let hs = lstm::section(&self.keep, lstm::H, b, T, H);
        for r in 0..b {
            let at = (r * T + T - 1) * H;
            self.last[r * H..(r + 1) * H].copy_from_slice(&hs[at..at + H]);
        }
        let (w, bo) = (self.w_out.of(d), self.b_out.of(d));
        linear::forward(&mut self.logits, &self.last, w, Some(bo), b, H, K);
    }

    /// Accuracy on `data`.
    fn accuracy(&mut self, data: &Seqs) -> f64 {
        self.forward(&data.x, data.len());
        let hits = self.logits.chunks_exact(K).zip(&data.y);
        let hits = hits
            .filter(|(z, &y)| (0..K).all(|k| z[k] <= z[y as usize]))
            .count();
        hits as f64 / data.len() as f64
    }
}

impl Model for Memory {
    type Batch = Seqs;

    fn store(&self) -> &ParamStore {
        &self.store
    }

    fn store_mut(&mut self) -> &mut ParamStore {
        &mut self.store
    }

    fn gradient(&mut self, batch: &Seqs, _rng: &mut Rng) -> f64 {
        let b = batch.len();
        self.forward(&batch.x, b);
        let l = loss::softmax_cross_entropy(
            &self.logits,
            &batch.y,
            &mut self.probs,
            Some(&mut self.dlogits),
            b,
            K,
        );
        let (d, g) = (&self.store.data, &mut self.store.grad);
        let (gw, gb) = g.split_at_mut(self.b_out.offset);
        let (w, dw, db) = (self.w_out.of(d), self.w_out.of_mut(gw), &mut gb[..K]);
        linear::backward(
            Some(&mut self.dlast),
            dw,
            Some(db),
            &self.dlogits,
            &self.last,
            w,
            b,
            H,
            K,
        );
        // Only the last step feeds the loss.
        self.dh.fill(0.0);
        for r in 0..b {
            let at = (r * T + T - 1) * H;
            self.dh[at..at + H].copy_from_slice(&self.dlast[r * H..(r + 1) * H]);
        }
        let (rest, gb) = g.split_at_mut(self.bias.offset);
        let (gi, gh) = rest.split_at_mut(self.w_hh.offset);
        let (dw_ih, dw_hh, db) = (self.w_ih.of_mut(gi), &mut gh[..H * 4 * H], &mut gb[..4 * H]);
        let (w_ih, w_hh) = (self.w_ih.of(d), self.w_hh.of(d));
        lstm::backward(
            None,
            dw_ih,
            dw_hh,
            db,
            None,
            None,
            &mut self.work,
            &mut self.carry,
            &self.dh,
            &self.keep,
            &batch.x,
            w_ih,
            w_hh,
            None,
            None,
            b,
            T,
            K,
            H,
        );
        l
    }
}

#[test]
fn lstm_remembers_the_first_of_ten_symbols() {
    let mut r = Rng::new(7);
    let (train, test) = (Seqs::random(2000, &mut r), Seqs::random(500, &mut r));
    let mut t = Trainer::new(
        Memory::new(&mut r),
        OptimizerKind::Adam,
        Rng::new(8),
        train.len(),
    );
    let h = Hyper {
        learning_rate: 0.01,
        batch_size: 32,
        ..Hyper::default()
    };
    let start = Instant::now();
    let mut acc = Vec::new();
    for _ in 0..EPOCHS {
        t.train_epochs(&train, &h, 1, &mut never);
        acc.push(t.model.accuracy(&test));
    }
    let secs = start.elapsed().as_secs_f64();
    println!(
        "LSTM {K}→{H} + read-out, T = {T}, {} parameters, Adam 0.01, batch 32: held-out accuracy by epoch {acc:.3?} \
         (chance {:.2}), last batch loss {:.4}, {secs:.2} s",
        t.model.store.len(),
        1.0 / K as f64,
        t.last_loss
    );
    let last = *acc.last().unwrap();
    assert!(last >= THRESHOLD, "held-out accuracy {last}");
}

/// Measured (seed 7): held-out accuracy 1.000 from epoch 6 on; six seeds
/// (7, 17, …, 57) all reached 1.000 by epoch 6 and stayed there to epoch
/// 12. With forget biases at 0 instead, two of four seeds had not learnt
/// after 8 epochs (0.26 and 0.52).
const EPOCHS: usize = 12;
const THRESHOLD: f64 = 0.95;
