//! The three steps on a tiny GPT pre-trained on Moby-Dick (seeded, figures
//! printed): fine-tuning against training from scratch on a small text;
//! a reward model learning an automatic labeller's rule from pairs; the
//! policy update raising the rule's share under a KL bound.

#[path = "common/rlhf_setup.rs"]
mod setup;
use setup::*;

use neuroplay::models::gpt::{Gpt, TokenWindows};
use neuroplay::models::rlhf::{prepare, Dpo, FineTune, Policy, RewardModel, Rule};
use neuroplay::models::Dataset;
use neuroplay::nn::OptimizerKind;
use neuroplay::nn::Schedule;
use neuroplay::rng::Rng;
use neuroplay::train::{never, Trainer};
use std::sync::OnceLock;

/// The small corpus: 4,000 characters of the held-out end of the novel;
/// validation: the next 4,000.
const SMALL: usize = 4_000;
const STEPS: usize = 100;

fn train(gpt: Gpt, how: FineTune, lr: f32) -> (f64, usize) {
    let m = moby();
    let start = m.ids.len() - 2 * SMALL;
    let small = &m.ids[start..start + SMALL];
    let valid = &m.ids[start + SMALL..];
    let mut gpt = gpt;
    let trainable = prepare(&mut gpt, how, &mut Rng::new(9)).unwrap();
    let data = TokenWindows::new(small.to_vec(), config().vocab, CONTEXT, 4).unwrap();
    let mut tr = Trainer::new(gpt, OptimizerKind::AdamW, Rng::new(5), data.len());
    tr.train_batches(&data, &setup::hyper(lr, STEPS), STEPS, &mut never);
    (valid_loss(&mut tr.model, valid), trainable)
}

/// Measured (seeds fixed): validation loss on the small text after 100
/// steps: from scratch 2.861, full fine-tune (lr 1e-3) 2.439, embeddings
/// and block 0 frozen 2.451, LoRA r = 4 (lr 3e-3) 2.453; the pre-trained
/// model before fine-tuning 2.454. At this scale the pre-training is what helps (0.4 nats against
/// scratch); fine-tuning itself adds under 0.02 nats with every weight and
/// almost nothing with the frozen or LoRA variants. Asserted: every
/// variant ≥ 0.15 below scratch, full fine-tuning 0.005 below the
/// pre-trained model, LoRA training the fewest floats.
#[test]
fn fine_tuning_beats_training_from_scratch_on_a_small_text() {
    let m = moby();
    let start = m.ids.len() - 2 * SMALL;
    let valid = &m.ids[start + SMALL..];
    let mut pre = pretrained().copy();
    let before = valid_loss(&mut pre, valid);
    let (scratch, n_all) = train(
        Gpt::new(config(), &mut Rng::new(1)).unwrap(),
        FineTune::Full,
        3e-3,
    );
    let (full, _) = train(pretrained().copy(), FineTune::Full, 1e-3);
    let (frozen, n_frozen) = train(pretrained().copy(), FineTune::FreezeLower(1), 1e-3);
    let (lora, n_lora) = train(
        pretrained().copy(),
        FineTune::Lora {
            rank: 4,
            alpha: 8.0,
        },
        3e-3,
    );
    println!("validation loss on the small text after {STEPS} steps (pre-trained model before fine-tuning: {before:.4})");
    println!("  from scratch      {scratch:.4} ({n_all} trainable)");
    println!("  full fine-tune    {full:.4}");
    println!("  lower block frozen {frozen:.4} ({n_frozen} trainable)");
    println!("  LoRA r=4          {lora:.4} ({n_lora} trainable)");
    for (name, v) in [("full", full), ("frozen", frozen), ("lora", lora)] {
        assert!(v < scratch - 0.15, "{name} {v} vs scratch {scratch}");
    }
    assert!(
        full < before - 0.005,
        "full fine-tune {full} vs before {before}"
    );
    assert!(n_lora < n_frozen && n_frozen < n_all);
}

/// The rule of the RLHF tests: completions containing a 'w'.
const RULE: Rule = Rule::Contains('w');
const RM_STEPS: usize = 150;

/// A reward model trained (once) on 256 pairs of the pre-trained model's
/// completions labelled by RULE; its held-out accuracy before and after.
fn reward_model() -> &'static (RewardModel, f64, f64) {
    static R: OnceLock<(RewardModel, f64, f64)> = OnceLock::new();
    R.get_or_init(|| {
        let t0 = std::time::Instant::now();
        let lm = pretrained();
        let train = labelled_pairs(lm, RULE, 256, 11);
        let held = labelled_pairs(lm, RULE, 128, 12);
        let mut rm = RewardModel::from_lm(lm, &mut Rng::new(3));
        let acc0 = rm.accuracy(&held, 32);
        let mut tr = Trainer::new(rm, OptimizerKind::AdamW, Rng::new(4), train.len());
        tr.train_batches(&train, &setup::hyper(1e-3, RM_STEPS), RM_STEPS, &mut never);
        let acc = tr.model.accuracy(&held, 32);
        println!(
            "reward model: held-out accuracy {acc0:.3} -> {acc:.3} after {RM_STEPS} steps ({:.1} s)",
            t0.elapsed().as_secs_f64()
        );
        (tr.model, acc0, acc)
    })
}

