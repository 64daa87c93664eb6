//! The backpropagation chapter's session: its data, its network, and the
//! training loop, behind coarse calls ("train n batches", "evaluate", "draw
//! the whole grid") so the browser crosses into the engine a few times per
//! frame, never once per point.

mod grid;
pub mod hub;
mod metrics;
pub mod settings;

pub use crate::train::Status;

/// The chapter's entry in the registry.
pub static CHAPTER: super::Chapter = super::Chapter {
    route: "playground",
    fields: settings::FIELDS,
    hideable: settings::HIDEABLE,
    limits: settings::LIMITS,
    decode: settings::decode,
};
pub use grid::{grid_points, Grid, GRID_EXTENT};
pub use metrics::Metrics;

use settings::{LossKind, PlaygroundConfig};
use crate::data::{features, two_d, DataSet, Problem, Sample2D};
use crate::models::{Mlp, MlpSpec};
use crate::nn::ParamStore;
use crate::ops::Activation;
use crate::rng::{seed_from_text, Rng};
use crate::nn::Schedule;
use crate::train::{pass, Examples, Health, Hyper, PassOptions, Trainable, Trainer};

const STREAM_DATA: u64 = 1;
const STREAM_INIT: u64 = 2;
const STREAM_ORDER: u64 = 3;

/// What [`Session::apply`] had to rebuild.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Applied {
    pub data: bool,
    pub model: bool,
}

/// Data, network, optimizer and counters of one playground.
pub struct Session {
    pub config: PlaygroundConfig,
    /// All points, shuffled: the first `split` train, the rest test.
    points: Vec<Sample2D>,
    split: usize,
    train: Examples,
    test: Examples,
    trainer: Trainer<Mlp>,
    grid: Grid,
    /// What the last evaluation saw of the hidden units and outputs.
    health: Health,
}

impl Session {
    /// A session for `config`: data generated, network initialised.
    pub fn new(config: PlaygroundConfig) -> Self {
        let net = Mlp::new(model_spec(&config), &mut Rng::new(0));
        let mut s = Session {
            trainer: Trainer::new(net, config.optimizer, Rng::new(0), 0),
            config,
            points: Vec::new(),
            split: 0,
            train: Examples::default(),
            test: Examples::default(),
            grid: Grid::default(),
            health: Health::default(),
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
        let model_changed = model_spec(&old) != model_spec(c)
            || old.seed != c.seed
            || (data_changed && !only_points);
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
                self.trainer.set_optimizer(self.config.optimizer);
            }
            if data_changed {
                self.trainer.restart_epoch(self.train.len());
            }
            self.trainer.resume();
        }
        self.trainer.model.loss = self.config.loss;
        applied
    }

    fn make_data(&mut self) {
        let c = &self.config;
        let seed = seed_from_text(&c.seed);
        let mut rng = Rng::for_stream(seed, STREAM_DATA);
        let mut pts = if c.dataset == DataSet::Custom {
            c.points.clone()
        } else {
            c.dataset
                .generate(c.num_samples, c.noise, c.num_classes, &mut rng)
        };
        self.split = two_d::shuffle_split(&mut pts, c.percent_train, &mut rng);
        // Tiny custom sets: keep at least one training point.
        if self.split == 0 && !pts.is_empty() {
            self.split = 1;
        }
        self.points = pts;
        self.fill_examples();
    }

    /// Recomputes inputs and targets (features or outputs changed).
    fn fill_examples(&mut self) {
        let c = &self.config;
        let k = c.outputs();
        let fill = |pts: &[Sample2D], out: &mut Examples| {
            features::fill(&c.features, pts.iter().map(|p| (p.x, p.y)), &mut out.x);
            out.width = c.features.len();
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
                            out.t
                                .extend((0..k as u32).map(|j| if j == class { 1.0 } else { -1.0 }));
                        }
                    }
                }
            }
        };
        fill(&self.points[..self.split], &mut self.train);
        fill(&self.points[self.split..], &mut self.test);
    }

    fn make_model(&mut self) {
        self.fill_examples();
        let seed = seed_from_text(&self.config.seed);
        let mut net = Mlp::new(
            model_spec(&self.config),
            &mut Rng::for_stream(seed, STREAM_INIT),
        );
        net.loss = self.config.loss;
        net.reserve(self.config.batch_size);
        self.trainer = Trainer::new(
            net,
            self.config.optimizer,
            Rng::for_stream(seed, STREAM_ORDER),
            self.train.len(),
        );
    }

    fn hyper(&self) -> Hyper {
        let c = &self.config;
        Hyper {
            learning_rate: c.learning_rate,
            schedule: Schedule::Constant,
            clip: 0.0,
            weight_decay: 0.0,
            regularization: c.regularization,
            regularization_rate: c.regularization_rate,
            batch_size: c.batch_size,
            stop_at_epoch: c.stop_at_epoch,
            stop_at_loss: c.stop_at_loss,
        }
    }

    /// Whether training may run, and if not why.
    pub fn status(&self) -> Status {
        self.trainer.status
    }

    /// All points (shuffled), and where the test points start.
    pub fn points(&self) -> (&[Sample2D], usize) {
        (&self.points, self.split)
    }

    /// The flat parameter buffer.
    pub fn params(&self) -> &[f32] {
        &self.trainer.model.store.data
    }

    /// The parameters with their names, offsets and shapes.
    pub fn store(&self) -> &ParamStore {
        &self.trainer.model.store
    }

    /// Layer widths, inputs first.
    pub fn sizes(&self) -> &[usize] {
        self.trainer.model.sizes()
    }

    /// Sets one parameter (the reader editing a weight or bias).
    pub fn set_param(&mut self, index: usize, value: f32) -> bool {
        self.trainer.set_param(index, value)
    }
}

/// The loss over the whole training set (for `stopAtLoss`).
fn train_loss(net: &mut Mlp, data: &Examples) -> f64 {
    pass(net, data, PassOptions::default()).loss
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

impl Trainable for Session {
    /// Starts training over: initial weights drawn again from the seed,
    /// optimizer state and counters cleared (the reset button).
    fn reset(&mut self) {
        self.make_model();
    }
    /// Trains up to `batches` mini-batches (see [`Trainer::train_batches`]).
    fn train_batches(&mut self, batches: usize) -> usize {
        let h = self.hyper();
        self.trainer.train_batches(&self.train, &h, batches, &mut train_loss)
    }
    /// Trains whole epochs, finishing the current one first.
    fn train_epochs(&mut self, epochs: usize) -> usize {
        let h = self.hyper();
        self.trainer.train_epochs(&self.train, &h, epochs, &mut train_loss)
    }
    /// Batches in one epoch at the current batch size.
    fn batches_per_epoch(&self) -> usize {
        Trainer::<Mlp>::batches_per_epoch(self.train.len(), self.config.batch_size)
    }
    /// Epochs trained.
    fn epoch(&self) -> u64 {
        self.trainer.epoch
    }
    /// Examples trained on, counting repeats.
    fn examples(&self) -> u64 {
        self.trainer.examples
    }

    fn status_name(&self) -> &'static str {
        self.trainer.status.name()
    }
}
