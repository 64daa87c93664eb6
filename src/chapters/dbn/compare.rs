//! The pretraining comparison (the claim of Hinton, Osindero and Teh,
//! 2006, tested): a stack of RBMs learns from every training image without
//! labels, then two networks of the same shape are fine-tuned by
//! backpropagation on the same few labelled digits with the same budget —
//! one starting from the stack's weights, one from random weights — and
//! their test accuracy is recorded side by side.
//!
//! The work is cut into steps (one mini-batch each) so the page's worker
//! can run it a slice at a time.

use crate::models::rbm::stack::{codes, random_mlp, rbm_trainer, to_mlp};
use crate::models::rbm::{Rbm, RbmSpec, Sampler};
use crate::models::Mlp;
use crate::nn::optim::Momentum;
use crate::nn::OptimizerKind;
use crate::rng::Rng;
use crate::train::{never, pass, Examples, Hyper, PassOptions, Trainer};

/// Classes of the digits.
const CLASSES: usize = 10;

/// What the comparison does.
#[derive(Clone, Debug, PartialEq)]
pub struct CompareSpec {
    /// Hidden widths, e.g. [128, 64]: one RBM per width.
    pub hidden: Vec<usize>,
    /// Labelled training digits the fine-tuning sees (balanced by class).
    pub labels: usize,
    pub sampler: Sampler,
    pub rbm_rate: f32,
    pub rbm_momentum: f32,
    pub rbm_decay: f32,
    /// Epochs over all training images for each RBM.
    pub pretrain_epochs: usize,
    pub finetune_rate: f32,
    /// Fine-tuning mini-batches (the same for both networks).
    pub finetune_steps: usize,
    /// Test accuracy is measured every this many steps.
    pub eval_every: usize,
    pub batch_size: usize,
    pub seed: u64,
}

impl CompareSpec {
    /// The measured default: 196 → 128 → 64 → 10, CD-1.
    pub fn new(labels: usize, seed: u64) -> Self {
        CompareSpec {
            hidden: vec![128, 64],
            labels,
            sampler: Sampler::Cd(1),
            rbm_rate: 0.05,
            rbm_momentum: 0.5,
            rbm_decay: 0.0002,
            pretrain_epochs: 3,
            finetune_rate: 0.1,
            finetune_steps: 1500,
            eval_every: 50,
            batch_size: 20,
            seed,
        }
    }
}

/// Where the comparison stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Phase {
    /// Training RBM `l` of the stack.
    Pretrain(usize),
    /// Fine-tuning both networks.
    Finetune,
    Done,
}

/// A comparison in progress.
pub struct Comparison {
    pub spec: CompareSpec,
    pub phase: Phase,
    stack: Vec<Rbm>,
    layer: Option<Trainer<Rbm>>,
    /// The current RBM's data (codes of the layer below; `None`: images).
    below: Option<Examples>,
    labelled: Examples,
    nets: Option<(Trainer<Mlp>, Trainer<Mlp>)>,
    /// Fine-tuning steps taken.
    pub steps: usize,
    /// Test accuracy after 0, eval_every, 2·eval_every … steps.
    pub pretrained: Vec<f64>,
    pub random: Vec<f64>,
    /// Mean reconstruction error per image of each RBM's last epoch.
    pub recon: Vec<f64>,
    recon_sum: f64,
    recon_batches: usize,
}

/// `per_class` × 10 labelled examples (fewer where a class runs out), the
/// first of each class in an order shuffled by `rng`.
pub fn balanced_subset(train: &Examples, labels: usize, rng: &mut Rng) -> Examples {
    let n = train.len();
    let mut order: Vec<u32> = (0..n as u32).collect();
    rng.shuffle(&mut order);
    let per_class = labels.div_ceil(CLASSES);
    let mut taken = [0usize; CLASSES];
    let mut out = Examples {
        width: train.width,
        ..Examples::default()
    };
    for &i in &order {
        let i = i as usize;
        let y = train.y[i] as usize;
        if y < CLASSES && taken[y] < per_class && out.len() < labels {
            taken[y] += 1;
            out.x
                .extend_from_slice(&train.x[i * train.width..(i + 1) * train.width]);
            out.y.push(train.y[i]);
        }
    }
    out
}

