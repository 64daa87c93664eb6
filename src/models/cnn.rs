//! A LeNet-style convolutional network (LeCun et al., 1998) for small
//! images: conv layers, each followed by its activation and optional
//! pooling, then dense layers, then softmax over the classes.
//!
//! Shapes (B = batch, C = channels, H/W = height/width; NCHW throughout):
//! - input x [B, C·H·W]; conv layer l: z_l, a_l = f(z_l) [B, OC, OH, OW],
//!   pooled p_l [B, OC, PH, PW] (= a_l without pooling)
//! - the last stage's output, flattened per image in C, H, W order (as
//!   PyTorch's `flatten(1)`), feeds the dense layers; the last one gives
//!   the logits [B, classes].
//!
//! Parameters, in PyTorch `nn.Module` style: `conv1.weight` [OC, IC, K, K]
//! and `conv1.bias` [OC], `conv2.…`, then `fc1.weight`, `fc1.bias`, `fc2.…`
//! (the last fc is the class layer). The fc weights are [in × out] for the
//! engine's `linear` op: PyTorch's `nn.Linear.weight` [out × in] is their
//! transpose. Conv weights are in PyTorch's layout as they are.
//!
//! Every activation, pooling index and gradient lives in buffers sized for
//! the largest batch seen ([`Cnn::reserve`]): a warm training step
//! allocates nothing.

mod images;
mod spec;

pub use images::Images;
pub use spec::*;

use super::model::Model;
use crate::nn::{Init, Param, ParamStore};
use crate::ops::conv2d::{self, Conv2dShape};
use crate::ops::pool::{self, PoolShape};
use crate::ops::shape::expect;
use crate::ops::{linear, loss, Activation};
use crate::rng::Rng;
use ndarray::ArrayView4;

/// One conv layer with its activation, pooling and workspace.
struct Stage {
    /// Shapes for a batch of one.
    conv: Conv2dShape,
    pool: Option<PoolShape>,
    max: bool,
    act: Activation,
    w: Param,
    b: Param,
    col: Vec<f32>,
    z: Vec<f32>,
    a: Vec<f32>,
    pooled: Vec<f32>,
    argmax: Vec<u32>,
    dz: Vec<f32>,
    da: Vec<f32>,
    dpooled: Vec<f32>,
}

impl Stage {
    /// Floats of one image's output (after pooling).
    fn out_len(&self) -> usize {
        self.pool.map_or(self.conv.y_len(), |p| p.y_len())
    }

    /// The stage's output for `rows` images.
    fn output(&self, rows: usize) -> &[f32] {
        let n = rows * self.out_len();
        if self.pool.is_some() {
            &self.pooled[..n]
        } else {
            &self.a[..n]
        }
    }

    /// The buffer for the gradient with respect to the output.
    fn output_grad(&mut self, rows: usize) -> &mut [f32] {
        let n = rows * self.out_len();
        if self.pool.is_some() {
            &mut self.dpooled[..n]
        } else {
            &mut self.da[..n]
        }
    }
}

/// One dense layer; the last has no activation (its z are the logits).
struct Dense {
    inputs: usize,
    outputs: usize,
    act: Option<Activation>,
    w: Param,
    b: Param,
    z: Vec<f32>,
    a: Vec<f32>,
    dz: Vec<f32>,
    da: Vec<f32>,
}

/// The network, its gradients and its workspace.
pub struct Cnn {
    pub spec: CnnSpec,
    pub store: ParamStore,
    stages: Vec<Stage>,
    dense: Vec<Dense>,
    /// Images the workspace holds.
    cap: usize,
    /// Images in the last forward pass.
    rows: usize,
    probs: Vec<f32>,
    /// Scratch shared by the conv layers: the product before it moves to
    /// NCHW (and dY regrouped by channel), and the patches' gradient.
    work: Vec<f32>,
    dcol: Vec<f32>,
}

