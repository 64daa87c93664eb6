//! Restricted Boltzmann machine with binary visible and hidden units
//! (Smolensky, 1986; Hinton, 2002), trained by contrastive divergence
//! (CD-k) or persistent contrastive divergence (Tieleman, 2008).
//!
//! Shapes (B = rows, V = visible units, H = hidden units):
//! - `weight` [V×H], `visible_bias` [V], `hidden_bias` [H]
//! - p(h_j = 1 | v) = σ(c_j + (v·W)_j), p(v_i = 1 | h) = σ(b_i + (h·Wᵀ)_i)
//!
//! [`Model::gradient`] adds the CD estimate of the negative
//! log-likelihood's gradient, E_data[∂F/∂θ] − E_chain[∂F/∂θ] (F the free
//! energy, `crate::ops::free_energy`), and returns the batch's
//! reconstruction error. Workspaces grow to the largest batch seen, so a
//! warm step allocates nothing.

mod measure;

pub mod gibbs;
pub mod stack;

use super::model::Model;
use crate::nn::{Param, ParamStore};
use crate::ops::{bernoulli, free_energy, linear};
use crate::rng::Rng;
use crate::tensor::fastmath;
use crate::tensor::matmul::{matmul, Base, MatRef};
use crate::train::Examples;

/// Where the negative phase's chains start.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Sampler {
    /// CD-k: k Gibbs steps from the data (Hinton, 2002).
    Cd(usize),
    /// Persistent CD: k Gibbs steps from where the chains stopped at the
    /// last step (Tieleman, 2008).
    Persistent(usize),
}

impl Sampler {
    /// Gibbs steps per gradient (at least one).
    pub fn steps(self) -> usize {
        match self {
            Sampler::Cd(k) | Sampler::Persistent(k) => k.max(1),
        }
    }
}

/// What to build.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct RbmSpec {
    pub visible: usize,
    pub hidden: usize,
    pub sampler: Sampler,
    /// Draw binary data from the grey levels at every step (else the grey
    /// levels themselves stand for the visible units in the data phase).
    pub binarize: bool,
    /// Standard deviation of the initial weights (Hinton's guide: 0.01).
    pub init_std: f32,
}

impl RbmSpec {
    /// `visible` × `hidden` units, CD-1, binarized data.
    pub fn new(visible: usize, hidden: usize) -> Self {
        RbmSpec {
            visible,
            hidden,
            sampler: Sampler::Cd(1),
            binarize: true,
            init_std: 0.01,
        }
    }
}

/// The machine, its gradients and its workspace.
#[derive(Clone)]
pub struct Rbm {
    pub spec: RbmSpec,
    pub store: ParamStore,
    w: Param,
    b: Param,
    c: Param,
    cap: usize,
    v0: Vec<f32>,
    pre0: Vec<f32>,
    h: Vec<f32>,
    ph: Vec<f32>,
    pv: Vec<f32>,
    vk: Vec<f32>,
    prek: Vec<f32>,
    f: Vec<f32>,
    df: Vec<f32>,
    dpre: Vec<f32>,
    /// Persistent chains' visible states [B×V] (empty until the first
    /// persistent step, or after the batch size changed).
    chain: Vec<f32>,
}

impl Rbm {
    /// A machine with weights drawn from N(0, init_std²), biases zero.
    pub fn new(spec: RbmSpec, rng: &mut Rng) -> Self {
        let mut store = ParamStore::default();
        let w = store.add("weight", &[spec.visible, spec.hidden], true);
        let b = store.add("visible_bias", &[spec.visible], false);
        let c = store.add("hidden_bias", &[spec.hidden], false);
        let mut m = Rbm {
            spec,
            store,
            w,
            b,
            c,
            cap: 0,
            v0: Vec::new(),
            pre0: Vec::new(),
            h: Vec::new(),
            ph: Vec::new(),
            pv: Vec::new(),
            vk: Vec::new(),
            prek: Vec::new(),
            f: Vec::new(),
            df: Vec::new(),
            dpre: Vec::new(),
            chain: Vec::new(),
        };
        m.init(rng);
        m
    }

    /// Re-draws the weights, zeroes the biases and forgets the chains.
    pub fn init(&mut self, rng: &mut Rng) {
        let s = f64::from(self.spec.init_std);
        for x in self.w.of_mut(&mut self.store.data) {
            *x = (rng.normal() * s) as f32;
        }
        self.b.of_mut(&mut self.store.data).fill(0.0);
        self.c.of_mut(&mut self.store.data).fill(0.0);
        self.chain.clear();
    }

