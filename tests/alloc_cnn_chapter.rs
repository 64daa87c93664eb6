//! A warm training step of the CNN chapter's session (the CNN, the dense
//! network and softmax beside it, the running figures) allocates nothing:
//! a counting allocator watches every allocation across an epoch's end (one
//! test in this binary, so no other test's allocations are counted).

use neuroplay::chapters::cnn::{settings, CnnSession};
use neuroplay::data::digits::parse;
use neuroplay::train::Trainable;
use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};

struct Counting;
static ALLOCATIONS: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        ALLOCATIONS.fetch_add(1, Ordering::Relaxed);
        System.alloc(layout)
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        System.dealloc(ptr, layout)
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        ALLOCATIONS.fetch_add(1, Ordering::Relaxed);
        System.realloc(ptr, layout, new_size)
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

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
    let c = settings::config(&settings::decode("seed=1&epochs=100", "1").settings);
    let mut s = CnnSession::new(c, &d, clock);
    assert_eq!(s.train_batches(40), 40);
    let before = ALLOCATIONS.load(Ordering::Relaxed);
    let ran = s.train_batches(60);
    let after = ALLOCATIONS.load(Ordering::Relaxed);
    assert_eq!(ran, 60);
    assert!(s.epoch() >= 3, "crossed epoch ends");
    assert_eq!(
        after - before,
        0,
        "{} allocations in 60 training steps",
        after - before
    );
}
