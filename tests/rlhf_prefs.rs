//! The reader's preferences travel in the link as one letter per pair and
//! replay when the link's run reaches the model they were made with: the
//! same pairs, the same reward model; a tampered value or a model already
//! past that point drops them.

#[path = "common/shipped.rs"]
mod shipped;
use shipped::*;
use neuroplay::chapters::rlhf::prefs::parse;
use neuroplay::chapters::rlhf::settings::{config, decode};
use neuroplay::chapters::rlhf::{Choice, Phase, RlhfRun};
use neuroplay::models::Dataset;
use neuroplay::train::Trainable;

const LINK: &str = "layers=1&width=16&heads=2&batchSize=8&pretrainSteps=12&finetuneSteps=10\
&pairs=20&rewardSteps=10&seed=4";

fn run(text: &str, link: &str) -> RlhfRun {
    RlhfRun::new(config(&decode(link, "1").settings), text).unwrap()
}

fn train(r: &mut RlhfRun, phase: Phase) {
    r.phase = phase;
    while r.train_batches(100) > 0 {}
}

fn pairs(r: &RlhfRun) -> Vec<Vec<u32>> {
    let mut out = Vec::new();
    for set in [&r.s.pairs, &r.s.held] {
        for i in 0..set.len() {
            let (w, l) = set.pair(i);
            out.push([w, l].concat());
        }
    }
    out
}

#[test]
fn preferences_replay_from_the_link() {
    let text = moby_text();
    let mut a = run(&text, LINK);
    train(&mut a, Phase::Pretrain);
    // A pair shown before fine-tuning, left on show: not part of the log.
    a.s.offer_pair();
    train(&mut a, Phase::Finetune);
    a.s.offer_pair();
    assert!(a.s.label(Choice::First));
    a.s.offer_pair();
    assert!(!a.s.label(Choice::Same));
    a.s.offer_pair();
    a.s.offer_pair();
    assert!(a.s.label(Choice::Second));
    a.s.offer_pair();
    assert!(a.auto_label() > 10);
    a.s.offer_pair();
    assert!(a.s.label(Choice::Second));
    let value = a.prefs_value();
    println!("link value: {value}");
    let (p, f, events, _) = parse(&value).unwrap();
    assert_eq!((p, f, events.as_str()), (12, 10, "10x2xr2"));

    let mut b = run(&text, &format!("{LINK}&prefs={value}"));
    assert_eq!(b.prefs_value(), value, "waiting, the link keeps it");
    train(&mut b, Phase::Pretrain);
    // Pairs shown (and one passed over) before the link's model: no harm.
    b.s.offer_pair();
    b.s.offer_pair();
    assert!(b.s.pairs.is_empty(), "not before its model");
    assert_eq!(b.s.log.events, "x");
    train(&mut b, Phase::Finetune);
    assert_eq!((b.prefs_replayed, b.prefs_dropped), (5, 0));
    assert_eq!(pairs(&b), pairs(&a));
    assert_eq!(b.prefs_value(), value);
    train(&mut a, Phase::Reward);
    train(&mut b, Phase::Reward);
    assert_eq!(a.s.accuracy, b.s.accuracy);
    println!(
        "{} pairs replayed; reward model accuracy {:?} in both",
        pairs(&b).len(),
        b.s.accuracy
    );

    // A tampered event: other pairs, dropped whole.
    let bad = value.replacen("-10x", "-20x", 1);
    let mut c = run(&text, &format!("{LINK}&prefs={bad}"));
    train(&mut c, Phase::Pretrain);
    train(&mut c, Phase::Finetune);
    assert_eq!((c.prefs_replayed, c.prefs_dropped), (0, 1));
    assert!(c.s.pairs.is_empty() && c.prefs_value().is_empty());
    // Made after fewer pre-training steps than this run already has.
    let early = value.replacen("12-", "5-", 1);
    let mut d = run(&text, &format!("{LINK}&prefs={early}"));
    train(&mut d, Phase::Pretrain);
    assert_eq!(d.prefs_dropped, 1);
    // Pairs labelled before the link's model: no room for its choices.
    let mut g = run(&text, &format!("{LINK}&prefs={value}"));
    train(&mut g, Phase::Pretrain);
    g.s.offer_pair();
    g.s.label(Choice::First);
    train(&mut g, Phase::Finetune);
    assert_eq!((g.prefs_replayed, g.prefs_dropped), (0, 1));
    // Malformed.
    let mut e = run(&text, &format!("{LINK}&prefs=12-10-abc-0"));
    train(&mut e, Phase::Pretrain);
    assert_eq!(e.prefs_dropped, 1);
    // More fine-tuning after the events: the log no longer replays.
    a.phase = Phase::Finetune;
    a.config.finetune_steps = 20;
    train(&mut a, Phase::Finetune);
    a.s.offer_pair();
    a.s.label(Choice::First);
    assert!(a.prefs_value().is_empty());
}
