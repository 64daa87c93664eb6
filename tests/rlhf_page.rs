//! The RLHF page's own figures: the small settings its end-to-end test
//! uses, driven through the chapter's run as the worker drives it
//! (pre-training, fine-tuning, the rule labelling pairs, the reward model,
//! the policy update), for three seeds. The page must show the reward
//! model learning and the reward rising, not only the KL moving.

#[path = "common/shipped.rs"]
mod shipped;
use shipped::*;
use neuroplay::chapters::rlhf::settings::{config, decode};
use neuroplay::chapters::rlhf::{Phase, RlhfRun};
use neuroplay::models::Dataset;
use neuroplay::train::Trainable;

/// The end-to-end test's link (tests/e2e/rlhf.test.mjs `SMALL`).
pub const PAGE: &str = "layers=1&width=16&heads=2&batchSize=8&pretrainSteps=100\
&finetuneSteps=20&pairs=400&rewardSteps=300&policySteps=50";

/// The rhyme rule's run: the default model (2 layers, width 32), 300
/// pre-training steps (after 100 on the small model the samples are too
/// far from words for the rule to tell most pairs apart: 21 pairs from 800
/// offers), 400 pairs a press, 300 reward-model steps.
pub const RHYME: &str = "layers=2&width=32&heads=4&pretrainSteps=300&finetuneSteps=20\
&pairs=400&rewardSteps=300&policySteps=50";

fn mean(a: &[f64]) -> f64 {
    a.iter().sum::<f64>() / a.len() as f64
}

/// Every phase to its budget; returns (held-out pairs, accuracy, mean
/// reward of the first five policy steps, of the last five, last KL,
/// rule's share at the first step, at the last).
fn run(text: &str, link: &str) -> (usize, f64, f64, f64, f64, f64, f64) {
    let mut r = RlhfRun::new(config(&decode(&link, "1").settings), text).unwrap();
    while r.train_batches(100) > 0 {}
    r.phase = Phase::Finetune;
    while r.train_batches(100) > 0 {}
    // The samples of a briefly trained model never show `<unk>`.
    for (p, c) in r.s.samples(false, 16, 7) {
        assert!(!p.contains("<unk>") && !c.contains("<unk>"), "{p}|{c}");
    }
    r.phase = Phase::Reward;
    let added = r.auto_label();
    println!("pairs added by the rule: {added}");
    assert!(added >= 100, "{added}");
    while r.train_batches(100) > 0 {}
    let acc = r.s.accuracy.last().unwrap().1;
    r.phase = Phase::Policy;
    while r.train_batches(100) > 0 {}
    let h = &r.s.history;
    let rw: Vec<f64> = h.iter().map(|x| x.1).collect();
    let n = rw.len();
    assert_eq!(n, 50);
    (
        r.s.held.len(),
        acc,
        mean(&rw[..5]),
        mean(&rw[n - 5..]),
        h[n - 1].2,
        h[0].3,
        h[n - 1].3,
    )
}

/// Measured (rule "contains a w", 400 pairs of which 80 held out, 300
/// reward-model steps, 50 policy steps at β = 0.1), seeds 1 to 5:
/// held-out accuracy 0.988, 1.000, 0.988, 0.963, 0.975; mean reward of the
/// first five policy steps −0.42, −0.56, −1.05, −1.43, −1.29 and of the
/// last five 1.64, 1.19, 1.86, 1.19, 0.89 (KL 1.1–2.2 nats; the rule's
/// share 0.50 → 0.84, 0.31 → 0.75, 0.25 → 0.91, 0.38 → 0.75, 0.22 →
/// 0.94). With 200 pairs and 200 steps the accuracy ranged 0.70–0.98 and
/// seed 1's reward rose by only 0.2; with the page's earlier settings (40
/// pre-training steps, 50 pairs, 20 reward-model steps) it was 0.40–0.60:
/// chance. Asserted with margin: accuracy ≥ 0.85 (chance is 0.5), the last
/// five steps' mean reward at least 1.0 above the first five's.
#[test]
fn the_pages_reward_model_learns_and_the_reward_rises() {
    let t0 = std::time::Instant::now();
    let text = moby_text();
    for seed in ["1", "2", "3", "4", "5"] {
        let (held, acc, r0, r1, kl, s0, s1) = run(&text, &format!("{PAGE}&seed={seed}"));
        println!(
            "seed {seed}: held-out accuracy {acc:.3} on {held} pairs; mean reward \
             first five steps {r0:.3}, last five {r1:.3}; KL {kl:.2}; rule's share {s0:.2} -> {s1:.2}"
        );
        assert_eq!(held, 80);
        assert!(acc >= 0.85, "seed {seed}: accuracy {acc}");
        assert!(r1 >= r0 + 1.0, "seed {seed}: reward {r0} -> {r1}");
    }
    println!("{:.1} s", t0.elapsed().as_secs_f64());
}

/// The rhyme rule ("more pairs of words ending in the same two letters").
/// Measured, seeds 1 and 2: 57 and 55 pairs held out; the reward model's
/// held-out accuracy stayed at chance, 0.561 and 0.564 (counting matching
/// endings across a 24-character text is hard for this small a model), yet
/// the policy update raised the rule's share from 0.06 to 0.84 and from
/// 0.09 to 0.50 (KL 9.5 and 6.9 nats): the reward model pays for something correlated with the rule
/// (repeated words), and the policy finds it. Asserted: the share rises by
/// 0.3 or more; the accuracy is printed, not asserted.
#[test]
fn the_rhyme_rule_raises_its_share() {
    let text = moby_text();
    for seed in ["1", "2"] {
        let (held, acc, r0, r1, kl, s0, s1) =
            run(&text, &format!("{RHYME}&rule=rhyme&seed={seed}"));
        println!(
            "rhyme, seed {seed}: held-out accuracy {acc:.3} on {held} pairs; mean reward \
             first five steps {r0:.3}, last five {r1:.3}; KL {kl:.2}; rule's share {s0:.2} -> {s1:.2}"
        );
        assert!(s1 >= s0 + 0.3, "seed {seed}: share {s0} -> {s1}");
    }
}