impl Cnn {
    /// Builds the network a valid spec describes, weights from `rng` (He
    /// initialisation before each activation, Glorot for the class layer).
    pub fn new(spec: CnnSpec, rng: &mut Rng) -> Result<Self, String> {
        let layers = spec.layers()?;
        let mut store = ParamStore::default();
        let mut stages = Vec::new();
        for (l, (conv, pool)) in layers.iter().enumerate() {
            let c = spec.conv[l];
            let shape = [conv.oc, conv.ic, conv.kh, conv.kw];
            let w = store.add(format!("conv{}.weight", l + 1), &shape, true);
            let b = store.add(format!("conv{}.bias", l + 1), &[conv.oc], false);
            let (col, z, a, pooled, argmax) =
                (Vec::new(), Vec::new(), Vec::new(), Vec::new(), Vec::new());
            let (dz, da, dpooled) = (Vec::new(), Vec::new(), Vec::new());
            let (conv, pool, max, act) =
                (*conv, *pool, matches!(c.pool, Pool::Max(_)), c.activation);
            stages.push(Stage {
                conv,
                pool,
                max,
                act,
                w,
                b,
                col,
                z,
                a,
                pooled,
                argmax,
                dz,
                da,
                dpooled,
            });
        }
        let sizes = spec.dense_sizes(&layers);
        let mut dense = Vec::new();
        for d in 0..sizes.len() - 1 {
            let (inputs, outputs) = (sizes[d], sizes[d + 1]);
            let w = store.add(format!("fc{}.weight", d + 1), &[inputs, outputs], true);
            let b = store.add(format!("fc{}.bias", d + 1), &[outputs], false);
            let act = (d + 2 < sizes.len()).then_some(spec.dense_activation);
            let (z, a, dz, da) = (Vec::new(), Vec::new(), Vec::new(), Vec::new());
            dense.push(Dense {
                inputs,
                outputs,
                act,
                w,
                b,
                z,
                a,
                dz,
                da,
            });
        }
        let mut net = Cnn {
            spec,
            store,
            stages,
            dense,
            cap: 0,
            rows: 0,
            probs: Vec::new(),
            work: Vec::new(),
            dcol: Vec::new(),
        };
        net.init(rng);
        Ok(net)
    }

    /// Re-draws every weight; biases start at zero.
    pub fn init(&mut self, rng: &mut Rng) {
        let mut fill = |w: Param, b: Param, init: Init, fan_in, fan_out| {
            let (head, tail) = self.store.data.split_at_mut(b.offset);
            init.fill(w.of_mut(head), &mut tail[..b.len], fan_in, fan_out, rng);
        };
        for s in &self.stages {
            let k = s.conv.kh * s.conv.kw;
            fill(s.w, s.b, Init::He, s.conv.ic * k, s.conv.oc * k);
        }
        for d in &self.dense {
            let init = if d.act.is_some() {
                Init::He
            } else {
                Init::Xavier
            };
            fill(d.w, d.b, init, d.inputs, d.outputs);
        }
    }

    /// Number of classes.
    pub fn classes(&self) -> usize {
        self.spec.classes
    }

    /// Makes the workspace hold `rows` images (allocates only when it
    /// grows). Panics past [`CnnSpec::max_batch`].
    pub fn reserve(&mut self, rows: usize) {
        if rows <= self.cap {
            return;
        }
        let most = self.spec.max_batch();
        assert!(
            rows <= most,
            "cnn: a batch of {rows} images needs more workspace than allowed (at most {most})"
        );
        self.cap = rows;
        let (mut work, mut dcol) = (0, 0);
        for s in &mut self.stages {
            let c = s.conv.with_batch(rows);
            let p = s.pool.map_or(0, |p| p.with_batch(rows).y_len());
            s.col.resize(c.col_len(), 0.0);
            for v in [&mut s.z, &mut s.a, &mut s.dz, &mut s.da] {
                v.resize(c.y_len(), 0.0);
            }
            s.pooled.resize(p, 0.0);
            s.dpooled.resize(p, 0.0);
            s.argmax.resize(if s.max { p } else { 0 }, 0);
            work = work.max(c.work_len());
            dcol = dcol.max(c.col_len());
        }
        self.work.resize(work, 0.0);
        self.dcol.resize(dcol, 0.0);
        for d in &mut self.dense {
            for v in [&mut d.z, &mut d.a, &mut d.dz, &mut d.da] {
                v.resize(rows * d.outputs, 0.0);
            }
        }
        self.probs.resize(rows * self.spec.classes, 0.0);
    }

