//! Tokens: characters first, then byte-pair merges (Sennrich, Haddow and
//! Birch, 2016, after Gage's 1994 compression scheme), as GPT-2 cuts text.
//!
//! The vocabulary starts with `<unk>` (id 0, for any character the
//! training text never showed) and every character of the training text in
//! order of first appearance; each merge then adds the concatenation of two
//! tokens. Encoding works on Unicode scalar values (Rust `char`s) with no
//! normalisation and no pre-tokenisation: the whole text is one sequence,
//! spaces and newlines are characters like any other, and merges may span
//! them. Merges apply in the order they were learned: the pair with the
//! earliest merge anywhere in the sequence, leftmost first, until none
//! applies — exactly what Hugging Face `tokenizers`' BPE model does for one
//! pre-token, so an exported `tokenizer.json` (see `hf_json.rs`) gives the
//! same ids.

use std::cmp::Reverse;
use std::collections::{BinaryHeap, HashMap};

/// The unknown token's text and id.
pub const UNK: &str = "<unk>";
pub const UNK_ID: u32 = 0;

/// One learned merge: the pair of token ids, the token they make, and how
/// often the pair occurred in the training text when it was chosen.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Merge {
    pub left: u32,
    pub right: u32,
    pub result: u32,
    pub count: u32,
}

/// A character vocabulary plus ordered merges.
#[derive(Clone, Debug, Default)]
pub struct Tokenizer {
    /// Token text by id.
    tokens: Vec<String>,
    /// Id by token text.
    ids: HashMap<String, u32>,
    /// Id of every base character.
    chars: HashMap<char, u32>,
    merges: Vec<Merge>,
    /// (left, right) → (rank, result).
    ranks: HashMap<(u32, u32), (u32, u32)>,
}

impl Tokenizer {
    /// Characters of `text` (in order of first appearance) after `<unk>`,
    /// no merges.
    pub fn characters(text: &str) -> Self {
        let mut t = Tokenizer::default();
        t.push_token(UNK.to_string());
        for c in text.chars() {
            if !t.chars.contains_key(&c) {
                let id = t.push_token(c.to_string());
                t.chars.insert(c, id);
            }
        }
        t
    }

    /// Adds a token text (or finds it, if a merge made it before).
    fn push_token(&mut self, text: String) -> u32 {
        if let Some(&id) = self.ids.get(&text) {
            return id;
        }
        let id = self.tokens.len() as u32;
        self.ids.insert(text.clone(), id);
        self.tokens.push(text);
        id
    }

    /// Records a merge of two tokens seen `count` times; returns it. The
    /// result is a new token, unless another pair already made the same
    /// text (then both pairs give that token, as in a `tokenizer.json`).
    pub fn add_merge(&mut self, left: u32, right: u32, count: u32) -> Merge {
        let text = format!(
            "{}{}",
            self.tokens[left as usize], self.tokens[right as usize]
        );
        let result = self.push_token(text);
        let m = Merge {
            left,
            right,
            result,
            count,
        };
        self.ranks
            .insert((left, right), (self.merges.len() as u32, result));
        self.merges.push(m);
        m
    }

    /// Drops every merge after the first `n` (and the tokens only they made).
    pub fn truncate_merges(&mut self, n: usize) {
        if n >= self.merges.len() {
            return;
        }
        self.merges.truncate(n);
        // Merges make tokens in increasing ids, so the tokens past the
        // last kept result were all made by dropped merges.
        let base = 1 + self.chars.len();
        let keep = self
            .merges
            .iter()
            .map(|m| m.result as usize + 1)
            .fold(base, usize::max);
        for t in self.tokens.drain(keep..) {
            self.ids.remove(&t);
        }
        self.ranks = self
            .merges
            .iter()
            .enumerate()
            .map(|(r, m)| ((m.left, m.right), (r as u32, m.result)))
            .collect();
    }

    /// Number of tokens (V).
    pub fn vocab_size(&self) -> usize {
        self.tokens.len()
    }

    /// Number of base characters (without `<unk>`).
    pub fn char_count(&self) -> usize {
        self.chars.len()
    }

    /// The merges in the order learned.
    pub fn merges(&self) -> &[Merge] {
        &self.merges
    }

    /// Text of token `id` (`<unk>` for 0); empty for an id out of range.
    pub fn token(&self, id: u32) -> &str {
        self.tokens.get(id as usize).map_or("", String::as_str)
    }

