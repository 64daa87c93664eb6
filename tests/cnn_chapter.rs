//! The 1989 chapter's figures on the shipped digits, through its session as
//! the page trains it with its defaults: AdamW (Adam 0.005, decoupled
//! weight decay 0.1), warm-up and cosine decay over a fixed budget of 10
//! epochs, batch 16, seed 1 (the test set never chooses when to stop). The
//! default preset's test accuracy, and its accuracy on test digits moved by
//! 2 pixels against the dense network of about the same size trained beside
//! it. Figures print with `--nocapture`.
//!
//! Measured (seed 1; seeds 2 and 3 in brackets):
//! - default, 16 and 32 filters (7,946 parameters): 98.15% [97.30%,
//!   97.80%], a mean of 97.75%. The earlier recipe (Adam 0.003, no decay,
//!   batch 32) gave 97.10% [96.95%, 97.05%]. The dense 196 → 38 → 10 (7,876
//!   parameters) beside it: 93.55% (all three seeds); softmax 90.55%.
//! - moved by 2 px: CNN 68.95% [63.45%, 65.15%], dense 19.25% [19.30%,
//!   18.15%]: a lead of 49.7 [44.15, 47.0] points.
//! - wide, 32 and 64 filters (25,098 parameters), same recipe, seed 1:
//!   98.25% (not a test: it takes minutes; `cargo run --release --example
//!   cnn_measure -- 'seed=1&channels=32,64'` measures it, and the seeds).
//!
//! Wall time, seed 1, the three models together on one core of the shared
//! 2-core test machine while other builds ran (load 8–10): 34 s, 2.9 s per
//! epoch for the CNN.

use neuroplay::chapters::cnn::{settings, CnnSession, Kind};
use neuroplay::data::digits::parse;
use neuroplay::train::Trainable;
use std::sync::OnceLock;
use std::time::Instant;

/// The default preset's test accuracy on seed 1, the page's default seed
/// (the issue's bar; measured 98.15%).
const DEFAULT_THRESHOLD: f64 = 0.975;
/// Its lead over the dense network on digits moved by 2 px: measured 49.7
/// points, at least 44.15 over three seeds.
const SHIFT_MARGIN: f64 = 0.35;

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
