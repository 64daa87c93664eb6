//! Direct preference optimisation (DPO; Rafailov et al., 2023): the policy
//! learns from the preference pairs themselves, with no reward model and no
//! sampling. With Δ(y) = log π(y) − log π_ref(y) summed over a completion's
//! tokens, the loss of a pair is −log σ(β·(Δ(y_w) − Δ(y_l))): the
//! Bradley–Terry loss of a reward β·Δ that the policy defines implicitly.

use super::pairs::Pairs;
use crate::models::gpt::{Gpt, Tokens};
use crate::models::Model;
use crate::nn::ParamStore;
use crate::rng::Rng;
use crate::tensor::fastmath;

/// The policy, its frozen reference, and one step's buffers.
pub struct Dpo {
    pub gpt: Gpt,
    pub reference: Gpt,
    pub beta: f32,
    /// Share of the last batch's pairs whose implicit reward orders them
    /// right.
    pub last_accuracy: f64,
    batch: Tokens,
    ref_losses: Vec<f32>,
    weights: Vec<f32>,
}

impl Dpo {
    /// DPO from `gpt`, its reference a frozen copy of it.
    pub fn new(gpt: Gpt, beta: f32) -> Self {
        let reference = gpt.copy();
        Dpo {
            gpt,
            reference,
            beta,
            last_accuracy: f64::NAN,
            batch: Tokens::default(),
            ref_losses: Vec::new(),
            weights: Vec::new(),
        }
    }
}

impl Model for Dpo {
    type Batch = Pairs;

    fn store(&self) -> &ParamStore {
        &self.gpt.store
    }

    fn store_mut(&mut self) -> &mut ParamStore {
        &mut self.gpt.store
    }

    fn gradient(&mut self, pairs: &Pairs, _rng: &mut Rng) -> f64 {
        let (p, sl, lp) = (pairs.count, pairs.len, pairs.prompt);
        let t = sl - 1;
        // Rows 0..P the winners, P..2P the losers, teacher-forced.
        self.batch.ids.clear();
        self.batch.targets.clear();
        for rows in [&pairs.winners, &pairs.losers] {
            for s in rows.chunks_exact(sl) {
                self.batch.ids.extend_from_slice(&s[..t]);
                self.batch.targets.extend_from_slice(&s[1..]);
            }
        }
        self.batch.batch = 2 * p;
        self.batch.time = t;
        self.reference.loss(&self.batch);
        self.ref_losses.clear();
        self.ref_losses
            .extend_from_slice(self.reference.token_losses());
        let losses = self.gpt.forward_scored(&self.batch);
        let first = lp - 1;
        // Δ of row i: Σ over its completion of ref loss − policy loss.
        let delta = |i: usize| -> f64 {
            let r = i * t + first..(i + 1) * t;
            losses[r.clone()]
                .iter()
                .zip(&self.ref_losses[r])
                .map(|(&a, &b)| f64::from(b) - f64::from(a))
                .sum()
        };
        self.weights.clear();
        self.weights.resize(2 * p * t, 0.0);
        let beta = f64::from(self.beta);
        let (mut loss, mut right) = (0.0, 0.0);
        for i in 0..p {
            let z = beta * (delta(i) - delta(p + i));
            loss += (-z).max(0.0) + (-z.abs()).exp().ln_1p();
            right += if z > 0.0 {
                1.0
            } else if z == 0.0 {
                0.5
            } else {
                0.0
            };
            // dL/dz = −σ(−z); the weight on each token's −log π is
            // −dL/dz·β/P for the winner and its negative for the loser.
            let g = (f64::from(fastmath::sigmoid(-z as f32)) * beta / p as f64) as f32;
            self.weights[i * t + first..(i + 1) * t].fill(g);
            self.weights[(p + i) * t + first..(p + i + 1) * t].fill(-g);
        }
        self.last_accuracy = right / p as f64;
        self.gpt.backward_weighted(&self.batch, &self.weights);
        loss / p as f64
    }
}
