//! The chapter's session as the worker drives it: training the reader's
//! RBM, a dream whose strip grows, filling in digits whose top half is
//! clamped, and a short pretraining comparison run to its end.

use neuroplay::chapters::dbn::{settings, top_half, Activity, DbnSession, CHAINS};
use neuroplay::data::digits::{parse, PIXELS};
use neuroplay::train::Trainable;
use std::cell::Cell;

thread_local!(static NOW: Cell<f64> = const { Cell::new(0.0) });

/// A clock that moves a second at every reading, so a dream never waits.
fn clock() -> f64 {
    NOW.with(|n| {
        n.set(n.get() + 1000.0);
        n.get()
    })
}

fn session(query: &str) -> DbnSession {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/www/data/digits-14x14.bin");
    let d = parse(&std::fs::read(path).expect("the shipped digits")).expect("a valid file");
    DbnSession::new(
        settings::config(&settings::decode(query, "1").settings),
        &d,
        clock,
    )
}

#[test]
fn session_trains_dreams_fills_and_compares() {
    let mut s = session("hidden=64&finetuneSteps=60&pretrainEpochs=1&layer2=32");
    let before = s.measure();
    assert_eq!(s.train_batches(400), 400);
    let after = s.measure();
    println!(
        "recon {:.2} → {:.2}, pll {:.1} → {:.1}",
        before.recon, after.recon, before.pll, after.pll
    );
    assert!(after.recon < before.recon - 2.0);
    assert_eq!(s.status_name(), "ready");

    s.dream();
    assert_eq!(s.activity, Activity::Dream);
    for _ in 0..20 {
        assert_eq!(s.train_batches(1), 1);
    }
    assert_eq!(
        s.strip().len(),
        5 * PIXELS,
        "the strip starts with the noise and takes a sample every 5 steps"
    );
    assert_eq!(s.chain().map(|c| c.1), Some(20));

    s.fill(3);
    for _ in 0..10 {
        s.train_batches(1);
    }
    let mask = top_half();
    let (means, _) = s.chain().expect("chains");
    for r in 0..CHAINS {
        let orig = s.test_image(3 + r).to_vec();
        for i in 0..PIXELS {
            if mask[i] {
                let want = if orig[i] >= 0.5 { 1.0 } else { 0.0 };
                assert_eq!(means[r * PIXELS + i], want, "clamped units hold");
            }
        }
    }

    s.compare();
    let mut guard = 0;
    while s.status_name() == "ready" && guard < 10_000 {
        s.train_batches(100);
        guard += 1;
    }
    let c = s.comparison().expect("a comparison");
    println!("pretrained {:?}\nrandom {:?}", c.pretrained, c.random);
    assert_eq!(c.pretrained.len(), c.random.len());
    assert!(c.pretrained.len() >= 2);
    assert_eq!(s.status_name(), "reachedEpoch");
    s.to_training();
    assert_eq!(s.status_name(), "ready");
}
