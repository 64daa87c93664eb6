//! A warm training call of the LSTM chapter's session allocates nothing:
//! both models train on the same batches, across epoch ends (4,000
//! sequences in batches of 48 end each epoch on a short batch), for the
//! memory task and the text task.

mod counting;

use neuroplay::chapters::lstm::{settings, LstmSession};
use neuroplay::train::Trainable;

#[test]
fn session_training_allocates_nothing_once_warm() {
    let text: String = "Call me Ishmael. Some years ago, never mind how long precisely, I thought I would sail about a little. ".repeat(40);
    for query in [
        "distance=20&width=16&batchSize=48",
        "task=text&distance=24&width=16&batchSize=48",
    ] {
        let c = settings::config(&settings::decode(query, "1").settings);
        let mut s = LstmSession::new(c, Some(&text));
        s.train_batches(90);
        let (ran, allocated) = counting::allocations(|| s.train_batches(100));
        assert_eq!((ran, allocated), (100, 0), "{query}");
    }
}
