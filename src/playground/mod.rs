//! The backpropagation chapter's session: its data, its network, and the
//! training loop, behind coarse calls ("train n batches", "evaluate", "draw
//! the whole grid") so the browser crosses into the engine a few times per
//! frame, never once per point.

mod grid;
mod metrics;

pub use grid::{grid_points, Grid, GRID_EXTENT};
pub use metrics::Metrics;

use crate::config::playground::{LossKind, PlaygroundConfig};
use crate::data::{features, two_d, DataSet, Problem, Sample2D};
use crate::models::{Mlp, MlpSpec};
use crate::nn::{Optimizer, ParamView};
use crate::ops::{loss, Activation};
use crate::rng::{seed_from_text, Rng};

const STREAM_DATA: u64 = 1;
const STREAM_INIT: u64 = 2;
const STREAM_ORDER: u64 = 3;

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
    /// No training data (an empty custom set).
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

/// What [`Session::apply`] had to rebuild.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Applied {
    pub data: bool,
    pub model: bool,
}

/// Inputs, squared-loss targets and class labels of a set of points.
#[derive(Default)]
struct Split {
    x: Vec<f32>,
    t: Vec<f32>,
    y: Vec<u32>,
}

impl Split {
    fn len(&self) -> usize {
        self.y.len()
    }
}

/// Data, network, optimizer and counters of one playground.
pub struct Session {
    pub config: PlaygroundConfig,
    /// All points, shuffled: the first `split` train, the rest test.
    points: Vec<Sample2D>,
    split: usize,
    train: Split,
    test: Split,
    net: Mlp,
    opt: Box<dyn Optimizer + Send>,
    decay: Vec<bool>,
    order: Vec<u32>,
    order_rng: Rng,
    cursor: usize,
    batch: Split,
    grad_out: Vec<f32>,
    probs: Vec<f32>,
    pub epoch: u64,
    pub examples: u64,
    pub status: Status,
    grid: Grid,
}

impl Session {
    /// A session for `config`: data generated, network initialised.
    pub fn new(config: PlaygroundConfig) -> Self {
        let spec = model_spec(&config);
        let mut s = Session {
            net: Mlp::new(spec, &mut Rng::new(0)),
            opt: config.optimizer.build(0),
            config,
            points: Vec::new(),
            split: 0,
            train: Split::default(),
            test: Split::default(),
            decay: Vec::new(),
            order: Vec::new(),
            order_rng: Rng::new(0),
            cursor: 0,
            batch: Split::default(),
            grad_out: Vec::new(),
            probs: Vec::new(),
            epoch: 0,
            examples: 0,
            status: Status::Ready,
            grid: Grid::default(),
        };
        s.make_data();
        s.make_model();
        s
    }

    /// Moves to a new configuration, rebuilding only what it changes:
    /// learning rate, regularization, batch size and stop conditions keep
    /// the trained weights; a new optimizer keeps them and starts fresh
    /// moments; the reader's own points keep them when the network's shape
    /// does not change; anything else starts over.
    pub fn apply(&mut self, config: PlaygroundConfig) -> Applied {
        let old = std::mem::replace(&mut self.config, config);
        let c = &self.config;
        let data_changed = old.problem != c.problem
            || old.dataset != c.dataset
            || old.noise != c.noise
            || old.percent_train != c.percent_train
            || old.num_samples != c.num_samples
            || (old.num_classes != c.num_classes && c.dataset == DataSet::Blobs)
            || old.seed != c.seed
            || old.points != c.points;
        let only_points = old.points != c.points
            && old.problem == c.problem
            && old.dataset == c.dataset
            && old.noise == c.noise
            && old.percent_train == c.percent_train
            && old.num_samples == c.num_samples
            && old.seed == c.seed;
        let model_changed = model_spec(&old) != model_spec(c) || old.seed != c.seed || (data_changed && !only_points);
        let mut applied = Applied::default();
        if data_changed {
            self.make_data();
            applied.data = true;
        }
        if model_changed {
            self.make_model();
            applied.model = true;
        } else {
            if old.optimizer != self.config.optimizer {
                self.opt = self.config.optimizer.build(self.net.params.len());
            }
            if data_changed {
                self.restart_epoch();
            }
            self.status = self.ready_status();
        }
        applied
    }

