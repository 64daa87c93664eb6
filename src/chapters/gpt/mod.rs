//! The attention chapter (2017–2018): a text is cut into tokens
//! (characters, then learned byte-pair merges), and a small GPT in GPT-2's
//! layout learns to continue it, in the reader's tab. The session owns the
//! texts, the tokenizer being learned, the token streams, the reference
//! losses of counting models, and the trainer; `probe.rs` holds what the
//! reader asks of the trained model (generation, attention maps, per-token
//! losses), `embed.rs` the embeddings' picture, `scramble.rs` the
//! scrambled-sentence experiment.

pub mod embed;
mod hub;
pub use hub::gpt2_config;
pub mod ngram;
pub mod probe;
pub mod scramble;
pub mod settings;

/// The chapter's entry in the registry.
pub static CHAPTER: super::Chapter = super::Chapter {
    route: "gpt",
    fields: settings::FIELDS,
    hideable: settings::HIDEABLE,
    limits: settings::LIMITS,
    decode: settings::decode,
};

use crate::data::bpe::BpeLearner;
use crate::data::corpus::{Corpus, Split};
use crate::data::tokenizer::Tokenizer;
use crate::models::gpt::{Gpt, TokenWindows, Tokens, MAX_VOCAB};
use crate::models::Dataset;
use crate::nn::{OptimizerKind, Schedule};
use crate::rng::{seed_from_text, Rng};
use crate::train::{never, Hyper, Status, Trainable, Trainer};
use ngram::{ngram_losses, NgramLosses};
use settings::{CorpusKind, GptSettings};

const STREAM_SPLIT: u64 = 11;
const STREAM_INIT: u64 = 12;
const STREAM_ORDER: u64 = 13;
/// Share of the documents kept for validation.
pub const VALID_SHARE: f64 = 0.1;
/// Most validation windows one evaluation reads, and most tokens (the
/// fewer of the two, at least 8 windows): bounds its cost.
pub const MAX_VALID_WINDOWS: usize = 48;
pub const MAX_VALID_TOKENS: usize = 4096;

/// The texts a session may learn: the two shipped corpora and the
/// reader's own, once given.
#[derive(Clone, Debug)]
pub struct Texts {
    pub poems: Corpus,
    pub moby: Corpus,
    pub own: Option<Corpus>,
}

/// What the page shows of the data and the model.
#[derive(Clone, Debug, Default)]
pub struct Figures {
    pub step: u64,
    pub tokens_trained: u64,
    /// Mean training loss of the steps since the last report (NaN if none).
    pub train_loss: f64,
    /// Validation loss over the first windows of the validation text.
    pub valid_loss: f64,
    pub refs: NgramLosses,
}

/// The chapter's state.
pub struct GptSession {
    pub settings: GptSettings,
    texts: Texts,
    split: Split,
    learner: BpeLearner,
    /// The training and validation streams under the current tokenizer.
    train_ids: Vec<u32>,
    valid_ids: Vec<u32>,
    train: Option<TokenWindows>,
    valid: Option<TokenWindows>,
    refs: NgramLosses,
    /// How often each token occurs in the training stream.
    counts: Vec<u32>,
    trainer: Trainer<Gpt>,
    /// Sum and count of batch losses since the last report.
    loss_sum: f64,
    loss_count: u64,
    batch: Tokens,
}

impl GptSession {
    /// A session for `settings` on `texts`.
    pub fn new(settings: GptSettings, texts: Texts) -> Self {
        let split = Self::split_of(&settings, &texts);
        let learner = BpeLearner::new(&split.train);
        let cfg = settings.model(learner.tokenizer().vocab_size());
        let placeholder = Trainer::new(
            Gpt::new(cfg, &mut Rng::new(0)).expect("valid sizes"),
            OptimizerKind::AdamW,
            Rng::new(0),
            0,
        );
        let mut s = GptSession {
            settings,
            texts,
            split,
            learner,
            train_ids: Vec::new(),
            valid_ids: Vec::new(),
            train: None,
            valid: None,
            refs: NgramLosses::default(),
            counts: Vec::new(),
            trainer: placeholder,
            loss_sum: 0.0,
            loss_count: 0,
            batch: Tokens::default(),
        };
        s.retokenize();
        s
    }

    fn seed(&self) -> u64 {
        seed_from_text(&self.settings.seed)
    }

