//! Multi-layer perceptron: the 1986 backpropagation network, and the digits
//! chapter's softmax model (an MLP with no hidden layer).
//!
//! Shapes (B = batch, n_l = width of layer l, n_0 = inputs):
//! - `layers.{l}.weight` [n_l × n_{l+1}], `layers.{l}.bias` [n_{l+1}]
//! - z_l = a_{l−1}·W_l + b_l, a_l = f(z_l), both [B × n_l]
//!
//! All parameters sit in one [`ParamStore`]; activations and their gradients
//! in buffers sized for the largest batch seen, so a training step allocates
//! nothing once warm.

use super::model::{Dataset, Model};
use crate::nn::{Init, Param, ParamStore};
use crate::ops::{linear, loss, Activation};
use crate::rng::Rng;
use crate::train::{Examples, LossKind};

/// What to build.
#[derive(Clone, Debug, PartialEq)]
pub struct MlpSpec {
    pub inputs: usize,
    pub hidden: Vec<usize>,
    pub outputs: usize,
    pub activation: Activation,
    pub output_activation: Activation,
    pub init: Init,
}

/// The network, its gradients and its workspace.
pub struct Mlp {
    pub spec: MlpSpec,
    /// The loss [`Model::gradient`] trains with (read at every step).
    pub loss: LossKind,
    /// Widths [n_0, n_1, …, n_L].
    sizes: Vec<usize>,
    pub store: ParamStore,
    /// (weight, bias) of each layer.
    layer: Vec<(Param, Param)>,
    cap: usize,
    z: Vec<Vec<f32>>,
    a: Vec<Vec<f32>>,
    da: Vec<f32>,
    dz: Vec<f32>,
    grad_out: Vec<f32>,
    pub(crate) probs: Vec<f32>,
}

impl Mlp {
    /// Builds the network with weights drawn from `rng`.
    pub fn new(spec: MlpSpec, rng: &mut Rng) -> Self {
        let mut sizes = vec![spec.inputs];
        sizes.extend(&spec.hidden);
        sizes.push(spec.outputs);
        let mut store = ParamStore::default();
        let layer: Vec<(Param, Param)> = (0..sizes.len() - 1)
            .map(|l| {
                let w = store.add(
                    format!("layers.{l}.weight"),
                    &[sizes[l], sizes[l + 1]],
                    true,
                );
                let b = store.add(format!("layers.{l}.bias"), &[sizes[l + 1]], false);
                (w, b)
            })
            .collect();
        let layers = layer.len();
        let mut net = Mlp {
            spec,
            loss: LossKind::Squared,
            sizes,
            store,
            layer,
            cap: 0,
            z: vec![Vec::new(); layers],
            a: vec![Vec::new(); layers],
            da: Vec::new(),
            dz: Vec::new(),
            grad_out: Vec::new(),
            probs: Vec::new(),
        };
        net.init(rng);
        net
    }

    /// Re-draws every weight and bias.
    pub fn init(&mut self, rng: &mut Rng) {
        for l in 0..self.layers() {
            let (fi, fo) = (self.sizes[l], self.sizes[l + 1]);
            let (w, b) = self.layer[l];
            let (head, tail) = self.store.data.split_at_mut(b.offset);
            self.spec
                .init
                .fill(w.of_mut(head), &mut tail[..b.len], fi, fo, rng);
        }
    }

    /// Number of weight layers.
    pub fn layers(&self) -> usize {
        self.sizes.len() - 1
    }

    /// Layer widths, inputs first.
    pub fn sizes(&self) -> &[usize] {
        &self.sizes
    }

    /// Width of the output layer.
    pub fn outputs(&self) -> usize {
        self.sizes[self.layers()]
    }

    /// Weight matrix [n_l × n_{l+1}] of layer `l`.
    pub fn weight(&self, l: usize) -> &[f32] {
        self.layer[l].0.of(&self.store.data)
    }

    /// Makes the workspace hold `batch` rows (allocates only when it grows).
    pub fn reserve(&mut self, batch: usize) {
        if batch <= self.cap {
            return;
        }
        self.cap = batch;
        let widest = *self.sizes.iter().max().unwrap_or(&1);
        for l in 0..self.layers() {
            self.z[l].resize(batch * self.sizes[l + 1], 0.0);
            self.a[l].resize(batch * self.sizes[l + 1], 0.0);
        }
        self.da.resize(batch * widest, 0.0);
        self.dz.resize(batch * widest, 0.0);
        self.grad_out.resize(batch * self.outputs(), 0.0);
        self.probs.resize(batch * self.outputs(), 0.0);
    }

    fn activation(&self, l: usize) -> Activation {
        if l + 1 == self.layers() {
            self.spec.output_activation
        } else {
            self.spec.activation
        }
    }

