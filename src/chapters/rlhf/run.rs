//! The chapter's run as the page's worker drives it: the session plus the
//! phase the play button trains (pre-training, fine-tuning, the reward
//! model, the policy update, DPO), each phase stopping by itself at its
//! step budget, and the texts it was made from, so a reset or new sizes
//! start over without reading them again.

use super::session::RlhfSession;
use super::settings::RlhfConfig;
use crate::models::Dataset;
use crate::train::Trainable;

/// Characters of the novel the chapter pre-trains on (its beginning), and
/// of the small text it fine-tunes on (its end; the last fifth of that is
/// held out for validation and prompts).
pub const BIG_CHARS: usize = 60_000;
pub const SMALL_CHARS: usize = 10_000;
/// The reader's own fine-tuning text: at least this many characters (its
/// last fifth must hold the validation windows and the prompts) and at
/// most that many (longer text is cut; the run is in a browser tab).
pub const MIN_OWN_CHARS: usize = 1_000;
pub const MAX_OWN_CHARS: usize = 20_000;
/// Fine-tuning, reward-model and DPO steps run in blocks of this many
/// (each block ends with a validation pass, an accuracy pass or a batch
/// of samples, which cost about as much as the steps).
pub const BLOCK: usize = 5;

/// What the play button trains.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Phase {
    Pretrain,
    Finetune,
    Reward,
    Policy,
    Dpo,
}

impl Phase {
    pub fn name(self) -> &'static str {
        match self {
            Phase::Pretrain => "pretrain",
            Phase::Finetune => "finetune",
            Phase::Reward => "reward",
            Phase::Policy => "policy",
            Phase::Dpo => "dpo",
        }
    }

    pub fn from_name(name: &str) -> Option<Phase> {
        [
            Phase::Pretrain,
            Phase::Finetune,
            Phase::Reward,
            Phase::Policy,
            Phase::Dpo,
        ]
        .into_iter()
        .find(|p| p.name() == name)
    }
}

/// The run.
pub struct RlhfRun {
    pub config: RlhfConfig,
    big: String,
    /// The novel's end, and the reader's own text if one was given; the
    /// settings choose which one the run fine-tunes on.
    end: String,
    own: Option<String>,
    /// The link's preferences while they wait for their model (see
    /// `prefs`), how many replayed, and how many links' were dropped.
    pub(super) pending: Option<String>,
    pub prefs_replayed: usize,
    pub prefs_dropped: u32,
    pub s: RlhfSession,
    pub phase: Phase,
    /// Steps of every phase so far (the worker's "examples").
    pub total: u64,
    pub pretrained: usize,
    pub finetuned: usize,
    pub rewarded: usize,
    pub updated: usize,
    pub dpo: usize,
    /// (pre-training step, that step's training loss).
    pub pre_losses: Vec<(u64, f64)>,
}

/// The beginning and the end of `text`, by characters.
pub fn split(text: &str) -> (String, String) {
    let chars: Vec<char> = text.chars().collect();
    let big: String = chars[..BIG_CHARS.min(chars.len())].iter().collect();
    let small: String = chars[chars.len().saturating_sub(SMALL_CHARS)..]
        .iter()
        .collect();
    (big, small)
}

impl RlhfRun {
    /// A run on the novel's text.
    pub fn new(config: RlhfConfig, text: &str) -> Result<Self, String> {
        let (big, end) = split(text);
        let s = RlhfSession::new(&big, &end, config.opts)?;
        let pending = (!config.prefs.is_empty()).then(|| config.prefs.clone());
        Ok(RlhfRun {
            config,
            big,
            end,
            own: None,
            pending,
            prefs_replayed: 0,
            prefs_dropped: 0,
            s,
            phase: Phase::Pretrain,
            total: 0,
            pretrained: 0,
            finetuned: 0,
            rewarded: 0,
            updated: 0,
            dpo: 0,
            pre_losses: Vec::new(),
        })
    }

    /// The text the run fine-tunes on: the reader's own when the settings
    /// ask for it and one was given, else the novel's end.
    pub fn small(&self) -> &str {
        match (&self.own, self.config.own) {
            (Some(t), true) => t,
            _ => &self.end,
        }
    }

    /// The big text the run pre-trains on.
    pub fn big(&self) -> &str {
        &self.big
    }

    /// Whether the settings ask for the reader's text and none was given.
    pub fn own_missing(&self) -> bool {
        self.config.own && self.own.is_none()
    }

    /// Takes the reader's own text (checked as a pasted corpus: no control
    /// characters, blank lines dropped, tabs as spaces; cut at
    /// [`MAX_OWN_CHARS`]); the run starts over if it fine-tunes on it.
    /// Refused below [`MIN_OWN_CHARS`]. Returns the characters kept.
    pub fn set_own(&mut self, text: &str) -> Result<usize, String> {
        let short = |n: usize| format!("the text has {n} characters; fine-tuning needs at least {MIN_OWN_CHARS}");
        let n = text.chars().count();
        if n < MIN_OWN_CHARS {
            return Err(short(n));
        }
        let c = crate::data::corpus::from_pasted(text).map_err(|e| e.to_string())?;
        let joined = c.docs.join("\n");
        let kept: String = joined.chars().take(MAX_OWN_CHARS).collect();
        let n = kept.chars().count();
        if n < MIN_OWN_CHARS {
            return Err(short(n));
        }
        if self.own.as_deref() != Some(kept.as_str()) {
            self.own = Some(kept);
            if self.config.own {
                self.reset();
            }
        }
        Ok(n)
    }

