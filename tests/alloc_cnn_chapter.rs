//! A warm training step of the CNN chapter's session (the CNN, the dense
//! network and softmax beside it, the running figures) allocates nothing:
//! a counting allocator watches the test's allocations across an epoch's
//! end.

mod counting;

use neuroplay::chapters::cnn::{settings, CnnSession};
use neuroplay::data::digits::parse;
use neuroplay::train::Trainable;

/// A clock that allocates nothing.
fn clock() -> f64 {
    0.0
}

#[test]
fn session_training_steps_allocate_nothing_once_warm() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/www/data/digits-14x14.bin");
    let mut d =
        parse(&std::fs::read(path).expect("the shipped digits")).expect("a valid digits file");
    // 1,000 training images: an epoch of 32 batches ends on a short one.
    d.train_images.truncate(1000 * 196);
    d.train_labels.truncate(1000);
    let c = settings::config(&settings::decode("seed=1&epochs=100&batchSize=32", "1").settings);
    let mut s = CnnSession::new(c, &d, clock);
    assert_eq!(s.train_batches(40), 40);
    let (ran, allocated) = counting::allocations(|| s.train_batches(60));
    assert_eq!(ran, 60);
    assert!(s.epoch() >= 3, "crossed epoch ends");
    assert_eq!(
        allocated,
        0,
        "{} allocations in 60 training steps",
        allocated
    );
}
