//! The chapter's session: one thing runs at a time while the page plays —
//! the reader's RBM training, a dream (Gibbs chains, paced for the eye), or
//! the pretraining comparison — and the worker reads the rest between
//! slices (filters, reconstructions, curves, the chains, both accuracy
//! curves).

use super::compare::{CompareSpec, Comparison, Phase};
use super::settings::DbnConfig;
use crate::data::digits::{to_f32, Digits, PIXELS, SIDE};
use crate::models::rbm::gibbs::Chain;
use crate::models::rbm::stack::rbm_trainer;
use crate::models::rbm::{Rbm, RbmSpec};
use crate::rng::{seed_from_text, Rng};
use crate::train::{never, Examples, Hyper, Status, Trainable, Trainer};

const STREAM_RBM: u64 = 81;
const STREAM_ORDER: u64 = 82;
const STREAM_DREAM: u64 = 83;
/// Test digits the curves are measured on.
pub const CURVE_IMAGES: usize = 500;
/// Test digits shown with their reconstructions.
pub const SHOWN: usize = 8;
/// Chains of a dream.
pub const CHAINS: usize = 8;
/// Samples kept in the strip (of the first chain).
pub const STRIP: usize = 16;
/// Gibbs steps between two samples of the strip.
pub const STRIP_EVERY: u64 = 5;
/// A dream stops after this many steps.
pub const DREAM_STEPS: u64 = 2000;

/// What playing runs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Activity {
    Train,
    Dream,
    Fill,
    Compare,
}

impl Activity {
    /// Stable name for the page.
    pub fn name(self) -> &'static str {
        match self {
            Activity::Train => "train",
            Activity::Dream => "dream",
            Activity::Fill => "fill",
            Activity::Compare => "compare",
        }
    }
}

/// Reconstruction error and pseudo-log-likelihood per image on the curve
/// digits, at `epochs` (fractional).
#[derive(Clone, Copy, Debug)]
pub struct CurvePoint {
    pub epochs: f64,
    pub recon: f64,
    pub pll: f64,
}

/// Data, the reader's RBM, the dream and the comparison.
pub struct DbnSession {
    pub config: DbnConfig,
    pub(super) train: Examples,
    pub(super) test: Examples,
    pub(super) rbm: Trainer<Rbm>,
    pub activity: Activity,
    chain: Option<Chain>,
    strip: Vec<f32>,
    dream_rng: Rng,
    last_step_ms: f64,
    pub(super) compare: Option<Comparison>,
    clock: fn() -> f64,
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

/// The mask that clamps the top half of a 14×14 image.
pub fn top_half() -> Vec<bool> {
    (0..PIXELS).map(|i| i / SIDE < SIDE / 2).collect()
}

impl DbnSession {
    /// A session on the shipped digits; `clock` gives milliseconds.
    pub fn new(config: DbnConfig, digits: &Digits, clock: fn() -> f64) -> Self {
        let train = examples(&digits.train_images, &digits.train_labels);
        let test = examples(&digits.test_images, &digits.test_labels);
        let rbm = Self::machine(&config, &train);
        let seed = seed_from_text(&config.seed);
        DbnSession {
            config,
            train,
            test,
            rbm,
            activity: Activity::Train,
            chain: None,
            strip: Vec::new(),
            dream_rng: Rng::for_stream(seed, STREAM_DREAM),
            last_step_ms: f64::NEG_INFINITY,
            compare: None,
            clock,
        }
    }

    fn machine(c: &DbnConfig, train: &Examples) -> Trainer<Rbm> {
        let seed = seed_from_text(&c.seed);
        let spec = RbmSpec {
            sampler: c.sampler,
            ..RbmSpec::new(PIXELS, c.hidden)
        };
        let mut rbm = Rbm::new(spec, &mut Rng::for_stream(seed, STREAM_RBM));
        rbm.set_visible_bias_from(&train.x, train.len());
        rbm.reserve(c.batch_size);
        let order = seed_from_text(&c.seed) ^ STREAM_ORDER;
        rbm_trainer(rbm, c.momentum, order, train.len())
    }

