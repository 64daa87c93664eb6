//! The 1989 chapter's session: a LeNet-style convolutional network (LeCun
//! et al., 1989) trained on the shipped 14×14 digits, beside the plain
//! softmax model and a dense network of about the same number of
//! parameters, so the page can compare accuracy, size, time per epoch and
//! tolerance to translation.

mod hub;
mod plan;
pub mod settings;
mod shifted;

pub use plan::{plan, Row, Step};
pub use shifted::{shifted_images, ShiftResult, SHIFTS};

use crate::chapters::digits::network;
use crate::data::digits::{to_f32, Digits, PIXELS};
use crate::models::cnn::{Cnn, Images};
use crate::models::Mlp;
use crate::nn::Schedule;
use crate::ops::Activation;
use crate::rng::{seed_from_text, Rng};
use crate::train::{never, pass, Examples, Hyper, PassOptions, Trainable, Trainer};
use settings::CnnConfig;

/// The chapter's entry in the registry.
pub static CHAPTER: super::Chapter = super::Chapter {
    route: "cnn",
    fields: settings::FIELDS,
    hideable: settings::HIDEABLE,
    limits: settings::LIMITS,
    decode: settings::decode,
};

const STREAM_CNN: u64 = 11;
const STREAM_CNN_ORDER: u64 = 12;
const STREAM_DENSE: u64 = 13;
const STREAM_SOFTMAX: u64 = 14;
/// Most warm-up steps of the schedule (fewer for short runs: a tenth).
const WARMUP: u64 = 100;
/// The schedule ends at this share of the rate.
const MIN_RATIO: f32 = 0.02;

/// Which model a row of figures is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Cnn,
    Dense,
    Softmax,
}

impl Kind {
    /// Stable name for the page.
    pub fn name(self) -> &'static str {
        match self {
            Kind::Cnn => "cnn",
            Kind::Dense => "dense",
            Kind::Softmax => "softmax",
        }
    }
}

/// One model's figures: the mean training loss of the current (or just
/// finished) epoch, test loss and accuracy, and the milliseconds its
/// training took per epoch so far (NaN before any).
#[derive(Clone, Debug)]
pub struct ModelFigures {
    pub kind: Kind,
    /// Layer widths for the dense models (inputs first); empty for the CNN.
    pub sizes: Vec<usize>,
    pub params: usize,
    pub train_loss: f64,
    pub test_loss: f64,
    pub test_accuracy: f64,
    pub ms_per_epoch: f64,
}

/// Figures of every model (the CNN first) and the CNN's test confusion
/// matrix `[true * 10 + predicted]`.
#[derive(Clone, Debug)]
pub struct CnnMetrics {
    pub models: Vec<ModelFigures>,
    pub confusion: Vec<u32>,
}

/// A model's running figures: milliseconds spent training, and the sum and
/// count of batch losses in the current epoch (the last epoch's mean kept).
#[derive(Clone, Copy, Debug)]
struct Tally {
    ms: f64,
    loss_sum: f64,
    batches: usize,
    last_mean: f64,
}

impl Tally {
    const NEW: Tally = Tally {
        ms: 0.0,
        loss_sum: 0.0,
        batches: 0,
        last_mean: f64::NAN,
    };

    fn add(&mut self, loss: f64) {
        self.loss_sum += loss;
        self.batches += 1;
    }

    fn end_epoch(&mut self) {
        if self.batches > 0 {
            self.last_mean = self.loss_sum / self.batches as f64;
        }
        (self.loss_sum, self.batches) = (0.0, 0);
    }

    fn mean(&self) -> f64 {
        if self.batches > 0 {
            self.loss_sum / self.batches as f64
        } else {
            self.last_mean
        }
    }
}

/// A dense baseline with its running figures.
struct Baseline {
    kind: Kind,
    t: Trainer<Mlp>,
    tally: Tally,
}

/// Data and models of the CNN chapter.
pub struct CnnSession {
    pub config: CnnConfig,
    train: Images,
    test: Images,
    train_rows: Examples,
    test_rows: Examples,
    cnn: Trainer<Cnn>,
    tally: Tally,
    baselines: Vec<Baseline>,
    /// Milliseconds on some monotonic clock (the worker's, in the page).
    clock: fn() -> f64,
    /// The largest batch the CNN's workspace allows (worked out once: the
    /// spec's check allocates).
    most: usize,
}

/// The width of one hidden layer that gives a 196 → h → 10 network about
/// `params` parameters (at least 1, at most 256).
pub fn similar_width(params: usize) -> usize {
    let per_unit = PIXELS + 1 + 10;
    ((params.saturating_sub(10) as f64 / per_unit as f64).round() as usize).clamp(1, 256)
}

