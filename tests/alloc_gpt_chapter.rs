//! A warm training step of the attention chapter's session allocates
//! nothing: the session's own loop (the trainer's step, the running mean
//! of the losses, the stop-at-step check) over the Moby-Dick tokens. A
//! counting allocator counts the allocations of this test's thread only
//! (one test in this binary), so the harness's threads cannot disturb it.

use neuroplay::chapters::gpt::settings::{config, decode};
use neuroplay::chapters::gpt::{GptSession, Texts};
use neuroplay::data::corpus::parse;
use neuroplay::train::Trainable;
use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;

struct Counting;

thread_local! {
    static ALLOCATIONS: Cell<usize> = const { Cell::new(0) };
}

fn count() {
    let _ = ALLOCATIONS.try_with(|c| c.set(c.get() + 1));
}

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        count();
        System.alloc(layout)
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        System.dealloc(ptr, layout)
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        count();
        System.realloc(ptr, layout, new_size)
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

#[test]
fn chapter_training_steps_allocate_nothing_once_warm() {
    let load = |name: &str| {
        let path = format!("{}/www/data/{name}", env!("CARGO_MANIFEST_DIR"));
        parse(&std::fs::read(path).unwrap()).unwrap()
    };
    let texts = Texts {
        poems: load("tang-quatrains.bin"),
        moby: load("moby-dick.bin"),
        own: None,
    };
    let q = "corpus=moby&merges=50&context=32&batchSize=8&stopAtStep=1000";
    let mut s = GptSession::new(config(&decode(q, "1").settings), texts);
    assert_eq!(s.train_batches(20), 20);
    let before = ALLOCATIONS.with(Cell::get);
    let ran = s.train_batches(100);
    let after = ALLOCATIONS.with(Cell::get);
    assert_eq!(ran, 100);
    assert_eq!(
        after - before,
        0,
        "{} allocations in 100 steps",
        after - before
    );
}