    /// Sets the visible biases to log(p / (1 − p)) of the mean of `x`
    /// [rows×V] (Hinton's guide, 2010: the machine starts out knowing how
    /// often each pixel is on).
    pub fn set_visible_bias_from(&mut self, x: &[f32], rows: usize) {
        let v = self.spec.visible;
        let b = self.b.of_mut(&mut self.store.data);
        b.fill(0.0);
        for row in x[..rows * v].chunks_exact(v) {
            for (s, &p) in b.iter_mut().zip(row) {
                *s += p;
            }
        }
        for s in b.iter_mut() {
            let p = (*s / rows.max(1) as f32).clamp(0.01, 0.99);
            *s = (p / (1.0 - p)).ln();
        }
    }

    /// Weights [V×H].
    pub fn weight(&self) -> &[f32] {
        self.w.of(&self.store.data)
    }

    /// Visible biases [V].
    pub fn visible_bias(&self) -> &[f32] {
        self.b.of(&self.store.data)
    }

    /// Hidden biases [H].
    pub fn hidden_bias(&self) -> &[f32] {
        self.c.of(&self.store.data)
    }

    /// Mutable weights, visible and hidden biases (for exact tests and
    /// loading).
    pub fn params_mut(&mut self) -> (&mut [f32], &mut [f32], &mut [f32]) {
        let (w, b, c) = (self.w, self.b, self.c);
        let (head, tail) = self.store.data.split_at_mut(b.offset);
        let (bs, cs) = tail.split_at_mut(c.offset - b.offset);
        (w.of_mut(head), &mut bs[..b.len], &mut cs[..c.len])
    }

    /// Makes the workspace hold `rows` rows (allocates only when it grows).
    pub fn reserve(&mut self, rows: usize) {
        if rows <= self.cap {
            return;
        }
        self.cap = rows;
        let (v, h) = (self.spec.visible, self.spec.hidden);
        for buf in [&mut self.v0, &mut self.pv, &mut self.vk] {
            buf.resize(rows * v, 0.0);
        }
        for buf in [
            &mut self.pre0,
            &mut self.h,
            &mut self.ph,
            &mut self.prek,
            &mut self.dpre,
        ] {
            buf.resize(rows * h, 0.0);
        }
        self.f.resize(rows, 0.0);
        self.df.resize(rows, 0.0);
    }

    /// out = p(h = 1 | v) for `rows` rows of `v` [rows×V]; out [rows×H].
    pub fn hidden_probs(&self, v: &[f32], out: &mut [f32], rows: usize) {
        let (nv, nh) = (self.spec.visible, self.spec.hidden);
        let p = &self.store.data;
        linear::forward(out, v, self.w.of(p), Some(self.c.of(p)), rows, nv, nh);
        out.iter_mut().for_each(|x| *x = fastmath::sigmoid(*x));
    }

    /// out = p(v = 1 | h) for `rows` rows of `h` [rows×H]; out [rows×V].
    pub fn visible_probs(&self, h: &[f32], out: &mut [f32], rows: usize) {
        let (nv, nh) = (self.spec.visible, self.spec.hidden);
        crate::ops::shape::expect("rbm visible", "h", h.len(), &[("B", rows), ("H", nh)]);
        crate::ops::shape::expect("rbm visible", "out", out.len(), &[("B", rows), ("V", nv)]);
        let p = &self.store.data;
        matmul(
            MatRef::new(h, rows, nh),
            MatRef::new(self.w.of(p), nv, nh).t(),
            out,
            Base::Bias(self.b.of(p)),
        );
        out.iter_mut().for_each(|x| *x = fastmath::sigmoid(*x));
    }

    /// Forgets the persistent chains (they restart from the next batch).
    pub fn reset_chains(&mut self) {
        self.chain.clear();
    }
}

/// Σ over rows of the squared distance between `x` and `y`, divided by
/// `rows`: squared error per image.
fn squared_per_row(x: &[f32], y: &[f32], rows: usize) -> f64 {
    let s: f64 = x
        .iter()
        .zip(y)
        .map(|(a, b)| f64::from(a - b) * f64::from(a - b))
        .sum();
    s / rows.max(1) as f64
}

impl Model for Rbm {
    type Batch = Examples;

