//! The reader's own sequence, read as the task reads it, and held-out
//! examples written back as text: what the page shows under the heat
//! strips, one character per step.
//!
//! - memory: letters of `ABCDwxyz?`, a query `?` added when missing; the
//!   answer at the query is the first letter when it is one of A–D.
//! - brackets: `(` and `)`, then `?`; the answer is whether they balance.
//! - addition: `a+b` in binary, most significant bit first as written; the
//!   steps read the bit pairs from the least significant end, one more pair
//!   (0, 0) for the carry; the answer at each step is the sum's bit.
//! - text: the characters the text's alphabet holds (others dropped); the
//!   answer at each step is the next character, so the last character is
//!   only an answer.

use crate::data::sequences::{
    CharText, Task, ADDITION_SYMBOLS, BRACKET_SYMBOLS, IGNORE, MEMORY_SYMBOLS,
};

/// A sequence ready for the networks: ids `x` [T], answers `y` [T]
/// ([`IGNORE`] where none counts), and one label per step for the page.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Probe {
    pub x: Vec<u32>,
    pub y: Vec<u32>,
    pub labels: Vec<String>,
}

/// Most steps a probe runs (the longest typed addition is longer than
/// its text: each side is one step per bit).
pub const MAX_STEPS: usize = 128;

fn index_of(symbols: &str, c: char) -> Option<u32> {
    symbols.chars().position(|s| s == c).map(|i| i as u32)
}

/// Reads `text` for `task`; `None` when nothing usable is left (no step,
/// or for text fewer than two known characters).
pub fn parse(task: Task, text: &str, chars: Option<&CharText>) -> Option<Probe> {
    let mut p = Probe::default();
    match task {
        Task::Memory | Task::Brackets => {
            let symbols = if task == Task::Memory {
                MEMORY_SYMBOLS
            } else {
                BRACKET_SYMBOLS
            };
            let query = symbols.chars().count() as u32 - 1;
            p.x = text
                .chars()
                .filter_map(|c| index_of(symbols, c))
                .filter(|&i| i != query)
                .take(MAX_STEPS - 1)
                .collect();
            if p.x.is_empty() {
                return None;
            }
            p.x.push(query);
            p.y = vec![IGNORE; p.x.len()];
            let answer = if task == Task::Memory {
                (p.x[0] < 4).then_some(p.x[0])
            } else {
                let mut depth = 0i64;
                let mut ok = true;
                for &c in &p.x[..p.x.len() - 1] {
                    depth += if c == 0 { 1 } else { -1 };
                    ok &= depth >= 0;
                }
                Some(u32::from(ok && depth == 0))
            };
            *p.y.last_mut().unwrap() = answer.unwrap_or(IGNORE);
            p.labels =
                p.x.iter()
                    .map(|&i| symbols.chars().nth(i as usize).unwrap_or('?').to_string())
                    .collect();
        }
        Task::Addition => {
            let (a, b) = text.split_once('+')?;
            let bits = |s: &str| -> Option<Vec<u32>> {
                let v: Vec<u32> = s
                    .trim()
                    .chars()
                    .rev()
                    .map(|c| c.to_digit(2))
                    .collect::<Option<_>>()?;
                (!v.is_empty()).then_some(v)
            };
            let (a, b) = (bits(a)?, bits(b)?);
            let n = a.len().max(b.len()).min(MAX_STEPS - 1);
            let mut carry = 0;
            for k in 0..=n {
                let (u, v) = (
                    a.get(k).copied().unwrap_or(0),
                    b.get(k).copied().unwrap_or(0),
                );
                let (u, v) = if k == n { (0, 0) } else { (u, v) };
                let sum = u + v + carry;
                p.x.push(u + 2 * v);
                p.y.push(sum & 1);
                carry = sum >> 1;
            }
            p.labels =
                p.x.iter()
                    .map(|&i| ADDITION_SYMBOLS[i as usize].to_string())
                    .collect();
        }
        Task::Text => {
            let chars = chars?;
            let ids: Vec<u32> = text
                .chars()
                .filter_map(|c| chars.id(c))
                .take(MAX_STEPS + 1)
                .collect();
            if ids.len() < 2 {
                return None;
            }
            p.x = ids[..ids.len() - 1].to_vec();
            p.y = ids[1..].to_vec();
            p.labels =
                p.x.iter()
                    .map(|&i| chars.alphabet[i as usize].to_string())
                    .collect();
        }
    }
    Some(p)
}

/// Sequence `x` of a task written as the reader would type it.
pub fn write(task: Task, x: &[u32], chars: Option<&CharText>) -> String {
    match task {
        Task::Memory => x
            .iter()
            .filter_map(|&i| MEMORY_SYMBOLS.chars().nth(i as usize))
            .collect(),
        Task::Brackets => x
            .iter()
            .filter_map(|&i| BRACKET_SYMBOLS.chars().nth(i as usize))
            .collect(),
        Task::Addition => {
            let n = x.len().saturating_sub(1);
            let side = |f: fn(u32) -> u32| -> String {
                x[..n]
                    .iter()
                    .rev()
                    .map(|&i| if f(i) == 1 { '1' } else { '0' })
                    .collect()
            };
            format!("{}+{}", side(|i| i & 1), side(|i| i >> 1))
        }
        Task::Text => match chars {
            Some(c) => x
                .iter()
                .filter_map(|&i| c.alphabet.get(i as usize))
                .collect(),
            None => String::new(),
        },
    }
}

/// The answer classes of a task as labels.
pub fn class_labels(task: Task, chars: Option<&CharText>) -> Vec<String> {
    match task {
        Task::Memory => "ABCD".chars().map(String::from).collect(),
        Task::Brackets => vec!["no".into(), "yes".into()],
        Task::Addition => vec!["0".into(), "1".into()],
        Task::Text => chars
            .map(|c| c.alphabet.iter().map(|ch| ch.to_string()).collect())
            .unwrap_or_default(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn probes_read_as_the_tasks_do() {
        let p = parse(Task::Memory, "Cwxyzw", None).unwrap();
        assert_eq!(p.x, vec![2, 4, 5, 6, 7, 4, 8]);
        assert_eq!(p.y[6], 2);
        assert_eq!(write(Task::Memory, &p.x, None), "Cwxyzw?");
        let p = parse(Task::Brackets, "(()())?", None).unwrap();
        assert_eq!(p.y[6], 1);
        assert_eq!(parse(Task::Brackets, "())(", None).unwrap().y[4], 0);
        let p = parse(Task::Addition, "1011+110", None).unwrap();
        // 11 + 6 = 17 = 10001, least significant first.
        assert_eq!(p.y, vec![1, 0, 0, 0, 1]);
        assert_eq!(write(Task::Addition, &p.x, None), "1011+0110");
        let c = CharText::new("hello world");
        let p = parse(Task::Text, "hello", Some(&c)).unwrap();
        assert_eq!((p.x.len(), p.labels[0].as_str()), (4, "h"));
        assert!(parse(Task::Memory, "", None).is_none());
        assert!(parse(Task::Addition, "12+1", None).is_none());
        assert!(parse(Task::Text, "q", Some(&c)).is_none());
    }
}
