//! Mini-batch training, shared by every chapter that trains a network on a
//! fixed set of examples: the network, its optimizer, the shuffled order of
//! the examples, the step, and the conditions that stop training.

mod eval;

pub use eval::{predict_class, Pass, PassOptions, CHUNK as eval_chunk};

use crate::models::Mlp;
use crate::nn::{Optimizer, OptimizerKind, Regularization};
use crate::ops::loss;
use crate::rng::Rng;

/// The loss a network is trained with.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LossKind {
    /// TensorFlow Playground's ½(o − t)² against the targets `t`.
    Squared,
    /// Softmax over one logit per class, against the labels `y`.
    CrossEntropy,
}

/// Why training is not running on its own.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Status {
    /// May train.
    Ready,
    /// The loss or a parameter became NaN or infinite.
    Diverged,
    /// Reached the epoch set by `stopAtEpoch`.
    ReachedEpoch,
    /// Reached the loss set by `stopAtLoss`.
    ReachedLoss,
    /// No training data.
    NoData,
}

impl Status {
    /// Stable name for the page.
    pub fn name(self) -> &'static str {
        match self {
            Status::Ready => "ready",
            Status::Diverged => "diverged",
            Status::ReachedEpoch => "reachedEpoch",
            Status::ReachedLoss => "reachedLoss",
            Status::NoData => "noData",
        }
    }
}

/// What the page's worker asks of every chapter that trains: run batches
/// or epochs, start over, and say where it stands.
pub trait Trainable {
    /// Trains up to `batches` steps; returns how many ran.
    fn train_batches(&mut self, batches: usize) -> usize;
    /// Trains whole epochs (finishing the current one first); returns the
    /// number of steps.
    fn train_epochs(&mut self, epochs: usize) -> usize;
    /// Starts over from the initial weights the seed gives.
    fn reset(&mut self);
    /// Steps in one epoch.
    fn batches_per_epoch(&self) -> usize;
    /// Epochs trained.
    fn epoch(&self) -> u64;
    /// Examples trained on, counting repeats.
    fn examples(&self) -> u64;
    /// `ready` while training may run, else why not (a stable name).
    fn status_name(&self) -> &'static str;
}

/// Examples, row-major: inputs `x` [N × width], squared-loss targets `t`
/// [N × outputs] (may be empty under cross-entropy), labels `y` [N].
#[derive(Clone, Debug, Default)]
pub struct Examples {
    pub x: Vec<f32>,
    pub t: Vec<f32>,
    pub y: Vec<u32>,
    pub width: usize,
}

impl Examples {
    /// Number of examples.
    pub fn len(&self) -> usize {
        self.y.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.y.is_empty()
    }
}

/// Settings read at every step, so that changing them keeps the weights.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Hyper {
    pub loss: LossKind,
    pub learning_rate: f32,
    pub regularization: Regularization,
    pub regularization_rate: f32,
    pub batch_size: usize,
    /// 0: never.
    pub stop_at_epoch: u64,
    /// 0: never.
    pub stop_at_loss: f64,
}

/// Appends one example's few values. Written as arithmetic so that it stays
/// a short loop: a copy call per example costs more than the copy in wasm.
#[inline(always)]
fn gather(dst: &mut Vec<f32>, src: &[f32]) {
    dst.extend(src.iter().map(|&v| v + 0.0));
}

/// A network being trained.
pub struct Trainer {
    pub net: Mlp,
    opt: Box<dyn Optimizer + Send>,
    decay: Vec<bool>,
    order: Vec<u32>,
    order_rng: Rng,
    cursor: usize,
    batch: Examples,
    grad_out: Vec<f32>,
    pub(crate) probs: Vec<f32>,
    pub epoch: u64,
    pub examples: u64,
    pub status: Status,
}

impl Trainer {
    /// Starts training `net` on `train_len` examples, shuffled by `order_rng`.
    pub fn new(net: Mlp, optimizer: OptimizerKind, order_rng: Rng, train_len: usize) -> Self {
        let mut t = Trainer {
            opt: optimizer.build(net.params.len()),
            decay: net.params.decay_mask(),
            net,
            order: Vec::new(),
            order_rng,
            cursor: 0,
            batch: Examples::default(),
            grad_out: Vec::new(),
            probs: Vec::new(),
            epoch: 0,
            examples: 0,
            status: Status::Ready,
        };
        t.restart_epoch(train_len);
        t
    }

    /// A fresh optimizer (new moments), keeping the weights.
    pub fn set_optimizer(&mut self, kind: OptimizerKind) {
        self.opt = kind.build(self.net.params.len());
    }

