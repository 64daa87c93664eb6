//! A decoder-only transformer in GPT-2's layout (Radford et al., 2019):
//! token and position embeddings, L pre-LayerNorm blocks of causal
//! self-attention and a GELU MLP, each added to the residual stream, a
//! final LayerNorm, and an output head tied to the token embedding.
//!
//! Shapes (B = batch, T = time ≤ P, C = n_embd, NH = heads, V = vocab,
//! P = context): ids [B,T] → x [B,T,C] → … → logits [B,T,V].
//!
//! Block l, with x its input:
//!   x ← x + c_proj(attention(c_attn(ln_1(x))))
//!   x ← x + mlp.c_proj(GELU(mlp.c_fc(ln_2(x))))
//! then logits = ln_f(x)·wteᵀ.
//!
//! Parameters carry exactly the names of Hugging Face's `GPT2LMHeadModel`
//! state dict (`transformer.h.0.attn.c_attn.weight` …), in its order and
//! with its Conv1D layout ([in, out], the engine's linear W), so an export
//! is a walk over the views; the tied head has no tensor of its own.
//!
//! The forward pass keeps its activations in one workspace sized by
//! [`Gpt::reserve`] (see `acts.rs`); the passes are in `pass.rs`.

mod acts;
mod config;
mod infer;
mod lora;
mod pass;
mod weighted;
mod sample;
mod tokens;

pub use infer::KvCache;
pub use lora::MAX_RANK as MAX_LORA_RANK;
pub use sample::{choose, distribution, Sampling};
pub use config::{GptConfig, MAX_CONTEXT, MAX_EMBD, MAX_HEADS, MAX_LAYERS, MAX_VOCAB};
pub use tokens::{TokenWindows, Tokens};
pub use weighted::HiddenIo;

use super::model::Model;
use crate::nn::{Param, ParamStore};
use crate::ops::token_loss;
use crate::rng::Rng;
use acts::Acts;

/// GPT-2's initial standard deviation for weights and embeddings.
pub const INIT_STD: f64 = 0.02;

/// The parameters of one block.
#[derive(Clone, Copy, Debug)]
struct Block {
    ln1_w: Param,
    ln1_b: Param,
    attn_w: Param,
    attn_b: Param,
    attn_proj_w: Param,
    attn_proj_b: Param,
    ln2_w: Param,
    ln2_b: Param,
    fc_w: Param,
    fc_b: Param,
    fc_proj_w: Param,
    fc_proj_b: Param,
}

/// The model, its gradients and its workspace.
pub struct Gpt {
    config: GptConfig,
    pub store: ParamStore,
    wte: Param,
    wpe: Param,
    blocks: Vec<Block>,
    lnf_w: Param,
    lnf_b: Param,
    acts: Acts,
    /// (B, T) of the last forward pass.
    last: (usize, usize),
    /// Positions whose loss `acts.losses` holds: B·T of the last pass if
    /// it had targets, else 0.
    scored: usize,
    /// Low-rank adapters on c_attn, when fine-tuning with LoRA.
    lora: Option<lora::Lora>,
}

impl Gpt {
    /// Builds a model for a valid `config` (else the config's message),
    /// initialised as GPT-2 from `rng`.
    pub fn new(config: GptConfig, rng: &mut Rng) -> Result<Self, String> {
        config.validate()?;
        let GptConfig {
            vocab: v,
            context: p,
            n_layer,
            n_embd: c,
            ..
        } = config;
        let mut s = ParamStore::default();
        let wte = s.add("transformer.wte.weight", &[v, c], true);
        let wpe = s.add("transformer.wpe.weight", &[p, c], true);
        let blocks = (0..n_layer)
            .map(|i| {
                let h = format!("transformer.h.{i}");
                let mut add =
                    |name: &str, shape: &[usize], decay| s.add(format!("{h}.{name}"), shape, decay);
                Block {
                    ln1_w: add("ln_1.weight", &[c], false),
                    ln1_b: add("ln_1.bias", &[c], false),
                    attn_w: add("attn.c_attn.weight", &[c, 3 * c], true),
                    attn_b: add("attn.c_attn.bias", &[3 * c], false),
                    attn_proj_w: add("attn.c_proj.weight", &[c, c], true),
                    attn_proj_b: add("attn.c_proj.bias", &[c], false),
                    ln2_w: add("ln_2.weight", &[c], false),
                    ln2_b: add("ln_2.bias", &[c], false),
                    fc_w: add("mlp.c_fc.weight", &[c, 4 * c], true),
                    fc_b: add("mlp.c_fc.bias", &[4 * c], false),
                    fc_proj_w: add("mlp.c_proj.weight", &[4 * c, c], true),
                    fc_proj_b: add("mlp.c_proj.bias", &[c], false),
                }
            })
            .collect();
        let lnf_w = s.add("transformer.ln_f.weight", &[c], false);
        let lnf_b = s.add("transformer.ln_f.bias", &[c], false);
        let mut gpt = Gpt {
            config,
            store: s,
            wte,
            wpe,
            blocks,
            lnf_w,
            lnf_b,
            acts: Acts::default(),
            last: (0, 0),
            scored: 0,
            lora: None,
        };
        gpt.init(rng);
        Ok(gpt)
    }

