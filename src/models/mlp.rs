//! Multi-layer perceptron: the 1986 backpropagation network.
//!
//! Shapes (B = batch, n_l = width of layer l, n_0 = inputs):
//! - `layers.{l}.weight` [n_l × n_{l+1}], `layers.{l}.bias` [n_{l+1}]
//! - z_l = a_{l−1}·W_l + b_l, a_l = f(z_l), both [B × n_l]
//!
//! All parameters sit in one [`ParamStore`]; activations and their gradients
//! in buffers sized for the largest batch seen, so a training step allocates
//! nothing once warm.

use crate::nn::{Init, ParamStore};
use crate::ops::{linear, Activation};
use crate::rng::Rng;

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
    /// Widths [n_0, n_1, …, n_L].
    sizes: Vec<usize>,
    pub params: ParamStore,
    pub grads: Vec<f32>,
    cap: usize,
    z: Vec<Vec<f32>>,
    a: Vec<Vec<f32>>,
    da: Vec<f32>,
    dz: Vec<f32>,
}

impl Mlp {
    /// Builds the network with weights drawn from `rng`.
    pub fn new(spec: MlpSpec, rng: &mut Rng) -> Self {
        let mut sizes = vec![spec.inputs];
        sizes.extend(&spec.hidden);
        sizes.push(spec.outputs);
        let mut params = ParamStore::default();
        for l in 0..sizes.len() - 1 {
            params.add(format!("layers.{l}.weight"), &[sizes[l], sizes[l + 1]], true);
            params.add(format!("layers.{l}.bias"), &[sizes[l + 1]], false);
        }
        let grads = vec![0.0; params.len()];
        let layers = sizes.len() - 1;
        let mut net = Mlp {
            spec,
            sizes,
            params,
            grads,
            cap: 0,
            z: vec![Vec::new(); layers],
            a: vec![Vec::new(); layers],
            da: Vec::new(),
            dz: Vec::new(),
        };
        net.init(rng);
        net
    }

    /// Re-draws every weight and bias.
    pub fn init(&mut self, rng: &mut Rng) {
        for l in 0..self.layers() {
            let (fi, fo) = (self.sizes[l], self.sizes[l + 1]);
            let (wv, bv) = (self.params.views[2 * l].range(), self.params.views[2 * l + 1].range());
            let (head, tail) = self.params.data.split_at_mut(bv.start);
            self.spec.init.fill(&mut head[wv], &mut tail[..bv.len()], fi, fo, rng);
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
    }

    /// Forward pass over `batch` rows of `x` [B × n_0]; returns the outputs
    /// [B × n_L]. Every layer's activations stay readable through
    /// [`Mlp::activations`] until the next call.
    pub fn forward(&mut self, x: &[f32], batch: usize) -> &[f32] {
        self.reserve(batch);
        assert!(x.len() >= batch * self.sizes[0], "mlp: input has {} floats, needs {}", x.len(), batch * self.sizes[0]);
        let layers = self.layers();
        for l in 0..layers {
            let n = self.sizes[l + 1];
            let act = if l + 1 == layers { self.spec.output_activation } else { self.spec.activation };
            let w = self.params.get(2 * l);
            let b = self.params.get(2 * l + 1);
            let (before, rest) = self.a.split_at_mut(l);
            let input: &[f32] = if l == 0 { x } else { &before[l - 1] };
            let z = &mut self.z[l][..batch * n];
            linear::forward(input, w, b, z, batch);
            act.forward(z, &mut rest[0][..batch * n]);
        }
        let last = self.layers() - 1;
        &self.a[last][..batch * self.sizes[last + 1]]
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

    /// Sets every gradient to zero.
    pub fn zero_grads(&mut self) {
        self.grads.fill(0.0);
    }

    /// Backward pass for the last forward pass on `x`: given dL/d(outputs)
    /// [B × n_L], accumulates dL/dθ into [`Mlp::grads`].
    pub fn backward(&mut self, x: &[f32], dout: &[f32], batch: usize) {
        let layers = self.layers();
        let nl = self.sizes[layers];
        self.da[..batch * nl].copy_from_slice(&dout[..batch * nl]);
        for l in (0..layers).rev() {
            let n = self.sizes[l + 1];
            let act = if l + 1 == layers { self.spec.output_activation } else { self.spec.activation };
            act.backward(&self.z[l][..batch * n], &self.a[l][..batch * n], &self.da[..batch * n], &mut self.dz[..batch * n]);
            let input: &[f32] = if l == 0 { x } else { &self.a[l - 1] };
            let wv = self.params.views[2 * l].range();
            let bv = self.params.views[2 * l + 1].range();
            let (gw, gb) = self.grads.split_at_mut(bv.start);
            let dx = if l > 0 { Some(&mut self.da[..batch * self.sizes[l]]) } else { None };
            linear::backward(input, &self.params.data[wv.clone()], &self.dz[..batch * n], &mut gw[wv], &mut gb[..bv.len()], dx, batch);
        }
    }
}
