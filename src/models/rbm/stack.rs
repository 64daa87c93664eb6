//! Greedy layer-wise pretraining (Hinton, Osindero and Teh, 2006): each
//! RBM of a stack learns from the hidden probabilities of the one below it
//! ([`codes`]), and the stack becomes the initial weights of a dense
//! sigmoid network with a softmax layer on top ([`to_mlp`]), which
//! backpropagation then fine-tunes. The chapter's comparison
//! (`crate::chapters::dbn::compare`) drives the layers a batch at a time.
//!
//! Shapes: layer l is an RBM of n_l visible × n_{l+1} hidden units; its
//! `weight` [n_l×n_{l+1}] and `hidden_bias` [n_{l+1}] become the network's
//! `layers.{l}.weight` and `layers.{l}.bias`.

use super::Rbm;
use crate::models::{Mlp, MlpSpec};
use crate::nn::optim::Momentum;
use crate::nn::{Init, OptimizerKind};
use crate::ops::Activation;
use crate::rng::Rng;
use crate::train::{Examples, LossKind, Trainer};

/// Rows per pass when mapping a data set through a layer.
const CHUNK: usize = 500;

/// The hidden probabilities of `rbm` for every example of `data`, as the
/// next layer's data (labels kept).
pub fn codes(rbm: &Rbm, data: &Examples) -> Examples {
    let (nv, nh) = (rbm.spec.visible, rbm.spec.hidden);
    let n = data.len();
    let mut x = vec![0.0; n * nh];
    let mut start = 0;
    while start < n {
        let rows = CHUNK.min(n - start);
        rbm.hidden_probs(
            &data.x[start * nv..(start + rows) * nv],
            &mut x[start * nh..(start + rows) * nh],
            rows,
        );
        start += rows;
    }
    Examples {
        x,
        t: Vec::new(),
        y: data.y.clone(),
        width: nh,
    }
}

/// A trainer for one RBM: plain SGD with momentum `mu` on the CD gradient,
/// decay (the trainer's decoupled weight decay) on the weights only.
pub fn rbm_trainer(rbm: Rbm, mu: f32, seed: u64, train_len: usize) -> Trainer<Rbm> {
    let len = rbm.store.len();
    let mut t = Trainer::new(rbm, OptimizerKind::Sgd, Rng::new(seed), train_len);
    if mu > 0.0 {
        t.set_optimizer_boxed(Box::new(Momentum::new(len, mu)));
    }
    t
}

/// A dense network of sigmoid hidden layers shaped like the stack, with a
/// softmax layer of `classes` outputs on top (drawn by `rng`, Xavier), for
/// training by cross-entropy. The stack's weights and hidden biases become
/// the hidden layers'.
pub fn to_mlp(stack: &[Rbm], classes: usize, rng: &mut Rng) -> Mlp {
    let spec = network_spec(
        stack.first().map_or(0, |r| r.spec.visible),
        &stack.iter().map(|r| r.spec.hidden).collect::<Vec<_>>(),
        classes,
    );
    let mut net = Mlp::new(spec, rng);
    net.loss = LossKind::CrossEntropy;
    for (l, rbm) in stack.iter().enumerate() {
        let w = net
            .store
            .find(&format!("layers.{l}.weight"))
            .expect("a layer per RBM")
            .range();
        net.store.data[w].copy_from_slice(rbm.weight());
        let b = net
            .store
            .find(&format!("layers.{l}.bias"))
            .expect("a bias per RBM")
            .range();
        net.store.data[b].copy_from_slice(rbm.hidden_bias());
    }
    net
}

/// The network both arms of the comparison train: sigmoid hidden layers,
/// a linear output under softmax cross-entropy, Xavier initial weights.
pub fn network_spec(inputs: usize, hidden: &[usize], classes: usize) -> MlpSpec {
    MlpSpec {
        inputs,
        hidden: hidden.to_vec(),
        outputs: classes,
        activation: Activation::Sigmoid,
        output_activation: Activation::Linear,
        init: Init::Xavier,
    }
}

/// A randomly initialised network of the same shape, for the comparison.
pub fn random_mlp(inputs: usize, hidden: &[usize], classes: usize, rng: &mut Rng) -> Mlp {
    let mut net = Mlp::new(network_spec(inputs, hidden, classes), rng);
    net.loss = LossKind::CrossEntropy;
    net
}
