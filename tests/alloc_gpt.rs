//! A warm GPT training step allocates nothing: a counting allocator watches
//! every allocation while a small transformer trains through the generic
//! trainer with AdamW, clipping and a warm-up + cosine schedule.

mod counting;

use neuroplay::models::gpt::{Gpt, GptConfig, TokenWindows};
use neuroplay::models::Dataset;
use neuroplay::nn::{OptimizerKind, Schedule};
use neuroplay::rng::Rng;
use neuroplay::train::{never, Hyper, Trainer};

#[test]
fn gpt_training_steps_allocate_nothing_once_warm() {
    let cfg = GptConfig {
        vocab: 17,
        context: 32,
        n_layer: 2,
        n_head: 4,
        n_embd: 32,
    };
    let gpt = Gpt::new(cfg, &mut Rng::new(1)).unwrap();
    let mut r = Rng::new(2);
    let stream: Vec<u32> = (0..1000).map(|_| r.below(17) as u32).collect();
    // 61 windows in batches of 8: every epoch ends on a short batch of 5,
    // so both batch shapes are seen while warming up.
    let data = TokenWindows::new(stream, 17, 24, 16).unwrap();
    assert_eq!(data.len(), 61);
    let h = Hyper {
        learning_rate: 1e-3,
        schedule: Schedule::WarmupCosine {
            warmup: 10,
            total: 500,
            min_ratio: 0.1,
        },
        clip: 1.0,
        weight_decay: 0.1,
        batch_size: 8,
        ..Hyper::default()
    };
    let mut tr = Trainer::new(gpt, OptimizerKind::AdamW, Rng::new(3), data.len());
    // Warm up over more than one epoch (buffers reach their sizes).
    tr.train_batches(&data, &h, 20, &mut never);
    let (ran, allocated) = counting::allocations(|| tr.train_batches(&data, &h, 200, &mut never));
    assert_eq!(ran, 200);
    assert!(tr.last_loss.is_finite() && tr.last_grad_norm.is_finite());
    assert_eq!(
        allocated,
        0,
        "{} allocations in 200 GPT training steps",
        allocated
    );
}