    /// Forward pass over `batch` rows of `x` [B × n_0]; returns the outputs
    /// [B × n_L]. Every layer's activations stay readable through
    /// [`Mlp::activations`] until the next call.
    pub fn forward(&mut self, x: &[f32], batch: usize) -> &[f32] {
        self.reserve(batch);
        let x = &x[..(batch * self.sizes[0]).min(x.len())];
        for l in 0..self.layers() {
            let (i, n) = (self.sizes[l], self.sizes[l + 1]);
            let act = self.activation(l);
            let (w, b) = self.layer[l];
            let (before, rest) = self.a.split_at_mut(l);
            let input: &[f32] = if l == 0 {
                x
            } else {
                &before[l - 1][..batch * i]
            };
            let z = &mut self.z[l][..batch * n];
            linear::forward(
                z,
                input,
                w.of(&self.store.data),
                Some(b.of(&self.store.data)),
                batch,
                i,
                n,
            );
            act.forward(z, &mut rest[0][..batch * n]);
        }
        self.activations(self.layers() - 1, batch)
    }

    /// Outputs of layer `l` (0 = first hidden) from the last forward pass,
    /// [B × n_{l+1}].
    pub fn activations(&self, l: usize, batch: usize) -> &[f32] {
        &self.a[l][..batch * self.sizes[l + 1]]
    }

    /// Pre-activations z of layer `l` from the last forward pass.
    pub fn pre_activations(&self, l: usize, batch: usize) -> &[f32] {
        &self.z[l][..batch * self.sizes[l + 1]]
    }

    /// Backward pass for the last forward pass on `x`: given dL/d(outputs)
    /// [B × n_L], accumulates dL/dθ into the store's gradient.
    pub fn backward(&mut self, x: &[f32], dout: &[f32], batch: usize) {
        let layers = self.layers();
        let nl = self.sizes[layers];
        self.da[..batch * nl].copy_from_slice(&dout[..batch * nl]);
        for l in (0..layers).rev() {
            let (i, n) = (self.sizes[l], self.sizes[l + 1]);
            self.activation(l).backward(
                &self.z[l][..batch * n],
                &self.a[l][..batch * n],
                &self.da[..batch * n],
                &mut self.dz[..batch * n],
            );
            let input: &[f32] = if l == 0 {
                &x[..batch * i]
            } else {
                &self.a[l - 1][..batch * i]
            };
            let (w, b) = self.layer[l];
            let (gw, gb) = self.store.grad.split_at_mut(b.offset);
            let dx = if l > 0 {
                Some(&mut self.da[..batch * i])
            } else {
                None
            };
            linear::backward(
                dx,
                w.of_mut(gw),
                Some(&mut gb[..b.len]),
                &self.dz[..batch * n],
                input,
                w.of(&self.store.data),
                batch,
                i,
                n,
            );
        }
    }

    /// The loss of outputs `out` [B × n_L] (the last forward pass) against
    /// the batch's targets or labels, with dL/d(outputs) into `grad` when
    /// given; the probabilities stay in `probs` under cross-entropy.
    fn loss_of(&mut self, data: &Examples, start: usize, rows: usize, with_grad: bool) -> f64 {
        let k = self.outputs();
        let out = &self.a[self.layers() - 1][..rows * k];
        let grad = if with_grad {
            Some(&mut self.grad_out[..rows * k])
        } else {
            None
        };
        match self.loss {
            LossKind::Squared => {
                loss::squared(out, &data.t[start * k..(start + rows) * k], grad, rows, k)
            }
            LossKind::CrossEntropy => loss::softmax_cross_entropy(
                out,
                &data.y[start..start + rows],
                &mut self.probs[..rows * k],
                grad,
                rows,
                k,
            ),
        }
    }

    /// Forward pass and loss of rows `start..start + rows` of `data`,
    /// without gradients (evaluation).
    pub fn loss_on(&mut self, data: &Examples, start: usize, rows: usize) -> f64 {
        let f = data.width;
        self.forward(&data.x[start * f..(start + rows) * f], rows);
        self.loss_of(data, start, rows, false)
    }
}

impl Model for Mlp {
    type Batch = Examples;

    fn store(&self) -> &ParamStore {
        &self.store
    }

    fn store_mut(&mut self) -> &mut ParamStore {
        &mut self.store
    }

    /// Squared error or softmax cross-entropy, by backpropagation.
    fn gradient(&mut self, batch: &Examples, _rng: &mut Rng) -> f64 {
        let rows = batch.len();
        self.forward(&batch.x, rows);
        let l = self.loss_of(batch, 0, rows, true);
        let k = self.outputs();
        // The output gradient moves out of `self` for the call and back.
        let grad_out = std::mem::take(&mut self.grad_out);
        self.backward(&batch.x, &grad_out[..rows * k], rows);
        self.grad_out = grad_out;
        l
    }
}

impl Dataset<Examples> for Examples {
    fn len(&self) -> usize {
        self.y.len()
    }

    /// Rows gathered as a short loop: a copy call per example costs more
    /// than the copy in wasm at the playground's few features.
    fn gather(&self, indices: &[u32], batch: &mut Examples) {
        let (f, k) = (
            self.width,
            if self.y.is_empty() {
                0
            } else {
                self.t.len() / self.y.len()
            },
        );
        batch.width = f;
        batch.x.clear();
        batch.t.clear();
        batch.y.clear();
        for &i in indices {
            let i = i as usize;
            batch
                .x
                .extend(self.x[i * f..(i + 1) * f].iter().map(|&v| v + 0.0));
            if k > 0 {
                batch
                    .t
                    .extend(self.t[i * k..(i + 1) * k].iter().map(|&v| v + 0.0));
            }
            batch.y.push(self.y[i]);
        }
    }
}
