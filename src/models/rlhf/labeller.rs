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
}

impl Rule {
    /// Stable name for links and the page.
    pub fn name(self) -> &'static str {
        match self {
            Rule::Contains(_) => "contains",
            Rule::ShortLines => "short",
        }
    }

    /// The rule's score of `text` (higher is better).
    pub fn score(self, text: &str) -> f64 {
        match self {
            Rule::Contains(c) => text.chars().filter(|&x| x == c).count() as f64,
            Rule::ShortLines => -(text.chars().take_while(|&x| x != '\n').count() as f64),
        }
    }

    /// Whether `text` satisfies the rule outright: contains the character
    /// at least once; or has a line break within its first `line` chars.
    pub fn satisfied(self, text: &str, line: usize) -> bool {
        match self {
            Rule::Contains(c) => text.contains(c),
            Rule::ShortLines => text.chars().take(line).any(|x| x == '\n'),
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
}