    /// Moves to new settings; returns whether the machine was rebuilt (the
    /// rate, momentum, decay, batch, epochs and k keep the weights).
    pub fn apply(&mut self, config: DbnConfig) -> bool {
        let old = std::mem::replace(&mut self.config, config);
        let c = &self.config;
        let persistent = |s| matches!(s, crate::models::rbm::Sampler::Persistent(_));
        if old.hidden != c.hidden
            || old.seed != c.seed
            || persistent(old.sampler) != persistent(c.sampler)
        {
            self.reset();
            return true;
        }
        self.rbm.model.spec.sampler = c.sampler;
        self.rbm.model.reserve(c.batch_size);
        if old.momentum != c.momentum {
            let len = self.rbm.model.store.len();
            let opt: Box<dyn crate::nn::Optimizer + Send> = if c.momentum > 0.0 {
                Box::new(crate::nn::optim::Momentum::new(len, c.momentum))
            } else {
                Box::new(crate::nn::optim::Sgd)
            };
            self.rbm.set_optimizer_boxed(opt);
        }
        self.rbm.resume();
        false
    }

    fn hyper(&self) -> Hyper {
        let c = &self.config;
        Hyper {
            learning_rate: c.learning_rate,
            weight_decay: c.weight_decay,
            batch_size: c.batch_size,
            stop_at_epoch: c.epochs as u64,
            ..Hyper::default()
        }
    }

    /// The reader's machine.
    pub fn rbm(&self) -> &Rbm {
        &self.rbm.model
    }

    /// Training and test images.
    pub fn sizes(&self) -> (usize, usize) {
        (self.train.len(), self.test.len())
    }

    /// Test image `i` [V].
    pub fn test_image(&self, i: usize) -> &[f32] {
        let i = i % self.test.len().max(1);
        &self.test.x[i * PIXELS..(i + 1) * PIXELS]
    }

    /// The first [`SHOWN`] test digits and their mean-field reconstructions,
    /// each [SHOWN×V].
    pub fn reconstructions(&mut self) -> (Vec<f32>, Vec<f32>) {
        let x = self.test.x[..SHOWN * PIXELS].to_vec();
        let mut out = vec![0.0; SHOWN * PIXELS];
        self.rbm.model.reconstruct(&x, &mut out, SHOWN);
        (x, out)
    }

    /// The curves' figures now (a fixed generator for the pseudo-likelihood,
    /// so two measures of the same weights agree).
    pub fn measure(&mut self) -> CurvePoint {
        let n = CURVE_IMAGES.min(self.test.len());
        let x = &self.test.x[..n * PIXELS];
        let recon = self.rbm.model.reconstruction_error(x, n);
        let pll = self.rbm.model.pseudo_log_likelihood(x, n, &mut Rng::new(7));
        let epochs = self.rbm.examples as f64 / self.train.len().max(1) as f64;
        CurvePoint { epochs, recon, pll }
    }

    /// Starts a dream: [`CHAINS`] chains from noise or from test digits.
    pub fn dream(&mut self) {
        let rbm = &self.rbm.model;
        let chain = if self.config.dream_from_digit {
            let x = self.test.x[..CHAINS * PIXELS].to_vec();
            Chain::from_images(rbm, &x, CHAINS, &mut self.dream_rng)
        } else {
            Chain::from_noise(rbm, CHAINS, &mut self.dream_rng)
        };
        self.start_chain(chain, Activity::Dream);
    }

    /// Starts filling in: [`CHAINS`] test digits from `first` with their top
    /// half clamped and the rest starting as noise.
    pub fn fill(&mut self, first: usize) {
        let rbm = &self.rbm.model;
        let mut x = Vec::with_capacity(CHAINS * PIXELS);
        for r in 0..CHAINS {
            x.extend_from_slice(self.test_image(first + r));
        }
        let mut chain = Chain::from_noise(rbm, CHAINS, &mut self.dream_rng);
        chain.clamp(&top_half(), &x);
        self.start_chain(chain, Activity::Fill);
    }

    fn start_chain(&mut self, chain: Chain, activity: Activity) {
        self.strip.clear();
        self.strip.extend_from_slice(&chain.means()[..PIXELS]);
        self.chain = Some(chain);
        self.activity = activity;
        self.last_step_ms = f64::NEG_INFINITY;
    }

