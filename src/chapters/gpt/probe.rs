//! What the reader asks of the model: text generated token by token (from
//! a snapshot of the weights, so training goes on meanwhile), the
//! attention weights of every head for a text, each token's loss, and a
//! short sample now and then while it trains.

use super::embed::{neighbours, pca2, Projection};
use super::GptSession;
use crate::data::tokenizer::Tokenizer;
use crate::models::gpt::{choose, distribution, Gpt, KvCache, Sampling, Tokens};
use crate::rng::Rng;

/// Likeliest tokens reported for each generated token.
pub const TOP: usize = 10;

/// A text's attention: its tokens (at most P) and every layer's weights,
/// [L,NH,T,T] (row t: where position t looks).
#[derive(Clone, Debug, Default)]
pub struct AttentionMaps {
    pub ids: Vec<u32>,
    pub layers: usize,
    pub heads: usize,
    pub weights: Vec<f32>,
}

/// One generated token and the distribution it was drawn from.
#[derive(Clone, Debug, Default)]
pub struct Generated {
    pub id: u32,
    /// The ten likeliest tokens of that step, `(id, probability)`.
    pub top: Vec<(u32, f32)>,
}

/// A generation under way: its own copy of the weights and its KV cache.
pub struct Generation {
    model: Gpt,
    cache: KvCache,
    seq: Vec<u32>,
    left: usize,
    sampling: Sampling,
    rng: Rng,
    dist: Vec<(u32, f32)>,
}

impl Generation {
    /// Tokens still to make.
    pub fn left(&self) -> usize {
        self.left
    }

    /// Makes up to `n` more tokens.
    pub fn next(&mut self, n: usize) -> Vec<Generated> {
        let p = self.model.config().context;
        let mut out = Vec::with_capacity(n.min(self.left));
        while out.len() < n && self.left > 0 {
            distribution(self.cache.logits(), &self.sampling, &mut self.dist);
            let id = choose(&self.dist, &self.sampling, &mut self.rng);
            let top = self.dist.iter().take(TOP).copied().collect();
            self.seq.push(id);
            if self.cache.len() == p {
                // Full: start again from the last P/2 tokens.
                self.cache.clear();
                let from = self.seq.len() - p / 2 - 1;
                for i in from..self.seq.len() - 1 {
                    self.model.step_cached(&mut self.cache, self.seq[i]);
                }
            }
            self.model.step_cached(&mut self.cache, id);
            self.left -= 1;
            out.push(Generated { id, top });
        }
        out
    }
}

/// The ids of a prompt; an empty prompt (or one of characters the model
/// never saw only) starts from a newline, the start of a document, when
/// the vocabulary has one.
fn prompt_ids(tok: &Tokenizer, text: &str) -> Vec<u32> {
    let ids = tok.encode(text);
    if !ids.is_empty() {
        return ids;
    }
    vec![tok.id("\n").unwrap_or(1.min(tok.vocab_size() as u32 - 1))]
}

impl GptSession {
    /// Starts generating `length` tokens after `prompt` with the current
    /// weights; returns the generation and the prompt's ids.
    pub fn generation(
        &self,
        prompt: &str,
        sampling: Sampling,
        length: usize,
        seed: u64,
    ) -> (Generation, Vec<u32>) {
        let src = self.model();
        let mut model = Gpt::new(*src.config(), &mut Rng::new(0)).expect("the same sizes");
        model.store.data.copy_from_slice(&src.store.data);
        let ids = prompt_ids(self.tokenizer(), prompt);
        let p = model.config().context;
        let mut cache = model.kv_cache();
        for &id in &ids[ids.len().saturating_sub(p - 1)..] {
            model.step_cached(&mut cache, id);
        }
        let g = Generation {
            model,
            cache,
            seq: ids.clone(),
            left: length,
            sampling,
            rng: Rng::new(seed),
            dist: Vec::new(),
        };
        (g, ids)
    }

    /// A short sample of the model as it is (the chart's "what it writes
    /// now"): `n` tokens after a newline at temperature 0.8.
    pub fn sample_now(&self, n: usize, seed: u64) -> String {
        let s = Sampling {
            temperature: 0.8,
            top_k: 0,
            top_p: 1.0,
        };
        let prompt = prompt_ids(self.tokenizer(), "");
        let ids = self.model().generate(&prompt, n, &s, &mut Rng::new(seed));
        self.tokenizer().decode(&ids)
    }

    /// The attention weights of every head for `text` (its first P tokens).
    pub fn attention_maps(&mut self, text: &str) -> AttentionMaps {
        let mut ids = prompt_ids(self.tokenizer(), text);
        let cfg = *self.model().config();
        ids.truncate(cfg.context);
        let t = ids.len();
        let model = self.model_mut();
        model.logits(&ids, 1, t);
        let mut weights = Vec::with_capacity(cfg.n_layer * cfg.n_head * t * t);
        for l in 0..cfg.n_layer {
            weights.extend_from_slice(model.attention(l));
        }
        AttentionMaps {
            ids,
            layers: cfg.n_layer,
            heads: cfg.n_head,
            weights,
        }
    }

    /// `text`'s tokens (at most P + 1) and the loss of each but the first:
    /// `losses[i]` is −ln P(token i + 1 | tokens ≤ i).
    pub fn token_losses(&mut self, text: &str) -> (Vec<u32>, Vec<f32>) {
        let mut ids = self.tokenizer().encode(text);
        let p = self.model().config().context;
        ids.truncate(p + 1);
        if ids.len() < 2 {
            return (ids, Vec::new());
        }
        let t = ids.len() - 1;
        let batch = Tokens {
            ids: ids[..t].to_vec(),
            targets: ids[1..].to_vec(),
            batch: 1,
            time: t,
        };
        let model = self.model_mut();
        model.loss(&batch);
        let losses = model.token_losses().to_vec();
        (ids, losses)
    }

    /// Token embeddings (or position embeddings) on their two principal
    /// components, starting from `start`.
    pub fn projection(&self, positions: bool, start: &[f32]) -> Projection {
        let (v, p, c) = {
            let cfg = self.model().config();
            (cfg.vocab, cfg.context, cfg.n_embd)
        };
        let store = &self.model().store;
        let name = if positions {
            "transformer.wpe.weight"
        } else {
            "transformer.wte.weight"
        };
        let rows = if positions { p } else { v };
        pca2(store.named(name).expect("GPT-2 names"), rows, c, start)
    }

    /// The `k` tokens whose embeddings are closest to token `id`'s.
    pub fn neighbours(&self, id: u32, k: usize) -> Vec<(u32, f32)> {
        let cfg = self.model().config();
        let wte = self
            .model()
            .store
            .named("transformer.wte.weight")
            .expect("GPT-2 names");
        neighbours(wte, cfg.vocab, cfg.n_embd, id as usize, k)
    }
}
