//! The GPT's inference path: one token at a time with a cache of every
//! layer's keys and values (the KV cache), so the t-th new token costs one
//! position's work plus attention over t cached positions, instead of a
//! forward pass over the whole prefix.
//!
//! Shapes (L = layers, P = context, C = channels, V = vocabulary, NH =
//! heads): the cache holds k and v [L,P,C]; a step reads one token id and
//! gives logits [V] and each layer's attention weights [NH,S] over the
//! S positions so far. Every op is called with B = T = 1 and its sizes
//! stated, as the training passes call them.

use super::{Gpt, GptConfig};
use crate::ops::{attention_cached, embedding, gelu, layernorm, linear, lora};
use crate::tensor::matmul::{matmul, Base, MatRef};

/// Keys and values of the positions fed so far, and one position's
/// scratch; sized once for a model's config.
#[derive(Clone, Debug, Default)]
pub struct KvCache {
    /// Positions cached (the next token goes to position `len`).
    len: usize,
    k: Vec<f32>,
    v: Vec<f32>,
    x: Vec<f32>,
    ln: Vec<f32>,
    qkv: Vec<f32>,
    atty: Vec<f32>,
    branch: Vec<f32>,
    fch: Vec<f32>,
    fch_gelu: Vec<f32>,
    /// Per layer, the newest position's attention weights [NH,S].
    att: Vec<f32>,
    stats: [f32; 2],
    logits: Vec<f32>,
    /// (NH, P): the layout of `att`.
    heads_positions: (usize, usize),
    /// The adapters' s·x·A of one position [r] (grown on first use).
    lora_h: Vec<f32>,
}

impl KvCache {
    /// An empty cache for models of `cfg`'s sizes.
    pub fn new(cfg: &GptConfig) -> Self {
        let (l, p, c, v, nh) = (cfg.n_layer, cfg.context, cfg.n_embd, cfg.vocab, cfg.n_head);
        KvCache {
            len: 0,
            k: vec![0.0; l * p * c],
            v: vec![0.0; l * p * c],
            x: vec![0.0; c],
            ln: vec![0.0; c],
            qkv: vec![0.0; 3 * c],
            atty: vec![0.0; c],
            branch: vec![0.0; c],
            fch: vec![0.0; 4 * c],
            fch_gelu: vec![0.0; 4 * c],
            att: vec![0.0; l * nh * p],
            stats: [0.0; 2],
            logits: vec![0.0; v],
            heads_positions: (nh, p),
            lora_h: Vec::new(),
        }
    }

    /// Positions cached.
    pub fn len(&self) -> usize {
        self.len
    }

    /// Whether nothing is cached.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// Forgets every position (keeps the buffers).
    pub fn clear(&mut self) {
        self.len = 0;
    }

    /// The logits [V] of the last step.
    pub fn logits(&self) -> &[f32] {
        &self.logits
    }

    /// Layer `l`'s attention weights of the last step, [NH,S] with S the
    /// positions cached.
    pub fn attention(&self, l: usize) -> &[f32] {
        let (nh, p) = self.heads_positions;
        &self.att[l * nh * p..][..nh * self.len]
    }
}

impl Gpt {
    /// An empty KV cache for this model.
    pub fn kv_cache(&self) -> KvCache {
        KvCache::new(&self.config)
    }

    /// Feeds token `id` at the cache's next position and returns the
    /// logits [V] for the token after it. Panics when the cache is full
    /// (P positions) or the id is not below V, with the ops' messages.
    pub fn step_cached<'c>(&self, cache: &'c mut KvCache, id: u32) -> &'c [f32] {
        let GptConfig {
            vocab: v,
            context: p,
            n_head: nh,
            n_embd: c,
            ..
        } = self.config;
        let t = cache.len;
        assert!(
            t < p,
            "Gpt::step_cached: the cache holds all P = {p} positions"
        );
        let w = &self.store.data;
        let kc = &mut *cache;
        // Position t's embedding: wte[id] + wpe[t] (the op over rows t.. of
        // wpe, stated as a one-position table).
        let wpe = &self.wpe.of(w)[t * c..(t + 1) * c];
        embedding::forward(&mut kc.x, &[id], self.wte.of(w), wpe, 1, 1, c, v, 1);
        let s = t + 1;
        for (l, blk) in self.blocks.iter().enumerate() {
            let [mean, rstd] = &mut kc.stats;
            let (mean, rstd) = (std::slice::from_mut(mean), std::slice::from_mut(rstd));
            layernorm::forward(
                &mut kc.ln,
                mean,
                rstd,
                &kc.x,
                blk.ln1_w.of(w),
                blk.ln1_b.of(w),
                1,
                1,
                c,
            );
            linear::forward(
                &mut kc.qkv,
                &kc.ln,
                blk.attn_w.of(w),
                Some(blk.attn_b.of(w)),
                1,
                c,
                3 * c,
            );
            if let Some(lo) = &self.lora {
                let r = lo.rank;
                if kc.lora_h.len() < r {
                    kc.lora_h.resize(r, 0.0);
                }
                let (la, lb) = lo.ab[l];
                let h = &mut kc.lora_h[..r];
                lora::forward(&mut kc.qkv, h, &kc.ln, la.of(w), lb.of(w), lo.scale, 1, c, r, 3 * c);
            }
            let (kl, vl) = (
                &mut kc.k[l * p * c..(l + 1) * p * c],
                &mut kc.v[l * p * c..(l + 1) * p * c],
            );
            kl[t * c..s * c].copy_from_slice(&kc.qkv[c..2 * c]);
            vl[t * c..s * c].copy_from_slice(&kc.qkv[2 * c..]);
            let att = &mut kc.att[l * nh * p..][..nh * s];
            attention_cached::forward(&mut kc.atty, att, &kc.qkv[..c], kl, vl, s, p, c, nh);
            let (pw, pb) = (blk.attn_proj_w.of(w), blk.attn_proj_b.of(w));
            linear::forward(&mut kc.branch, &kc.atty, pw, Some(pb), 1, c, c);
            kc.x.iter_mut().zip(&kc.branch).for_each(|(x, &b)| *x += b);
            layernorm::forward(
                &mut kc.ln,
                mean,
                rstd,
                &kc.x,
                blk.ln2_w.of(w),
                blk.ln2_b.of(w),
                1,
                1,
                c,
            );
            linear::forward(
                &mut kc.fch,
                &kc.ln,
                blk.fc_w.of(w),
                Some(blk.fc_b.of(w)),
                1,
                c,
                4 * c,
            );
            gelu::forward(&mut kc.fch_gelu, &kc.fch, 4 * c);
            let (pw, pb) = (blk.fc_proj_w.of(w), blk.fc_proj_b.of(w));
            linear::forward(&mut kc.branch, &kc.fch_gelu, pw, Some(pb), 1, 4 * c, c);
            kc.x.iter_mut().zip(&kc.branch).for_each(|(x, &b)| *x += b);
        }
        let [mean, rstd] = &mut kc.stats;
        let (mean, rstd) = (std::slice::from_mut(mean), std::slice::from_mut(rstd));
        layernorm::forward(
            &mut kc.ln,
            mean,
            rstd,
            &kc.x,
            self.lnf_w.of(w),
            self.lnf_b.of(w),
            1,
            1,
            c,
        );
        let wte = MatRef::new(self.wte.of(w), v, c);
        matmul(
            MatRef::new(&kc.ln, 1, c),
            wte.t(),
            &mut kc.logits,
            Base::Zero,
        );
        kc.len = s;
        &kc.logits
    }
}
