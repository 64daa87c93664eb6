//! The RLHF chapter's session driven through its three steps on
//! Moby-Dick, as the page will drive it: pre-training, fine-tuning beside
//! a model trained from scratch, the reader's clicks and a rule's labels,
//! the reward model's held-out accuracy, and the policy update's history.

use neuroplay::chapters::rlhf::{Choice, RlhfOptions, RlhfSession};
use neuroplay::data::corpus::parse;
use neuroplay::models::rlhf::FineTune;
use neuroplay::models::Dataset;

fn texts() -> (String, String) {
    let path = format!("{}/www/data/moby-dick.bin", env!("CARGO_MANIFEST_DIR"));
    let text = parse(&std::fs::read(path).unwrap())
        .unwrap()
        .docs
        .join("\n");
    let chars: Vec<char> = text.chars().collect();
    let big: String = chars[..60_000].iter().collect();
    let small: String = chars[chars.len() - 10_000..].iter().collect();
    (big, small)
}

#[test]
fn three_steps_in_one_session() {
    let t0 = std::time::Instant::now();
    let (big, small) = texts();
    let opts = RlhfOptions {
        finetune: FineTune::Lora {
            rank: 4,
            alpha: 8.0,
        },
        ..RlhfOptions::default()
    };
    let mut s = RlhfSession::new(&big, &small, opts).unwrap();
    assert_eq!(s.pretrain(60), 60);
    for _ in 0..2 {
        assert_eq!(s.finetune(10).unwrap(), 10);
    }
    assert_eq!(s.curves.len(), 2);
    let (step, tuned, scratch) = s.curves[1];
    println!("after {step} fine-tuning steps: tuned {tuned:.3}, scratch {scratch:.3}");
    assert!(tuned.is_finite() && scratch.is_finite());
    assert!(s.language_model().lora_rank() == Some(4));

    // The reader: two samples of one prompt, a click on each side, "same".
    let (prompt, a, b) = s.offer_pair();
    assert_eq!(prompt.chars().count(), 8);
    assert_eq!((a.chars().count(), b.chars().count()), (24, 24));
    assert!(s.label(Choice::First));
    assert!(!s.label(Choice::Second), "a pair is labelled once");
    s.offer_pair();
    assert!(!s.label(Choice::Same));
    s.offer_pair();
    assert!(s.label(Choice::Second));
    // The rule stands in for the rest.
    let added = s.auto_label(60);
    assert!(added >= 40, "{added}");
    let (train, held) = (s.pairs.len(), s.held.len());
    println!("pairs: {train} for training, {held} held out");
    assert!(held >= 8 && train >= 4 * held - 4);
    assert_eq!(s.train_reward(20), 20);
    let (_, acc) = *s.accuracy.last().unwrap();
    println!("reward model held-out accuracy after 20 steps: {acc:.3}");
    assert!((0.0..=1.0).contains(&acc));

    let before = s.samples(false, 3, 5);
    assert_eq!(s.policy_steps(4), 4);
    s.set_beta(0.0);
    assert_eq!(s.policy_steps(2), 2);
    assert_eq!(s.history.len(), 6);
    for &(_, r, kl, share) in &s.history {
        assert!(r.is_finite() && kl.is_finite() && (0.0..=1.0).contains(&share));
    }
    let after = s.samples(true, 3, 5);
    let reference = s.samples(false, 3, 5);
    assert_eq!(before, reference, "the reference stays the language model");
    assert_eq!(after.len(), 3);
    assert_eq!(after[0].0, before[0].0, "the same prompts");
    assert_eq!(s.dpo_steps(3), 3);
    let &(step, loss, share) = s.dpo_history.last().unwrap();
    assert!(step == 3 && loss.is_finite() && (0.0..=1.0).contains(&share));
    println!(
        "history {:.3?}; DPO {:.3?} ({:.1} s)",
        s.history,
        s.dpo_history,
        t0.elapsed().as_secs_f64()
    );
}
