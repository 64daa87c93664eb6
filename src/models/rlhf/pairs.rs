//! What the reward model and DPO learn from (pairs of sequences, the
//! preferred one first) and what the policy samples from (prompts).
//! Sequences of one set share one length S: a prompt of Lp tokens and a
//! completion of S − Lp tokens.

use crate::models::Dataset;

/// A batch of P pairs: `winners` and `losers` [P,S], row i of each a pair.
#[derive(Clone, Debug, Default)]
pub struct Pairs {
    pub winners: Vec<u32>,
    pub losers: Vec<u32>,
    pub count: usize,
    /// S, tokens per sequence.
    pub len: usize,
    /// Lp, the prompt's tokens at the start of each sequence.
    pub prompt: usize,
}

/// Preference pairs of sequences of S tokens (prompt Lp tokens).
#[derive(Clone, Debug, Default)]
pub struct PairSet {
    winners: Vec<u32>,
    losers: Vec<u32>,
    len: usize,
    prompt: usize,
}

impl PairSet {
    /// An empty set for sequences of `len` tokens after a prompt of
    /// `prompt` tokens.
    pub fn new(len: usize, prompt: usize) -> Self {
        assert!(
            prompt < len,
            "PairSet: prompt {prompt} is not shorter than {len}"
        );
        PairSet {
            winners: Vec::new(),
            losers: Vec::new(),
            len,
            prompt,
        }
    }

    /// Adds a pair, the preferred sequence first; refuses other lengths.
    pub fn push(&mut self, winner: &[u32], loser: &[u32]) -> Result<(), String> {
        if winner.len() != self.len || loser.len() != self.len {
            return Err(format!(
                "PairSet: sequences of {} and {} tokens, expected {}",
                winner.len(),
                loser.len(),
                self.len
            ));
        }
        self.winners.extend_from_slice(winner);
        self.losers.extend_from_slice(loser);
        Ok(())
    }

    /// S and Lp.
    pub fn shape(&self) -> (usize, usize) {
        (self.len, self.prompt)
    }

    /// Pair `i`: (winner, loser).
    pub fn pair(&self, i: usize) -> (&[u32], &[u32]) {
        let r = i * self.len..(i + 1) * self.len;
        (&self.winners[r.clone()], &self.losers[r])
    }

    /// Forgets every pair.
    pub fn clear(&mut self) {
        self.winners.clear();
        self.losers.clear();
    }
}

impl Dataset<Pairs> for PairSet {
    fn len(&self) -> usize {
        self.winners.len() / self.len.max(1)
    }

    fn gather(&self, indices: &[u32], batch: &mut Pairs) {
        batch.winners.clear();
        batch.losers.clear();
        for &i in indices {
            let (w, l) = self.pair(i as usize);
            batch.winners.extend_from_slice(w);
            batch.losers.extend_from_slice(l);
        }
        batch.count = indices.len();
        batch.len = self.len;
        batch.prompt = self.prompt;
    }
}

/// A batch of prompts [B,Lp].
#[derive(Clone, Debug, Default)]
pub struct Prompts {
    pub ids: Vec<u32>,
    pub count: usize,
    pub len: usize,
}

/// Prompts of Lp tokens each.
#[derive(Clone, Debug)]
pub struct PromptSet {
    ids: Vec<u32>,
    len: usize,
}

impl PromptSet {
    /// Prompts of `len` tokens; `ids` holds them one after the other.
    pub fn new(ids: Vec<u32>, len: usize) -> Result<Self, String> {
        if len == 0 || ids.is_empty() || !ids.len().is_multiple_of(len) {
            return Err(format!(
                "PromptSet: {} tokens are not whole prompts of {len}",
                ids.len()
            ));
        }
        Ok(PromptSet { ids, len })
    }

    /// Prompt `i`.
    pub fn prompt(&self, i: usize) -> &[u32] {
        &self.ids[i * self.len..(i + 1) * self.len]
    }

    /// Lp.
    pub fn prompt_len(&self) -> usize {
        self.len
    }
}

impl Dataset<Prompts> for PromptSet {
    fn len(&self) -> usize {
        self.ids.len() / self.len
    }

    fn gather(&self, indices: &[u32], batch: &mut Prompts) {
        batch.ids.clear();
        for &i in indices {
            batch.ids.extend_from_slice(self.prompt(i as usize));
        }
        batch.count = indices.len();
        batch.len = self.len;
    }
}