    fn ready_status(&self) -> Status {
        if self.train.len() == 0 {
            Status::NoData
        } else if self.status == Status::Diverged {
            Status::Diverged
        } else {
            Status::Ready
        }
    }

    fn make_data(&mut self) {
        let c = &self.config;
        let seed = seed_from_text(&c.seed);
        let mut rng = Rng::for_stream(seed, STREAM_DATA);
        let mut pts = if c.dataset == DataSet::Custom {
            c.points.clone()
        } else {
            c.dataset.generate(c.num_samples, c.noise, c.num_classes, &mut rng)
        };
        self.split = two_d::shuffle_split(&mut pts, c.percent_train, &mut rng);
        // Tiny custom sets: keep at least one training point.
        if self.split == 0 && !pts.is_empty() {
            self.split = 1;
        }
        self.points = pts;
        self.fill_splits();
    }

    /// Recomputes inputs and targets (features or outputs changed).
    fn fill_splits(&mut self) {
        let c = &self.config;
        let k = c.outputs();
        let fill = |pts: &[Sample2D], out: &mut Split| {
            features::fill(&c.features, pts.iter().map(|p| (p.x, p.y)), &mut out.x);
            out.y.clear();
            out.t.clear();
            for p in pts {
                match c.problem {
                    Problem::Regression => {
                        out.t.push(p.label);
                        out.y.push(0);
                    }
                    Problem::Classification => {
                        let class = p.label as u32;
                        out.y.push(class);
                        if k == 1 {
                            out.t.push(if class == 1 { 1.0 } else { -1.0 });
                        } else {
                            out.t.extend((0..k as u32).map(|j| if j == class { 1.0 } else { -1.0 }));
                        }
                    }
                }
            }
        };
        fill(&self.points[..self.split], &mut self.train);
        fill(&self.points[self.split..], &mut self.test);
    }

    /// Starts training over: initial weights drawn again from the seed,
    /// optimizer state and counters cleared (the reset button).
    pub fn reset(&mut self) {
        self.make_model();
    }

    fn make_model(&mut self) {
        self.fill_splits();
        let seed = seed_from_text(&self.config.seed);
        self.net = Mlp::new(model_spec(&self.config), &mut Rng::for_stream(seed, STREAM_INIT));
        self.opt = self.config.optimizer.build(self.net.params.len());
        self.decay = self.net.params.decay_mask();
        self.order_rng = Rng::for_stream(seed, STREAM_ORDER);
        self.epoch = 0;
        self.examples = 0;
        self.status = Status::Ready;
        self.restart_epoch();
        self.status = self.ready_status();
        let b = self.config.batch_size;
        self.net.reserve(b);
    }

    fn restart_epoch(&mut self) {
        self.order.clear();
        self.order.extend(0..self.train.len() as u32);
        self.order_rng.shuffle(&mut self.order);
        self.cursor = 0;
    }