fn rows(images: &[u8], labels: &[u8]) -> Examples {
    let mut x = Vec::new();
    to_f32(images, &mut x);
    Examples {
        x,
        t: Vec::new(),
        y: labels.iter().map(|&l| u32::from(l)).collect(),
        width: PIXELS,
    }
}

impl CnnSession {
    /// A session on the shipped digits; `clock` gives milliseconds.
    pub fn new(config: CnnConfig, digits: &Digits, clock: fn() -> f64) -> Self {
        let train = Images::from_digits(&digits.train_images, &digits.train_labels);
        let test = Images::from_digits(&digits.test_images, &digits.test_labels);
        let train_rows = rows(&digits.train_images, &digits.train_labels);
        let test_rows = rows(&digits.test_images, &digits.test_labels);
        let (cnn, baselines) = Self::models(&config, train.len());
        let most = cnn.model.spec.max_batch().max(1);
        CnnSession {
            config,
            train,
            test,
            train_rows,
            test_rows,
            cnn,
            tally: Tally::NEW,
            baselines,
            clock,
            most,
        }
    }

    fn models(c: &CnnConfig, n: usize) -> (Trainer<Cnn>, Vec<Baseline>) {
        let seed = seed_from_text(&c.seed);
        let mut net = Cnn::new(c.spec.clone(), &mut Rng::for_stream(seed, STREAM_CNN))
            .expect("settings give a valid spec");
        net.reserve(c.batch_size.clamp(1, net.spec.max_batch()));
        let params = net.store.len();
        let cnn = Trainer::new(net, c.optimizer, Rng::for_stream(seed, STREAM_CNN_ORDER), n);
        let mut baselines = Vec::new();
        if c.compare {
            for (kind, stream, hidden) in [
                (Kind::Dense, STREAM_DENSE, vec![similar_width(params)]),
                (Kind::Softmax, STREAM_SOFTMAX, Vec::new()),
            ] {
                let mut rng = Rng::for_stream(seed, stream);
                let mut net = network(&hidden, Activation::Relu, &mut rng);
                net.reserve(c.batch_size);
                let t = Trainer::new(net, c.optimizer, rng, n);
                baselines.push(Baseline {
                    kind,
                    t,
                    tally: Tally::NEW,
                });
            }
        }
        (cnn, baselines)
    }

    /// Moves to new settings; returns whether the models were rebuilt (the
    /// learning rate, batch size, optimizer and epochs keep the weights).
    pub fn apply(&mut self, config: CnnConfig) -> bool {
        let old = std::mem::replace(&mut self.config, config);
        let c = &self.config;
        if old.spec != c.spec || old.seed != c.seed || old.compare != c.compare {
            self.reset();
            return true;
        }
        if c.batch_size != old.batch_size {
            let b = self.batch_size();
            self.cnn.model.reserve(b);
            for b in &mut self.baselines {
                b.t.model.reserve(c.batch_size);
            }
        }
        let new_optimizer = old.optimizer != c.optimizer;
        if new_optimizer {
            self.cnn.set_optimizer(c.optimizer);
            for b in &mut self.baselines {
                b.t.set_optimizer(c.optimizer);
            }
        }
        self.cnn.resume();
        for b in &mut self.baselines {
            b.t.resume();
        }
        false
    }

    /// The batch size: as configured, but no larger than the network's
    /// workspace allows ([`crate::models::cnn::CnnSpec::max_batch`]).
    pub fn batch_size(&self) -> usize {
        self.config.batch_size.clamp(1, self.most)
    }

    /// The run's settings: warm-up, then cosine decay to the last step of
    /// the configured epochs, where training stops.
    pub fn hyper(&self) -> Hyper {
        let c = &self.config;
        let total = (c.epochs * self.batches_per_epoch()) as u64;
        Hyper {
            learning_rate: c.learning_rate,
            schedule: Schedule::WarmupCosine {
                warmup: WARMUP.min(total / 10).max(1),
                total,
                min_ratio: MIN_RATIO,
            },
            weight_decay: c.weight_decay,
            batch_size: self.batch_size(),
            stop_at_epoch: c.epochs as u64,
            ..Hyper::default()
        }
    }

    /// Training and test images.
    pub fn sizes(&self) -> (usize, usize) {
        (self.train.len(), self.test.len())
    }

    /// The CNN.
    pub fn cnn(&self) -> &Cnn {
        &self.cnn.model
    }

    /// The CNN's parameters, flat.
    pub fn params(&self) -> &[f32] {
        &self.cnn.model.store.data
    }

