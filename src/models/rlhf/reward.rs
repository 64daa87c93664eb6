//! The reward model: the GPT's body (copied from the language model, so it
//! starts from what pre-training learnt) with a scalar head on the last
//! position, `score.weight` [1,C] as in Hugging Face's
//! `GPT2ForSequenceClassification`, trained on preference pairs with the
//! Bradley–Terry loss −log σ(r_w − r_l) (Christiano et al., 2017; Ouyang
//! et al., 2022). Only differences of rewards are learnt: a constant added
//! to every score changes nothing.

use super::pairs::{PairSet, Pairs};
use crate::models::gpt::{Gpt, INIT_STD};
use crate::models::{Dataset, Model};
use crate::nn::{Param, ParamStore};
use crate::ops::{bradley_terry, score_head};
use crate::rng::Rng;

/// Body, head, and the buffers of one step.
pub struct RewardModel {
    pub gpt: Gpt,
    score: Param,
    /// Winners then losers [2P,S].
    ids: Vec<u32>,
    /// Rewards [2P] and their gradient.
    r: Vec<f32>,
    dr: Vec<f32>,
    /// Accuracy of the last batch (share of pairs scored the right way).
    pub last_accuracy: f64,
}

impl RewardModel {
    /// A reward model whose body is a copy of `lm` (its adapters too, if
    /// it has any), every parameter trainable, and whose head is drawn
    /// normal(0, 0.02) from `rng`.
    pub fn from_lm(lm: &Gpt, rng: &mut Rng) -> Self {
        let mut gpt = lm.copy();
        gpt.store.set_frozen("", false);
        let c = gpt.config().n_embd;
        let score = gpt.store.add("score.weight", &[1, c], true);
        for x in score.of_mut(&mut gpt.store.data) {
            *x = (rng.normal() * INIT_STD) as f32;
        }
        RewardModel {
            gpt,
            score,
            ids: Vec::new(),
            r: Vec::new(),
            dr: Vec::new(),
            last_accuracy: f64::NAN,
        }
    }

    /// A copy with a fresh workspace.
    pub fn copy(&self) -> Self {
        RewardModel {
            gpt: self.gpt.copy(),
            score: self.score,
            ids: Vec::new(),
            r: Vec::new(),
            dr: Vec::new(),
            last_accuracy: self.last_accuracy,
        }
    }

    /// Rewards [N] of `n` sequences `ids` [N,S].
    pub fn score(&mut self, ids: &[u32], n: usize, s: usize) -> &[f32] {
        self.gpt.forward_hidden(ids, n, s);
        if self.r.len() < n {
            self.r.resize(n, 0.0);
            self.dr.resize(n, 0.0);
        }
        let io = self.gpt.hidden_io();
        let c = io.hidden.len() / (n * s);
        score_head::forward(&mut self.r[..n], io.hidden, self.score.of(io.data), n, s, c);
        &self.r[..n]
    }

    /// Share of the pairs of `data` whose winner gets the higher reward
    /// (ties count half), scored in chunks of `chunk` pairs.
    pub fn accuracy(&mut self, data: &PairSet, chunk: usize) -> f64 {
        let n = data.len();
        if n == 0 {
            return f64::NAN;
        }
        let mut batch = Pairs::default();
        let mut right = 0.0;
        let idx: Vec<u32> = (0..n as u32).collect();
        for part in idx.chunks(chunk.max(1)) {
            data.gather(part, &mut batch);
            right += self.batch_accuracy(&batch) * part.len() as f64;
        }
        right / n as f64
    }

    /// Scores winners and losers of `batch` together; the rewards land in
    /// `r` [2P] and the share scored right is returned.
    fn batch_accuracy(&mut self, batch: &Pairs) -> f64 {
        let (p, s) = (batch.count, batch.len);
        self.ids.clear();
        self.ids.extend_from_slice(&batch.winners);
        self.ids.extend_from_slice(&batch.losers);
        let ids = std::mem::take(&mut self.ids);
        let r = self.score(&ids, 2 * p, s);
        let right: f64 = (0..p)
            .map(|i| match r[i].partial_cmp(&r[p + i]) {
                Some(std::cmp::Ordering::Greater) => 1.0,
                Some(std::cmp::Ordering::Equal) => 0.5,
                _ => 0.0,
            })
            .sum();
        self.ids = ids;
        right / p.max(1) as f64
    }
}

impl Model for RewardModel {
    type Batch = Pairs;

    fn store(&self) -> &ParamStore {
        &self.gpt.store
    }

    fn store_mut(&mut self) -> &mut ParamStore {
        &mut self.gpt.store
    }

    /// Bradley–Terry loss of the batch's pairs, its gradient through the
    /// head and the body.
    fn gradient(&mut self, batch: &Pairs, _rng: &mut Rng) -> f64 {
        let (p, s) = (batch.count, batch.len);
        self.last_accuracy = self.batch_accuracy(batch);
        let (rw, rl) = self.r[..2 * p].split_at(p);
        let loss = bradley_terry::forward(rw, rl, p);
        let (dw, dl) = self.dr[..2 * p].split_at_mut(p);
        bradley_terry::backward(dw, dl, rw, rl, p);
        let io = self.gpt.hidden_io();
        let c = io.hidden.len() / (2 * p * s);
        score_head::backward(
            io.dhidden,
            self.score.of_mut(io.grad),
            &self.dr[..2 * p],
            io.hidden,
            self.score.of(io.data),
            2 * p,
            s,
            c,
        );
        self.gpt.backward_hidden(&self.ids);
        loss
    }
}