    /// Every token's text, by id.
    pub fn tokens(&self) -> &[String] {
        &self.tokens
    }

    /// The id of a token's text, if it is in the vocabulary.
    pub fn id(&self, text: &str) -> Option<u32> {
        self.ids.get(text).copied()
    }

    /// The ids of `text`'s characters (`<unk>` for unseen ones), before
    /// any merge.
    pub fn char_ids(&self, text: &str, out: &mut Vec<u32>) {
        out.clear();
        out.extend(
            text.chars()
                .map(|c| self.chars.get(&c).copied().unwrap_or(UNK_ID)),
        );
    }

    /// Token ids of `text`.
    pub fn encode(&self, text: &str) -> Vec<u32> {
        let mut ids = Vec::new();
        self.char_ids(text, &mut ids);
        self.apply_merges(&mut ids);
        ids
    }

    /// Applies the merges to a sequence of ids in place: the pair of lowest
    /// rank first, leftmost among equals, with a heap of candidate pairs
    /// over a linked list of symbols (O(n log n)).
    pub fn apply_merges(&self, ids: &mut Vec<u32>) {
        let n = ids.len();
        if n < 2 || self.merges.is_empty() {
            return;
        }
        const NONE: usize = usize::MAX;
        let mut next: Vec<usize> = (1..=n).map(|i| if i == n { NONE } else { i }).collect();
        let mut prev: Vec<usize> = (0..n).map(|i| if i == 0 { NONE } else { i - 1 }).collect();
        let mut alive = vec![true; n];
        // (rank, position, left id, right id), smallest first.
        let mut heap = BinaryHeap::new();
        let push =
            |heap: &mut BinaryHeap<Reverse<(u32, usize, u32, u32)>>, pos: usize, a: u32, b: u32| {
                if let Some(&(rank, _)) = self.ranks.get(&(a, b)) {
                    heap.push(Reverse((rank, pos, a, b)));
                }
            };
        for i in 0..n - 1 {
            push(&mut heap, i, ids[i], ids[i + 1]);
        }
        while let Some(Reverse((rank, pos, a, b))) = heap.pop() {
            let r = next[pos];
            if !alive[pos] || ids[pos] != a || r == NONE || ids[r] != b {
                continue;
            }
            let result = self.merges[rank as usize].result;
            ids[pos] = result;
            alive[r] = false;
            let rr = next[r];
            next[pos] = rr;
            if rr != NONE {
                prev[rr] = pos;
                push(&mut heap, pos, result, ids[rr]);
            }
            let p = prev[pos];
            if p != NONE {
                push(&mut heap, p, ids[p], result);
            }
        }
        let mut w = 0;
        for i in 0..n {
            if alive[i] {
                ids[w] = ids[i];
                w += 1;
            }
        }
        ids.truncate(w);
    }

    /// The text of a sequence of ids (ids out of range are skipped).
    pub fn decode(&self, ids: &[u32]) -> String {
        ids.iter().map(|&i| self.token(i)).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn characters_then_merges_in_rank_order() {
        let mut t = Tokenizer::characters("abc");
        assert_eq!(t.tokens(), ["<unk>", "a", "b", "c"]);
        let ab = t.add_merge(1, 2, 5).result;
        let abc = t.add_merge(ab, 3, 4).result;
        assert_eq!((ab, abc), (4, 5));
        assert_eq!(t.encode("abcab"), [5, 4]);
        assert_eq!(t.encode("xab"), [UNK_ID, 4]);
        // "aaa" with the merge "a a": leftmost first.
        let mut u = Tokenizer::characters("a");
        let aa = u.add_merge(1, 1, 2).result;
        assert_eq!(u.encode("aaa"), [aa, 1]);
        // The same text from two pairs is one token.
        let mut v = Tokenizer::characters("abc");
        let ab = v.add_merge(1, 2, 1).result;
        let bc = v.add_merge(2, 3, 1).result;
        let x = v.add_merge(ab, 3, 1).result;
        let y = v.add_merge(1, bc, 1).result;
        assert_eq!(x, y);
        assert_eq!(v.vocab_size(), 7);
        v.truncate_merges(2);
        assert_eq!(v.vocab_size(), 6);
        assert_eq!(v.encode("abc"), [ab, 3]);
    }
}
