//! One reader's run through the three steps on a character-level GPT:
//! pre-train on the big text; fine-tune a copy on a small text beside the
//! same model trained from scratch on it, both validation curves kept;
//! collect preference pairs (the reader's clicks, or a rule's labels) and
//! train a reward model on them with its held-out accuracy; then update a
//! copy of the language model against the reward model (REINFORCE with a
//! KL penalty to the frozen language model) with reward, KL and the rule's
//! share recorded at every step.

use super::prefs::PrefLog;
use crate::data::tokenizer::Tokenizer;
use crate::models::gpt::{Gpt, GptConfig, Sampling, TokenWindows, Tokens};
use crate::models::rlhf::{
    prepare, Dpo, FineTune, PairSet, Policy, PromptSet, Prompts, RewardModel, Rollout, Rule,
};
use crate::models::Dataset;
use crate::nn::{OptimizerKind, Schedule};
use crate::rng::Rng;
use crate::train::{never, Hyper, Trainer};

/// What the reader chose between two samples.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Choice {
    First,
    Second,
    Same,
}

/// The run's sizes and settings.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct RlhfOptions {
    pub n_layer: usize,
    pub n_embd: usize,
    pub n_head: usize,
    /// Tokens of a training window, and of a prompt plus its completion.
    pub context: usize,
    pub prompt: usize,
    pub batch: usize,
    pub learning_rate: f32,
    pub finetune: FineTune,
    pub finetune_rate: f32,
    pub rule: Rule,
    pub beta: f32,
    pub seed: u64,
}

impl Default for RlhfOptions {
    fn default() -> Self {
        RlhfOptions {
            n_layer: 2,
            n_embd: 32,
            n_head: 4,
            context: 32,
            prompt: 8,
            batch: 16,
            learning_rate: 3e-3,
            finetune: FineTune::Full,
            finetune_rate: 1e-3,
            rule: Rule::Contains('w'),
            beta: 0.1,
            seed: 1,
        }
    }
}

/// Every held-out pair is the fifth: one in five pairs is kept out of the
/// reward model's training to measure its accuracy.
const HELD_OUT_EVERY: usize = 5;

/// A run's state; each step's models appear when the step starts.
pub struct RlhfSession {
    pub opts: RlhfOptions,
    pub tok: Tokenizer,
    big: TokenWindows,
    small: TokenWindows,
    small_valid: Vec<u32>,
    prompts: PromptSet,
    pub pre: Trainer<Gpt>,
    pub tuned: Option<Trainer<Gpt>>,
    pub scratch: Option<Trainer<Gpt>>,
    /// (fine-tuning step, tuned, scratch validation loss on the small text).
    pub curves: Vec<(u64, f64, f64)>,
    pub pairs: PairSet,
    pub held: PairSet,
    /// Pairs of `pairs` and `held` the rule labelled (the rest are clicks).
    pub by_rule: usize,
    /// The reader's events, for the link (`prefs`).
    pub log: PrefLog,
    pub(super) offered: Option<(Vec<u32>, Vec<u32>)>,
    /// The language model's steps when the pending pair was sampled.
    offered_at: (u64, u64),
    /// The steps the pair sampler was last seeded for: it starts again
    /// from a seed of its own for each state of the language model, so a
    /// link's pairs come back whatever was shown before.
    rng_at: Option<(u64, u64)>,
    pub reward: Option<Trainer<RewardModel>>,
    /// (reward-model step, held-out accuracy).
    pub accuracy: Vec<(u64, f64)>,
    pub policy: Option<Trainer<Policy>>,
    /// (policy step, mean reward, KL, share of the batch satisfying the rule).
    pub history: Vec<(u64, f64, f64, f64)>,
    /// DPO on the same pairs, beside the policy update.
    pub dpo: Option<Trainer<Dpo>>,
    /// (DPO step, loss, share of a sampled batch satisfying the rule).
    pub dpo_history: Vec<(u64, f64, f64)>,
    rng: Rng,
    /// DPO's samples draw from their own generator, not the pairs'.
    dpo_rng: Rng,
    rollout: Rollout,
    batch: Prompts,
}

