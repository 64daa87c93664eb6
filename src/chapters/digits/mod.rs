//! The digits chapter's session: the classic picture of a perceptron reading
//! 14×14 digits (196 inputs, ten softmax outputs: 1,960 weights and 10
//! biases), optionally deepened with hidden layers and trained beside the
//! plain softmax model for comparison.

pub mod settings;
mod hub;

/// The chapter's entry in the registry.
pub static CHAPTER: super::Chapter = super::Chapter {
    route: "digits",
    fields: settings::FIELDS,
    hideable: settings::HIDEABLE,
    limits: settings::LIMITS,
    decode: settings::decode,
};

use settings::DigitsConfig;
use crate::data::digits::{to_f32, Digits, PIXELS, SIDE};
use crate::data::shift::shift;
use crate::models::{Mlp, MlpSpec};
use crate::nn::{Init, Regularization};
use crate::ops::{loss, Activation};
use crate::rng::{seed_from_text, Rng};
use crate::nn::Schedule;
use crate::train::{never, pass, Examples, Hyper, LossKind, PassOptions, Status, Trainable, Trainer};

const STREAM_INIT: u64 = 2;
const STREAM_ORDER: u64 = 3;
const STREAM_BASELINE: u64 = 4;
const STREAM_SHIFT: u64 = 5;
/// Most misclassified test digits kept for the gallery.
pub const MAX_MISTAKES: usize = 48;

/// Figures of one model; the accuracies are NaN when the model is not
/// finite (a network of NaN reads every digit as 0, which is no accuracy).
#[derive(Clone, Debug, Default)]
pub struct ModelFigures {
    pub train_loss: f64,
    pub test_loss: f64,
    pub train_accuracy: f64,
    pub test_accuracy: f64,
    pub params: usize,
    /// Every parameter finite, and the loss of every non-empty set.
    pub finite: bool,
}

/// Figures of the session: the configured model, the softmax baseline when
/// it trains beside it, the configured model's test confusion matrix
/// (`[true * 10 + predicted]`) and its first misclassified test digits as
/// `(test index, predicted)`, both empty when it is not finite.
#[derive(Clone, Debug, Default)]
pub struct DigitsMetrics {
    pub main: ModelFigures,
    pub baseline: Option<ModelFigures>,
    pub confusion: Vec<u32>,
    pub mistakes: Vec<(u32, u32)>,
}

/// Data and models of the digits chapter.
pub struct DigitsSession {
    pub config: DigitsConfig,
    /// Training images as shipped; `train.x` holds them shifted when the
    /// augmentation is on.
    originals: Vec<f32>,
    shift_rng: Rng,
    train: Examples,
    test: Examples,
    main: Trainer<Mlp>,
    baseline: Option<Trainer<Mlp>>,
}

/// A softmax network reading one 14×14 image (intensities in [0, 1];
/// anything else is clamped): ten probabilities.
pub fn probabilities(net: &mut Mlp, image: &[f32]) -> [f32; 10] {
    let mut x = [0.0f32; PIXELS];
    for (d, s) in x.iter_mut().zip(image) {
        *d = if s.is_finite() {
            s.clamp(0.0, 1.0)
        } else {
            0.0
        };
    }
    let mut p = [0.0f32; 10];
    loss::softmax(net.forward(&x, 1), &mut p, 1, 10);
    p
}

/// The network a digits configuration asks for (`hidden` empty: softmax
/// alone), with weights from `rng`.
pub fn network(hidden: &[usize], activation: Activation, rng: &mut Rng) -> Mlp {
    let mut net = Mlp::new(softmax_spec(hidden, activation), rng);
    net.loss = LossKind::CrossEntropy;
    net
}

fn examples(images: &[u8], labels: &[u8]) -> Examples {
    let mut x = Vec::new();
    to_f32(images, &mut x);
    Examples {
        x,
        t: Vec::new(),
        y: labels.iter().map(|&l| u32::from(l)).collect(),
        width: PIXELS,
    }
}

fn softmax_spec(hidden: &[usize], activation: Activation) -> MlpSpec {
    MlpSpec {
        inputs: PIXELS,
        hidden: hidden.to_vec(),
        outputs: 10,
        activation,
        output_activation: Activation::Linear,
        init: Init::Xavier,
    }
}

