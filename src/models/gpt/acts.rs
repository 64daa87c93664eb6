//! The GPT's workspace: every activation the backward pass reads, the
//! logits, and the backward pass's own buffers, as llm.c's
//! `ActivationTensors`. Sized once per (B, T) by [`Acts::reserve`] and only
//! ever grown, so a warm training step allocates nothing.
//!
//! Per-layer buffers hold the L layers one after the other, each laid out
//! for the current B and T (layer l of a buffer of width w per token is
//! `[l·N·w .. (l+1)·N·w]`, N = B·T).

use super::config::GptConfig;

/// Activations and gradient buffers (N = B·T, C channels, V vocabulary).
#[derive(Default)]
pub(super) struct Acts {
    /// The (B, T) the buffers hold (the largest seen of each).
    cap: (usize, usize),
    /// Embedding output, the residual stream into block 0 [N,C].
    pub encoded: Vec<f32>,
    /// Per layer: ln_1 output [N,C], its mean and rstd [N].
    pub ln1: Vec<f32>,
    pub ln1_mean: Vec<f32>,
    pub ln1_rstd: Vec<f32>,
    /// Per layer: c_attn output [N,3C].
    pub qkv: Vec<f32>,
    /// Per layer: attention output before c_proj [N,C].
    pub atty: Vec<f32>,
    /// Per layer: attention weights [B,NH,T,T].
    pub att: Vec<f32>,
    /// Per layer: residual after attention [N,C].
    pub res2: Vec<f32>,
    /// Per layer: ln_2 output [N,C], its mean and rstd [N].
    pub ln2: Vec<f32>,
    pub ln2_mean: Vec<f32>,
    pub ln2_rstd: Vec<f32>,
    /// Per layer: c_fc output [N,4C] and its GELU [N,4C].
    pub fch: Vec<f32>,
    pub fch_gelu: Vec<f32>,
    /// Per layer: residual after the MLP, the block's output [N,C].
    pub res3: Vec<f32>,
    /// ln_f output [N,C], its mean and rstd [N].
    pub lnf: Vec<f32>,
    pub lnf_mean: Vec<f32>,
    pub lnf_rstd: Vec<f32>,
    /// Logits [N,V]; after a training step, their gradient (in place).
    pub logits: Vec<f32>,
    /// Loss of every position [N] (forward passes with targets).
    pub losses: Vec<f32>,
    /// Backward: gradient of the residual stream [N,C].
    pub dres: Vec<f32>,
    /// Backward: gradient of a LayerNorm's output [N,C].
    pub dln: Vec<f32>,
    /// Backward: gradient of the attention output [N,C].
    pub datty: Vec<f32>,
    /// Backward: gradient of qkv [N,3C].
    pub dqkv: Vec<f32>,
    /// Backward: gradients of the GELU's output and of its input [N,4C].
    pub dfch_gelu: Vec<f32>,
    pub dfch: Vec<f32>,
    /// Attention's scratch, T·(T + hs) (forward uses T·hs of it).
    pub scratch: Vec<f32>,
}

impl Acts {
    /// Makes every buffer hold batches of `b` sequences of `t` tokens
    /// (allocating only when one of them grows).
    pub fn reserve(&mut self, cfg: &GptConfig, b: usize, t: usize) {
        if b <= self.cap.0 && t <= self.cap.1 {
            return;
        }
        let (b, t) = (b.max(self.cap.0), t.max(self.cap.1));
        self.cap = (b, t);
        let (l, c, v, nh) = (cfg.n_layer, cfg.n_embd, cfg.vocab, cfg.n_head);
        let n = b * t;
        let sized = [
            (&mut self.encoded, n * c),
            (&mut self.ln1, l * n * c),
            (&mut self.ln1_mean, l * n),
            (&mut self.ln1_rstd, l * n),
            (&mut self.qkv, l * n * 3 * c),
            (&mut self.atty, l * n * c),
            (&mut self.att, l * b * nh * t * t),
            (&mut self.res2, l * n * c),
            (&mut self.ln2, l * n * c),
            (&mut self.ln2_mean, l * n),
            (&mut self.ln2_rstd, l * n),
            (&mut self.fch, l * n * 4 * c),
            (&mut self.fch_gelu, l * n * 4 * c),
            (&mut self.res3, l * n * c),
            (&mut self.lnf, n * c),
            (&mut self.lnf_mean, n),
            (&mut self.lnf_rstd, n),
            (&mut self.logits, n * v),
            (&mut self.losses, n),
            (&mut self.dres, n * c),
            (&mut self.dln, n * c),
            (&mut self.datty, n * c),
            (&mut self.dqkv, n * 3 * c),
            (&mut self.dfch_gelu, n * 4 * c),
            (&mut self.dfch, n * 4 * c),
            (&mut self.scratch, t * (t + cfg.head_size())),
        ];
        for (buf, len) in sized {
            buf.resize(len, 0.0);
        }
    }

    /// Floats held (what [`GptConfig::workspace`] predicts).
    pub fn floats(&self) -> usize {
        [
            &self.encoded,
            &self.ln1,
            &self.ln1_mean,
            &self.ln1_rstd,
            &self.qkv,
            &self.atty,
            &self.att,
            &self.res2,
            &self.ln2,
            &self.ln2_mean,
            &self.ln2_rstd,
            &self.fch,
            &self.fch_gelu,
            &self.res3,
            &self.lnf,
            &self.lnf_mean,
            &self.lnf_rstd,
            &self.logits,
            &self.losses,
            &self.dres,
            &self.dln,
            &self.datty,
            &self.dqkv,
            &self.dfch_gelu,
            &self.dfch,
            &self.scratch,
        ]
        .iter()
        .map(|v| v.len())
        .sum()
    }
}

/// Layer `l`'s part of a per-layer buffer whose layers hold `len` floats.
#[inline]
pub(super) fn layer(buf: &[f32], l: usize, len: usize) -> &[f32] {
    &buf[l * len..(l + 1) * len]
}

/// Layer `l`'s part of a per-layer buffer, mutable.
#[inline]
pub(super) fn layer_mut(buf: &mut [f32], l: usize, len: usize) -> &mut [f32] {
    &mut buf[l * len..(l + 1) * len]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn workspace_formula_matches_the_buffers_and_grows_only() {
        let cfg = GptConfig {
            vocab: 11,
            context: 8,
            n_layer: 2,
            n_head: 2,
            n_embd: 8,
        };
        let mut a = Acts::default();
        a.reserve(&cfg, 3, 5);
        assert_eq!(a.floats(), cfg.workspace(3, 5));
        a.reserve(&cfg, 2, 8);
        assert_eq!(a.floats(), cfg.workspace(3, 8));
        a.reserve(&cfg, 1, 1);
        assert_eq!(a.floats(), cfg.workspace(3, 8));
    }
}
