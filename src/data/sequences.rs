//! Sequence tasks for the recurrent chapter, seeded: each needs a memory
//! over a distance the reader sets.
//!
//! - **Memory**: the first symbol (A–D), then N distractors drawn from
//!   four others (w–z), then a query mark `?`; the answer, due at the
//!   query, is the first symbol. Chance is 1/4. (As in Hochreiter and
//!   Schmidhuber's experiments, the distractors differ from the symbols to
//!   remember, so what matters is the span, not telling them apart.)
//! - **Brackets**: a string of round brackets of length N (rounded up to
//!   even), then `?`; the answer is whether the string is balanced. Half
//!   are balanced (a random Dyck word); the others are a balanced word
//!   with one bracket flipped, so they cannot be told apart by length.
//! - **Addition**: two N-bit numbers read one pair of bits per step, least
//!   significant first, then one pair (0, 0); at every step the answer is
//!   the sum's bit there (the last one is the carry out).
//! - **Text**: windows of N characters of a text; at every step the answer
//!   is the next character. Each window starts from a zero state, so the
//!   gradient flows back at most N steps (truncated backpropagation
//!   through time).
//!
//! Symbols are ids; `y` holds [`IGNORE`] at the steps whose answer does not
//! count.

use crate::models::Dataset;
use crate::rng::Rng;

/// The answer at this step does not count.
pub const IGNORE: u32 = u32::MAX;

/// Which task.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Task {
    Memory,
    Brackets,
    Addition,
    Text,
}

impl Task {
    /// Stable name (links, the page).
    pub fn name(self) -> &'static str {
        match self {
            Task::Memory => "memory",
            Task::Brackets => "brackets",
            Task::Addition => "addition",
            Task::Text => "text",
        }
    }

    /// The task of a stable name.
    pub fn from_name(name: &str) -> Option<Task> {
        [Task::Memory, Task::Brackets, Task::Addition, Task::Text]
            .into_iter()
            .find(|t| t.name() == name)
    }

    /// Time steps of one sequence at distance `n` (for text: the window).
    pub fn steps(self, n: usize) -> usize {
        let n = n.max(1);
        match self {
            Task::Memory => n + 2,
            Task::Brackets => n.div_ceil(2) * 2 + 1,
            Task::Addition => n + 1,
            Task::Text => n,
        }
    }
}

/// Input symbols of the memory task: A–D to remember, w–z distractors,
/// then `?`.
pub const MEMORY_SYMBOLS: &str = "ABCDwxyz?";
/// Input symbols of the brackets task.
pub const BRACKET_SYMBOLS: &str = "()?";
/// Input symbols of the addition task: the bit pairs (a, b) as a + 2b.
pub const ADDITION_SYMBOLS: &[&str] = &["00", "10", "01", "11"];

/// Sequences of one length `steps`: inputs `x` [N, T] (ids below
/// `inputs`), answers `y` [N, T] (ids below `classes`, or [`IGNORE`]).
#[derive(Clone, Debug, Default)]
pub struct Sequences {
    pub steps: usize,
    pub inputs: usize,
    pub classes: usize,
    pub x: Vec<u32>,
    pub y: Vec<u32>,
}

/// A batch of sequences (the trainer's buffer, refilled in place).
#[derive(Clone, Debug, Default)]
pub struct SeqBatch {
    pub steps: usize,
    pub x: Vec<u32>,
    pub y: Vec<u32>,
}

impl SeqBatch {
    /// Sequences in the batch.
    pub fn len(&self) -> usize {
        if self.steps == 0 {
            0
        } else {
            self.x.len() / self.steps
        }
    }

    /// Whether it holds none.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

impl Dataset<SeqBatch> for Sequences {
    fn len(&self) -> usize {
        if self.steps == 0 {
            0
        } else {
            self.x.len() / self.steps
        }
    }

    fn gather(&self, indices: &[u32], batch: &mut SeqBatch) {
        let t = self.steps;
        batch.steps = t;
        batch.x.clear();
        batch.y.clear();
        for &i in indices {
            let at = i as usize * t;
            batch.x.extend_from_slice(&self.x[at..at + t]);
            batch.y.extend_from_slice(&self.y[at..at + t]);
        }
    }
}

impl Sequences {
    fn empty(steps: usize, inputs: usize, classes: usize, n: usize) -> Self {
        Sequences {
            steps,
            inputs,
            classes,
            x: Vec::with_capacity(n * steps),
            y: Vec::with_capacity(n * steps),
        }
    }

    /// `n` memory sequences with `distractors` symbols between the first
    /// and the query.
    pub fn memory(n: usize, distractors: usize, r: &mut Rng) -> Self {
        let t = Task::Memory.steps(distractors);
        let mut s = Sequences::empty(t, 9, 4, n);
        for _ in 0..n {
            let first = r.below(4) as u32;
            s.x.push(first);
            s.x.extend((0..t - 2).map(|_| 4 + r.below(4) as u32));
            s.x.push(8);
            s.y.extend(std::iter::repeat_n(IGNORE, t - 1));
            s.y.push(first);
        }
        s
    }

