//! Learning byte-pair merges on a training text, one merge at a time: count
//! every pair of adjacent tokens, merge the most frequent pair everywhere
//! (leftmost occurrence first, so "aaa" becomes "aa" + "a"), and repeat.
//! Ties go to the pair of smallest ids, so the merges are the same on every
//! machine.
//!
//! The counts are kept up to date as each merge rewrites its neighbours
//! (only the pairs around a merged position change), and every pair knows
//! where it occurs, so a merge costs time in proportion to its occurrences
//! plus one scan of the distinct pairs, not a pass over the whole text.

use super::tokenizer::{Merge, Tokenizer};
use std::collections::HashMap;

const NONE: u32 = u32::MAX;

/// A tokenizer being learned on one text.
pub struct BpeLearner {
    tokenizer: Tokenizer,
    /// The text's ids under the current merges; dead slots are skipped.
    ids: Vec<u32>,
    next: Vec<u32>,
    prev: Vec<u32>,
    alive: Vec<bool>,
    /// Occurrences of each adjacent pair in the current sequence.
    counts: HashMap<(u32, u32), i64>,
    /// Positions (of the left token) where each pair may occur; entries
    /// made stale by later merges are checked and skipped.
    places: HashMap<(u32, u32), Vec<u32>>,
}

impl BpeLearner {
    /// Starts from the characters of `text`.
    pub fn new(text: &str) -> Self {
        let tokenizer = Tokenizer::characters(text);
        let mut ids = Vec::new();
        tokenizer.char_ids(text, &mut ids);
        let n = ids.len() as u32;
        let next = (1..=n).map(|i| if i == n { NONE } else { i }).collect();
        let prev = (0..n).map(|i| if i == 0 { NONE } else { i - 1 }).collect();
        let mut l = BpeLearner {
            tokenizer,
            alive: vec![true; ids.len()],
            ids,
            next,
            prev,
            counts: HashMap::new(),
            places: HashMap::new(),
        };
        for i in 0..l.ids.len().saturating_sub(1) {
            let pair = (l.ids[i], l.ids[i + 1]);
            l.add(pair, i as u32);
        }
        l
    }

    fn add(&mut self, pair: (u32, u32), at: u32) {
        *self.counts.entry(pair).or_insert(0) += 1;
        self.places.entry(pair).or_default().push(at);
    }

    fn remove(&mut self, pair: (u32, u32)) {
        if let Some(c) = self.counts.get_mut(&pair) {
            *c -= 1;
            if *c <= 0 {
                self.counts.remove(&pair);
            }
        }
    }

    /// The tokenizer learned so far.
    pub fn tokenizer(&self) -> &Tokenizer {
        &self.tokenizer
    }

    /// The text's ids under the merges so far.
    pub fn ids(&self) -> Vec<u32> {
        self.ids
            .iter()
            .zip(&self.alive)
            .filter(|(_, &a)| a)
            .map(|(&i, _)| i)
            .collect()
    }

    /// The most frequent pair (smallest ids among equals) and its count.
    fn best(&self) -> Option<((u32, u32), i64)> {
        self.counts
            .iter()
            .map(|(&p, &c)| (p, c))
            .max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(&a.0)))
    }

    /// Learns one more merge, unless no pair occurs twice or the vocabulary
    /// would grow past `max_vocab`; returns it.
    pub fn step(&mut self, max_vocab: usize) -> Option<Merge> {
        let ((a, b), count) = self.best()?;
        if count < 2 || self.tokenizer.vocab_size() >= max_vocab {
            return None;
        }
        let m = self.tokenizer.add_merge(a, b, count as u32);
        let mut at = self.places.remove(&(a, b)).unwrap_or_default();
        at.sort_unstable();
        for p in at {
            let pi = p as usize;
            let q = self.next[pi];
            if !self.alive[pi] || self.ids[pi] != a || q == NONE || self.ids[q as usize] != b {
                continue;
            }
            let (pp, nn) = (self.prev[pi], self.next[q as usize]);
            if pp != NONE {
                let left = self.ids[pp as usize];
                self.remove((left, a));
                self.add((left, m.result), pp);
            }
            if nn != NONE {
                let right = self.ids[nn as usize];
                self.remove((b, right));
                self.add((m.result, right), p);
            }
            self.remove((a, b));
            self.ids[pi] = m.result;
            self.alive[q as usize] = false;
            self.next[pi] = nn;
            if nn != NONE {
                self.prev[nn as usize] = p;
            }
        }
        Some(m)
    }
}

/// The tokenizer of `text`'s characters plus up to `merges` merges learned
/// on it (fewer if no pair repeats or the vocabulary reaches `max_vocab`).
pub fn learn(text: &str, merges: usize, max_vocab: usize) -> Tokenizer {
    let mut l = BpeLearner::new(text);
    for _ in 0..merges {
        if l.step(max_vocab).is_none() {
            break;
        }
    }
    l.tokenizer
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn learns_the_most_frequent_pair_and_keeps_counts() {
        // "ab" 3 times, "ca" twice.
        let mut l = BpeLearner::new("abcabcab");
        let m = l.step(100).unwrap();
        let t = l.tokenizer();
        assert_eq!((t.token(m.left), t.token(m.right), m.count), ("a", "b", 3));
        // "ab c ab c ab": (ab, c) and (c, ab) both twice; the tie goes to
        // the smaller ids, c = 3 before ab = 4.
        let m = l.step(100).unwrap();
        assert_eq!((l.tokenizer().token(m.result), m.count), ("cab", 2));
        // The learner's sequence is what encoding gives.
        assert_eq!(l.ids(), l.tokenizer().encode("abcabcab"));
        // Overlaps: "aaaaa" has four (a, a) pairs but two merges.
        let mut l = BpeLearner::new("aaaaa");
        let m = l.step(100).unwrap();
        assert_eq!(m.count, 4);
        assert_eq!(l.tokenizer().token(m.result), "aa");
        assert_eq!(l.ids().len(), 3);
        // Then "aa aa a": no pair occurs twice, so learning stops.
        assert_eq!(l.step(100), None);
        assert_eq!(l.ids(), l.tokenizer().encode("aaaaa"));
    }
}
