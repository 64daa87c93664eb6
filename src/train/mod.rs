//! The one trainer, shared by every chapter whose model learns by gradient
//! (anything that implements [`Model`]): the shuffled order of the examples
//! and their batches, the optimizer step over the trainable views, decoupled
//! weight decay and penalties, gradient clipping by global norm, the
//! learning-rate schedule, the conditions that stop training, and
//! divergence.

mod eval;
mod health;

pub use eval::{pass, predict_class, Pass, PassOptions, CHUNK as eval_chunk};
pub use health::{Health, Verdict};

use crate::models::{Dataset, Model};
use crate::nn::{clip_by_norm, Optimizer, OptimizerKind, Regularization, Schedule};
use std::ops::Range;
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
    pub learning_rate: f32,
    pub schedule: Schedule,
    /// Largest global norm of the gradient (0: no clipping).
    pub clip: f32,
    /// Decoupled weight decay on the views that take decay (0: none).
    pub weight_decay: f32,
    /// A penalty stepped after the update (TensorFlow Playground's L1/L2).
    pub regularization: Regularization,
    pub regularization_rate: f32,
    pub batch_size: usize,
    /// 0: never.
    pub stop_at_epoch: u64,
    /// 0: never.
    pub stop_at_loss: f64,
}

impl Default for Hyper {
    fn default() -> Self {
        Hyper {
            learning_rate: 0.01,
            schedule: Schedule::Constant,
            clip: 0.0,
            weight_decay: 0.0,
            regularization: Regularization::None,
            regularization_rate: 0.0,
            batch_size: 32,
            stop_at_epoch: 0,
            stop_at_loss: 0.0,
        }
    }
}

/// A model being trained.
pub struct Trainer<M: Model> {
    pub model: M,
    opt: Box<dyn Optimizer + Send>,
    runs: Vec<Range<usize>>,
    decay_runs: Vec<Range<usize>>,
    decay: Vec<bool>,
    order: Vec<u32>,
    order_rng: Rng,
    /// For models that sample while they make a gradient.
    step_rng: Rng,
    cursor: usize,
    batch: M::Batch,
    pub epoch: u64,
    pub examples: u64,
    /// Optimizer steps taken (the schedule's clock).
    pub steps: u64,
    /// The last batch's loss (or the model's statistic).
    pub last_loss: f64,
    /// The last gradient's norm before clipping (when clipping is on).
    pub last_grad_norm: f64,
    pub status: Status,
}

impl<M: Model> Trainer<M> {
    /// Starts training `model` on `train_len` examples, shuffled by
    /// `order_rng`; a model that samples draws from a generator derived
    /// from it (without moving it).
    pub fn new(model: M, optimizer: OptimizerKind, order_rng: Rng, train_len: usize) -> Self {
        let mut r = order_rng.clone();
        let step_rng = Rng::new(((u64::from(r.next_u32()) << 32) | u64::from(r.next_u32())) ^ 0x5DEE_CE66_D1CE_5EED);
        let mut t = Trainer {
            opt: optimizer.build(model.store().len()),
            runs: Vec::new(),
            decay_runs: Vec::new(),
            decay: Vec::new(),
            model,
            order: Vec::new(),
            order_rng,
            step_rng,
            cursor: 0,
            batch: M::Batch::default(),
            epoch: 0,
            examples: 0,
            steps: 0,
            last_loss: f64::NAN,
            last_grad_norm: f64::NAN,
            status: Status::Ready,
        };
        t.relayout();
        t.restart_epoch(train_len);
        t
    }

    /// Reads the model's views again after frozen or decay flags changed.
    pub fn relayout(&mut self) {
        self.runs = self.model.store().runs();
        self.decay_runs = self.model.store().decay_runs();
        self.decay = self.model.store().decay_mask();
    }

    /// A fresh optimizer (new moments), keeping the weights.
    pub fn set_optimizer(&mut self, kind: OptimizerKind) {
        self.opt = kind.build(self.model.store().len());
    }