    /// Forward pass over `rows` images of `x` [B, C·H·W]; returns the
    /// logits [B, classes]. Every layer's maps stay readable
    /// ([`Cnn::feature_maps`], [`Cnn::pooled`]) until the next call.
    pub fn forward(&mut self, x: &[f32], rows: usize) -> &[f32] {
        expect(
            "cnn",
            "x",
            x.len(),
            &[("B", rows), ("C·H·W", self.spec.pixels())],
        );
        self.reserve(rows);
        self.rows = rows;
        let data = &self.store.data;
        for l in 0..self.stages.len() {
            let (before, rest) = self.stages.split_at_mut(l);
            let s = &mut rest[0];
            let input = if l == 0 {
                x
            } else {
                before[l - 1].output(rows)
            };
            let c = s.conv.with_batch(rows);
            let (z, col) = (&mut s.z[..c.y_len()], &mut s.col[..c.col_len()]);
            let (w, b, work) = (s.w.of(data), s.b.of(data), &mut self.work[..c.work_len()]);
            conv2d::forward(z, col, work, input, w, Some(b), &c);
            s.act.forward(z, &mut s.a[..c.y_len()]);
            if let Some(p) = s.pool {
                let p = p.with_batch(rows);
                let (a, out) = (&s.a[..c.y_len()], &mut s.pooled[..p.y_len()]);
                if s.max {
                    pool::max_forward(out, &mut s.argmax[..p.y_len()], a, &p);
                } else {
                    pool::avg_forward(out, a, &p);
                }
            }
        }
        for d in 0..self.dense.len() {
            let (before, rest) = self.dense.split_at_mut(d);
            let f = &mut rest[0];
            let input = match before.last() {
                Some(prev) => &prev.a[..rows * prev.outputs],
                None => self.stages.last().expect("a conv layer").output(rows),
            };
            let z = &mut f.z[..rows * f.outputs];
            linear::forward(
                z,
                input,
                f.w.of(data),
                Some(f.b.of(data)),
                rows,
                f.inputs,
                f.outputs,
            );
            if let Some(act) = f.act {
                act.forward(z, &mut f.a[..rows * f.outputs]);
            }
        }
        let last = self.dense.last().expect("a class layer");
        &last.z[..rows * last.outputs]
    }

    /// Backward pass for the last forward pass: given dL/d(logits) in the
    /// class layer's `dz`, accumulates dL/dθ into the store's gradient.
    fn backward(&mut self) {
        let rows = self.rows;
        let (data, grad) = (&self.store.data, &mut self.store.grad);
        for d in (0..self.dense.len()).rev() {
            let (before, rest) = self.dense.split_at_mut(d);
            let f = &mut rest[0];
            let n = rows * f.outputs;
            if let Some(act) = f.act {
                act.backward(&f.z[..n], &f.a[..n], &f.da[..n], &mut f.dz[..n]);
            }
            let (input, dx): (&[f32], &mut [f32]) = match before.last_mut() {
                Some(prev) => (
                    &prev.a[..rows * prev.outputs],
                    &mut prev.da[..rows * prev.outputs],
                ),
                None => {
                    let s = self.stages.last_mut().expect("a conv layer");
                    let m = rows * s.out_len();
                    match s.pool {
                        Some(_) => (&s.pooled[..m], &mut s.dpooled[..m]),
                        None => (&s.a[..m], &mut s.da[..m]),
                    }
                }
            };
            let (gw, gb) = grad.split_at_mut(f.b.offset);
            let (dw, db) = (f.w.of_mut(gw), &mut gb[..f.b.len]);
            linear::backward(
                Some(dx),
                dw,
                Some(db),
                &f.dz[..n],
                input,
                f.w.of(data),
                rows,
                f.inputs,
                f.outputs,
            );
        }
        for l in (0..self.stages.len()).rev() {
            let (before, rest) = self.stages.split_at_mut(l);
            let s = &mut rest[0];
            let c = s.conv.with_batch(rows);
            let n = c.y_len();
            if let Some(p) = s.pool {
                let p = p.with_batch(rows);
                let (da, dy) = (&mut s.da[..n], &s.dpooled[..p.y_len()]);
                if s.max {
                    pool::max_backward(da, dy, &s.argmax[..p.y_len()], &p);
                } else {
                    pool::avg_backward(da, dy, &p);
                }
            }
            s.act
                .backward(&s.z[..n], &s.a[..n], &s.da[..n], &mut s.dz[..n]);
            let dx = before.last_mut().map(|prev| prev.output_grad(rows));
            let (gw, gb) = grad.split_at_mut(s.b.offset);
            let (dw, db) = (s.w.of_mut(gw), &mut gb[..s.b.len]);
            let dcol = &mut self.dcol[..if l > 0 { c.col_len() } else { 0 }];
            conv2d::backward(
                dx,
                dw,
                Some(db),
                dcol,
                &mut self.work[..c.work_len()],
                &s.dz[..n],
                &s.col[..c.col_len()],
                s.w.of(data),
                &c,
            );
        }
    }

