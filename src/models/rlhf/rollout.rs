//! Sampling completions of a batch of prompts with the KV cache, into
//! buffers kept from one step to the next.

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
