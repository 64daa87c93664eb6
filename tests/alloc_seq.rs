//! A warm training step of the sequence model allocates nothing: a
//! counting allocator watches the generic trainer run batches of every
//! task (with clipping on, and a short last batch at each epoch's end),
//! for the plain RNN and the LSTM, and the gradient-size curve.

mod counting;

use neuroplay::data::sequences::{CharText, Sequences};
use neuroplay::models::seq::{Cell, SeqModel};
use neuroplay::models::Dataset;
use neuroplay::nn::OptimizerKind;
use neuroplay::rng::Rng;
use neuroplay::train::{never, Hyper, Trainer};

#[test]
fn sequence_training_steps_allocate_nothing_once_warm() {
    let mut r = Rng::new(4);
    let text = CharText::new(
        "It was the best of times, it was the worst of times, it was the age of wisdom.",
    );
    // 100 sequences: an epoch of batches of 32 ends on a batch of 4.
    let sets = [
        Sequences::memory(100, 12, &mut r),
        Sequences::brackets(100, 10, &mut r),
        Sequences::addition(100, 8, &mut r),
        Sequences::text(100, 16, &text.ids, text.alphabet.len(), &mut r),
    ];
    let h = Hyper {
        learning_rate: 0.01,
        batch_size: 32,
        clip: 1.0,
        ..Hyper::default()
    };
    for data in &sets {
        for cell in [Cell::Rnn, Cell::Lstm] {
            let m = SeqModel::new(cell, data.inputs, 16, data.classes, &mut Rng::new(1));
            let mut t = Trainer::new(m, OptimizerKind::Adam, Rng::new(2), data.len());
            t.train_batches(data, &h, 8, &mut never);
            let (ran, allocated) =
                counting::allocations(|| t.train_batches(data, &h, 20, &mut never));
            assert_eq!(
                (ran, allocated),
                (20, 0),
                "{} on {} inputs",
                cell.name(),
                data.inputs
            );
            let steps = data.steps;
            let mut sizes = vec![0.0; steps];
            t.model.gradient_sizes(&data.x[..steps], 0, &mut sizes);
            let ((), allocated) = counting::allocations(|| {
                t.model
                    .gradient_sizes(&data.x[steps..2 * steps], 0, &mut sizes);
            });
            assert_eq!(allocated, 0, "gradient sizes, {}", cell.name());
        }
    }
}
