//! The GPT's forward and backward passes, in the shape of llm.c's
//! `gpt2_forward` / `gpt2_backward`: every op called with its stated sizes
//! on slices of the workspace, layer by layer.
//!
//! Gradient buffers of the activations are shared by all layers (one
//! layer's worth each); the residual stream's gradient `dres` collects both
//! branches of every block because LayerNorm's backward adds into it.

use super::acts::{layer, layer_mut};
use super::{Gpt, GptConfig};
use crate::nn::Param;
use crate::ops::{attention, embedding, gelu, layernorm, linear};
use crate::tensor::matmul::{matmul, Base, MatRef};

/// The gradients of two parameters (`first` laid out before `second`),
/// both mutable: a weight and its bias, or the two embeddings.
pub(super) fn pair(g: &mut [f32], first: Param, second: Param) -> (&mut [f32], &mut [f32]) {
    assert!(first.offset + first.len <= second.offset);
    let (x, y) = g.split_at_mut(second.offset);
    (&mut x[first.range()], &mut y[..second.len])
}

/// dst += src (a residual connection).
fn add_into(dst: &mut [f32], src: &[f32]) {
    for (d, &s) in dst.iter_mut().zip(src) {
        *d += s;
    }
}

impl Gpt {
    /// Forward pass of `ids` [B,T] up to the logits [B,T,V], keeping every
    /// activation the backward pass needs.
    pub(super) fn forward(&mut self, ids: &[u32], b: usize, t: usize) {
        self.forward_body(ids, b, t);
        let (v, c, n) = (self.config.vocab, self.config.n_embd, b * t);
        let a = &mut self.acts;
        // The tied head: logits = ln_f(x)·wteᵀ, wte read through a
        // transposed view.
        let wte = MatRef::new(self.wte.of(&self.store.data), v, c);
        matmul(
            MatRef::new(&a.lnf[..n * c], n, c),
            wte.t(),
            &mut a.logits[..n * v],
            Base::Zero,
        );
    }