    /// The chains' current pictures [CHAINS×V] and Gibbs steps taken.
    pub fn chain(&self) -> Option<(&[f32], u64)> {
        self.chain.as_ref().map(|c| (c.means(), c.steps()))
    }

    /// The first chain's samples over time, oldest first [n×V].
    pub fn strip(&self) -> &[f32] {
        &self.strip
    }

    /// Starts the pretraining comparison with the reader's settings.
    pub fn compare(&mut self) {
        let c = &self.config;
        let mut spec = CompareSpec::new(c.labels, seed_from_text(&c.seed));
        spec.hidden = vec![c.hidden, c.layer2];
        spec.sampler = c.sampler;
        spec.rbm_rate = c.learning_rate;
        spec.rbm_momentum = c.momentum;
        spec.rbm_decay = c.weight_decay;
        spec.pretrain_epochs = c.pretrain_epochs;
        spec.finetune_steps = c.finetune_steps;
        spec.eval_every = (c.finetune_steps / 30).max(1);
        self.compare = Some(Comparison::new(spec, &self.train));
        self.activity = Activity::Compare;
    }

    /// The comparison, if one was started.
    pub fn comparison(&self) -> Option<&Comparison> {
        self.compare.as_ref()
    }

    /// Goes back to training the reader's machine when playing.
    pub fn to_training(&mut self) {
        self.activity = Activity::Train;
    }
}

impl Trainable for DbnSession {
    /// New initial weights from the seed; the dream and the comparison end.
    fn reset(&mut self) {
        self.rbm = Self::machine(&self.config, &self.train);
        self.chain = None;
        self.strip.clear();
        self.compare = None;
        self.activity = Activity::Train;
        self.dream_rng = Rng::for_stream(seed_from_text(&self.config.seed), STREAM_DREAM);
    }

    /// Runs up to `batches` units of the current activity: mini-batches of
    /// the RBM or of the comparison, or Gibbs steps of a dream (at most one
    /// per 1/dreamSpeed second).
    fn train_batches(&mut self, batches: usize) -> usize {
        match self.activity {
            Activity::Train => {
                let h = self.hyper();
                self.rbm.train_batches(&self.train, &h, batches, &mut never)
            }
            Activity::Dream | Activity::Fill => {
                let now = (self.clock)();
                let Some(chain) = self.chain.as_mut() else {
                    return 0;
                };
                if batches == 0
                    || now - self.last_step_ms < 1000.0 / self.config.dream_speed.max(1) as f64
                {
                    return 0;
                }
                self.last_step_ms = now;
                chain.step(&self.rbm.model, &mut self.dream_rng);
                if chain.steps() % STRIP_EVERY == 0 {
                    if self.strip.len() >= STRIP * PIXELS {
                        self.strip.drain(..PIXELS);
                    }
                    self.strip.extend_from_slice(&chain.means()[..PIXELS]);
                }
                1
            }
            Activity::Compare => match self.compare.as_mut() {
                Some(c) => c.step(&self.train, &self.test, batches),
                None => 0,
            },
        }
    }

    fn train_epochs(&mut self, epochs: usize) -> usize {
        if self.activity != Activity::Train {
            return self.train_batches(if self.activity == Activity::Compare {
                50
            } else {
                1
            });
        }
        let h = self.hyper();
        let mut h1 = h;
        h1.stop_at_epoch = 0;
        self.rbm.train_epochs(&self.train, &h1, epochs, &mut never)
    }

    fn batches_per_epoch(&self) -> usize {
        Trainer::<Rbm>::batches_per_epoch(self.train.len(), self.config.batch_size)
    }

    fn epoch(&self) -> u64 {
        self.rbm.epoch
    }

    fn examples(&self) -> u64 {
        self.rbm.examples
    }

    /// The RBM's status while training; a finished dream or comparison
    /// reports `reachedEpoch` so that playing stops.
    fn status_name(&self) -> &'static str {
        match self.activity {
            Activity::Train => self.rbm.status.name(),
            Activity::Dream | Activity::Fill => match &self.chain {
                Some(c) if c.steps() < DREAM_STEPS => "ready",
                _ => Status::ReachedEpoch.name(),
            },
            Activity::Compare => match &self.compare {
                Some(c) if c.phase != Phase::Done => "ready",
                _ => Status::ReachedEpoch.name(),
            },
        }
    }
}
