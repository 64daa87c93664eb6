//! The one interface every trainable model implements, whatever its batch
//! and however its gradient is made.
//!
//! A model owns its parameters (named views into one flat buffer, gradients
//! beside them) and makes the gradient for a batch of its own type: rows of
//! features, 14×14 images, token sequences, preference pairs. A loss and a
//! backward pass make it for most models; contrastive divergence makes it
//! for an RBM, a policy gradient for RLHF. The trainer (`crate::train`)
//! owns everything else: the order of the examples, the optimizer step,
//! decay, clipping, the schedule, stopping, and divergence.

use crate::nn::ParamStore;
use crate::rng::Rng;

/// A model the trainer can train.
pub trait Model {
    /// What one step learns from; the trainer keeps one and refills it.
    type Batch: Default;

    /// The parameters and their gradients.
    fn store(&self) -> &ParamStore;

    /// The parameters and their gradients, mutable.
    fn store_mut(&mut self) -> &mut ParamStore;

    /// Adds to `store().grad` the gradient for `batch` (the trainer zeroes
    /// it before each step) and returns the batch's loss, or the statistic
    /// the model reports instead (reconstruction error for an RBM); a
    /// non-finite value stops training as diverged. `rng` serves models
    /// that sample (contrastive divergence, dropout, policy rollouts).
    fn gradient(&mut self, batch: &Self::Batch, rng: &mut Rng) -> f64;
}

/// A fixed set of examples that batches are gathered from.
pub trait Dataset<B> {
    /// Number of examples.
    fn len(&self) -> usize;

    /// Whether there are none.
    fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Replaces `batch`'s contents with the examples at `indices` (reusing
    /// its buffers, so a warm step allocates nothing).
    fn gather(&self, indices: &[u32], batch: &mut B);
}