    /// Distinct characters of the fine-tuning text that the pre-training
    /// text never has: their tokens' embeddings stay as drawn until
    /// fine-tuning reaches them.
    pub fn new_characters(&self) -> Vec<char> {
        let big: std::collections::BTreeSet<char> = self.big.chars().collect();
        let mut out: Vec<char> = self.small().chars().filter(|c| !big.contains(c)).collect();
        out.sort_unstable();
        out.dedup();
        out
    }

    /// Moves to new settings; returns whether the run started over (any
    /// change but the rule, the KL coefficient and the step budgets).
    pub fn apply(&mut self, config: RlhfConfig) -> bool {
        let mut kept = self.config.opts;
        kept.rule = config.opts.rule;
        kept.beta = config.opts.beta;
        let rebuild = kept != config.opts
            || (config.own != self.config.own && self.own.is_some());
        self.config = config;
        if rebuild {
            // New sizes or texts: the link's preferences were for another model.
            self.pending = None;
            self.reset();
        } else {
            self.s.opts.rule = self.config.opts.rule;
            self.s.set_beta(self.config.opts.beta);
        }
        rebuild
    }

    /// Steps the current phase may still run (0: done, or not possible
    /// yet: no pairs for the reward model or DPO, no reward model for the
    /// policy update).
    pub fn left(&self) -> usize {
        let c = &self.config;
        match self.phase {
            Phase::Pretrain => c.pretrain_steps.saturating_sub(self.pretrained),
            Phase::Finetune => c.finetune_steps.saturating_sub(self.finetuned),
            Phase::Reward if self.s.pairs.is_empty() => 0,
            Phase::Reward => c.reward_steps.saturating_sub(self.rewarded),
            Phase::Policy if self.s.reward.is_none() => 0,
            Phase::Policy => c.policy_steps.saturating_sub(self.updated),
            Phase::Dpo if self.s.pairs.is_empty() => 0,
            Phase::Dpo => c.policy_steps.saturating_sub(self.dpo),
        }
    }

    /// Whether the phase cannot start for want of what an earlier one makes.
    pub fn blocked(&self) -> bool {
        match self.phase {
            Phase::Reward | Phase::Dpo => self.s.pairs.is_empty(),
            Phase::Policy => self.s.reward.is_none(),
            _ => false,
        }
    }

    /// Labels `n` pairs by the rule; returns how many were added.
    pub fn auto_label(&mut self) -> usize {
        self.s.auto_label(self.config.pairs)
    }
}

impl Trainable for RlhfRun {
    fn reset(&mut self) {
        if let Ok(s) = RlhfSession::new(&self.big, self.small(), self.config.opts) {
            self.s = s;
        }
        self.phase = Phase::Pretrain;
        self.total = 0;
        self.pretrained = 0;
        self.finetuned = 0;
        self.rewarded = 0;
        self.updated = 0;
        self.dpo = 0;
        self.pre_losses.clear();
        self.prefs_replayed = 0;
        self.try_replay();
    }

    /// Trains the current phase up to `batches` steps (fine-tuning, the
    /// reward model and DPO in whole blocks), never past its budget.
    fn train_batches(&mut self, batches: usize) -> usize {
        let left = self.left();
        let want = batches.min(left);
        if want == 0 {
            return 0;
        }
        let block = want.max(BLOCK).min(left);
        let ran = match self.phase {
            Phase::Pretrain => {
                // One step at a time, so the curve has every step's loss.
                let mut r = 0;
                while r < want && self.s.pretrain(1) == 1 {
                    r += 1;
                    self.pretrained += 1;
                    self.pre_losses
                        .push((self.pretrained as u64, self.s.pre.last_loss));
                }
                r
            }
            Phase::Finetune => {
                let r = self.s.finetune(block).unwrap_or(0);
                self.finetuned += r;
                r
            }
            Phase::Reward => {
                let r = self.s.train_reward(block);
                self.rewarded += r;
                r
            }
            Phase::Policy => {
                let r = self.s.policy_steps(want);
                self.updated += r;
                r
            }
            Phase::Dpo => {
                let r = self.s.dpo_steps(block);
                self.dpo += r;
                r
            }
        };
        self.try_replay();
        self.total += ran as u64;
        ran
    }

    fn train_epochs(&mut self, _epochs: usize) -> usize {
        self.train_batches(BLOCK)
    }

    fn batches_per_epoch(&self) -> usize {
        BLOCK
    }

    /// The steps of the current phase so far.
    fn epoch(&self) -> u64 {
        (match self.phase {
            Phase::Pretrain => self.pretrained,
            Phase::Finetune => self.finetuned,
            Phase::Reward => self.rewarded,
            Phase::Policy => self.updated,
            Phase::Dpo => self.dpo,
        }) as u64
    }

    fn examples(&self) -> u64 {
        self.total
    }

    /// `ready` while the phase has steps left; `noData` while it waits
    /// for an earlier one; `reachedEpoch` once its budget is spent.
    fn status_name(&self) -> &'static str {
        if self.blocked() {
            "noData"
        } else if self.left() == 0 {
            "reachedEpoch"
        } else {
            "ready"
        }
    }
}
