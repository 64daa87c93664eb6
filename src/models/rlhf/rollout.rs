//! Sampling completions of a batch of prompts with the KV cache, into
//! buffers kept from one step to the next.
//!
//! The sampler never draws id 0, the character tokenizer's `<unk>`: no
//! training text contains it (every character of the chapter's texts is in
//! the vocabulary), so it is not a character the model could mean, yet an
//! untrained or briefly trained model still gives it about 1/V of the
//! probability, and a 24-character completion of a barely pre-trained
//! model showed it often. Its probability is dropped and the rest
//! renormalised; the policy's log-probabilities keep it in the softmax's
//! normaliser, where training pushes it towards zero.

use super::pairs::Prompts;
use crate::models::gpt::{choose, distribution, Gpt, KvCache, Sampling};
use crate::rng::Rng;

/// The sequences of the last rollout, [B,S] with S = Lp + K.
#[derive(Clone, Debug, Default)]
pub struct Rollout {
    cache: Option<KvCache>,
    dist: Vec<(u32, f32)>,
    /// Prompt then completion, one row per prompt.
    pub seqs: Vec<u32>,
    pub count: usize,
    pub len: usize,
    pub prompt: usize,
}

/// The tokenizer's `<unk>` id (see `data::tokenizer`).
const UNK: u32 = 0;

/// Removes `<unk>` from a distribution made by `distribution` and
/// renormalises the rest (unchanged if it is the only entry).
fn without_unk(dist: &mut Vec<(u32, f32)>) {
    if dist.len() < 2 || !dist.iter().any(|e| e.0 == UNK) {
        return;
    }
    dist.retain(|e| e.0 != UNK);
    let total: f64 = dist.iter().map(|e| f64::from(e.1)).sum();
    if total > 0.0 {
        for e in dist.iter_mut() {
            e.1 = (f64::from(e.1) / total) as f32;
        }
    }
}

impl Rollout {
    /// Samples `k` tokens after every prompt of `prompts` from `gpt`.
    /// Panics when Lp + k exceeds the model's context.
    pub fn sample(&mut self, gpt: &Gpt, prompts: &Prompts, k: usize, s: &Sampling, rng: &mut Rng) {
        let (b, lp) = (prompts.count, prompts.len);
        let sl = lp + k;
        assert!(
            lp > 0 && sl <= gpt.config().context,
            "Rollout: prompt {lp} + completion {k} tokens exceed the context {}",
            gpt.config().context
        );
        let cache = self.cache.get_or_insert_with(|| gpt.kv_cache());
        self.seqs.clear();
        for i in 0..b {
            cache.clear();
            let prompt = &prompts.ids[i * lp..(i + 1) * lp];
            self.seqs.extend_from_slice(prompt);
            for &id in prompt {
                gpt.step_cached(cache, id);
            }
            for j in 0..k {
                distribution(cache.logits(), s, &mut self.dist);
                without_unk(&mut self.dist);
                let id = choose(&self.dist, s, rng);
                self.seqs.push(id);
                if j + 1 < k {
                    gpt.step_cached(cache, id);
                }
            }
        }
        self.count = b;
        self.len = sl;
        self.prompt = lp;
    }

    /// Row `i`: prompt and completion.
    pub fn seq(&self, i: usize) -> &[u32] {
        &self.seqs[i * self.len..(i + 1) * self.len]
    }

    /// Row `i`'s completion.
    pub fn completion(&self, i: usize) -> &[u32] {
        &self.seq(i)[self.prompt..]
    }
}