    /// Starts a new epoch over `train_len` examples (after the data changed).
    pub fn restart_epoch(&mut self, train_len: usize) {
        self.order.clear();
        self.order.extend(0..train_len as u32);
        self.order_rng.shuffle(&mut self.order);
        self.cursor = 0;
        if train_len == 0 {
            self.status = Status::NoData;
        } else if self.status == Status::NoData {
            self.status = Status::Ready;
        }
    }

    /// Lets a stopped trainer go on after its settings changed (a diverged
    /// one stays stopped until reset or repaired).
    pub fn resume(&mut self) {
        if matches!(self.status, Status::ReachedEpoch | Status::ReachedLoss) {
            self.status = Status::Ready;
        }
    }

    /// Batches left before the current epoch ends.
    pub fn batches_left(&self, batch_size: usize) -> usize {
        (self.order.len() - self.cursor.min(self.order.len())).div_ceil(batch_size.max(1))
    }

    /// Batches in one epoch of `n` examples.
    pub fn batches_per_epoch(n: usize, batch_size: usize) -> usize {
        n.div_ceil(batch_size.max(1))
    }

    /// Trains up to `batches` mini-batches of `data`, stopping early at the
    /// end of an epoch that meets a stop condition, or on divergence.
    /// Returns the number of batches trained.
    pub fn train_batches(&mut self, data: &Examples, h: &Hyper, batches: usize) -> usize {
        if self.status != Status::Ready {
            return 0;
        }
        let n = data.len();
        if n == 0 || self.order.len() != n {
            self.restart_epoch(n);
            if n == 0 {
                return 0;
            }
        }
        let f = data.width;
        let k = self.net.sizes()[self.net.layers()];
        let bs = h.batch_size.clamp(1, n);
        for done in 0..batches {
            let end = (self.cursor + bs).min(n);
            let rows = end - self.cursor;
            self.batch.x.clear();
            self.batch.t.clear();
            self.batch.y.clear();
            for &i in &self.order[self.cursor..end] {
                let i = i as usize;
                gather(&mut self.batch.x, &data.x[i * f..(i + 1) * f]);
                if h.loss == LossKind::Squared {
                    gather(&mut self.batch.t, &data.t[i * k..(i + 1) * k]);
                }
                self.batch.y.push(data.y[i]);
            }
            let batch_loss = self.step(rows, h);
            self.examples += rows as u64;
            self.cursor = end;
            if !batch_loss.is_finite() {
                self.status = Status::Diverged;
                return done + 1;
            }
            if self.cursor >= n {
                self.epoch += 1;
                self.restart_epoch(n);
                if !self.net.params.all_finite() {
                    self.status = Status::Diverged;
                    return done + 1;
                }
                if h.stop_at_epoch > 0 && self.epoch >= h.stop_at_epoch {
                    self.status = Status::ReachedEpoch;
                    return done + 1;
                }
                if h.stop_at_loss > 0.0 && self.pass(data, h.loss, PassOptions::default()).loss <= h.stop_at_loss {
                    self.status = Status::ReachedLoss;
                    return done + 1;
                }
            }
        }
        batches
    }

    /// Trains whole epochs (finishing the current one first); returns the
    /// number of batches trained.
    pub fn train_epochs(&mut self, data: &Examples, h: &Hyper, epochs: usize) -> usize {
        let target = self.epoch + epochs as u64;
        let mut total = 0;
        while self.epoch < target && self.status == Status::Ready {
            let n = self.train_batches(data, h, 1);
            if n == 0 {
                break;
            }
            total += n;
        }
        total
    }

    /// One optimizer step on the gathered batch; returns the batch loss.
    fn step(&mut self, rows: usize, h: &Hyper) -> f64 {
        let k = self.net.sizes()[self.net.layers()];
        self.net.zero_grads();
        let out = self.net.forward(&self.batch.x, rows);
        self.grad_out.resize(rows * k, 0.0);
        let l = match h.loss {
            LossKind::Squared => loss::squared(out, &self.batch.t, Some(&mut self.grad_out), rows),
            LossKind::CrossEntropy => {
                self.probs.resize(rows * k, 0.0);
                loss::softmax_cross_entropy(out, &self.batch.y, &mut self.probs, Some(&mut self.grad_out), k)
            }
        };
        self.net.backward(&self.batch.x, &self.grad_out, rows);
        let lr = h.learning_rate;
        self.opt.step(&mut self.net.params.data, &self.net.grads, lr);
        h.regularization.apply(&mut self.net.params.data, &self.decay, lr * h.regularization_rate);
        l
    }

    /// Sets one parameter; refuses an index out of range or a non-finite
    /// value. Repairing a diverged network lets it train again.
    pub fn set_param(&mut self, index: usize, value: f32) -> bool {
        if index >= self.net.params.len() || !value.is_finite() {
            return false;
        }
        self.net.params.data[index] = value;
        if self.status == Status::Diverged && self.net.params.all_finite() {
            self.status = Status::Ready;
        }
        true
    }
}
