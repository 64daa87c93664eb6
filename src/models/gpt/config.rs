//! The GPT's sizes, with GPT-2's names for them (`n_positions` is the
//! context), and the caps that bound what one model may hold in memory.

/// Largest vocabulary (token table rows).
pub const MAX_VOCAB: usize = 4096;
/// Largest context (positions).
pub const MAX_CONTEXT: usize = 256;
/// Most blocks.
pub const MAX_LAYERS: usize = 8;
/// Most heads per block.
pub const MAX_HEADS: usize = 16;
/// Widest residual stream.
pub const MAX_EMBD: usize = 256;

/// What to build: GPT-2's hyperparameters for a small model.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct GptConfig {
    /// V: token ids are below it.
    pub vocab: usize,
    /// P (GPT-2's n_positions): the longest sequence the model reads.
    pub context: usize,
    /// L: transformer blocks.
    pub n_layer: usize,
    /// NH: attention heads per block.
    pub n_head: usize,
    /// C: channels of the residual stream; a multiple of `n_head`.
    pub n_embd: usize,
}

impl GptConfig {
    /// Ok when every size is at least 1 and within its cap and the heads
    /// divide the channels; else a message naming the field.
    pub fn validate(&self) -> Result<(), String> {
        let fields = [
            ("vocab", self.vocab, MAX_VOCAB),
            ("context", self.context, MAX_CONTEXT),
            ("n_layer", self.n_layer, MAX_LAYERS),
            ("n_head", self.n_head, MAX_HEADS),
            ("n_embd", self.n_embd, MAX_EMBD),
        ];
        for (name, value, cap) in fields {
            if value == 0 || value > cap {
                return Err(format!("GptConfig: {name} = {value} is outside 1..={cap}"));
            }
        }
        if !self.n_embd.is_multiple_of(self.n_head) {
            return Err(format!(
                "GptConfig: n_embd = {} is not a multiple of n_head = {}",
                self.n_embd, self.n_head
            ));
        }
        Ok(())
    }

    /// hs = C / NH, the width of one head.
    pub fn head_size(&self) -> usize {
        self.n_embd / self.n_head
    }

    /// Number of parameters (with the output head tied to `wte`):
    /// V·C + P·C + L·(12·C² + 13·C) + 2·C.
    pub fn parameters(&self) -> usize {
        let (v, p, l, c) = (self.vocab, self.context, self.n_layer, self.n_embd);
        v * c + p * c + l * (12 * c * c + 13 * c) + 2 * c
    }

    /// Floats of the workspace for batches of B sequences of T tokens, so
    /// a caller can refuse a batch too large for its memory. Per position
    /// (N = B·T): per layer 16·C + 4 kept for backward, plus 2·C + 3 + V
    /// (embedding, ln_f, logits, loss) and 14·C for the backward pass; per
    /// layer the attention weights B·NH·T²; attention's scratch T·(T + hs).
    pub fn workspace(&self, b: usize, t: usize) -> usize {
        let (v, l, nh, c) = (self.vocab, self.n_layer, self.n_head, self.n_embd);
        let n = b * t;
        n * (l * (16 * c + 4) + 2 * c + 3 + v + 14 * c)
            + l * b * nh * t * t
            + t * (t + self.head_size())
    }
}
