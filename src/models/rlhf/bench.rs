//! The policy-update step the benchmark measures, built the same way for
//! the native benchmark and the wasm builds: a GPT of the given sizes over
//! a 65-symbol vocabulary (untrained: the work per step does not depend on
//! the weights), a reward model of the same sizes, 64 random prompts of a
//! quarter of the context, and completions filling the rest of it. One step
//! samples a batch of completions with the KV cache, scores them with the
//! reward model, runs the reference and the policy over them, and takes an
//! AdamW step.

use super::pairs::PromptSet;
use super::policy::Policy;
use super::reward::RewardModel;
use crate::models::gpt::{Gpt, GptConfig};
use crate::nn::OptimizerKind;
use crate::rng::Rng;
use crate::train::{never, Hyper, Trainer};

/// Vocabulary of the benchmark (a character set's size).
const VOCAB: usize = 65;

/// A policy being updated, its prompts and settings.
pub struct PolicyBench {
    pub tr: Trainer<Policy>,
    prompts: PromptSet,
    h: Hyper,
}

impl PolicyBench {
    /// `layers` blocks of `width` channels and `heads` heads, a context of
    /// `context` tokens (prompts of context/4, completions of the rest),
    /// `batch` prompts per step.
    pub fn new(
        layers: usize,
        width: usize,
        heads: usize,
        context: usize,
        batch: usize,
    ) -> Result<Self, String> {
        let cfg = GptConfig {
            vocab: VOCAB,
            context,
            n_layer: layers,
            n_head: heads,
            n_embd: width,
        };
        let mut r = Rng::new(7);
        let lm = Gpt::new(cfg, &mut r)?;
        let rm = RewardModel::from_lm(&lm, &mut r);
        let lp = (context / 4).max(1);
        if lp >= context {
            return Err(format!(
                "PolicyBench: a context of {context} leaves no room to sample"
            ));
        }
        let ids: Vec<u32> = (0..64 * lp).map(|_| r.below(VOCAB) as u32).collect();
        let prompts = PromptSet::new(ids, lp)?;
        let policy = Policy::new(lm, rm, 0.1, context - lp);
        let h = Hyper {
            learning_rate: 1e-4,
            clip: 1.0,
            weight_decay: 0.01,
            batch_size: batch.clamp(1, 64),
            ..Hyper::default()
        };
        let tr = Trainer::new(policy, OptimizerKind::AdamW, Rng::new(8), 64);
        Ok(PolicyBench { tr, prompts, h })
    }

    /// Runs `steps` policy-update steps; returns how many ran.
    pub fn step(&mut self, steps: usize) -> usize {
        self.tr
            .train_batches(&self.prompts, &self.h, steps, &mut never)
    }

    /// The last step's mean reward (so the work cannot be skipped).
    pub fn reward(&self) -> f64 {
        self.tr.model.stats.reward
    }
}