    fn split_of(settings: &GptSettings, texts: &Texts) -> Split {
        let corpus = match settings.corpus {
            CorpusKind::Poems => &texts.poems,
            CorpusKind::Moby => &texts.moby,
            CorpusKind::Own => texts.own.as_ref().unwrap_or(&texts.poems),
        };
        let seed = Rng::for_stream(seed_from_text(&settings.seed), STREAM_SPLIT).next_u32();
        corpus.split(VALID_SHARE, u64::from(seed))
    }

    /// Whether the reader's own text is the one learned (else, with
    /// `corpus=own` and no text given yet, the poems stand in).
    pub fn has_own_text(&self) -> bool {
        self.texts.own.is_some()
    }

    /// Takes the reader's own text (already checked); rebuilds if it is
    /// the one learned.
    pub fn set_own_text(&mut self, corpus: Corpus) {
        self.texts.own = Some(corpus);
        if self.settings.corpus == CorpusKind::Own {
            self.resplit();
        }
    }

    fn resplit(&mut self) {
        self.split = Self::split_of(&self.settings, &self.texts);
        self.learner = BpeLearner::new(&self.split.train);
        self.retokenize();
    }

    /// Learns merges up to the setting (from the characters again if it
    /// went down), then encodes both texts and rebuilds the model.
    fn retokenize(&mut self) {
        let want = self.settings.merges;
        if self.learner.tokenizer().merges().len() > want {
            self.learner = BpeLearner::new(&self.split.train);
        }
        while self.learner.tokenizer().merges().len() < want {
            if self.learner.step(MAX_VOCAB).is_none() {
                break;
            }
        }
        let tok = self.learner.tokenizer();
        self.train_ids = self.learner.ids();
        self.valid_ids = tok.encode(&self.split.valid);
        let v = tok.vocab_size();
        self.refs = ngram_losses(&self.train_ids, &self.valid_ids, v);
        self.counts = vec![0; v];
        for &id in &self.train_ids {
            self.counts[id as usize] += 1;
        }
        let t = self.settings.context;
        self.train = TokenWindows::new(self.train_ids.clone(), v, t, 1).ok();
        let vt = t.min(self.valid_ids.len().saturating_sub(1));
        self.valid = TokenWindows::new(self.valid_ids.clone(), v, vt.max(1), vt.max(1)).ok();
        self.rebuild();
    }

    /// A new model from the seed, with a fresh optimizer.
    fn rebuild(&mut self) {
        let s = &self.settings;
        let cfg = s.model(self.learner.tokenizer().vocab_size());
        let mut gpt = Gpt::new(cfg, &mut Rng::for_stream(self.seed(), STREAM_INIT))
            .expect("settings keep sizes within the caps");
        gpt.reserve(s.batch_size, s.context);
        let n = self.train.as_ref().map_or(0, |w| w.len());
        self.trainer = Trainer::new(
            gpt,
            OptimizerKind::AdamW,
            Rng::for_stream(self.seed(), STREAM_ORDER),
            n,
        );
        self.loss_sum = 0.0;
        self.loss_count = 0;
    }

    /// Moves to new settings; returns 1 when the text or tokenizer changed
    /// (the tokens section draws again), 2 when the model was rebuilt.
    pub fn apply(&mut self, settings: GptSettings) -> u32 {
        let old = std::mem::replace(&mut self.settings, settings);
        let s = &self.settings;
        if old.corpus != s.corpus || old.seed != s.seed {
            self.resplit();
            return 3;
        }
        if old.merges != s.merges || old.context != s.context {
            self.retokenize();
            return 3;
        }
        if (old.layers, old.width, old.heads) != (s.layers, s.width, s.heads) {
            self.rebuild();
            return 2;
        }
        if old.batch_size != s.batch_size {
            self.trainer.model.reserve(s.batch_size, s.context);
        }
        self.trainer.resume();
        0
    }

    fn hyper(&self) -> Hyper {
        let s = &self.settings;
        Hyper {
            learning_rate: s.learning_rate,
            schedule: Schedule::WarmupCosine {
                warmup: s.warmup,
                total: s.decay_steps.max(s.warmup + 1),
                min_ratio: 0.1,
            },
            clip: s.clip,
            weight_decay: s.weight_decay,
            batch_size: s.batch_size,
            ..Hyper::default()
        }
    }

