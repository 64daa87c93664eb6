//! A warm contrastive-divergence step allocates nothing: a counting
//! allocator watches the generic trainer run CD-1, CD-5 and persistent CD
//! batches of a 196 × 128 RBM on the shipped digits.

mod counting;

use neuroplay::data::digits::{parse, to_f32, PIXELS};
use neuroplay::models::rbm::stack::rbm_trainer;
use neuroplay::models::rbm::{Rbm, RbmSpec, Sampler};
use neuroplay::rng::Rng;
use neuroplay::train::{never, Examples, Hyper};

#[test]
fn rbm_training_steps_allocate_nothing_once_warm() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/www/data/digits-14x14.bin");
    let d = parse(&std::fs::read(path).expect("the shipped digits")).expect("a valid digits file");
    // 1,010 images: an epoch of batches of 20 ends on a short batch of 10.
    let mut x = Vec::new();
    to_f32(&d.train_images[..1010 * PIXELS], &mut x);
    let train = Examples {
        x,
        t: Vec::new(),
        y: d.train_labels[..1010]
            .iter()
            .map(|&l| u32::from(l))
            .collect(),
        width: PIXELS,
    };
    for sampler in [Sampler::Cd(1), Sampler::Cd(5), Sampler::Persistent(1)] {
        let spec = RbmSpec {
            sampler,
            ..RbmSpec::new(PIXELS, 128)
        };
        let rbm = Rbm::new(spec, &mut Rng::new(1));
        let mut t = rbm_trainer(rbm, 0.5, 2, train.len());
        let h = Hyper {
            learning_rate: 0.05,
            weight_decay: 0.0002,
            batch_size: 20,
            ..Hyper::default()
        };
        // Warm up over more than one epoch (buffers reach their sizes).
        t.train_batches(&train, &h, 60, &mut never);
        let (ran, allocated) =
            counting::allocations(|| t.train_batches(&train, &h, 100, &mut never));
        assert_eq!(ran, 100);
        assert_eq!(
            allocated, 0,
            "{sampler:?}: {allocated} allocations in 100 steps"
        );
    }
}