fn accuracy(net: &mut Mlp, test: &Examples) -> f64 {
    let p = pass(net, test, PassOptions::default());
    p.correct as f64 / test.len().max(1) as f64
}

impl Comparison {
    /// A comparison on `train` (all images for the RBMs, a balanced subset
    /// of labels for fine-tuning).
    pub fn new(spec: CompareSpec, train: &Examples) -> Self {
        let labelled = balanced_subset(train, spec.labels, &mut Rng::for_stream(spec.seed, 41));
        let mut c = Comparison {
            phase: Phase::Pretrain(0),
            stack: Vec::new(),
            layer: None,
            below: None,
            labelled,
            nets: None,
            steps: 0,
            pretrained: Vec::new(),
            random: Vec::new(),
            recon: Vec::new(),
            recon_sum: 0.0,
            recon_batches: 0,
            spec,
        };
        c.start_layer(train);
        c
    }

    /// A comparison that skips pretraining: fine-tuning starts from
    /// `stack` (trained elsewhere, e.g. by another comparison with other
    /// label counts; `spec.hidden` must match it).
    pub fn from_stack(
        spec: CompareSpec,
        stack: Vec<Rbm>,
        train: &Examples,
        test: &Examples,
    ) -> Self {
        let labelled = balanced_subset(train, spec.labels, &mut Rng::for_stream(spec.seed, 41));
        let mut c = Comparison {
            phase: Phase::Finetune,
            stack,
            layer: None,
            below: None,
            labelled,
            nets: None,
            steps: 0,
            pretrained: Vec::new(),
            random: Vec::new(),
            recon: Vec::new(),
            recon_sum: 0.0,
            recon_batches: 0,
            spec,
        };
        c.start_finetune(train, test);
        c
    }

    fn rbm_hyper(&self) -> Hyper {
        Hyper {
            learning_rate: self.spec.rbm_rate,
            weight_decay: self.spec.rbm_decay,
            batch_size: self.spec.batch_size,
            ..Hyper::default()
        }
    }

    fn start_layer(&mut self, train: &Examples) {
        let l = self.stack.len();
        let data = self.below.as_ref().unwrap_or(train);
        let inputs = data.width;
        let mut spec = RbmSpec::new(inputs, self.spec.hidden[l]);
        spec.sampler = self.spec.sampler;
        // Upper layers learn from probabilities, not from drawn states.
        spec.binarize = l == 0;
        let mut rbm = Rbm::new(spec, &mut Rng::for_stream(self.spec.seed, 50 + l as u64));
        rbm.set_visible_bias_from(&data.x, data.len());
        rbm.reserve(self.spec.batch_size);
        self.layer = Some(rbm_trainer(
            rbm,
            self.spec.rbm_momentum,
            self.spec.seed ^ (60 + l as u64),
            data.len(),
        ));
        self.phase = Phase::Pretrain(l);
    }

    fn start_finetune(&mut self, train: &Examples, test: &Examples) {
        let seed = self.spec.seed;
        let top = &mut Rng::for_stream(seed, 70);
        let pre = to_mlp(&self.stack, CLASSES, top);
        let mut rnd = random_mlp(
            train.width,
            &self.spec.hidden,
            CLASSES,
            &mut Rng::for_stream(seed, 71),
        );
        let n = self.labelled.len();
        let mk = |mut net: Mlp, s: u64| {
            net.reserve(self.spec.batch_size);
            let len = net.store.len();
            let mut t = Trainer::new(net, OptimizerKind::Sgd, Rng::for_stream(seed, s), n);
            t.set_optimizer_boxed(Box::new(Momentum::new(len, 0.9)));
            t
        };
        let mut a = mk(pre, 72);
        self.pretrained.push(accuracy(&mut a.model, test));
        self.random.push(accuracy(&mut rnd, test));
        let b = mk(rnd, 72);
        self.nets = Some((a, b));
        self.phase = Phase::Finetune;
    }

