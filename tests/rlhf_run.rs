//! The RLHF chapter's run as the page's worker drives it: each phase
//! trains only while it has steps left and what it needs, stops at its
//! budget, and a new link keeps or rebuilds the models as it says.

#[path = "common/shipped.rs"]
mod shipped;
use shipped::*;
use neuroplay::chapters::rlhf::settings::{config, decode};
use neuroplay::chapters::rlhf::{Phase, RlhfRun};
use neuroplay::train::Trainable;

const LINK: &str =
    "width=16&pretrainSteps=12&finetuneSteps=10&pairs=30&rewardSteps=10&policySteps=3";

#[test]
fn phases_train_to_their_budgets() {
    let text = moby_text();
    let mut r = RlhfRun::new(config(&decode(LINK, "1").settings), &text).unwrap();
    assert_eq!(r.status_name(), "ready");
    assert_eq!(r.train_batches(100), 12);
    assert_eq!((r.status_name(), r.train_batches(5)), ("reachedEpoch", 0));

    r.phase = Phase::Finetune;
    assert_eq!(r.train_batches(1), 5, "fine-tuning runs in blocks");
    assert_eq!(r.train_batches(100), 5);
    assert_eq!(r.s.curves.len(), 2);
    assert_eq!(r.status_name(), "reachedEpoch");

    r.phase = Phase::Reward;
    assert_eq!((r.status_name(), r.train_batches(5)), ("noData", 0));
    let added = r.auto_label();
    println!("pairs added by the rule: {added}");
    assert!(added >= 20, "{added}");
    assert_eq!(r.train_batches(100), 10);
    let acc = r.s.accuracy.last().unwrap().1;
    println!("held-out accuracy after 10 steps: {acc:.3}");

    r.phase = Phase::Policy;
    assert_eq!(r.train_batches(100), 3);
    assert_eq!(r.s.history.len(), 3);
    r.phase = Phase::Dpo;
    assert_eq!(r.train_batches(1), 3);
    assert_eq!(r.examples(), 12 + 10 + 10 + 3 + 3);

    // The KL coefficient and budgets keep the models; the width does not.
    let more = format!("{LINK}&beta=0&policySteps=5");
    assert!(!r.apply(config(&decode(&more, "1").settings)));
    assert_eq!(r.s.policy.as_ref().unwrap().model.beta, 0.0);
    r.phase = Phase::Policy;
    assert_eq!(r.train_batches(100), 2);
    assert!(r.apply(config(&decode("width=24&pretrainSteps=5", "1").settings)));
    assert_eq!(
        (r.phase, r.examples(), r.s.history.len()),
        (Phase::Pretrain, 0, 0)
    );
    assert_eq!(r.train_batches(100), 5);
}