    fn store(&self) -> &ParamStore {
        &self.store
    }

    fn store_mut(&mut self) -> &mut ParamStore {
        &mut self.store
    }

    /// CD-k or persistent CD; returns the squared reconstruction error per
    /// image of the batch's grey levels from one Gibbs step (v → h → p(v|h)).
    fn gradient(&mut self, batch: &Examples, rng: &mut Rng) -> f64 {
        let rows = batch.len();
        let (nv, nh) = (self.spec.visible, self.spec.hidden);
        if rows == 0 {
            return 0.0;
        }
        self.reserve(rows);
        let (rv, rh) = (rows * nv, rows * nh);
        let x = &batch.x[..rv];
        if self.spec.binarize {
            bernoulli::sample(&mut self.v0[..rv], x, rng, rows, nv);
        } else {
            self.v0[..rv].copy_from_slice(x);
        }
        // Data phase: pre0 = v0·W + c, kept for the gradient.
        {
            let p = &self.store.data;
            free_energy::forward(
                &mut self.f[..rows],
                &mut self.pre0[..rh],
                &self.v0[..rv],
                self.w.of(p),
                self.b.of(p),
                self.c.of(p),
                rows,
                nv,
                nh,
            );
        }
        for (q, &z) in self.ph[..rh].iter_mut().zip(&self.pre0[..rh]) {
            *q = fastmath::sigmoid(z);
        }
        bernoulli::sample(&mut self.h[..rh], &self.ph[..rh], rng, rows, nh);
        let mut pv = std::mem::take(&mut self.pv);
        self.visible_probs(&self.h[..rh], &mut pv[..rv], rows);
        let recon = squared_per_row(x, &pv[..rv], rows);
        let persistent = matches!(self.spec.sampler, Sampler::Persistent(_));
        let k = self.spec.sampler.steps();
        let mut vk = std::mem::take(&mut self.vk);
        let mut ph = std::mem::take(&mut self.ph);
        let mut h = std::mem::take(&mut self.h);
        if persistent {
            if self.chain.len() < rv {
                self.chain.clear();
                self.chain.extend_from_slice(&self.v0[..rv]);
            }
            self.hidden_probs(&self.chain[..rv], &mut ph[..rh], rows);
            bernoulli::sample(&mut h[..rh], &ph[..rh], rng, rows, nh);
            self.visible_probs(&h[..rh], &mut pv[..rv], rows);
        }
        // Negative phase: k Gibbs steps; the first p(v | h) is in `pv`.
        for step in 0..k {
            if step > 0 {
                self.hidden_probs(&vk[..rv], &mut ph[..rh], rows);
                bernoulli::sample(&mut h[..rh], &ph[..rh], rng, rows, nh);
                self.visible_probs(&h[..rh], &mut pv[..rv], rows);
            }
            bernoulli::sample(&mut vk[..rv], &pv[..rv], rng, rows, nv);
        }
        if persistent {
            self.chain[..rv].copy_from_slice(&vk[..rv]);
        }
        let scale = 1.0 / rows as f32;
        let store = &mut self.store;
        let (w, b, c) = (self.w, self.b, self.c);
        let (gw, rest) = store.grad.split_at_mut(b.offset);
        let (gb, gc) = rest.split_at_mut(c.offset - b.offset);
        let (gw, gb, gc) = (w.of_mut(gw), &mut gb[..b.len], &mut gc[..c.len]);
        let (wd, bd, cd) = (w.of(&store.data), b.of(&store.data), c.of(&store.data));
        self.df[..rows].fill(scale);
        free_energy::backward(
            None,
            gw,
            gb,
            gc,
            &mut self.dpre[..rh],
            &self.df[..rows],
            &self.pre0[..rh],
            &self.v0[..rv],
            wd,
            bd,
            rows,
            nv,
            nh,
        );
        free_energy::forward(
            &mut self.f[..rows],
            &mut self.prek[..rh],
            &vk[..rv],
            wd,
            bd,
            cd,
            rows,
            nv,
            nh,
        );
        self.df[..rows].fill(-scale);
        free_energy::backward(
            None,
            gw,
            gb,
            gc,
            &mut self.dpre[..rh],
            &self.df[..rows],
            &self.prek[..rh],
            &vk[..rv],
            wd,
            bd,
            rows,
            nv,
            nh,
        );
        self.pv = pv;
        self.vk = vk;
        self.ph = ph;
        self.h = h;
        recon
    }
}