    /// `n` bracket strings of length `length` (rounded up to even), half
    /// balanced; answer 1 = balanced, 0 = not.
    pub fn brackets(n: usize, length: usize, r: &mut Rng) -> Self {
        let t = Task::Brackets.steps(length);
        let len = t - 1;
        let mut s = Sequences::empty(t, 3, 2, n);
        for k in 0..n {
            let at = s.x.len();
            // A random Dyck word: open while there is room to close again.
            let mut depth = 0usize;
            for left in (1..=len).rev() {
                let may_open = depth < left - 1;
                let open = depth == 0 || (may_open && r.below(2) == 0);
                s.x.push(if open { 0 } else { 1 });
                depth = if open { depth + 1 } else { depth - 1 };
            }
            let balanced = k % 2 == 0;
            if !balanced {
                let flip = at + r.below(len);
                s.x[flip] ^= 1;
            }
            s.x.push(2);
            s.y.extend(std::iter::repeat_n(IGNORE, len));
            s.y.push(u32::from(balanced));
        }
        s
    }

    /// `n` additions of two `bits`-bit numbers, bit pairs least
    /// significant first; the answer at every step is the sum's bit.
    pub fn addition(n: usize, bits: usize, r: &mut Rng) -> Self {
        let t = Task::Addition.steps(bits);
        let mut s = Sequences::empty(t, 4, 2, n);
        for _ in 0..n {
            let mut carry = 0u32;
            for step in 0..t {
                let (a, b) = if step + 1 < t {
                    (r.below(2) as u32, r.below(2) as u32)
                } else {
                    (0, 0)
                };
                let sum = a + b + carry;
                s.x.push(a + 2 * b);
                s.y.push(sum & 1);
                carry = sum >> 1;
            }
        }
        s
    }

    /// `n` windows of `window` characters of `text` (ids from `vocab`),
    /// at seeded offsets; the answer at each step is the next character.
    /// Needs `text.len() > window`.
    pub fn text(n: usize, window: usize, text: &[u32], vocab: usize, r: &mut Rng) -> Self {
        let t = Task::Text.steps(window);
        let mut s = Sequences::empty(t, vocab, vocab, n);
        if text.len() <= t {
            return s;
        }
        for _ in 0..n {
            let o = r.below(text.len() - t);
            s.x.extend_from_slice(&text[o..o + t]);
            s.y.extend_from_slice(&text[o + 1..o + t + 1]);
        }
        s
    }
}

/// A text as character ids: its alphabet (sorted, every character that
/// occurs) and the ids.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct CharText {
    pub alphabet: Vec<char>,
    pub ids: Vec<u32>,
}

impl CharText {
    /// Reads `text` (every character kept).
    pub fn new(text: &str) -> Self {
        let mut alphabet: Vec<char> = text.chars().collect();
        alphabet.sort_unstable();
        alphabet.dedup();
        let ids = text
            .chars()
            .map(|c| alphabet.binary_search(&c).unwrap_or(0) as u32)
            .collect();
        CharText { alphabet, ids }
    }

    /// The id of `c`, if it occurs.
    pub fn id(&self, c: char) -> Option<u32> {
        self.alphabet.binary_search(&c).ok().map(|i| i as u32)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tasks_answer_what_they_say() {
        let mut r = Rng::new(3);
        let m = Sequences::memory(50, 20, &mut r);
        assert_eq!((m.steps, m.len()), (22, 50));
        for k in 0..50 {
            let (x, y) = (&m.x[k * 22..(k + 1) * 22], &m.y[k * 22..(k + 1) * 22]);
            assert_eq!((x[21], y[21]), (8, x[0]));
            assert!(x[0] < 4 && x[1..21].iter().all(|&v| (4..8).contains(&v)));
            assert!(y[..21].iter().all(|&v| v == IGNORE));
        }
        let b = Sequences::brackets(40, 9, &mut r);
        assert_eq!(b.steps, 11);
        for k in 0..40 {
            let x = &b.x[k * 11..k * 11 + 10];
            let mut depth = 0i32;
            let mut ok = true;
            for &c in x {
                depth += if c == 0 { 1 } else { -1 };
                ok &= depth >= 0;
            }
            assert_eq!(u32::from(ok && depth == 0), b.y[k * 11 + 10], "{x:?}");
            assert_eq!(b.y[k * 11 + 10], u32::from(k % 2 == 0));
        }
        let a = Sequences::addition(30, 8, &mut r);
        for k in 0..30 {
            let (x, y) = (&a.x[k * 9..(k + 1) * 9], &a.y[k * 9..(k + 1) * 9]);
            let num = |f: &dyn Fn(u32) -> u32| (0..9).map(|i| f(x[i]) << i).sum::<u32>();
            let (p, q) = (num(&|v| v & 1), num(&|v| v >> 1));
            assert_eq!(p + q, (0..9).map(|i| y[i] << i).sum::<u32>());
        }
        let c = CharText::new("abracadabra");
        assert_eq!(c.alphabet, vec!['a', 'b', 'c', 'd', 'r']);
        let w = Sequences::text(5, 4, &c.ids, 5, &mut r);
        assert_eq!((w.len(), w.steps), (5, 4));
        assert_eq!(&w.x[1..4], &w.y[..3]);
    }
}
