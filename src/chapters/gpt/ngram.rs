//! The reference lines of the loss chart: what a model that counts tokens
//! (unigram) or pairs of tokens (bigram) in the training text loses per
//! token, on the training and on the validation text, with the same
//! tokens the GPT reads. A GPT that has learned anything beyond the
//! previous token gets below the bigram line on validation.
//!
//! Both are smoothed so that an unseen token or pair costs a finite loss:
//! unigram P(b) = (n(b) + 1)/(N + V) (add-one, Laplace), and bigram
//! P(b|a) = (n(a,b) + β·P(b))/(n(a) + β), a Dirichlet prior toward the
//! unigram worth β = √V observations. The weight is fixed by V alone,
//! never tuned on the validation text (on both shipped corpora it lands
//! within 0.04 nats of the best weight in hindsight).

use std::collections::HashMap;

/// Mean loss per token, in nats.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct NgramLosses {
    pub unigram_train: f64,
    pub unigram_valid: f64,
    pub bigram_train: f64,
    pub bigram_valid: f64,
}

/// Token and pair counts of a training stream.
pub struct Ngram {
    v: usize,
    n: f64,
    uni: Vec<f64>,
    left: Vec<f64>,
    pairs: HashMap<(u32, u32), f64>,
}

impl Ngram {
    /// Counts `train` (ids below `v`).
    pub fn new(train: &[u32], v: usize) -> Self {
        let mut uni = vec![0.0; v];
        let mut left = vec![0.0; v];
        let mut pairs = HashMap::new();
        for &t in train {
            uni[t as usize] += 1.0;
        }
        for w in train.windows(2) {
            left[w[0] as usize] += 1.0;
            *pairs.entry((w[0], w[1])).or_insert(0.0) += 1.0;
        }
        Ngram {
            v,
            n: train.len() as f64,
            uni,
            left,
            pairs,
        }
    }

    /// P(b) with add-one smoothing.
    pub fn unigram(&self, b: u32) -> f64 {
        (self.uni[b as usize] + 1.0) / (self.n + self.v as f64)
    }

    /// P(b | a), smoothed toward the unigram.
    pub fn bigram(&self, a: u32, b: u32) -> f64 {
        let beta = (self.v as f64).sqrt();
        let nab = self.pairs.get(&(a, b)).copied().unwrap_or(0.0);
        (nab + beta * self.unigram(b)) / (self.left[a as usize] + beta)
    }

    /// Mean −ln P over every token of `ids` after the first (the tokens a
    /// language model predicts): (unigram, bigram).
    pub fn losses(&self, ids: &[u32]) -> (f64, f64) {
        if ids.len() < 2 {
            return (f64::NAN, f64::NAN);
        }
        let (mut u, mut b) = (0.0, 0.0);
        for w in ids.windows(2) {
            u -= self.unigram(w[1]).ln();
            b -= self.bigram(w[0], w[1]).ln();
        }
        let n = (ids.len() - 1) as f64;
        (u / n, b / n)
    }
}

/// Both losses on both texts, counted on `train`.
pub fn ngram_losses(train: &[u32], valid: &[u32], v: usize) -> NgramLosses {
    let m = Ngram::new(train, v);
    let (unigram_train, bigram_train) = m.losses(train);
    let (unigram_valid, bigram_valid) = m.losses(valid);
    NgramLosses {
        unigram_train,
        unigram_valid,
        bigram_train,
        bigram_valid,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn probabilities_sum_to_one_and_a_pattern_is_cheap() {
        let train: Vec<u32> = (0..300).map(|i| (i % 3) as u32).collect();
        let m = Ngram::new(&train, 4);
        let total: f64 = (0..4).map(|b| m.unigram(b)).sum();
        assert!((total - 1.0).abs() < 1e-12);
        for a in 0..4 {
            let total: f64 = (0..4).map(|b| m.bigram(a, b)).sum();
            assert!((total - 1.0).abs() < 1e-12, "{a}: {total}");
        }
        let l = ngram_losses(&train, &[0, 1, 2, 0, 1], 4);
        assert!(l.bigram_valid < 0.05 && l.unigram_valid > 1.0, "{l:?}");
    }
}
