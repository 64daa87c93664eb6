//! The training loop allocates nothing once warm: a counting allocator
//! watches every allocation while batches train (one test in this binary, so
//! no other test's allocations are counted).

use neuroplay::train::Trainable;
use neuroplay::chapters::playground::settings::{config, decode};
use neuroplay::chapters::playground::Session;
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

#[test]
fn training_steps_allocate_nothing_once_warm() {
    let links = [
        "dataset=circle&networkShape=4,2&seed=1",
        "dataset=spiral3&loss=crossEntropy&networkShape=16,16&activation=relu&optimizer=adam&regularization=L1&regularizationRate=0.001&seed=2",
        "problem=regression&regDataset=reg-gauss&networkShape=8,8&activation=gelu&optimizer=rmsprop&regularization=L2&regularizationRate=0.01&batchSize=7&seed=3",
        "dataset=xor&x=true&y=true&xSquared=true&ySquared=true&xTimesY=true&sinX=true&sinY=true&cosX=true&cosY=true&networkShape=8,8,8,8,8,8&optimizer=momentum&batchSize=1&seed=4",
    ];
    for link in links {
        let d = decode(link, "0.1");
        let mut s = Session::new(config(&d.settings));
        // Warm up over more than one epoch (buffers reach their sizes).
        s.train_batches(2 * s.batches_per_epoch() + 3);
        let before = ALLOCATIONS.load(Ordering::Relaxed);
        let ran = s.train_batches(1000);
        let after = ALLOCATIONS.load(Ordering::Relaxed);
        assert_eq!(ran, 1000);
        assert_eq!(after - before, 0, "{link}: {} allocations in 1000 training steps", after - before);
    }
}
