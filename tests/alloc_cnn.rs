//! A warm training step of the CNN allocates nothing: a counting allocator
//! watches every allocation while the generic trainer runs batches of the
//! shipped digits.

mod counting;

use neuroplay::data::digits::parse;
use neuroplay::models::cnn::{Cnn, CnnSpec, Images, Pool};
use neuroplay::nn::OptimizerKind;
use neuroplay::ops::Activation;
use neuroplay::rng::Rng;
use neuroplay::train::{never, Hyper, Trainer};

#[test]
fn cnn_training_steps_allocate_nothing_once_warm() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/www/data/digits-14x14.bin");
    let d = parse(&std::fs::read(path).expect("the shipped digits")).expect("a valid digits file");
    // 1,000 images: an epoch of 32 batches ends on a short batch of 8.
    let train = Images::from_digits(&d.train_images[..1000 * 196], &d.train_labels[..1000]);
    // The preset, and a spec with average pooling, no pooling, a stride and
    // a hidden dense layer, so every buffer of the model is exercised.
    let mut other = CnnSpec::digits();
    other.conv[0].pool = Pool::Avg(2);
    other.conv[1] = neuroplay::models::cnn::ConvLayer {
        channels: 6,
        kernel: 3,
        stride: 2,
        pad: 1,
        pool: Pool::None,
        activation: Activation::Tanh,
    };
    other.dense = vec![24];
    for spec in [CnnSpec::digits(), other] {
        let net = Cnn::new(spec.clone(), &mut Rng::new(1)).expect("a valid spec");
        let mut t = Trainer::new(net, OptimizerKind::Adam, Rng::new(2), train.len());
        let h = Hyper {
            learning_rate: 0.002,
            batch_size: 32,
            ..Hyper::default()
        };
        // Warm up over more than one epoch (buffers reach their sizes).
        t.train_batches(&train, &h, 40, &mut never);
        let (ran, allocated) = counting::allocations(|| t.train_batches(&train, &h, 100, &mut never));
        assert_eq!(ran, 100);
        assert_eq!(
            allocated,
            0,
            "{spec:?}: {} allocations in 100 training steps",
            allocated
        );
    }
}