    /// Trains up to `batches` mini-batches, stopping early at the end of an
    /// epoch that meets a stop condition, or on divergence. Returns the
    /// number of batches trained.
    pub fn train_batches(&mut self, batches: usize) -> usize {
        if self.status != Status::Ready {
            return 0;
        }
        let n = self.train.len();
        let f = self.config.features.len();
        let k = self.net.sizes()[self.net.layers()];
        let bs = self.config.batch_size.min(n).max(1);
        for done in 0..batches {
            let end = (self.cursor + bs).min(n);
            let rows = end - self.cursor;
            self.batch.x.clear();
            self.batch.t.clear();
            self.batch.y.clear();
            for &i in &self.order[self.cursor..end] {
                let i = i as usize;
                self.batch.x.extend_from_slice(&self.train.x[i * f..(i + 1) * f]);
                if self.config.loss == LossKind::Squared {
                    self.batch.t.extend_from_slice(&self.train.t[i * k..(i + 1) * k]);
                }
                self.batch.y.push(self.train.y[i]);
            }
            let batch_loss = self.step(rows);
            self.examples += rows as u64;
            self.cursor = end;
            if !batch_loss.is_finite() {
                self.status = Status::Diverged;
                return done + 1;
            }
            if self.cursor >= n {
                self.epoch += 1;
                self.restart_epoch();
                if !self.net.params.all_finite() {
                    self.status = Status::Diverged;
                    return done + 1;
                }
                if self.config.stop_at_epoch > 0 && self.epoch >= self.config.stop_at_epoch {
                    self.status = Status::ReachedEpoch;
                    return done + 1;
                }
                if self.config.stop_at_loss > 0.0 && self.evaluate().train_loss <= self.config.stop_at_loss {
                    self.status = Status::ReachedLoss;
                    return done + 1;
                }
            }
        }
        batches
    }

    /// Trains whole epochs (finishing the current one first); returns the
    /// number of batches trained.
    pub fn train_epochs(&mut self, epochs: usize) -> usize {
        let target = self.epoch + epochs as u64;
        let mut total = 0;
        while self.epoch < target && self.status == Status::Ready {
            let n = self.train_batches(1);
            if n == 0 {
                break;
            }
            total += n;
        }
        total
    }

    /// Batches in one epoch at the current batch size.
    pub fn batches_per_epoch(&self) -> usize {
        let bs = self.config.batch_size.max(1);
        self.train.len().div_ceil(bs)
    }

    /// One optimizer step on the gathered batch; returns the batch loss.
    fn step(&mut self, rows: usize) -> f64 {
        let k = self.net.sizes()[self.net.layers()];
        self.net.zero_grads();
        let out = self.net.forward(&self.batch.x, rows);
        self.grad_out.resize(rows * k, 0.0);
        let l = match self.config.loss {
            LossKind::Squared => loss::squared(out, &self.batch.t, Some(&mut self.grad_out), rows),
            LossKind::CrossEntropy => {
                self.probs.resize(rows * k, 0.0);
                loss::softmax_cross_entropy(out, &self.batch.y, &mut self.probs, Some(&mut self.grad_out), k)
            }
        };
        self.net.backward(&self.batch.x, &self.grad_out, rows);
        let lr = self.config.learning_rate;
        self.opt.step(&mut self.net.params.data, &self.net.grads, lr);
        self.config.regularization.apply(&mut self.net.params.data, &self.decay, lr * self.config.regularization_rate);
        l
    }

    /// All points (shuffled), and where the test points start.
    pub fn points(&self) -> (&[Sample2D], usize) {
        (&self.points, self.split)
    }

    /// The flat parameter buffer.
    pub fn params(&self) -> &[f32] {
        &self.net.params.data
    }

    /// Names, offsets and shapes of the parameters.
    pub fn param_views(&self) -> &[ParamView] {
        &self.net.params.views
    }

    /// Layer widths, inputs first.
    pub fn sizes(&self) -> &[usize] {
        self.net.sizes()
    }

    /// Sets one parameter (the reader editing a weight or bias). Refuses an
    /// index out of range or a non-finite value.
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

/// The network a configuration asks for.
fn model_spec(c: &PlaygroundConfig) -> MlpSpec {
    let output_activation = match (c.problem, c.loss) {
        (Problem::Regression, _) | (_, LossKind::CrossEntropy) => Activation::Linear,
        (Problem::Classification, LossKind::Squared) => Activation::Tanh,
    };
    MlpSpec {
        inputs: c.features.len(),
        hidden: c.hidden.clone(),
        outputs: c.outputs(),
        activation: c.activation,
        output_activation,
        init: c.init,
    }
}
