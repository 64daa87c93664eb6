//! What a language model learns from: batches of token sequences with
//! their next tokens, gathered from windows over one token stream.

use crate::models::Dataset;

/// A batch: `batch` sequences of `time` tokens, row-major [B,T], and the
/// token that follows each (`targets[b,t]` = the stream's token after
/// `ids[b,t]`).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Tokens {
    pub ids: Vec<u32>,
    pub targets: Vec<u32>,
    pub batch: usize,
    pub time: usize,
}

/// Windows of `time + 1` consecutive tokens over a stream: window i starts
/// at token i·stride and gives the sequence `tokens[i·stride ..][..time]`
/// with targets `tokens[i·stride + 1 ..][..time]`. There are
/// ⌊(len − time − 1)/stride⌋ + 1 windows; stride 1 takes every offset,
/// stride `time` cuts the stream into back-to-back sequences (as llm.c's
/// loader does), each window's targets ending on the next one's first token.
#[derive(Clone, Debug)]
pub struct TokenWindows {
    tokens: Vec<u32>,
    time: usize,
    stride: usize,
}

impl TokenWindows {
    /// Windows over `tokens`, every id checked against `vocab`; an error
    /// when T or the stride is 0, the stream is shorter than T + 1 tokens,
    /// or a token is outside the vocabulary.
    pub fn new(tokens: Vec<u32>, vocab: usize, time: usize, stride: usize) -> Result<Self, String> {
        if time == 0 || stride == 0 {
            return Err(format!(
                "TokenWindows: time = {time} and stride = {stride} must be positive"
            ));
        }
        if tokens.len() < time + 1 {
            return Err(format!(
                "TokenWindows: {} tokens are fewer than one window of time + 1 = {}",
                tokens.len(),
                time + 1
            ));
        }
        if let Some(i) = tokens.iter().position(|&id| id as usize >= vocab) {
            return Err(format!(
                "TokenWindows: token {} at {i} is not below the vocabulary's {vocab}",
                tokens[i]
            ));
        }
        Ok(TokenWindows {
            tokens,
            time,
            stride,
        })
    }

    /// T, the tokens of one sequence.
    pub fn time(&self) -> usize {
        self.time
    }

    /// The stream.
    pub fn tokens(&self) -> &[u32] {
        &self.tokens
    }

    /// Window `i`: its `time + 1` tokens.
    pub fn window(&self, i: usize) -> &[u32] {
        &self.tokens[i * self.stride..i * self.stride + self.time + 1]
    }
}

impl Dataset<Tokens> for TokenWindows {
    fn len(&self) -> usize {
        (self.tokens.len() - self.time - 1) / self.stride + 1
    }

    fn gather(&self, indices: &[u32], batch: &mut Tokens) {
        batch.ids.clear();
        batch.targets.clear();
        for &i in indices {
            let w = self.window(i as usize);
            batch.ids.extend_from_slice(&w[..self.time]);
            batch.targets.extend_from_slice(&w[1..]);
        }
        batch.batch = indices.len();
        batch.time = self.time;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn windows_and_their_targets() {
        let w = TokenWindows::new((0..10).collect(), 10, 3, 3).unwrap();
        // Starts 0, 3, 6: the last window is tokens 6..=9.
        assert_eq!(w.len(), 3);
        let mut b = Tokens::default();
        w.gather(&[2, 0], &mut b);
        assert_eq!(b.ids, [6, 7, 8, 0, 1, 2]);
        assert_eq!(b.targets, [7, 8, 9, 1, 2, 3]);
        assert_eq!((b.batch, b.time), (2, 3));
        assert_eq!(
            TokenWindows::new((0..10).collect(), 10, 3, 1)
                .unwrap()
                .len(),
            7
        );
        assert!(TokenWindows::new(vec![0, 1, 2], 3, 3, 1).is_err());
        let e = TokenWindows::new(vec![0, 1, 7, 2], 5, 2, 1).unwrap_err();
        assert!(e.contains("token 7 at 2"), "{e}");
    }
}
