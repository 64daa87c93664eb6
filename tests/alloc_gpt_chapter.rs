//! A warm training step of the attention chapter's session allocates
//! nothing: the session's own loop (the trainer's step, the running mean
//! of the losses, the stop-at-step check) over the Moby-Dick tokens. A
//! counting allocator counts the allocations of this test's thread only,
//! so the harness's threads cannot disturb it.

mod counting;

use neuroplay::chapters::gpt::settings::{config, decode};
use neuroplay::chapters::gpt::{GptSession, Texts};
use neuroplay::data::corpus::parse;
use neuroplay::train::Trainable;

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
    let (ran, allocated) = counting::allocations(|| s.train_batches(100));
    assert_eq!(ran, 100);
    assert_eq!(
        allocated,
        0,
        "{} allocations in 100 steps",
        allocated
    );
}
