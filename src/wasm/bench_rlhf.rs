//! Benchmark hook for the RLHF row: one policy-update step (sampling with
//! the KV cache, the reward model's scores, the reference's and the
//! policy's passes, an AdamW step) at the GPT chapter's tiny preset. The
//! JavaScript side times the calls.

use crate::models::rlhf::PolicyBench;
use wasm_bindgen::prelude::*;

/// A policy being updated against an untrained reward model.
#[wasm_bindgen]
pub struct RlhfBench {
    b: PolicyBench,
}

#[wasm_bindgen]
impl RlhfBench {
    /// `layers` blocks of `width` channels and `heads` heads, a context of
    /// `context` tokens, `batch` prompts per step.
    #[wasm_bindgen(constructor)]
    pub fn new(
        layers: u32,
        width: u32,
        heads: u32,
        context: u32,
        batch: u32,
    ) -> Result<RlhfBench, JsError> {
        PolicyBench::new(
            layers as usize,
            width as usize,
            heads as usize,
            context as usize,
            batch as usize,
        )
        .map(|b| RlhfBench { b })
        .map_err(|e| JsError::new(&e))
    }

    /// Runs `steps` policy-update steps; returns how many ran.
    pub fn step(&mut self, steps: u32) -> f64 {
        self.b.step(steps as usize) as f64
    }

    /// The last step's mean reward.
    pub fn reward(&self) -> f64 {
        self.b.reward()
    }
}
