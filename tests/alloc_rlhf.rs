//! Warm RLHF steps allocate nothing: a counting allocator watches a
//! reward-model step, a policy-update step (sampling with the KV cache,
//! scoring, the reference's pass and the policy gradient) and a DPO step,
//! each through the generic trainer, on a tiny GPT with LoRA adapters on
//! the policy.

mod counting;

use neuroplay::models::gpt::{Gpt, GptConfig};
use neuroplay::models::rlhf::{Dpo, PairSet, Policy, PromptSet, RewardModel};
use neuroplay::models::Dataset;
use neuroplay::nn::OptimizerKind;
use neuroplay::rng::Rng;
use neuroplay::train::{never, Hyper, Trainer};

#[test]
fn rlhf_steps_allocate_nothing_once_warm() {
    let cfg = GptConfig {
        vocab: 13,
        context: 16,
        n_layer: 2,
        n_head: 2,
        n_embd: 16,
    };
    let mut r = Rng::new(1);
    let lm = Gpt::new(cfg, &mut r).unwrap();
    let (len, prompt) = (12, 4);
    let mut pairs = PairSet::new(len, prompt);
    for _ in 0..24 {
        let w: Vec<u32> = (0..len).map(|_| r.below(13) as u32).collect();
        let l: Vec<u32> = (0..len).map(|_| r.below(13) as u32).collect();
        pairs.push(&w, &l).unwrap();
    }
    let prompts = PromptSet::new(
        (0..40 * prompt).map(|_| r.below(13) as u32).collect(),
        prompt,
    )
    .unwrap();
    // 24 pairs in batches of 5 and 40 prompts in batches of 8: short last
    // batches are seen while warming up.
    let h = Hyper {
        learning_rate: 1e-3,
        clip: 1.0,
        weight_decay: 0.01,
        batch_size: 5,
        ..Hyper::default()
    };
    let rm = RewardModel::from_lm(&lm, &mut r);
    let mut rt = Trainer::new(rm, OptimizerKind::AdamW, Rng::new(2), pairs.len());
    rt.train_batches(&pairs, &h, 12, &mut never);
    let (_, a) = counting::allocations(|| rt.train_batches(&pairs, &h, 30, &mut never));
    assert_eq!(a, 0, "{a} allocations in 30 reward-model steps");

    let mut policy_gpt = lm.copy();
    policy_gpt.add_lora(4, 8.0, &mut r).unwrap();
    let pol = Policy::new(policy_gpt, rt.model, 0.1, len - prompt);
    let hp = Hyper { batch_size: 8, ..h };
    let mut pt = Trainer::new(pol, OptimizerKind::AdamW, Rng::new(3), prompts.len());
    pt.train_batches(&prompts, &hp, 12, &mut never);
    let (_, a) = counting::allocations(|| pt.train_batches(&prompts, &hp, 30, &mut never));
    assert_eq!(a, 0, "{a} allocations in 30 policy-update steps");
    assert!(pt.model.stats.kl.is_finite());

    let mut dt = Trainer::new(
        Dpo::new(lm.copy(), 0.1),
        OptimizerKind::AdamW,
        Rng::new(4),
        pairs.len(),
    );
    dt.train_batches(&pairs, &h, 12, &mut never);
    let (_, a) = counting::allocations(|| dt.train_batches(&pairs, &h, 30, &mut never));
    assert_eq!(a, 0, "{a} allocations in 30 DPO steps");
}