    /// Replaces the optimizer with one built by the caller (e.g. momentum
    /// with a coefficient of the reader's choosing), keeping the weights.
    pub fn set_optimizer_boxed(&mut self, opt: Box<dyn crate::nn::Optimizer + Send>) {
        self.opt = opt;
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
    /// end of an epoch that meets a stop condition, or on divergence; the
    /// loss to stop at is measured by `loss_on` over the training data.
    /// Returns the number of batches trained.
    pub fn train_batches<D: Dataset<M::Batch>>(
        &mut self,
        data: &D,
        h: &Hyper,
        batches: usize,
        loss_on: &mut dyn FnMut(&mut M, &D) -> f64,
    ) -> usize {
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
        let bs = h.batch_size.clamp(1, n);
        for done in 0..batches {
            let end = (self.cursor + bs).min(n);
            data.gather(&self.order[self.cursor..end], &mut self.batch);
            let batch_loss = self.step(h);
            self.examples += (end - self.cursor) as u64;
            self.cursor = end;
            if !batch_loss.is_finite() {
                self.status = Status::Diverged;
                return done + 1;
            }
            if self.cursor >= n {
                self.epoch += 1;
                self.restart_epoch(n);
                if !self.model.store().all_finite() {
                    self.status = Status::Diverged;
                    return done + 1;
                }
                if h.stop_at_epoch > 0 && self.epoch >= h.stop_at_epoch {
                    self.status = Status::ReachedEpoch;
                    return done + 1;
                }
                if h.stop_at_loss > 0.0 && loss_on(&mut self.model, data) <= h.stop_at_loss {
                    self.status = Status::ReachedLoss;
                    return done + 1;
                }
            }
        }
        batches
    }

    /// Trains whole epochs (finishing the current one first); returns the
    /// number of batches trained.
    pub fn train_epochs<D: Dataset<M::Batch>>(
        &mut self,
        data: &D,
        h: &Hyper,
        epochs: usize,
        loss_on: &mut dyn FnMut(&mut M, &D) -> f64,
    ) -> usize {
        let target = self.epoch + epochs as u64;
        let mut total = 0;
        while self.epoch < target && self.status == Status::Ready {
            let n = self.train_batches(data, h, 1, loss_on);
            if n == 0 {
                break;
            }
            total += n;
        }
        total
    }

    /// One optimizer step on the gathered batch; returns the batch's loss.
    fn step(&mut self, h: &Hyper) -> f64 {
        self.model.store_mut().zero_grad();
        let loss = self.model.gradient(&self.batch, &mut self.step_rng);
        let lr = h.schedule.rate(h.learning_rate, self.steps);
        let store = self.model.store_mut();
        if h.clip > 0.0 {
            self.last_grad_norm = store.grad_norm();
            clip_by_norm(&mut store.grad, self.last_grad_norm, h.clip);
        }
        if h.weight_decay > 0.0 {
            let keep = 1.0 - lr * h.weight_decay;
            for r in &self.decay_runs {
                store.data[r.clone()].iter_mut().for_each(|p| *p *= keep);
            }
        }
        self.opt.step(&mut store.data, &store.grad, &self.runs, lr);
        h.regularization.apply(&mut store.data, &self.decay, lr * h.regularization_rate);
        self.steps += 1;
        self.last_loss = loss;
        loss
    }

    /// Sets one parameter; refuses an index out of range or a non-finite
    /// value. Repairing a diverged network lets it train again.
    pub fn set_param(&mut self, index: usize, value: f32) -> bool {
        let store = self.model.store_mut();
        if index >= store.len() || !value.is_finite() {
            return false;
        }
        store.data[index] = value;
        if self.status == Status::Diverged && store.all_finite() {
            self.status = Status::Ready;
        }
        true
    }
}

/// For chapters with no loss to stop at: never stops.
pub fn never<M, D>(_: &mut M, _: &D) -> f64 {
    f64::NAN
}