fn hyper(lr: f32, batch: usize) -> Hyper {
    Hyper {
        learning_rate: lr,
        schedule: Schedule::Constant,
        clip: 1.0,
        weight_decay: 0.01,
        batch_size: batch,
        ..Hyper::default()
    }
}

impl RlhfSession {
    /// A run on `big` (pre-training) and `small` (fine-tuning: its first
    /// 80 % for training, the rest for validation and prompts).
    pub fn new(big: &str, small: &str, opts: RlhfOptions) -> Result<Self, String> {
        let mut all = String::with_capacity(big.len() + small.len());
        all.push_str(big);
        all.push_str(small);
        let tok = Tokenizer::characters(&all);
        let v = tok.vocab_size();
        let cfg = GptConfig {
            vocab: v,
            context: opts.context,
            n_layer: opts.n_layer,
            n_head: opts.n_head,
            n_embd: opts.n_embd,
        };
        let s = tok.encode(small);
        let cut = s.len() * 4 / 5;
        let t = opts.context;
        let big = TokenWindows::new(tok.encode(big), v, t, t)?;
        let small_train = TokenWindows::new(s[..cut].to_vec(), v, t, (t / 8).max(1))?;
        let valid = s[cut..].to_vec();
        if valid.len() < opts.prompt + t + 1 || opts.prompt == 0 || opts.prompt >= t {
            return Err(
                "RlhfSession: the small text is too short for validation and prompts".into(),
            );
        }
        let mut rng = Rng::new(opts.seed);
        let mut ids = Vec::new();
        for _ in 0..256 {
            let at = rng.below(valid.len() - opts.prompt);
            ids.extend_from_slice(&valid[at..at + opts.prompt]);
        }
        let prompts = PromptSet::new(ids, opts.prompt)?;
        let gpt = Gpt::new(cfg, &mut Rng::new(opts.seed))?;
        let n = big.len();
        Ok(RlhfSession {
            pre: Trainer::new(gpt, OptimizerKind::AdamW, Rng::new(opts.seed + 1), n),
            tok,
            big,
            small: small_train,
            small_valid: valid,
            prompts,
            tuned: None,
            scratch: None,
            curves: Vec::new(),
            pairs: PairSet::new(t, opts.prompt),
            held: PairSet::new(t, opts.prompt),
            by_rule: 0,
            log: PrefLog::default(),
            offered: None,
            offered_at: (0, 0),
            rng_at: None,
            reward: None,
            accuracy: Vec::new(),
            policy: None,
            history: Vec::new(),
            dpo: None,
            dpo_history: Vec::new(),
            rng,
            dpo_rng: Rng::new(opts.seed + 8),
            rollout: Rollout::default(),
            batch: Prompts::default(),
            opts,
        })
    }

    /// Pre-trains `n` steps on the big text.
    pub fn pretrain(&mut self, n: usize) -> usize {
        let h = hyper(self.opts.learning_rate, self.opts.batch);
        self.pre.train_batches(&self.big, &h, n, &mut never)
    }

    /// Fine-tunes `n` steps (starting, on the first call, from a copy of
    /// the pre-trained model prepared as the options say, beside a fresh
    /// model from scratch), then records both validation losses.
    pub fn finetune(&mut self, n: usize) -> Result<usize, String> {
        let len = self.small.len();
        if self.tuned.is_none() {
            let mut g = self.pre.model.copy();
            prepare(
                &mut g,
                self.opts.finetune,
                &mut Rng::new(self.opts.seed + 2),
            )?;
            self.tuned = Some(Trainer::new(
                g,
                OptimizerKind::AdamW,
                Rng::new(self.opts.seed + 3),
                len,
            ));
            let fresh = Gpt::new(*self.pre.model.config(), &mut Rng::new(self.opts.seed))?;
            self.scratch = Some(Trainer::new(
                fresh,
                OptimizerKind::AdamW,
                Rng::new(self.opts.seed + 3),
                len,
            ));
        }
        let (tuned, scratch) = (self.tuned.as_mut().unwrap(), self.scratch.as_mut().unwrap());
        let ran = tuned.train_batches(
            &self.small,
            &hyper(self.opts.finetune_rate, self.opts.batch),
            n,
            &mut never,
        );
        scratch.train_batches(
            &self.small,
            &hyper(self.opts.learning_rate, self.opts.batch),
            n,
            &mut never,
        );
        let a = valid_loss(&mut tuned.model, &self.small_valid);
        let b = valid_loss(&mut scratch.model, &self.small_valid);
        self.curves.push((tuned.steps, a, b));
        Ok(ran)
    }