impl DigitsSession {
    /// A session on the shipped digits.
    pub fn new(config: DigitsConfig, digits: &Digits) -> Self {
        let train = examples(&digits.train_images, &digits.train_labels);
        let test = examples(&digits.test_images, &digits.test_labels);
        let (main, baseline) = Self::models(&config, train.len());
        let shift_rng = Rng::for_stream(seed_from_text(&config.seed), STREAM_SHIFT);
        let mut s = DigitsSession {
            originals: train.x.clone(),
            shift_rng,
            config,
            train,
            test,
            main,
            baseline,
        };
        s.shift_training_images();
        s
    }

    /// With augmentation on, moves every training image by a random whole
    /// pixel (−1, 0 or +1 in each direction) for the coming epoch; off, puts
    /// the originals back.
    fn shift_training_images(&mut self) {
        if !self.config.augment {
            self.train.x.copy_from_slice(&self.originals);
            return;
        }
        for (dst, src) in self
            .train
            .x
            .chunks_exact_mut(PIXELS)
            .zip(self.originals.chunks_exact(PIXELS))
        {
            let dx = self.shift_rng.below(3) as isize - 1;
            let dy = self.shift_rng.below(3) as isize - 1;
            shift(src, dst, SIDE, dx, dy);
        }
    }

    fn models(c: &DigitsConfig, n: usize) -> (Trainer<Mlp>, Option<Trainer<Mlp>>) {
        let seed = seed_from_text(&c.seed);
        let mut net = network(&c.hidden, c.activation, &mut Rng::for_stream(seed, STREAM_INIT));
        net.reserve(c.batch_size);
        let main = Trainer::new(net, c.optimizer, Rng::for_stream(seed, STREAM_ORDER), n);
        let baseline = (c.compare && !c.hidden.is_empty()).then(|| {
            let mut rng = Rng::for_stream(seed, STREAM_BASELINE);
            let net = network(&[], c.activation, &mut rng);
            Trainer::new(net, c.optimizer, rng, n)
        });
        (main, baseline)
    }

    /// Moves to new settings; returns whether the models were rebuilt (the
    /// learning rate, batch size, optimizer and stop epoch keep the weights).
    pub fn apply(&mut self, config: DigitsConfig) -> bool {
        let old = std::mem::replace(&mut self.config, config);
        let c = &self.config;
        let rebuild = old.hidden != c.hidden
            || old.activation != c.activation
            || old.seed != c.seed
            || old.compare != c.compare;
        let new_optimizer = old.optimizer != c.optimizer;
        if rebuild {
            self.reset();
            return true;
        }
        if old.augment != self.config.augment {
            self.shift_training_images();
        }
        if new_optimizer {
            self.main.set_optimizer(self.config.optimizer);
            if let Some(b) = &mut self.baseline {
                b.set_optimizer(self.config.optimizer);
            }
        }
        self.main.resume();
        if let Some(b) = &mut self.baseline {
            b.resume();
        }
        false
    }

    fn hyper(&self) -> Hyper {
        Hyper {
            learning_rate: self.config.learning_rate,
            schedule: Schedule::Constant,
            clip: 0.0,
            weight_decay: 0.0,
            regularization: Regularization::None,
            regularization_rate: 0.0,
            batch_size: self.config.batch_size,
            stop_at_epoch: self.config.stop_at_epoch,
            stop_at_loss: 0.0,
        }
    }

    pub fn status(&self) -> Status {
        self.main.status
    }

    /// Training and test images.
    pub fn sizes(&self) -> (usize, usize) {
        (self.train.len(), self.test.len())
    }

    /// Layer widths of the configured model, inputs first.
    pub fn layer_sizes(&self) -> &[usize] {
        self.main.model.sizes()
    }

    fn figures(t: &mut Trainer<Mlp>, train: &Examples, test: &Examples, o: PassOptions) -> ModelFigures {
        let a = pass(&mut t.model, train, PassOptions::default());
        let b = pass(&mut t.model, test, o);
        let finite = t.model.store.all_finite()
            && (train.is_empty() || a.loss.is_finite())
            && (test.is_empty() || b.loss.is_finite());
        let ratio = |correct: usize, n: usize| if finite { correct as f64 / n.max(1) as f64 } else { f64::NAN };
        ModelFigures {
            train_loss: a.loss,
            test_loss: b.loss,
            train_accuracy: ratio(a.correct, train.len()),
            test_accuracy: ratio(b.correct, test.len()),
            params: t.model.store.len(),
            finite,
        }
    }