    /// The labelled subset the networks fine-tune on.
    pub fn labelled(&self) -> &Examples {
        &self.labelled
    }

    /// The trained RBMs of the stack so far (the one in training excluded).
    pub fn stack(&self) -> &[Rbm] {
        &self.stack
    }

    /// The RBM in training, if any.
    pub fn training_layer(&self) -> Option<&Rbm> {
        self.layer.as_ref().map(|t| &t.model)
    }

    /// Progress in [0, 1] (pretraining counts as much as fine-tuning).
    pub fn progress(&self, train_len: usize) -> f64 {
        let layers = self.spec.hidden.len();
        let per =
            (train_len.div_ceil(self.spec.batch_size.max(1)) * self.spec.pretrain_epochs).max(1);
        let pre = match (self.phase, &self.layer) {
            (Phase::Pretrain(l), Some(t)) => {
                let done = t.epoch as usize * train_len.div_ceil(self.spec.batch_size.max(1))
                    + (t.examples as usize % train_len.max(1)) / self.spec.batch_size.max(1);
                (l as f64 + (done as f64 / per as f64).min(1.0)) / layers as f64
            }
            _ => 1.0,
        };
        let fine = self.steps as f64 / self.spec.finetune_steps.max(1) as f64;
        0.5 * pre + 0.5 * fine.min(1.0)
    }

    /// Runs up to `budget` mini-batches of whichever phase is current;
    /// returns how many ran (0 once done).
    pub fn step(&mut self, train: &Examples, test: &Examples, budget: usize) -> usize {
        let mut done = 0;
        while done < budget {
            match self.phase {
                Phase::Pretrain(_) => {
                    let h = self.rbm_hyper();
                    let t = self.layer.as_mut().expect("a layer in training");
                    let data = self.below.as_ref().unwrap_or(train);
                    let epoch = t.epoch;
                    if t.train_batches(data, &h, 1, &mut never) == 0 {
                        // Diverged: stop the comparison where it is.
                        self.phase = Phase::Done;
                        return done;
                    }
                    self.recon_sum += t.last_loss;
                    self.recon_batches += 1;
                    done += 1;
                    if t.epoch != epoch {
                        let mean = self.recon_sum / self.recon_batches.max(1) as f64;
                        (self.recon_sum, self.recon_batches) = (0.0, 0);
                        if t.epoch as usize >= self.spec.pretrain_epochs {
                            self.recon.push(mean);
                            let rbm = self.layer.take().expect("a layer").model;
                            let next = codes(&rbm, data);
                            self.stack.push(rbm);
                            self.below = Some(next);
                            if self.stack.len() < self.spec.hidden.len() {
                                self.start_layer(train);
                            } else {
                                self.below = None;
                                self.start_finetune(train, test);
                            }
                        }
                    }
                }
                Phase::Finetune => {
                    let h = Hyper {
                        learning_rate: self.spec.finetune_rate,
                        batch_size: self.spec.batch_size,
                        ..Hyper::default()
                    };
                    let (a, b) = self.nets.as_mut().expect("two networks");
                    a.train_batches(&self.labelled, &h, 1, &mut never);
                    b.train_batches(&self.labelled, &h, 1, &mut never);
                    self.steps += 1;
                    done += 1;
                    if self.steps % self.spec.eval_every.max(1) == 0
                        || self.steps >= self.spec.finetune_steps
                    {
                        self.pretrained.push(accuracy(&mut a.model, test));
                        self.random.push(accuracy(&mut b.model, test));
                    }
                    if self.steps >= self.spec.finetune_steps {
                        self.phase = Phase::Done;
                    }
                }
                Phase::Done => return done,
            }
        }
        done
    }

    /// Runs to the end.
    pub fn run(&mut self, train: &Examples, test: &Examples) {
        while self.step(train, test, 1000) > 0 {}
    }
}
