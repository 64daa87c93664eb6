//! The 1989 chapter's figures on the shipped digits, through its session as
//! the page trains it: Adam 0.003, warm-up and cosine decay over a fixed
//! budget of 10 epochs, batch 32, seed 1 (the test set never chooses when
//! to stop). The default preset's test accuracy, and its accuracy on test
//! digits moved by 2 pixels against the dense network of about the same
//! size trained beside it; the wide preset's test accuracy. Figures print
//! with `--nocapture`.
//!
//! Measured (seed 1, 10 epochs; seeds 2 and 3 in brackets):
//! - default, 16 and 32 filters (7,946 parameters): 97.10% [96.95%,
//!   97.05%]; 20 epochs gave 97.35% [97.20%], weight decay 0.1 97.15%
//!   [96.90%]: this preset does not reach 97.5% here. The dense 196 → 38 →
//!   10 (7,876 parameters) beside it: 92.60% [92.40%, 92.20%].
//! - moved by 2 px: CNN 64.10% [63.45%, 62.00%], dense 18.80% [17.55%,
//!   17.35%]: a lead of 45.3 [45.9, 44.65] points.
//! - wide, 32 and 64 filters (25,098 parameters): 97.80% [97.85%]; the
//!   dense 196 → 121 → 10 beside it 94.40% [94.20%].
//!
//! Wall time on one core of the 2-core test machine, nothing else running:
//! the default run (all three models) 12.0 s, 1,055 ms per epoch for the
//! CNN; the wide run 32.2 s.

use neuroplay::chapters::cnn::{settings, CnnSession, Kind};
use neuroplay::data::digits::parse;
use neuroplay::train::Trainable;
use std::sync::OnceLock;
use std::time::Instant;

/// The default preset's test accuracy: measured 97.10%, 0.6 points of margin.
const DEFAULT_THRESHOLD: f64 = 0.965;
/// Its lead over the dense network on digits moved by 2 px: measured 45.3
/// points, at least 44.65 over three seeds.
const SHIFT_MARGIN: f64 = 0.35;
/// The wide preset's test accuracy: measured 97.80% and 97.85%.
const WIDE_THRESHOLD: f64 = 0.975;

fn clock() -> f64 {
    static START: OnceLock<Instant> = OnceLock::new();
    START.get_or_init(Instant::now).elapsed().as_secs_f64() * 1e3
}

/// A session for a link, trained until it stops (its epochs); prints and
/// returns it with the wall time.
fn trained(query: &str) -> (CnnSession, f64) {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/www/data/digits-14x14.bin");
    let digits =
        parse(&std::fs::read(path).expect("the shipped digits")).expect("a valid digits file");
    let d = settings::decode(query, "1");
    assert!(d.issues.is_empty());
    let mut s = CnnSession::new(settings::config(&d.settings), &digits, clock);
    let start = Instant::now();
    let mut by_epoch = Vec::new();
    while s.status_name() == "ready" {
        s.train_epochs(1);
        by_epoch.push(s.evaluate().models[0].test_accuracy);
    }
    let wall = start.elapsed().as_secs_f64();
    for f in &s.evaluate().models {
        println!(
            "{query}: {:8} {:>6} parameters {:?}: test accuracy {:.4}, test loss {:.4}, last epoch's training loss {:.4}, {:.0} ms per epoch",
            f.kind.name(), f.params, f.sizes, f.test_accuracy, f.test_loss, f.train_loss, f.ms_per_epoch
        );
    }
    println!("{query}: CNN test accuracy by epoch {by_epoch:.4?}; {} epochs in {wall:.1} s (every model)", s.epoch());
    (s, wall)
}

#[test]
fn the_default_preset_beats_the_dense_network_and_keeps_its_lead_on_shifted_digits() {
    let (mut s, _) = trained("seed=1");
    let m = s.evaluate();
    let shift = s.shift_experiment();
    println!(
        "shifted by {:?} px: cnn {:.4?}, dense {:.4?}, softmax {:.4?}",
        shift.shifts, shift.cnn, shift.dense, shift.softmax
    );
    let (cnn, dense) = (&m.models[0], &m.models[1]);
    assert_eq!(
        (cnn.kind, dense.kind, cnn.params, s.epoch()),
        (Kind::Cnn, Kind::Dense, 7946, 10)
    );
    assert!(
        cnn.test_accuracy >= DEFAULT_THRESHOLD,
        "CNN test accuracy {}",
        cnn.test_accuracy
    );
    assert!(cnn.test_accuracy > dense.test_accuracy);
    assert!(
        shift.cnn[2] - shift.dense[2] >= SHIFT_MARGIN,
        "at 2 px: cnn {} dense {}",
        shift.cnn[2],
        shift.dense[2]
    );
}

#[test]
fn the_wide_preset_reaches_97_5_percent() {
    let (mut s, _) = trained("seed=1&channels=32,64&compare=false");
    let cnn = &s.evaluate().models[0];
    assert_eq!((cnn.params, s.epoch()), (25_098, 10));
    assert!(
        cnn.test_accuracy >= WIDE_THRESHOLD,
        "CNN test accuracy {}",
        cnn.test_accuracy
    );
}

#[test]
fn a_batch_larger_than_the_workspace_allows_trains_in_the_largest_that_fits() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/www/data/digits-14x14.bin");
    let digits =
        parse(&std::fs::read(path).expect("the shipped digits")).expect("a valid digits file");
    let d = settings::decode(
        "channels=64,64&kernels=7,7&pools=1,2&batchSize=512&compare=false",
        "1",
    );
    assert!(d.issues.is_empty());
    let mut s = CnnSession::new(settings::config(&d.settings), &digits, clock);
    let most = s.cnn().spec.max_batch();
    assert!(most < 512, "{most}");
    assert_eq!(s.batch_size(), most);
    assert_eq!(s.train_batches(1), 1);
    assert_eq!(s.examples(), most as u64);
}