    /// Test image `i` and its label.
    pub fn test_image(&self, i: usize) -> Option<(&[f32], u32)> {
        (i < self.test.len()).then(|| (self.test.image(i), self.test.y[i]))
    }

    /// Every model's figures on the test set, and the CNN's confusion matrix.
    pub fn evaluate(&mut self) -> CnnMetrics {
        let mut confusion = vec![0u32; 100];
        let (test_loss, test_accuracy) = self
            .cnn
            .model
            .evaluate_with(&self.test, Some(&mut confusion));
        let epochs = self.cnn.examples as f64 / self.train.len().max(1) as f64;
        let per_epoch = |ms: f64| if epochs > 0.0 { ms / epochs } else { f64::NAN };
        let mut models = vec![ModelFigures {
            kind: Kind::Cnn,
            sizes: Vec::new(),
            params: self.cnn.model.store.len(),
            train_loss: self.tally.mean(),
            test_loss,
            test_accuracy,
            ms_per_epoch: per_epoch(self.tally.ms),
        }];
        for b in &mut self.baselines {
            let p = pass(&mut b.t.model, &self.test_rows, PassOptions::default());
            models.push(ModelFigures {
                kind: b.kind,
                sizes: b.t.model.sizes().to_vec(),
                params: b.t.model.store.len(),
                train_loss: b.tally.mean(),
                test_loss: p.loss,
                test_accuracy: p.correct as f64 / self.test_rows.len().max(1) as f64,
                ms_per_epoch: per_epoch(b.tally.ms),
            });
        }
        CnnMetrics { models, confusion }
    }

    /// Test accuracy of every model on the test digits moved by each of
    /// [`SHIFTS`] pixels (image `i` in direction [`crate::data::shift::direction`]).
    pub fn shift_experiment(&mut self) -> ShiftResult {
        let mut r = ShiftResult {
            shifts: SHIFTS.to_vec(),
            cnn: Vec::new(),
            dense: Vec::new(),
            softmax: Vec::new(),
        };
        for &d in SHIFTS {
            let images = shifted_images(&self.test, d);
            r.cnn.push(self.cnn.model.evaluate(&images).1);
            let rows = Examples {
                x: images.x,
                t: Vec::new(),
                y: images.y,
                width: PIXELS,
            };
            for b in &mut self.baselines {
                let p = pass(&mut b.t.model, &rows, PassOptions::default());
                let acc = p.correct as f64 / rows.len().max(1) as f64;
                match b.kind {
                    Kind::Dense => r.dense.push(acc),
                    _ => r.softmax.push(acc),
                }
            }
        }
        r
    }
}

impl Trainable for CnnSession {
    /// New initial weights from the seed, epoch 0.
    fn reset(&mut self) {
        let (cnn, baselines) = Self::models(&self.config, self.train.len());
        self.most = cnn.model.spec.max_batch().max(1);
        (self.cnn, self.baselines, self.tally) = (cnn, baselines, Tally::NEW);
    }

    /// Trains up to `batches` mini-batches of the CNN, one at a time, and as
    /// many of each baseline; returns how many the CNN ran.
    fn train_batches(&mut self, batches: usize) -> usize {
        let h = self.hyper();
        let clock = self.clock;
        let mut done = 0;
        while done < batches {
            let (epoch, t0) = (self.cnn.epoch, clock());
            if self.cnn.train_batches(&self.train, &h, 1, &mut never) == 0 {
                break;
            }
            self.tally.ms += clock() - t0;
            self.tally.add(self.cnn.last_loss);
            for b in &mut self.baselines {
                let (before, t0) = (b.t.epoch, clock());
                if b.t.train_batches(&self.train_rows, &h, 1, &mut never) == 1 {
                    b.tally.add(b.t.last_loss);
                }
                b.tally.ms += clock() - t0;
                if b.t.epoch != before {
                    b.tally.end_epoch();
                }
            }
            if self.cnn.epoch != epoch {
                self.tally.end_epoch();
            }
            done += 1;
        }
        done
    }

    fn train_epochs(&mut self, epochs: usize) -> usize {
        let target = self.cnn.epoch + epochs as u64;
        let mut total = 0;
        while self.cnn.epoch < target {
            let ran = self.train_batches(self.cnn.batches_left(self.batch_size()).max(1));
            if ran == 0 {
                break;
            }
            total += ran;
        }
        total
    }

    fn batches_per_epoch(&self) -> usize {
        Trainer::<Cnn>::batches_per_epoch(self.train.len(), self.batch_size())
    }

    fn epoch(&self) -> u64 {
        self.cnn.epoch
    }

    fn examples(&self) -> u64 {
        self.cnn.examples
    }

    fn status_name(&self) -> &'static str {
        self.cnn.status.name()
    }
}
