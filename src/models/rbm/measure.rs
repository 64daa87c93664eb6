//! What the page and the tests measure of a machine: free energy,
//! reconstruction error and pseudo-log-likelihood.

use super::Rbm;
use crate::ops::free_energy;
use crate::rng::Rng;

impl Rbm {
    /// F(v) of each of `rows` rows of `v` [rows×V] into `out` [rows].
    pub fn free_energy(&mut self, v: &[f32], out: &mut [f32], rows: usize) {
        self.reserve(rows);
        let (nv, nh) = (self.spec.visible, self.spec.hidden);
        let p = &self.store.data;
        free_energy::forward(
            out,
            &mut self.prek[..rows * nh],
            v,
            self.w.of(p),
            self.b.of(p),
            self.c.of(p),
            rows,
            nv,
            nh,
        );
    }

    /// Mean-field reconstructions of `x` [rows×V]: p(v | p(h | x)) into
    /// `out` [rows×V].
    pub fn reconstruct(&mut self, x: &[f32], out: &mut [f32], rows: usize) {
        self.reserve(rows);
        let nh = self.spec.hidden;
        let mut ph = std::mem::take(&mut self.ph);
        self.hidden_probs(x, &mut ph[..rows * nh], rows);
        self.visible_probs(&ph[..rows * nh], out, rows);
        self.ph = ph;
    }

    /// Squared error per image between `x` [rows×V] and its mean-field
    /// reconstruction (deterministic, for curves on held-out images).
    pub fn reconstruction_error(&mut self, x: &[f32], rows: usize) -> f64 {
        self.reserve(rows);
        let rv = rows * self.spec.visible;
        let mut pv = std::mem::take(&mut self.pv);
        self.reconstruct(x, &mut pv[..rv], rows);
        let e = super::squared_per_row(&x[..rv], &pv[..rv], rows);
        self.pv = pv;
        e
    }

    /// Pseudo-log-likelihood per image, Σ_i log p(v_i | v_−i), of `x`
    /// [rows×V] thresholded at ½, estimated as in Besag (1975) by one
    /// randomly drawn unit per image: V·log σ(F(ṽ) − F(v)), ṽ the image
    /// with that unit flipped.
    pub fn pseudo_log_likelihood(&mut self, x: &[f32], rows: usize, rng: &mut Rng) -> f64 {
        self.reserve(rows);
        let nv = self.spec.visible;
        let rv = rows * nv;
        let mut v = std::mem::take(&mut self.v0);
        let mut flipped = std::mem::take(&mut self.vk);
        let mut f = std::mem::take(&mut self.f);
        let mut g = std::mem::take(&mut self.df);
        for (o, &p) in v[..rv].iter_mut().zip(&x[..rv]) {
            *o = if p >= 0.5 { 1.0 } else { 0.0 };
        }
        flipped[..rv].copy_from_slice(&v[..rv]);
        for r in 0..rows {
            let i = r * nv + rng.below(nv);
            flipped[i] = 1.0 - flipped[i];
        }
        self.free_energy(&v[..rv], &mut f[..rows], rows);
        self.free_energy(&flipped[..rv], &mut g[..rows], rows);
        let mut total = 0.0f64;
        for r in 0..rows {
            let d = f64::from(g[r]) - f64::from(f[r]);
            // log σ(d) = −softplus(−d), computed stably.
            let log_sig = -((-d).max(0.0) + (1.0 + (-d.abs()).exp()).ln());
            total += nv as f64 * log_sig;
        }
        self.v0 = v;
        self.vk = flipped;
        self.f = f;
        self.df = g;
        total / rows.max(1) as f64
    }

    /// Exact pseudo-log-likelihood per image of binary `v` [rows×V],
    /// summing over every unit (V free energies per image: for small
    /// machines and tests).
    pub fn exact_pseudo_log_likelihood(&mut self, v: &[f32], rows: usize) -> f64 {
        let nv = self.spec.visible;
        let mut fv = vec![0.0; 1];
        let mut fu = vec![0.0; 1];
        let mut u = vec![0.0; nv];
        let mut total = 0.0f64;
        for r in 0..rows {
            let row = &v[r * nv..(r + 1) * nv];
            self.free_energy(row, &mut fv, 1);
            for i in 0..nv {
                u.copy_from_slice(row);
                u[i] = 1.0 - u[i];
                self.free_energy(&u, &mut fu, 1);
                let d = f64::from(fu[0]) - f64::from(fv[0]);
                total += -((-d).max(0.0) + (1.0 + (-d.abs()).exp()).ln());
            }
        }
        total / rows.max(1) as f64
    }
}