/// Measured (seed 3/4): held-out accuracy on 128 pairs 0.445 before
/// training, 0.992 after 150 steps (0.438 → 0.977 before the sampler left
/// out `<unk>`). Threshold: 0.85.
#[test]
fn reward_model_learns_the_labellers_rule() {
    let &(_, before, after) = reward_model();
    assert!(after >= 0.85, "held-out accuracy {before} -> {after}");
}

const POLICY_STEPS: usize = 60;
const SHARE_SAMPLES: usize = 128;

/// (share satisfying RULE, KL estimate, mean reward) before and every 20
/// steps of the policy update at KL coefficient `beta`.
fn policy_run(beta: f32) -> Vec<(f64, f64, f64)> {
    let pol = Policy::new(
        pretrained().copy(),
        reward_model().0.copy(),
        beta,
        COMPLETION,
    );
    let ps = prompts(256, &mut Rng::new(21));
    let mut tr = Trainer::new(pol, OptimizerKind::AdamW, Rng::new(6), ps.len());
    let mut h = setup::hyper(1e-3, POLICY_STEPS);
    h.schedule = Schedule::Constant;
    h.batch_size = 32;
    let mut out = vec![(
        rule_share(&tr.model.gpt, RULE, SHARE_SAMPLES, 31),
        0.0,
        f64::NAN,
    )];
    for _ in 0..POLICY_STEPS / 20 {
        tr.train_batches(&ps, &h, 20, &mut never);
        let s = tr.model.stats;
        out.push((
            rule_share(&tr.model.gpt, RULE, SHARE_SAMPLES, 31),
            s.kl,
            s.reward,
        ));
    }
    let ro = &tr.model.rollout;
    for i in 0..3 {
        println!(
            "  beta {beta} sample {i}: {:?} -> {:?}",
            text_of(&ro.seq(i)[..PROMPT]),
            text_of(ro.completion(i))
        );
    }
    out
}

/// The KL bound of the policy tests (nats per 16-token completion, the
/// last batch's estimate).
const KL_BOUND: f64 = 20.0;

/// Measured (seeds fixed; the sampler never draws `<unk>`): the share of
/// completions containing a 'w' 0.266 before, 0.898 / 0.922 / 0.945 after
/// 20 / 40 / 60 steps at β = 0.1 with the last batch's KL 15.7 / 8.4 / 6.8
/// nats; at β = 0 the share reaches 0.89 / 1.00 / 1.00 while the KL grows
/// to 15.7 / 40.0 / 52.5. (When the sampler could still draw `<unk>`:
/// 0.805 / 0.930 / 0.977 with KL 10.4 / 7.5 / 6.7, and 13.8 / 21.8 / 29.9
/// at β = 0.) Asserted: start below 0.4, end at 0.75 or more, KL under 20
/// throughout at β = 0.1; past 20 at the end at β = 0.
#[test]
fn policy_update_raises_the_rule_share_within_a_kl_bound() {
    let t0 = std::time::Instant::now();
    let with = policy_run(0.1);
    println!(
        "beta 0.1: (share, kl, reward) {with:.3?} ({:.1} s)",
        t0.elapsed().as_secs_f64()
    );
    let (start, end) = (with[0].0, with[with.len() - 1].0);
    assert!(start < 0.4 && end >= 0.75, "share {start} -> {end}");
    for &(_, kl, _) in &with {
        assert!(kl < KL_BOUND, "KL {kl} past {KL_BOUND}");
    }
}

#[test]
fn without_the_kl_penalty_the_policy_drifts() {
    let t0 = std::time::Instant::now();
    let without = policy_run(0.0);
    println!(
        "beta 0: (share, kl, reward) {without:.3?} ({:.1} s)",
        t0.elapsed().as_secs_f64()
    );
    let kl = without[without.len() - 1].1;
    assert!(kl > KL_BOUND, "KL {kl} stayed under {KL_BOUND}");
}

/// Measured: DPO at β = 0.1, learning rate 5e-4, on the reward model's 256
/// training pairs: share 0.266 → 0.609 / 0.836 / 0.883 after 20 / 40 / 60
/// steps (0.586 / 0.750 / 0.836 when the sampler could draw `<unk>`,
/// and at 1e-3 it then overshot: 0.789 / 0.828 / 0.180). Asserted: from
/// below 0.4 to 0.7 or more.
#[test]
fn dpo_raises_the_rule_share() {
    let t0 = std::time::Instant::now();
    let lm = pretrained();
    let train = labelled_pairs(lm, RULE, 256, 11);
    let mut tr = Trainer::new(
        Dpo::new(lm.copy(), 0.1),
        OptimizerKind::AdamW,
        Rng::new(7),
        train.len(),
    );
    let mut h = setup::hyper(5e-4, POLICY_STEPS);
    h.schedule = Schedule::Constant;
    let mut out = vec![rule_share(&tr.model.gpt, RULE, SHARE_SAMPLES, 31)];
    for _ in 0..POLICY_STEPS / 20 {
        tr.train_batches(&train, &h, 20, &mut never);
        out.push(rule_share(&tr.model.gpt, RULE, SHARE_SAMPLES, 31));
    }
    println!(
        "DPO beta 0.1: share {out:.3?}, last pair accuracy {:.3} ({:.1} s)",
        tr.model.last_accuracy,
        t0.elapsed().as_secs_f64()
    );
    assert!(out[0] < 0.4 && out[out.len() - 1] >= 0.7, "share {out:?}");
}
