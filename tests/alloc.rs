//! The training loop allocates nothing once warm: a counting allocator
//! watches every allocation while batches train.

mod counting;

use neuroplay::train::Trainable;
use neuroplay::chapters::playground::settings::{config, decode};
use neuroplay::chapters::playground::Session;

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
        let (ran, allocated) = counting::allocations(|| s.train_batches(1000));
        assert_eq!(ran, 1000);
        assert_eq!(allocated, 0, "{link}: {} allocations in 1000 training steps", allocated);
    }
}
