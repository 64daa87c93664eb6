//! The policy update of RLHF: sample completions from the policy, score
//! them with the reward model, and push up the log-probability of the
//! completions that scored above the batch's mean (REINFORCE, Williams,
//! 1992, with the batch mean as baseline), while a penalty β·KL to the
//! frozen reference model keeps the policy near the language it learnt
//! (Ziegler et al., 2019; Ouyang et al., 2022).
//!
//! Per completion y of prompt x: kl = Σₜ log π(yₜ) − log π_ref(yₜ) (a
//! one-sample estimate of KL(π‖π_ref) over the completion), the return
//! R = r(x,y) − β·kl, the advantage A = R − mean(R). The surrogate loss is
//! −(1/B)·Σ A·Σₜ log π(yₜ); its gradient is the policy gradient. With
//! β = 0 nothing holds the policy back, and it learns whatever the reward
//! model happens to reward (reward hacking).

use super::pairs::Prompts;
use super::reward::RewardModel;
use super::rollout::Rollout;
use crate::models::gpt::{Gpt, Sampling, Tokens};
use crate::models::Model;
use crate::nn::ParamStore;
use crate::rng::Rng;

/// What the last step saw.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct PolicyStats {
    /// Mean reward-model score of the sampled completions.
    pub reward: f64,
    /// Mean KL estimate per completion (nats).
    pub kl: f64,
    /// Mean return r − β·kl.
    pub ret: f64,
}

/// The policy, its reference, the reward model, and one step's buffers.
pub struct Policy {
    pub gpt: Gpt,
    pub reference: Gpt,
    pub reward: RewardModel,
    /// β, the KL coefficient.
    pub beta: f32,
    /// Tokens sampled after each prompt.
    pub completion: usize,
    pub sampling: Sampling,
    pub rollout: Rollout,
    pub stats: PolicyStats,
    batch: Tokens,
    ref_losses: Vec<f32>,
    rewards: Vec<f32>,
    weights: Vec<f32>,
    kl: Vec<f64>,
    ret: Vec<f64>,
}

impl Policy {
    /// A policy starting as `gpt` (its frozen flags say what trains), its
    /// reference a frozen copy of it, rewarded by `reward`.
    pub fn new(gpt: Gpt, reward: RewardModel, beta: f32, completion: usize) -> Self {
        let reference = gpt.copy();
        Policy {
            gpt,
            reference,
            reward,
            beta,
            completion,
            sampling: Sampling::default(),
            rollout: Rollout::default(),
            stats: PolicyStats::default(),
            batch: Tokens::default(),
            ref_losses: Vec::new(),
            rewards: Vec::new(),
            weights: Vec::new(),
            kl: Vec::new(),
            ret: Vec::new(),
        }
    }
}

/// Σ over a completion's positions of (ref loss − policy loss) = log π − log π_ref.
fn log_ratio(policy: &[f32], reference: &[f32]) -> f64 {
    policy
        .iter()
        .zip(reference)
        .map(|(&p, &r)| f64::from(r) - f64::from(p))
        .sum()
}

impl Model for Policy {
    type Batch = Prompts;

    fn store(&self) -> &ParamStore {
        &self.gpt.store
    }

    fn store_mut(&mut self) -> &mut ParamStore {
        &mut self.gpt.store
    }

    /// One rollout and its policy gradient; returns −(mean return), so the
    /// trainer's "loss" falls as the policy improves.
    fn gradient(&mut self, prompts: &Prompts, rng: &mut Rng) -> f64 {
        let k = self.completion;
        self.rollout
            .sample(&self.gpt, prompts, k, &self.sampling, rng);
        let ro = &self.rollout;
        let (b, sl, lp) = (ro.count, ro.len, ro.prompt);
        let t = sl - 1;
        // Teacher-forced batch over the sampled sequences.
        self.batch.ids.clear();
        self.batch.targets.clear();
        for i in 0..b {
            let s = ro.seq(i);
            self.batch.ids.extend_from_slice(&s[..t]);
            self.batch.targets.extend_from_slice(&s[1..]);
        }
        self.batch.batch = b;
        self.batch.time = t;
        let r = self.reward.score(&ro.seqs, b, sl);
        self.rewards.clear();
        self.rewards.extend_from_slice(r);
        let rewards = &self.rewards;
        self.reference.loss(&self.batch);
        self.ref_losses.clear();
        self.ref_losses
            .extend_from_slice(self.reference.token_losses());
        let losses = self.gpt.forward_scored(&self.batch);
        // Completion positions: the targets at t ≥ Lp − 1.
        let first = lp - 1;
        self.kl.clear();
        self.ret.clear();
        for i in 0..b {
            let row = i * t + first..(i + 1) * t;
            let kl = log_ratio(&losses[row.clone()], &self.ref_losses[row]);
            self.kl.push(kl);
            self.ret
                .push(f64::from(rewards[i]) - f64::from(self.beta) * kl);
        }
        let mean_ret = self.ret.iter().sum::<f64>() / b as f64;
        self.weights.clear();
        self.weights.resize(b * t, 0.0);
        for i in 0..b {
            let a = ((self.ret[i] - mean_ret) / b as f64) as f32;
            self.weights[i * t + first..(i + 1) * t].fill(a);
        }
        self.gpt.backward_weighted(&self.batch, &self.weights);
        self.stats = PolicyStats {
            reward: rewards.iter().map(|&r| f64::from(r)).sum::<f64>() / b as f64,
            kl: self.kl.iter().sum::<f64>() / b as f64,
            ret: mean_ret,
        };
        -mean_ret
    }
}