    /// Loss and accuracy of both models, the confusion matrix and the
    /// mistakes of the configured one.
    pub fn evaluate(&mut self) -> DigitsMetrics {
        let mut confusion = vec![0u32; 100];
        let mut mistakes = Vec::with_capacity(MAX_MISTAKES);
        let o = PassOptions {
            confusion: Some((&mut confusion, 10)),
            mistakes: Some(&mut mistakes),
            regression: false,
            health: None,
        };
        let main = Self::figures(&mut self.main, &self.train, &self.test, o);
        let baseline = self
            .baseline
            .as_mut()
            .map(|b| Self::figures(b, &self.train, &self.test, PassOptions::default()));
        if !main.finite {
            confusion.fill(0);
            mistakes.clear();
        }
        DigitsMetrics {
            main,
            baseline,
            confusion,
            mistakes,
        }
    }

    /// Ten probabilities from the configured model (then ten from the
    /// baseline when it trains) for one 14×14 image in [0, 1].
    pub fn predict(&mut self, image: &[f32]) -> Vec<f32> {
        let mut out = Vec::with_capacity(20);
        for t in std::iter::once(&mut self.main).chain(self.baseline.as_mut()) {
            out.extend_from_slice(&probabilities(&mut t.model, image));
        }
        out
    }

    /// The configured model's parameters, flat.
    pub fn params(&self) -> &[f32] {
        &self.main.model.store.data
    }

    /// The baseline's parameters, flat (empty without one).
    pub fn baseline_params(&self) -> &[f32] {
        self.baseline.as_ref().map_or(&[], |b| &b.model.store.data)
    }

    /// The ten evidence maps [196 × 10] of the plain softmax model (the
    /// configured one if it has no hidden layer, else the baseline).
    pub fn evidence(&self) -> Option<&[f32]> {
        if self.config.hidden.is_empty() {
            Some(self.main.model.weight(0))
        } else {
            self.baseline.as_ref().map(|b| b.model.weight(0))
        }
    }

    /// First-layer weights [196 × n₁] of the configured model.
    pub fn first_layer(&self) -> &[f32] {
        self.main.model.weight(0)
    }

    /// Test image `i` as bytes, and its label.
    pub fn test_image(&self, i: usize) -> Option<(&[f32], u32)> {
        (i < self.test.len()).then(|| (&self.test.x[i * PIXELS..(i + 1) * PIXELS], self.test.y[i]))
    }
}

impl Trainable for DigitsSession {
    /// New initial weights from the seed, epoch 0.
    fn reset(&mut self) {
        let (main, baseline) = Self::models(&self.config, self.train.len());
        self.main = main;
        self.baseline = baseline;
        self.shift_rng = Rng::for_stream(seed_from_text(&self.config.seed), STREAM_SHIFT);
        self.shift_training_images();
    }
    /// Trains up to `batches` mini-batches of each model, one epoch at a
    /// time (the training images are shifted anew between epochs); returns
    /// how many the configured model ran.
    fn train_batches(&mut self, batches: usize) -> usize {
        let h = self.hyper();
        let mut done = 0;
        while done < batches {
            let chunk = (batches - done).min(self.main.batches_left(h.batch_size).max(1));
            let epoch = self.main.epoch;
            let ran = self.main.train_batches(&self.train, &h, chunk, &mut never);
            if let Some(b) = &mut self.baseline {
                b.train_batches(&self.train, &h, ran, &mut never);
            }
            done += ran;
            if self.main.epoch != epoch {
                self.shift_training_images();
            }
            if ran < chunk {
                break;
            }
        }
        done
    }
    /// Trains whole epochs of each model (finishing the current one first).
    fn train_epochs(&mut self, epochs: usize) -> usize {
        let target = self.main.epoch + epochs as u64;
        let mut total = 0;
        while self.main.epoch < target {
            let ran = self.train_batches(self.main.batches_left(self.config.batch_size).max(1));
            if ran == 0 {
                break;
            }
            total += ran;
        }
        total
    }
    fn batches_per_epoch(&self) -> usize {
        Trainer::<Mlp>::batches_per_epoch(self.train.len(), self.config.batch_size)
    }
    fn epoch(&self) -> u64 {
        self.main.epoch
    }
    fn examples(&self) -> u64 {
        self.main.examples
    }

    fn status_name(&self) -> &'static str {
        self.main.status.name()
    }
}