    /// The tokenizer learned so far.
    pub fn tokenizer(&self) -> &Tokenizer {
        self.learner.tokenizer()
    }

    /// The model being trained.
    pub fn model(&self) -> &Gpt {
        &self.trainer.model
    }

    /// The model, mutable (the probes run forward passes on it).
    pub fn model_mut(&mut self) -> &mut Gpt {
        &mut self.trainer.model
    }

    /// The training and validation texts.
    pub fn split(&self) -> &Split {
        &self.split
    }

    /// The training stream's ids.
    pub fn train_ids(&self) -> &[u32] {
        &self.train_ids
    }

    /// The validation stream's ids.
    pub fn valid_ids(&self) -> &[u32] {
        &self.valid_ids
    }

    /// Optimizer steps taken.
    pub fn steps(&self) -> u64 {
        self.trainer.steps
    }

    /// Tokens trained on, counting repeats.
    pub fn tokens_trained(&self) -> u64 {
        self.trainer.examples * self.settings.context as u64
    }

    /// How often each token occurs in the training stream, by id.
    pub fn token_counts(&self) -> &[u32] {
        &self.counts
    }

    /// The reference losses of the counting models.
    pub fn refs(&self) -> NgramLosses {
        self.refs
    }

    /// Mean loss over the first [`MAX_VALID_WINDOWS`] validation windows,
    /// in batches no larger than training's (the workspace never grows).
    pub fn valid_loss(&mut self) -> f64 {
        let Some(valid) = &self.valid else {
            return f64::NAN;
        };
        let n = valid.len().min(MAX_VALID_WINDOWS);
        let bs = self.settings.batch_size.max(1);
        let (mut total, mut count) = (0.0, 0usize);
        let mut start = 0;
        while start < n {
            let end = (start + bs).min(n);
            let idx: Vec<u32> = (start as u32..end as u32).collect();
            valid.gather(&idx, &mut self.batch);
            let k = self.batch.ids.len();
            total += self.trainer.model.loss(&self.batch) * k as f64;
            count += k;
            start = end;
        }
        total / count.max(1) as f64
    }

    /// The figures of the chart; starts a new training-loss average.
    pub fn figures(&mut self) -> Figures {
        let train_loss = if self.loss_count > 0 {
            self.loss_sum / self.loss_count as f64
        } else {
            f64::NAN
        };
        self.loss_sum = 0.0;
        self.loss_count = 0;
        Figures {
            step: self.trainer.steps,
            tokens_trained: self.tokens_trained(),
            train_loss,
            valid_loss: self.valid_loss(),
            refs: self.refs,
        }
    }

    fn reached_step(&self) -> bool {
        self.settings.stop_at_step > 0 && self.trainer.steps >= self.settings.stop_at_step
    }
}

impl Trainable for GptSession {
    fn train_batches(&mut self, batches: usize) -> usize {
        let Some(train) = &self.train else { return 0 };
        let mut want = batches;
        if self.settings.stop_at_step > 0 {
            want = want.min(
                self.settings
                    .stop_at_step
                    .saturating_sub(self.trainer.steps) as usize,
            );
        }
        let h = self.hyper();
        let mut done = 0;
        while done < want {
            let ran = self.trainer.train_batches(train, &h, 1, &mut never);
            if ran == 0 {
                break;
            }
            self.loss_sum += self.trainer.last_loss;
            self.loss_count += 1;
            done += ran;
        }
        done
    }

    fn train_epochs(&mut self, epochs: usize) -> usize {
        let n = self.batches_per_epoch() * epochs;
        self.train_batches(n)
    }

    fn reset(&mut self) {
        self.rebuild();
    }

    fn batches_per_epoch(&self) -> usize {
        let n = self.train.as_ref().map_or(0, |w| w.len());
        Trainer::<Gpt>::batches_per_epoch(n, self.settings.batch_size)
    }

    fn epoch(&self) -> u64 {
        self.trainer.epoch
    }

    fn examples(&self) -> u64 {
        self.trainer.examples
    }

    fn status_name(&self) -> &'static str {
        if self.train.is_none() {
            return Status::NoData.name();
        }
        if self.trainer.status == Status::Ready && self.reached_step() {
            return "reachedStep";
        }
        self.trainer.status.name()
    }
}