    /// The pre-trained model's validation loss on the small text (the
    /// fine-tuning's starting point).
    pub fn pretrained_valid_loss(&mut self) -> f64 {
        valid_loss(&mut self.pre.model, &self.small_valid)
    }

    /// The language model of the later steps: the fine-tuned one if there
    /// is one, else the pre-trained one.
    pub fn language_model(&self) -> &Gpt {
        self.tuned.as_ref().map_or(&self.pre.model, |t| &t.model)
    }

    /// Two completions of one prompt by the language model, for the reader
    /// to compare: (prompt, first, second).
    pub fn offer_pair(&mut self) -> (String, String, String) {
        self.pass();
        self.sample_pair()
    }

    /// Passes over the pending pair: recorded as such if the language
    /// model is the one that sampled it, else forgotten (a pair shown
    /// before more training is no part of the link's log).
    pub fn pass(&mut self) {
        if self.offered.take().is_some() && self.offered_at == self.lm_steps() {
            self.record('x', self.offered_at);
        }
    }

    /// Samples the next pair from the sampler of the language model's
    /// current state.
    fn sample_pair(&mut self) -> (String, String, String) {
        let now = self.lm_steps();
        if self.rng_at != Some(now) {
            let key = now.0.wrapping_mul(1_000_003).wrapping_add(now.1);
            self.rng = Rng::new(self.opts.seed.wrapping_add(9).wrapping_add(key.wrapping_mul(0x9e37_79b9)));
            self.rng_at = Some(now);
        }
        self.offered_at = now;
        let i = self.rng.below(self.prompts.len()) as u32;
        self.prompts.gather(&[i, i], &mut self.batch);
        let k = self.opts.context - self.opts.prompt;
        let lm = self.tuned.as_ref().map_or(&self.pre.model, |t| &t.model);
        self.rollout
            .sample(lm, &self.batch, k, &Sampling::default(), &mut self.rng);
        let (a, b) = (self.rollout.seq(0).to_vec(), self.rollout.seq(1).to_vec());
        let p = self.opts.prompt;
        let out = (
            self.tok.decode(&a[..p]),
            self.tok.decode(&a[p..]),
            self.tok.decode(&b[p..]),
        );
        self.offered = Some((a, b));
        out
    }

    /// Records the reader's choice between the last offered pair ("same"
    /// adds nothing); returns whether a pair was added.
    pub fn label(&mut self, choice: Choice) -> bool {
        if self.offered.is_none() {
            return false;
        }
        let c = match choice {
            Choice::First => '1',
            Choice::Second => '2',
            Choice::Same => '0',
        };
        self.record(c, self.offered_at);
        self.add_pair(choice)
    }

    /// Adds the pending pair as `choice` orders it (unrecorded).
    fn add_pair(&mut self, choice: Choice) -> bool {
        let Some((a, b)) = self.offered.take() else {
            return false;
        };
        let (w, l) = match choice {
            Choice::First => (a, b),
            Choice::Second => (b, a),
            Choice::Same => return false,
        };
        let total = self.pairs.len() + self.held.len() + 1;
        let set = if total % HELD_OUT_EVERY == 0 {
            &mut self.held
        } else {
            &mut self.pairs
        };
        set.push(&w, &l).is_ok()
    }

