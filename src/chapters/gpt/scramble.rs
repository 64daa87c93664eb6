//! The scrambled-sentence experiment: shuffle the letters inside every
//! word, keeping its first and last in place ("Aoccdrnig to a rscheearch…",
//! the internet's version of a 1976 thesis by Graham Rawlinson; the essay
//! this playground follows gives a Chinese example, 研表究明, where the
//! characters inside each phrase are swapped). People read such text
//! almost as fast; the chapter measures what a small model makes of it.
//!
//! A word is a maximal run of letters of one kind: Han characters (a
//! phrase between punctuation marks, for Chinese) or other letters and
//! digits (an English word). Everything else stays where it was.

use crate::rng::Rng;

/// Whether `c` is a Han (Chinese) character.
fn is_han(c: char) -> bool {
    matches!(c as u32, 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x2FA1F)
}

/// 0: not a letter, 1: Han, 2: another letter or digit.
fn kind(c: char) -> u8 {
    if is_han(c) {
        1
    } else if c.is_alphanumeric() {
        2
    } else {
        0
    }
}

/// `text` with the inner letters of every word shuffled by a generator
/// seeded with `seed`; a word whose inner letters can be reordered is
/// never left as it was (a few draws are tried, then its inner letters are
/// rotated by one).
pub fn scramble(text: &str, seed: u64) -> String {
    let mut rng = Rng::new(seed);
    let chars: Vec<char> = text.chars().collect();
    let mut out = chars.clone();
    let mut i = 0;
    while i < chars.len() {
        let k = kind(chars[i]);
        let mut j = i + 1;
        while j < chars.len() && k != 0 && kind(chars[j]) == k {
            j += 1;
        }
        if k != 0 && j - i >= 4 {
            let inner = &mut out[i + 1..j - 1];
            let original: Vec<char> = inner.to_vec();
            let movable = original.iter().any(|&c| c != original[0]);
            for _ in 0..8 {
                rng.shuffle(inner);
                if !movable || inner != original.as_slice() {
                    break;
                }
            }
            if movable && inner == original.as_slice() {
                inner.rotate_left(1);
            }
        }
        i = j;
    }
    out.into_iter().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shuffles_inside_words_only() {
        let s = "According to research, reading order matters little.";
        let t = scramble(s, 1);
        assert_ne!(s, t);
        for (a, b) in s.split(' ').zip(t.split(' ')) {
            assert_eq!(a.len(), b.len());
            assert_eq!(a.chars().next(), b.chars().next());
            assert_eq!(a.chars().last(), b.chars().last());
            let (mut x, mut y): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
            x.sort_unstable();
            y.sort_unstable();
            assert_eq!(x, y);
        }
        assert_eq!(scramble(s, 1), t, "the same seed, the same shuffle");
        // Chinese: each phrase between punctuation keeps its ends.
        let zh = "床前明月光，疑是地上霜。";
        let z = scramble(zh, 3);
        let c: Vec<char> = z.chars().collect();
        assert_eq!(
            (c[0], c[4], c[5], c[6], c[10], c[11]),
            ('床', '光', '，', '疑', '霜', '。')
        );
        assert_ne!(z, zh);
        // Words of three letters or fewer, and punctuation, never move.
        assert_eq!(scramble("a an the, 春天。", 5), "a an the, 春天。");
    }
}
