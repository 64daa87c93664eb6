//! Automatic labellers: stated rules that stand in for the person who says
//! which of two samples is better, for readers who do not want to click a
//! hundred times and for the tests. Each rule scores a text; the higher
//! score is preferred, and equal scores are "same" (no pair).

/// A rule over the text of a completion.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Rule {
    /// Prefers texts with more occurrences of this character.
    Contains(char),
    /// Prefers texts whose first line is shorter (fewer characters before
    /// the first line break, or the whole text without one).
    ShortLines,
    /// A letter rule for rhyme in English prose (the novel has no verse
    /// lines to end): prefers texts with more pairs of words that end in
    /// the same two letters, compared without case ("ship … whip",
    /// "sea … tea"). A word is a run of letters of two or more; a word
    /// cut off at the end of the text counts as it stands.
    Rhyme,
}

/// The rhyme rule's score: pairs of words of `text` (two letters or more)
/// whose last two letters, lower-cased, are the same.
fn rhyming_pairs(text: &str) -> usize {
    // Each word's ending as two lower-case characters; at most a
    // completion's few words, so the quadratic count is tiny.
    let mut ends: [(char, char); 32] = [(' ', ' '); 32];
    let mut n = 0;
    let (mut a, mut b, mut len) = (' ', ' ', 0usize);
    for ch in text.chars().chain(std::iter::once(' ')) {
        if ch.is_alphabetic() {
            a = b;
            b = ch.to_lowercase().next().unwrap_or(ch);
            len += 1;
        } else {
            if len >= 2 && n < ends.len() {
                ends[n] = (a, b);
                n += 1;
            }
            len = 0;
        }
    }
    let mut pairs = 0;
    for i in 0..n {
        for j in i + 1..n {
            pairs += usize::from(ends[i] == ends[j]);
        }
    }
    pairs
}

impl Rule {
    /// Stable name for links and the page.
    pub fn name(self) -> &'static str {
        match self {
            Rule::Contains(_) => "contains",
            Rule::ShortLines => "short",
            Rule::Rhyme => "rhyme",
        }
    }

    /// The rule in words, for a model card.
    pub fn statement(self) -> String {
        match self {
            Rule::Contains(c) => format!("prefers the text with more occurrences of {c:?}; equal counts are \"same\""),
            Rule::ShortLines => "prefers the text whose first line (up to the first line break) is shorter; equal lengths are \"same\"".into(),
            Rule::Rhyme => "prefers the text with more pairs of words (two letters or more, case ignored) ending in the same two letters; equal counts are \"same\"".into(),
        }
    }

    /// The rule's score of `text` (higher is better).
    pub fn score(self, text: &str) -> f64 {
        match self {
            Rule::Contains(c) => text.chars().filter(|&x| x == c).count() as f64,
            Rule::ShortLines => -(text.chars().take_while(|&x| x != '\n').count() as f64),
            Rule::Rhyme => rhyming_pairs(text) as f64,
        }
    }

    /// Whether `text` satisfies the rule outright: contains the character
    /// at least once; or has a line break within its first `line` chars;
    /// or has at least one pair of words ending in the same two letters.
    pub fn satisfied(self, text: &str, line: usize) -> bool {
        match self {
            Rule::Contains(c) => text.contains(c),
            Rule::ShortLines => text.chars().take(line).any(|x| x == '\n'),
            Rule::Rhyme => rhyming_pairs(text) > 0,
        }
    }

    /// Which of two texts the rule prefers: Some(true) for `a`,
    /// Some(false) for `b`, None for "same".
    pub fn prefers(self, a: &str, b: &str) -> Option<bool> {
        let (sa, sb) = (self.score(a), self.score(b));
        if sa == sb {
            None
        } else {
            Some(sa > sb)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rules_score_and_prefer() {
        let r = Rule::Contains('w');
        assert_eq!(r.prefers("a whale", "the sea"), Some(true));
        assert_eq!(r.prefers("sea", "ship"), None);
        assert!(r.satisfied("waves", 0));
        let s = Rule::ShortLines;
        assert_eq!(s.prefers("ab\ncdef", "abcd\ne"), Some(true));
        assert!(s.satisfied("abc\nd", 4));
        assert!(!s.satisfied("abcde\nd", 4));
    }

    /// The rhyme rule on hand-picked examples.
    #[test]
    fn rhyme_rule_verdicts() {
        let r = Rule::Rhyme;
        assert_eq!(r.score("the ship and the whip"), 2.0, "ship/whip, the/the");
        assert_eq!(r.score("Call me Ishmael. Years ago"), 0.0);
        assert_eq!(r.score("SEA, tea"), 1.0, "case and punctuation aside");
        assert_eq!(r.score("a I o"), 0.0, "one-letter words never rhyme");
        assert_eq!(r.score("whale sale tale"), 3.0);
        assert_eq!(r.prefers("a long song", "a long day"), Some(true));
        assert_eq!(r.prefers("sea", "ship"), None);
        assert!(r.satisfied("the rain in spain", 0));
        assert!(!r.satisfied("a whale of a time", 0));
    }
}
