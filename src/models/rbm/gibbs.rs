//! A Gibbs chain run for its own sake: the machine dreaming (chains started
//! from noise or from digits), or filling in the units of an image that are
//! not clamped (the rest stay at their given values at every step).
//!
//! Shapes (B = chains, V = visible units, H = hidden units): state and
//! means [B×V], hidden states [B×H], clamp mask [V].

use super::Rbm;
use crate::ops::bernoulli;
use crate::rng::Rng;

/// Chains over a machine's visible and hidden units.
#[derive(Clone, Debug, Default)]
pub struct Chain {
    rows: usize,
    visible: usize,
    hidden: usize,
    v: Vec<f32>,
    pv: Vec<f32>,
    h: Vec<f32>,
    ph: Vec<f32>,
    /// 1 where a visible unit is clamped, [V]; empty when none is.
    mask: Vec<f32>,
    /// Clamped values [B×V].
    given: Vec<f32>,
    steps: u64,
}

impl Chain {
    /// `rows` chains for `rbm`, starting from noise (every unit on with
    /// probability ½).
    pub fn from_noise(rbm: &Rbm, rows: usize, rng: &mut Rng) -> Self {
        let mut c = Chain::sized(rbm, rows);
        let half = vec![0.5; rows * c.visible];
        bernoulli::sample(&mut c.v, &half, rng, rows, c.visible);
        c.pv.copy_from_slice(&c.v);
        c
    }

    /// Chains starting from the images `x` [rows×V] (grey levels drawn as
    /// binary units).
    pub fn from_images(rbm: &Rbm, x: &[f32], rows: usize, rng: &mut Rng) -> Self {
        let mut c = Chain::sized(rbm, rows);
        bernoulli::sample(&mut c.v, &x[..rows * c.visible], rng, rows, c.visible);
        c.pv.copy_from_slice(&x[..rows * c.visible]);
        c
    }

    fn sized(rbm: &Rbm, rows: usize) -> Self {
        let (v, h) = (rbm.spec.visible, rbm.spec.hidden);
        Chain {
            rows,
            visible: v,
            hidden: h,
            v: vec![0.0; rows * v],
            pv: vec![0.0; rows * v],
            h: vec![0.0; rows * h],
            ph: vec![0.0; rows * h],
            mask: Vec::new(),
            given: Vec::new(),
            steps: 0,
        }
    }

    /// Holds the units where `mask` [V] is true at the values of `x`
    /// [B×V] (thresholded at ½) from now on.
    pub fn clamp(&mut self, mask: &[bool], x: &[f32]) {
        crate::ops::shape::expect("chain clamp", "mask", mask.len(), &[("V", self.visible)]);
        self.mask = mask.iter().map(|&m| if m { 1.0 } else { 0.0 }).collect();
        self.given = x[..self.rows * self.visible]
            .iter()
            .map(|&p| if p >= 0.5 { 1.0 } else { 0.0 })
            .collect();
        self.hold();
    }

    fn hold(&mut self) {
        if self.mask.is_empty() {
            return;
        }
        let nv = self.visible;
        for r in 0..self.rows {
            for i in 0..nv {
                if self.mask[i] > 0.0 {
                    self.v[r * nv + i] = self.given[r * nv + i];
                    self.pv[r * nv + i] = self.given[r * nv + i];
                }
            }
        }
    }

    /// One Gibbs step: h ~ p(h | v), then v ~ p(v | h), clamped units held.
    pub fn step(&mut self, rbm: &Rbm, rng: &mut Rng) {
        assert_eq!(
            (rbm.spec.visible, rbm.spec.hidden),
            (self.visible, self.hidden),
            "chain: another machine's shape"
        );
        let (b, nv, nh) = (self.rows, self.visible, self.hidden);
        rbm.hidden_probs(&self.v, &mut self.ph, b);
        bernoulli::sample(&mut self.h, &self.ph, rng, b, nh);
        rbm.visible_probs(&self.h, &mut self.pv, b);
        bernoulli::sample(&mut self.v, &self.pv, rng, b, nv);
        self.hold();
        self.steps += 1;
    }

    /// Binary visible states [B×V].
    pub fn state(&self) -> &[f32] {
        &self.v
    }

    /// p(v = 1 | h) of the last step [B×V] (what a picture shows; clamped
    /// units show their values).
    pub fn means(&self) -> &[f32] {
        &self.pv
    }

    /// Gibbs steps taken.
    pub fn steps(&self) -> u64 {
        self.steps
    }

    /// Number of chains.
    pub fn rows(&self) -> usize {
        self.rows
    }
}
