//! The GPT's passes for learning from something other than the next
//! token's cross-entropy: per-token weights on the log-likelihood (policy
//! gradients and DPO weight each sampled token by its sequence's
//! advantage), and a head of the caller's on the final hidden states (a
//! reward model's scalar score).

use super::tokens::Tokens;
use super::Gpt;
use crate::ops::token_loss;

/// The final hidden states of the last body pass and the buffer their
/// gradient goes into, with the parameters and their gradient, so a head
/// outside the model (its parameters in the same store) can run its
/// forward and backward.
pub struct HiddenIo<'a> {
    /// ln_f's output [B,T,C].
    pub hidden: &'a [f32],
    /// The gradient of `hidden` [B,T,C], for [`Gpt::backward_hidden`].
    pub dhidden: &'a mut [f32],
    pub data: &'a [f32],
    pub grad: &'a mut [f32],
}

impl Gpt {
    /// Forward pass of `ids` [B,T] through the body only (no logits).
    pub fn forward_hidden(&mut self, ids: &[u32], b: usize, t: usize) {
        self.forward_body(ids, b, t);
    }

    /// The hidden states of the last pass and their gradient buffer.
    pub fn hidden_io(&mut self) -> HiddenIo<'_> {
        let (b, t) = self.last;
        let nc = b * t * self.config.n_embd;
        HiddenIo {
            hidden: &self.acts.lnf[..nc],
            dhidden: &mut self.acts.dln[..nc],
            data: &self.store.data,
            grad: &mut self.store.grad,
        }
    }

    /// Backward pass from `hidden_io().dhidden`, after
    /// [`Gpt::forward_hidden`] on the same `ids`; adds into the gradient.
    pub fn backward_hidden(&mut self, ids: &[u32]) {
        let (b, t) = self.last;
        self.backward_body(ids, b, t);
    }

    /// Forward pass with targets, leaving the gradient of the mean
    /// cross-entropy in place of the logits for [`Gpt::backward_weighted`];
    /// returns every position's loss −log p(target) [B,T].
    pub fn forward_scored(&mut self, batch: &Tokens) -> &[f32] {
        let (b, t, v) = (batch.batch, batch.time, self.config.vocab);
        self.forward(&batch.ids, b, t);
        let a = &mut self.acts;
        token_loss::forward_backward(
            &mut a.logits[..b * t * v],
            Some(&mut a.losses[..b * t]),
            &batch.targets,
            b,
            t,
            v,
        );
        self.scored = b * t;
        &self.acts.losses[..b * t]
    }

    /// After [`Gpt::forward_scored`] on `batch`: adds the gradient of
    /// Σ weights[b,t]·(−log p(target[b,t])) into the store's gradient.
    pub fn backward_weighted(&mut self, batch: &Tokens, weights: &[f32]) {
        let (b, t, v) = (batch.batch, batch.time, self.config.vocab);
        let n = b * t;
        assert!(
            self.last == (b, t) && self.scored == n,
            "Gpt::backward_weighted: the last pass was not forward_scored on this batch"
        );
        crate::ops::shape::expect(
            "backward_weighted",
            "weights",
            weights.len(),
            &[("B", b), ("T", t)],
        );
        // The logits hold (softmax − onehot)/N per row: scale row i by N·wᵢ.
        for (row, &w) in self.acts.logits[..n * v].chunks_exact_mut(v).zip(weights) {
            let k = w * n as f32;
            row.iter_mut().for_each(|g| *g *= k);
        }
        self.backward(&batch.ids, b, t);
    }
}
