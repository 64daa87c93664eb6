//! Optimizers behind one small trait. Each owns its state buffers, sized
//! once for the whole flat buffer, so a step allocates nothing; a step
//! visits only the trainable runs of the buffer (frozen views keep their
//! values and their optimizer state).
//!
//! Weight decay is not an optimizer's business here: the trainer applies it
//! decoupled, before the step, on the views that ask for it (Loshchilov and
//! Hutter, 2019), which with Adam is AdamW.

use std::ops::Range;

/// Updates a flat parameter buffer from its gradient.
pub trait Optimizer {
    /// One step over `runs`: params ← params − update(grads), at learning
    /// rate `lr`.
    fn step(&mut self, params: &mut [f32], grads: &[f32], runs: &[Range<usize>], lr: f32);
    /// Forgets all state (moments, step count).
    fn reset(&mut self);
}

/// The slices of one run in each buffer.
macro_rules! run_slices {
    ($r:expr; $($buf:expr),+) => {
        ($(&mut $buf[$r.clone()]),+)
    };
}

/// Which optimizer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OptimizerKind {
    Sgd,
    Momentum,
    RmsProp,
    Adam,
    /// Adam with decoupled weight decay (the trainer applies the decay).
    AdamW,
}

impl OptimizerKind {
    /// Name used in links.
    pub fn name(self) -> &'static str {
        match self {
            OptimizerKind::Sgd => "sgd",
            OptimizerKind::Momentum => "momentum",
            OptimizerKind::RmsProp => "rmsprop",
            OptimizerKind::Adam => "adam",
            OptimizerKind::AdamW => "adamw",
        }
    }

    /// A fresh optimizer for `len` parameters.
    pub fn build(self, len: usize) -> Box<dyn Optimizer + Send> {
        match self {
            OptimizerKind::Sgd => Box::new(Sgd),
            OptimizerKind::Momentum => Box::new(Momentum::new(len, 0.9)),
            OptimizerKind::RmsProp => Box::new(RmsProp::new(len, 0.9, 1e-7)),
            OptimizerKind::Adam | OptimizerKind::AdamW => {
                Box::new(Adam::new(len, 0.9, 0.999, 1e-8))
            }
        }
    }
}

/// Plain gradient descent.
pub struct Sgd;

impl Optimizer for Sgd {
    fn step(&mut self, params: &mut [f32], grads: &[f32], runs: &[Range<usize>], lr: f32) {
        for r in runs {
            for (p, &g) in params[r.clone()]
                .iter_mut()
                .zip(&grads[r.clone()])
            {
                *p -= lr * g;
            }
        }
    }
    fn reset(&mut self) {}
}

/// Heavy-ball momentum: v ← μv + g; p ← p − lr·v.
pub struct Momentum {
    v: Vec<f32>,
    mu: f32,
}

impl Momentum {
    pub fn new(len: usize, mu: f32) -> Self {
        Momentum {
            v: vec![0.0; len],
            mu,
        }
    }
}

impl Optimizer for Momentum {
    fn step(&mut self, params: &mut [f32], grads: &[f32], runs: &[Range<usize>], lr: f32) {
        for r in runs {
            let (p, v) = run_slices!(r; params, self.v);
            for ((p, &g), v) in p.iter_mut().zip(&grads[r.clone()]).zip(v.iter_mut()) {
                *v = self.mu * *v + g;
                *p -= lr * *v;
            }
        }
    }
    fn reset(&mut self) {
        self.v.fill(0.0);
    }
}

/// RMSProp (Hinton's lecture notes, 2012): s ← ρs + (1−ρ)g²; p ← p − lr·g/(√s + ε).
pub struct RmsProp {
    s: Vec<f32>,
    rho: f32,
    eps: f32,
}

impl RmsProp {
    pub fn new(len: usize, rho: f32, eps: f32) -> Self {
        RmsProp {
            s: vec![0.0; len],
            rho,
            eps,
        }
    }
}

impl Optimizer for RmsProp {
    fn step(&mut self, params: &mut [f32], grads: &[f32], runs: &[Range<usize>], lr: f32) {
        for r in runs {
            let (p, s) = run_slices!(r; params, self.s);
            for ((p, &g), s) in p.iter_mut().zip(&grads[r.clone()]).zip(s.iter_mut()) {
                *s = self.rho * *s + (1.0 - self.rho) * g * g;
                *p -= lr * g / (s.sqrt() + self.eps);
            }
        }
    }
    fn reset(&mut self) {
        self.s.fill(0.0);
    }
}

/// Adam (Kingma and Ba, 2015) with bias correction.
pub struct Adam {
    m: Vec<f32>,
    v: Vec<f32>,
    b1: f32,
    b2: f32,
    eps: f32,
    t: i32,
}

impl Adam {
    pub fn new(len: usize, b1: f32, b2: f32, eps: f32) -> Self {
        Adam {
            m: vec![0.0; len],
            v: vec![0.0; len],
            b1,
            b2,
            eps,
            t: 0,
        }
    }
}

impl Optimizer for Adam {
    fn step(&mut self, params: &mut [f32], grads: &[f32], runs: &[Range<usize>], lr: f32) {
        self.t = self.t.saturating_add(1);
        let c1 = 1.0 - self.b1.powi(self.t);
        let c2 = 1.0 - self.b2.powi(self.t);
        let step = lr * c2.sqrt() / c1;
        for r in runs {
            let (p, m, v) = run_slices!(r; params, self.m, self.v);
            for (((p, &g), m), v) in p
                .iter_mut()
                .zip(&grads[r.clone()])
                .zip(m.iter_mut())
                .zip(v.iter_mut())
            {
                *m = self.b1 * *m + (1.0 - self.b1) * g;
                *v = self.b2 * *v + (1.0 - self.b2) * g * g;
                *p -= step * *m / (v.sqrt() + self.eps);
            }
        }
    }
    fn reset(&mut self) {
        self.m.fill(0.0);
        self.v.fill(0.0);
        self.t = 0;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every optimizer walks a quadratic bowl to its bottom.
    #[test]
    fn all_minimise_a_quadratic() {
        for kind in [
            OptimizerKind::Sgd,
            OptimizerKind::Momentum,
            OptimizerKind::RmsProp,
            OptimizerKind::Adam,
        ] {
            let target = [1.0f32, -2.0, 0.5];
            let mut p = [0.0f32; 3];
            let mut opt = kind.build(3);
            let all = [0..3];
            let lr = match kind {
                OptimizerKind::Sgd => 0.1,
                OptimizerKind::Momentum => 0.02,
                _ => 0.01,
            };
            for _ in 0..3000 {
                let g: Vec<f32> = p.iter().zip(&target).map(|(a, b)| a - b).collect();
                opt.step(&mut p, &g, &all, lr);
            }
            for (a, b) in p.iter().zip(&target) {
                assert!((a - b).abs() < 1e-2, "{kind:?}: {p:?}");
            }
        }
    }
}