    /// Forward pass of `ids` [B,T] up to the final LayerNorm's output
    /// [B,T,C] (`acts.lnf`), the body a reward head reads.
    pub(super) fn forward_body(&mut self, ids: &[u32], b: usize, t: usize) {
        self.reserve(b, t);
        self.last = (b, t);
        self.scored = 0;
        let GptConfig {
            vocab: v,
            context: p,
            n_layer: nl,
            n_head: nh,
            n_embd: c,
        } = self.config;
        let hs = self.config.head_size();
        let (n, nc) = (b * t, b * t * c);
        let w = &self.store.data;
        let a = &mut self.acts;
        embedding::forward(
            &mut a.encoded[..nc],
            ids,
            self.wte.of(w),
            self.wpe.of(w),
            b,
            t,
            c,
            v,
            p,
        );
        for (l, blk) in self.blocks.iter().enumerate() {
            let (before, rest) = a.res3.split_at_mut(l * nc);
            let res_in: &[f32] = if l == 0 {
                &a.encoded[..nc]
            } else {
                &before[(l - 1) * nc..]
            };
            let res_out = &mut rest[..nc];
            // x + c_proj(attention(c_attn(ln_1(x)))).
            let ln1 = layer_mut(&mut a.ln1, l, nc);
            let (mean, rstd) = (
                layer_mut(&mut a.ln1_mean, l, n),
                layer_mut(&mut a.ln1_rstd, l, n),
            );
            layernorm::forward(
                ln1,
                mean,
                rstd,
                res_in,
                blk.ln1_w.of(w),
                blk.ln1_b.of(w),
                b,
                t,
                c,
            );
            let qkv = layer_mut(&mut a.qkv, l, 3 * nc);
            linear::forward(
                qkv,
                ln1,
                blk.attn_w.of(w),
                Some(blk.attn_b.of(w)),
                n,
                c,
                3 * c,
            );
            if let Some(lo) = &mut self.lora {
                Gpt::lora_forward(lo, w, l, qkv, ln1, n, c);
            }
            let atty = layer_mut(&mut a.atty, l, nc);
            let att = layer_mut(&mut a.att, l, b * nh * t * t);
            attention::forward(atty, att, &mut a.scratch[..t * hs], qkv, b, t, c, nh);
            let res2 = layer_mut(&mut a.res2, l, nc);
            let (pw, pb) = (blk.attn_proj_w.of(w), blk.attn_proj_b.of(w));
            linear::forward(res2, atty, pw, Some(pb), n, c, c);
            add_into(res2, res_in);
            // x + mlp.c_proj(GELU(mlp.c_fc(ln_2(x)))).
            let ln2 = layer_mut(&mut a.ln2, l, nc);
            let (mean, rstd) = (
                layer_mut(&mut a.ln2_mean, l, n),
                layer_mut(&mut a.ln2_rstd, l, n),
            );
            layernorm::forward(
                ln2,
                mean,
                rstd,
                res2,
                blk.ln2_w.of(w),
                blk.ln2_b.of(w),
                b,
                t,
                c,
            );
            let fch = layer_mut(&mut a.fch, l, 4 * nc);
            linear::forward(fch, ln2, blk.fc_w.of(w), Some(blk.fc_b.of(w)), n, c, 4 * c);
            let fch_gelu = layer_mut(&mut a.fch_gelu, l, 4 * nc);
            gelu::forward(fch_gelu, fch, 4 * nc);
            let (pw, pb) = (blk.fc_proj_w.of(w), blk.fc_proj_b.of(w));
            linear::forward(res_out, fch_gelu, pw, Some(pb), n, 4 * c, c);
            add_into(res_out, res2);
        }
        let top = layer(&a.res3, nl - 1, nc);
        let (lnf, mean, rstd) = (&mut a.lnf[..nc], &mut a.lnf_mean[..n], &mut a.lnf_rstd[..n]);
        layernorm::forward(
            lnf,
            mean,
            rstd,
            top,
            self.lnf_w.of(w),
            self.lnf_b.of(w),
            b,
            t,
            c,
        );
    }

    /// Backward pass after [`Gpt::forward`] on the same `ids`, with the
    /// logits' gradient in place of the logits; adds into the store's
    /// gradient.
    pub(super) fn backward(&mut self, ids: &[u32], b: usize, t: usize) {
        let (v, c) = (self.config.vocab, self.config.n_embd);
        let (n, nc) = (b * t, b * t * c);
        let (w, g) = (&self.store.data, &mut self.store.grad);
        let a = &mut self.acts;
        let dlogits = MatRef::new(&a.logits[..n * v], n, v);
        let dln = &mut a.dln[..nc];
        // Tied head: dln_f = dlogits·wte, dwte += dlogitsᵀ·ln_f.
        matmul(dlogits, MatRef::new(self.wte.of(w), v, c), dln, Base::Zero);
        let lnf = MatRef::new(&a.lnf[..nc], n, c);
        matmul(dlogits.t(), lnf, self.wte.of_mut(g), Base::Keep);
        self.backward_body(ids, b, t);
    }