    /// Offers pairs and lets the options' rule choose until `n` pairs are
    /// added (at most 4·n offers); returns how many were added.
    pub fn auto_label(&mut self, n: usize) -> usize {
        let p = self.opts.prompt;
        self.pass();
        self.record('r', self.lm_steps());
        let mut added = 0;
        for _ in 0..4 * n {
            if added == n {
                break;
            }
            self.sample_pair();
            let (a, b) = self.offered.as_ref().unwrap();
            let choice = match self
                .opts
                .rule
                .prefers(&self.tok.decode(&a[p..]), &self.tok.decode(&b[p..]))
            {
                Some(true) => Choice::First,
                Some(false) => Choice::Second,
                None => Choice::Same,
            };
            added += usize::from(self.add_pair(choice));
        }
        self.by_rule += added;
        added
    }

    /// Trains the reward model `n` steps on the pairs (made, on the first
    /// call, from the language model) and records its held-out accuracy.
    pub fn train_reward(&mut self, n: usize) -> usize {
        if self.pairs.is_empty() {
            return 0;
        }
        let len = self.pairs.len();
        let rm = self.reward.get_or_insert_with(|| {
            let lm = self.tuned.as_ref().map_or(&self.pre.model, |t| &t.model);
            let rm = RewardModel::from_lm(lm, &mut Rng::new(self.opts.seed + 4));
            Trainer::new(rm, OptimizerKind::AdamW, Rng::new(self.opts.seed + 5), len)
        });
        let h = hyper(1e-3, self.opts.batch);
        let ran = rm.train_batches(&self.pairs, &h, n, &mut never);
        let acc = rm.model.accuracy(&self.held, 32);
        self.accuracy.push((rm.steps, acc));
        ran
    }

    /// Sets the KL coefficient (the policy keeps its weights).
    pub fn set_beta(&mut self, beta: f32) {
        self.opts.beta = beta;
        if let Some(p) = &mut self.policy {
            p.model.beta = beta;
        }
    }

    /// Runs `n` policy-update steps (starting, on the first call, from a
    /// copy of the language model and the reward model as trained so far);
    /// 0 without a reward model.
    pub fn policy_steps(&mut self, n: usize) -> usize {
        let Some(rm) = &self.reward else { return 0 };
        let k = self.opts.context - self.opts.prompt;
        let pol = self.policy.get_or_insert_with(|| {
            let lm = self.tuned.as_ref().map_or(&self.pre.model, |t| &t.model);
            let mut g = lm.copy();
            g.store.set_frozen("", false);
            let p = Policy::new(g, rm.model.copy(), self.opts.beta, k);
            Trainer::new(
                p,
                OptimizerKind::AdamW,
                Rng::new(self.opts.seed + 6),
                self.prompts.len(),
            )
        });
        let h = hyper(1e-3, 32);
        let mut ran = 0;
        for _ in 0..n {
            if pol.train_batches(&self.prompts, &h, 1, &mut never) == 0 {
                break;
            }
            ran += 1;
            let ro = &pol.model.rollout;
            let hits = (0..ro.count)
                .filter(|&i| {
                    self.opts
                        .rule
                        .satisfied(&self.tok.decode(ro.completion(i)), k)
                })
                .count();
            let s = pol.model.stats;
            self.history
                .push((pol.steps, s.reward, s.kl, hits as f64 / ro.count as f64));
        }
        ran
    }