    /// Loss of the last forward pass against `labels`, with the gradient
    /// dL/d(logits) into the class layer's `dz` when asked.
    fn loss_of(&mut self, labels: &[u32], with_grad: bool) -> f64 {
        let (rows, k) = (self.rows, self.spec.classes);
        let last = self.dense.last_mut().expect("a class layer");
        let grad = with_grad.then_some(&mut last.dz[..rows * k]);
        loss::softmax_cross_entropy(
            &last.z[..rows * k],
            labels,
            &mut self.probs[..rows * k],
            grad,
            rows,
            k,
        )
    }

    /// Mean cross-entropy on `batch`, without gradients.
    pub fn loss_on(&mut self, batch: &Images) -> f64 {
        self.forward(&batch.x, batch.len());
        self.loss_of(&batch.y, false)
    }

    /// Mean loss and accuracy over every image of `data`, in chunks of the
    /// workspace's batch (at least 32, at most [`CnnSpec::max_batch`]).
    pub fn evaluate(&mut self, data: &Images) -> (f64, f64) {
        self.evaluate_with(data, None)
    }

    /// As [`Cnn::evaluate`], also counting each (label, prediction) pair
    /// into `confusion` [classes × classes] at `[label * classes + predicted]`.
    pub fn evaluate_with(&mut self, data: &Images, mut confusion: Option<&mut [u32]>) -> (f64, f64) {
        let (n, k, px) = (data.len(), self.spec.classes, data.pixels);
        if n == 0 {
            return (f64::NAN, f64::NAN);
        }
        if let Some(c) = confusion.as_deref() {
            expect("cnn", "confusion", c.len(), &[("classes", k), ("classes", k)]);
        }
        let chunk = self.cap.max(32).min(self.spec.max_batch()).max(1);
        let (mut total, mut correct) = (0.0, 0usize);
        for start in (0..n).step_by(chunk) {
            let rows = chunk.min(n - start);
            self.forward(&data.x[start * px..(start + rows) * px], rows);
            let labels = &data.y[start..start + rows];
            total += self.loss_of(labels, false) * rows as f64;
            for (p, &y) in self.probs[..rows * k].chunks_exact(k).zip(labels) {
                let guess = argmax(p);
                correct += usize::from(guess == y as usize);
                if let Some(c) = confusion.as_deref_mut() {
                    c[(y as usize).min(k - 1) * k + guess] += 1;
                }
            }
        }
        (total / n as f64, correct as f64 / n as f64)
    }

    /// Class probabilities for one image (C·H·W floats).
    pub fn probabilities(&mut self, image: &[f32]) -> &[f32] {
        let k = self.spec.classes;
        self.forward(image, 1);
        let logits = &self.dense.last().expect("a class layer").z[..k];
        loss::softmax(logits, &mut self.probs[..k], 1, k);
        &self.probs[..k]
    }

    /// Number of conv layers.
    pub fn conv_layers(&self) -> usize {
        self.stages.len()
    }

    /// Conv layer `l`'s activated maps from the last forward pass,
    /// [B, OC, OH, OW].
    pub fn feature_maps(&self, l: usize) -> ArrayView4<'_, f32> {
        let c = self.stages[l].conv;
        let shape = (self.rows, c.oc, c.oh(), c.ow());
        ArrayView4::from_shape(shape, &self.stages[l].a[..self.rows * c.y_len()])
            .expect("sized by reserve")
    }

    /// Conv layer `l`'s output after pooling (its activated maps when it
    /// has no pooling), [B, OC, PH, PW].
    pub fn pooled(&self, l: usize) -> ArrayView4<'_, f32> {
        let s = &self.stages[l];
        match s.pool {
            None => self.feature_maps(l),
            Some(p) => {
                let shape = (self.rows, p.c, p.oh(), p.ow());
                ArrayView4::from_shape(shape, s.output(self.rows)).expect("sized by reserve")
            }
        }
    }
}

/// Index of the largest value (the first on ties).
fn argmax(v: &[f32]) -> usize {
    (0..v.len()).fold(0, |best, j| if v[j] > v[best] { j } else { best })
}

impl Model for Cnn {
    type Batch = Images;

    fn store(&self) -> &ParamStore {
        &self.store
    }

    fn store_mut(&mut self) -> &mut ParamStore {
        &mut self.store
    }

    /// Softmax cross-entropy, by backpropagation through every layer.
    fn gradient(&mut self, batch: &Images, _rng: &mut Rng) -> f64 {
        self.forward(&batch.x, batch.len());
        let l = self.loss_of(&batch.y, true);
        self.backward();
        l
    }
}