    /// Backward pass from the gradient of the final LayerNorm's output,
    /// held in `acts.dln` [B,T,C], down to the embeddings; adds into the
    /// store's gradient.
    pub(super) fn backward_body(&mut self, ids: &[u32], b: usize, t: usize) {
        let GptConfig {
            vocab: v,
            context: p,
            n_layer: nl,
            n_head: nh,
            n_embd: c,
        } = self.config;
        let hs = self.config.head_size();
        let (n, nc) = (b * t, b * t * c);
        let (w, g) = (&self.store.data, &mut self.store.grad);
        let a = &mut self.acts;
        let dln = &mut a.dln[..nc];
        let dres = &mut a.dres[..nc];
        dres.fill(0.0);
        let (dw, db) = pair(g, self.lnf_w, self.lnf_b);
        let top = layer(&a.res3, nl - 1, nc);
        let (mean, rstd) = (&a.lnf_mean[..n], &a.lnf_rstd[..n]);
        layernorm::backward(
            dres,
            dw,
            db,
            dln,
            top,
            self.lnf_w.of(w),
            mean,
            rstd,
            b,
            t,
            c,
        );
        for l in (0..nl).rev() {
            let blk = self.blocks[l];
            let res_in = if l == 0 {
                &a.encoded[..nc]
            } else {
                layer(&a.res3, l - 1, nc)
            };
            let res2 = layer(&a.res2, l, nc);
            let (dfch_gelu, dfch) = (&mut a.dfch_gelu[..4 * nc], &mut a.dfch[..4 * nc]);
            // MLP branch; dres holds the gradient of the block's output.
            let (dw, db) = pair(g, blk.fc_proj_w, blk.fc_proj_b);
            let (x, pw) = (layer(&a.fch_gelu, l, 4 * nc), blk.fc_proj_w.of(w));
            linear::backward(
                Some(&mut *dfch_gelu),
                dw,
                Some(db),
                dres,
                x,
                pw,
                n,
                4 * c,
                c,
            );
            gelu::backward(dfch, layer(&a.fch, l, 4 * nc), dfch_gelu, 4 * nc);
            let (dw, db) = pair(g, blk.fc_w, blk.fc_b);
            let x = layer(&a.ln2, l, nc);
            linear::backward(
                Some(&mut *dln),
                dw,
                Some(db),
                dfch,
                x,
                blk.fc_w.of(w),
                n,
                c,
                4 * c,
            );
            let (dw, db) = pair(g, blk.ln2_w, blk.ln2_b);
            let (mean, rstd) = (layer(&a.ln2_mean, l, n), layer(&a.ln2_rstd, l, n));
            layernorm::backward(
                dres,
                dw,
                db,
                dln,
                res2,
                blk.ln2_w.of(w),
                mean,
                rstd,
                b,
                t,
                c,
            );
            // Attention branch; dres now holds the gradient of res2.
            let (datty, dqkv) = (&mut a.datty[..nc], &mut a.dqkv[..3 * nc]);
            let (dw, db) = pair(g, blk.attn_proj_w, blk.attn_proj_b);
            let (x, pw) = (layer(&a.atty, l, nc), blk.attn_proj_w.of(w));
            linear::backward(Some(&mut *datty), dw, Some(db), dres, x, pw, n, c, c);
            let (qkv, att) = (layer(&a.qkv, l, 3 * nc), layer(&a.att, l, b * nh * t * t));
            attention::backward(
                dqkv,
                &mut a.scratch[..t * (t + hs)],
                datty,
                qkv,
                att,
                b,
                t,
                c,
                nh,
            );
            let (dw, db) = pair(g, blk.attn_w, blk.attn_b);
            let x = layer(&a.ln1, l, nc);
            linear::backward(
                Some(&mut *dln),
                dw,
                Some(db),
                dqkv,
                x,
                blk.attn_w.of(w),
                n,
                c,
                3 * c,
            );
            if let Some(lo) = &mut self.lora {
                Gpt::lora_backward(lo, w, g, l, dln, dqkv, x, n, c);
            }
            let (dw, db) = pair(g, blk.ln1_w, blk.ln1_b);
            let (mean, rstd) = (layer(&a.ln1_mean, l, n), layer(&a.ln1_rstd, l, n));
            layernorm::backward(
                dres,
                dw,
                db,
                dln,
                res_in,
                blk.ln1_w.of(w),
                mean,
                rstd,
                b,
                t,
                c,
            );
        }
        let (dwte, dwpe) = pair(g, self.wte, self.wpe);
        embedding::backward(dwte, dwpe, dres, ids, b, t, c, v, p);
    }
}