    /// Runs `n` DPO steps on the training pairs (starting, on the first
    /// call, from a copy of the language model, β the options' KL
    /// coefficient), then samples a batch of 32 completions and records the
    /// share satisfying the rule; 0 without pairs.
    pub fn dpo_steps(&mut self, n: usize) -> usize {
        if self.pairs.is_empty() {
            return 0;
        }
        let len = self.pairs.len();
        let dpo = self.dpo.get_or_insert_with(|| {
            let lm = self.tuned.as_ref().map_or(&self.pre.model, |t| &t.model);
            let mut g = lm.copy();
            g.store.set_frozen("", false);
            Trainer::new(
                Dpo::new(g, self.opts.beta.max(0.01)),
                OptimizerKind::AdamW,
                Rng::new(self.opts.seed + 7),
                len,
            )
        });
        let ran = dpo.train_batches(&self.pairs, &hyper(1e-3, self.opts.batch), n, &mut never);
        let idx: Vec<u32> = (0..32.min(self.prompts.len()) as u32).collect();
        self.prompts.gather(&idx, &mut self.batch);
        let k = self.opts.context - self.opts.prompt;
        self.rollout.sample(
            &dpo.model.gpt,
            &self.batch,
            k,
            &Sampling::default(),
            &mut self.dpo_rng,
        );
        let hits = (0..self.rollout.count)
            .filter(|&i| {
                self.opts
                    .rule
                    .satisfied(&self.tok.decode(self.rollout.completion(i)), k)
            })
            .count();
        self.dpo_history.push((
            dpo.steps,
            dpo.last_loss,
            hits as f64 / self.rollout.count as f64,
        ));
        ran
    }

    /// Samples (temperature 1, drawn from `seed`) for the first `n`
    /// prompts, by the updated policy (`policy`) or by the frozen language
    /// model: the same prompts and seed for both, so before and after
    /// compare.
    pub fn samples(&mut self, policy: bool, n: usize, seed: u64) -> Vec<(String, String)> {
        let idx: Vec<u32> = (0..n.min(self.prompts.len()) as u32).collect();
        self.prompts.gather(&idx, &mut self.batch);
        let k = self.opts.context - self.opts.prompt;
        let gpt = match (&self.policy, policy) {
            (Some(p), true) => &p.model.gpt,
            (Some(p), false) => &p.model.reference,
            _ => self.tuned.as_ref().map_or(&self.pre.model, |t| &t.model),
        };
        self.rollout.sample(
            gpt,
            &self.batch,
            k,
            &Sampling::default(),
            &mut Rng::new(seed),
        );
        let p = self.opts.prompt;
        (0..idx.len())
            .map(|i| {
                let s = self.rollout.seq(i);
                (self.tok.decode(&s[..p]), self.tok.decode(&s[p..]))
            })
            .collect()
    }
}

impl RlhfSession {
    /// Samples as [`RlhfSession::samples`] gives them (same prompts, same
    /// seed) by the pre-trained model (`pretrained`) or the model trained
    /// from scratch on the small text (`scratch`), so the page can show
    /// the fine-tuned model's beside them; empty while there is none.
    pub fn samples_of(&mut self, which: &str, n: usize, seed: u64) -> Vec<(String, String)> {
        let gpt = match which {
            "pretrained" => &self.pre.model,
            "scratch" => match &self.scratch {
                Some(t) => &t.model,
                None => return Vec::new(),
            },
            _ => return Vec::new(),
        };
        let idx: Vec<u32> = (0..n.min(self.prompts.len()) as u32).collect();
        self.prompts.gather(&idx, &mut self.batch);
        let k = self.opts.context - self.opts.prompt;
        self.rollout.sample(
            gpt,
            &self.batch,
            k,
            &Sampling::default(),
            &mut Rng::new(seed),
        );
        let p = self.opts.prompt;
        (0..idx.len())
            .map(|i| {
                let s = self.rollout.seq(i);
                (self.tok.decode(&s[..p]), self.tok.decode(&s[p..]))
            })
            .collect()
    }
}

/// Mean next-token loss over the back-to-back windows of `ids`.
fn valid_loss(gpt: &mut Gpt, ids: &[u32]) -> f64 {
    let t = gpt.config().context;
    let Ok(w) = TokenWindows::new(ids.to_vec(), gpt.config().vocab, t, t) else {
        return f64::NAN;
    };
    let mut batch = Tokens::default();
    let mut sum = 0.0;
    let n = w.len();
    let mut i = 0;
    while i < n {
        let idx: Vec<u32> = (i as u32..(i + 32).min(n) as u32).collect();
        w.gather(&idx, &mut batch);
        sum += gpt.loss(&batch) * idx.len() as f64;
        i += 32;
    }
    sum / n as f64
}
