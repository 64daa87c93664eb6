//! How a pre-trained GPT is fine-tuned: every weight, the upper blocks
//! only (the embeddings and the lower blocks frozen), or low-rank adapters
//! on the attention's c_attn with everything else frozen (LoRA). A lower
//! learning rate is the trainer's `Hyper`, not a mode.

use crate::models::gpt::Gpt;
use crate::rng::Rng;

/// Which parameters fine-tuning moves.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum FineTune {
    /// Every parameter.
    Full,
    /// Freeze the token and position embeddings and blocks 0..k.
    FreezeLower(usize),
    /// Adapters of rank `rank` and scale α/rank on every c_attn.
    Lora { rank: usize, alpha: f32 },
}

impl FineTune {
    /// Stable name for links and the page.
    pub fn name(self) -> &'static str {
        match self {
            FineTune::Full => "full",
            FineTune::FreezeLower(_) => "freeze",
            FineTune::Lora { .. } => "lora",
        }
    }
}

/// Sets `gpt` up for fine-tuning `how` (adapters drawn from `rng`); returns
/// the number of trainable floats. A trainer made before must call
/// `relayout` (its optimizer must be rebuilt if adapters were added).
pub fn prepare(gpt: &mut Gpt, how: FineTune, rng: &mut Rng) -> Result<usize, String> {
    match how {
        FineTune::Full => {
            gpt.store.set_frozen("", false);
        }
        FineTune::FreezeLower(k) => {
            let nl = gpt.config().n_layer;
            if k > nl {
                return Err(format!("FineTune: {k} blocks to freeze of {nl}"));
            }
            gpt.store.set_frozen("", false);
            gpt.store.set_frozen("transformer.wte.", true);
            gpt.store.set_frozen("transformer.wpe.", true);
            for i in 0..k {
                gpt.store.set_frozen(&format!("transformer.h.{i}."), true);
            }
        }
        FineTune::Lora { rank, alpha } => {
            gpt.add_lora(rank, alpha, rng)?;
        }
    }
    Ok(gpt.store.trainable())
}
