//! Choosing the next token from the logits: greedy at temperature 0, else
//! a draw from the softmax of logits/temperature, optionally kept to the k
//! likeliest tokens (top-k; Fan, Lewis and Dauphin, 2018) and to the
//! smallest set whose probability reaches p (top-p or nucleus sampling;
//! Holtzman et al., 2019). And whole generations, with the KV cache or
//! with a full forward pass per token, for tests and the benchmark.

use super::Gpt;
use crate::rng::Rng;
use crate::tensor::fastmath;

/// How to choose a token.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Sampling {
    /// 0: greedy (the likeliest token, the smallest id among equals).
    pub temperature: f32,
    /// Keep the k likeliest tokens (0: all).
    pub top_k: usize,
    /// Keep the likeliest tokens until their probability reaches p (1: all).
    pub top_p: f32,
}

impl Default for Sampling {
    fn default() -> Self {
        Sampling {
            temperature: 1.0,
            top_k: 0,
            top_p: 1.0,
        }
    }
}

/// The distribution a token is drawn from: `(id, probability)` from the
/// likeliest down, after temperature, top-k and top-p (at temperature 0,
/// the softmax at temperature 1, whose first entry the greedy choice
/// takes). Reuses `out`.
pub fn distribution(logits: &[f32], s: &Sampling, out: &mut Vec<(u32, f32)>) {
    let t = if s.temperature > 0.0 {
        s.temperature
    } else {
        1.0
    };
    out.clear();
    out.extend(logits.iter().enumerate().map(|(i, &z)| (i as u32, z / t)));
    // Likeliest first; the smaller id first among equals.
    out.sort_unstable_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    if s.temperature > 0.0 && s.top_k > 0 {
        out.truncate(s.top_k.max(1));
    }
    let max = out.first().map_or(0.0, |e| e.1);
    let mut sum = 0.0f64;
    for e in out.iter_mut() {
        e.1 = fastmath::exp(e.1 - max);
        sum += f64::from(e.1);
    }
    let mut keep = out.len();
    if s.temperature > 0.0 && s.top_p < 1.0 {
        let mut acc = 0.0f64;
        for (i, e) in out.iter().enumerate() {
            acc += f64::from(e.1) / sum;
            if acc >= f64::from(s.top_p) {
                keep = i + 1;
                break;
            }
        }
    }
    out.truncate(keep.max(1));
    let total: f64 = out.iter().map(|e| f64::from(e.1)).sum();
    for e in out.iter_mut() {
        e.1 = (f64::from(e.1) / total) as f32;
    }
}

/// Draws from a distribution made by [`distribution`] (greedy at
/// temperature 0: its first entry).
pub fn choose(dist: &[(u32, f32)], s: &Sampling, rng: &mut Rng) -> u32 {
    if s.temperature <= 0.0 {
        return dist[0].0;
    }
    let mut u = rng.next_f64();
    for &(id, p) in dist {
        u -= f64::from(p);
        if u < 0.0 {
            return id;
        }
    }
    dist[dist.len() - 1].0
}

impl Gpt {
    /// Generates `n` tokens after `prompt` (at least one token) through the
    /// KV cache: the prompt is fed one position at a time, then each new
    /// token. When the cache is full (P positions), it starts again from
    /// the last P/2 tokens, so generation may run past the context.
    pub fn generate(&self, prompt: &[u32], n: usize, s: &Sampling, rng: &mut Rng) -> Vec<u32> {
        assert!(!prompt.is_empty(), "Gpt::generate: an empty prompt");
        let p = self.config.context;
        let mut cache = self.kv_cache();
        let mut seq = prompt.to_vec();
        let start = seq.len().saturating_sub(p - 1);
        for &id in &seq[start..] {
            self.step_cached(&mut cache, id);
        }
        let mut dist = Vec::new();
        for _ in 0..n {
            distribution(cache.logits(), s, &mut dist);
            let id = choose(&dist, s, rng);
            seq.push(id);
            if cache.len() == p {
                cache.clear();
                for &x in &seq[seq.len() - p / 2 - 1..seq.len() - 1] {
                    self.step_cached(&mut cache, x);
                }
            }
            self.step_cached(&mut cache, id);
        }
        seq.split_off(prompt.len())
    }

    /// As [`Gpt::generate`], without a cache: a forward pass over the last
    /// P tokens for every new token (what the cache saves).
    pub fn generate_uncached(
        &mut self,
        prompt: &[u32],
        n: usize,
        s: &Sampling,
        rng: &mut Rng,
    ) -> Vec<u32> {
        assert!(
            !prompt.is_empty(),
            "Gpt::generate_uncached: an empty prompt"
        );
        let (p, v) = (self.config.context, self.config.vocab);
        let mut seq = prompt.to_vec();
        let mut dist = Vec::new();
        for _ in 0..n {
            let window = &seq[seq.len().saturating_sub(p)..];
            let t = window.len();
            let logits = &self.logits(window, 1, t)[(t - 1) * v..];
            distribution(logits, s, &mut dist);
            seq.push(choose(&dist, s, rng));
        }
        seq.split_off(prompt.len())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn temperature_top_k_and_top_p() {
        let logits = [1.0, 3.0, 2.0, 3.0];
        let mut d = Vec::new();
        let greedy = Sampling {
            temperature: 0.0,
            ..Sampling::default()
        };
        distribution(&logits, &greedy, &mut d);
        assert_eq!(d.iter().map(|e| e.0).collect::<Vec<_>>(), [1, 3, 2, 0]);
        assert_eq!(choose(&d, &greedy, &mut Rng::new(1)), 1);
        let sum: f32 = d.iter().map(|e| e.1).sum();
        assert!((sum - 1.0).abs() < 1e-6);
        distribution(
            &logits,
            &Sampling {
                temperature: 1.0,
                top_k: 2,
                top_p: 1.0,
            },
            &mut d,
        );
        assert_eq!(d.len(), 2);
        assert!((d[0].1 - 0.5).abs() < 1e-6);
        // The two likeliest hold 0.3995 each: top-p 0.3 keeps one, 0.6
        // keeps both.
        distribution(
            &logits,
            &Sampling {
                temperature: 1.0,
                top_k: 0,
                top_p: 0.3,
            },
            &mut d,
        );
        assert_eq!(d.len(), 1);
        distribution(
            &logits,
            &Sampling {
                temperature: 1.0,
                top_k: 0,
                top_p: 0.6,
            },
            &mut d,
        );
        assert_eq!(d.len(), 2);
        // A low temperature sharpens.
        distribution(
            &logits,
            &Sampling {
                temperature: 0.1,
                top_k: 0,
                top_p: 1.0,
            },
            &mut d,
        );
        assert!(d[2].1 < 1e-4);
        let mut r = Rng::new(2);
        let draws: Vec<u32> = (0..200)
            .map(|_| choose(&d, &Sampling::default(), &mut r))
            .collect();
        assert!(draws.iter().all(|&x| x == 1 || x == 3));
    }
}