    /// Re-draws every parameter as GPT-2 initialises them: weights and
    /// embeddings normal(0, 0.02), the two residual projections (c_proj)
    /// scaled by 1/√(2·n_layer) so the stream's variance does not grow with
    /// depth, biases 0, LayerNorm gains 1.
    pub fn init(&mut self, rng: &mut Rng) {
        let proj_std = INIT_STD / (2.0 * self.config.n_layer as f64).sqrt();
        let data = &mut self.store.data;
        let mut normal = |p: Param, std: f64| {
            p.of_mut(data)
                .iter_mut()
                .for_each(|x| *x = (rng.normal() * std) as f32);
        };
        normal(self.wte, INIT_STD);
        normal(self.wpe, INIT_STD);
        for b in &self.blocks {
            normal(b.attn_w, INIT_STD);
            normal(b.attn_proj_w, proj_std);
            normal(b.fc_w, INIT_STD);
            normal(b.fc_proj_w, proj_std);
        }
        for b in &self.blocks {
            for bias in [
                b.attn_b,
                b.attn_proj_b,
                b.fc_b,
                b.fc_proj_b,
                b.ln1_b,
                b.ln2_b,
            ] {
                bias.of_mut(data).fill(0.0);
            }
            b.ln1_w.of_mut(data).fill(1.0);
            b.ln2_w.of_mut(data).fill(1.0);
        }
        self.lnf_w.of_mut(data).fill(1.0);
        self.lnf_b.of_mut(data).fill(0.0);
    }

    /// The sizes it was built with.
    pub fn config(&self) -> &GptConfig {
        &self.config
    }

    /// Makes the workspace hold `b` sequences of `t` tokens (allocates only
    /// when it grows); the passes call it, a caller may call it ahead.
    pub fn reserve(&mut self, b: usize, t: usize) {
        self.acts.reserve(&self.config, b, t);
        if let Some(lo) = &mut self.lora {
            lo.reserve(b * t);
        }
    }

    /// A copy of the weights (and adapters, views added after them, and
    /// frozen flags) with a fresh workspace: the frozen reference of
    /// fine-tuning and RLHF.
    pub fn copy(&self) -> Gpt {
        let mut g = Gpt::new(self.config, &mut Rng::new(0)).expect("a valid config");
        if let Some(lo) = &self.lora {
            let alpha = lo.scale * lo.rank as f32;
            g.add_lora(lo.rank, alpha, &mut Rng::new(0)).expect("the same rank");
        }
        // Views added after the model's own (a reward head): the same names
        // and shapes.
        for v in &self.store.views[g.store.views.len()..] {
            g.store.add(v.name.clone(), &v.shape, v.decay);
        }
        g.store.data.copy_from_slice(&self.store.data);
        for (v, w) in g.store.views.iter_mut().zip(&self.store.views) {
            v.frozen = w.frozen;
        }
        g
    }

    /// Floats the workspace holds now (see [`GptConfig::workspace`]).
    pub fn workspace_floats(&self) -> usize {
        self.acts.floats()
    }

    /// Logits [B,T,V] for `ids` [B,T] (no targets, no gradient). Panics on
    /// an id ≥ V or T > context, with the embedding op's message.
    pub fn logits(&mut self, ids: &[u32], b: usize, t: usize) -> &[f32] {
        self.forward(ids, b, t);
        &self.acts.logits[..b * t * self.config.vocab]
    }

    /// The batch's mean next-token loss, without gradient; each position's
    /// loss stays readable through [`Gpt::token_losses`].
    pub fn loss(&mut self, batch: &Tokens) -> f64 {
        let (b, t, v) = (batch.batch, batch.time, self.config.vocab);
        self.forward(&batch.ids, b, t);
        let a = &mut self.acts;
        let loss = token_loss::forward(
            Some(&mut a.losses[..b * t]),
            &a.logits[..b * t * v],
            &batch.targets,
            b,
            t,
            v,
        );
        self.scored = b * t;
        loss
    }

    /// The loss of every position [B,T] of the last forward pass if it had
    /// targets ([`Gpt::loss`] or a training step); empty after
    /// [`Gpt::logits`].
    pub fn token_losses(&self) -> &[f32] {
        &self.acts.losses[..self.scored]
    }

    /// Attention weights of block `layer` in the last forward pass,
    /// [B,NH,T,T]: row t is position t's softmax over positions ≤ t, zero
    /// above the diagonal.
    pub fn attention(&self, layer: usize) -> &[f32] {
        assert!(
            layer < self.config.n_layer,
            "Gpt::attention: layer {layer} of a model with n_layer = {}",
            self.config.n_layer
        );
        let (b, t) = self.last;
        let len = b * self.config.n_head * t * t;
        acts::layer(&self.acts.att, layer, len)
    }

    /// (B, T) of the last forward pass.
    pub fn last_shape(&self) -> (usize, usize) {
        self.last
    }
}

impl Model for Gpt {
    type Batch = Tokens;

    fn store(&self) -> &ParamStore {
        &self.store
    }

    fn store_mut(&mut self) -> &mut ParamStore {
        &mut self.store
    }

    /// Forward pass, token cross-entropy (the logits become their gradient
    /// in place), backward pass into the store's gradient.
    fn gradient(&mut self, batch: &Tokens, _rng: &mut Rng) -> f64 {
        let (b, t, v) = (batch.batch, batch.time, self.config.vocab);
        self.forward(&batch.ids, b, t);
        let a = &mut self.acts;
        let loss = token_loss::forward_backward(
            &mut a.logits[..b * t * v],
            Some(&mut a.losses[..b * t]),
            &batch.targets,
            b,
            t,
            v,
        );
        self.scored = b * t;
        self.backward(&batch.ids, b, t);
        loss
    }
}
