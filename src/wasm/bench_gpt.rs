//! Benchmark hooks for the GPT rows of the benchmark page: training steps
//! of the tiny and small presets, and generation with and without the KV
//! cache. The JavaScript side times the calls; nothing here measures time.

use crate::models::gpt::{Gpt, GptConfig, Sampling, TokenWindows};
use crate::models::Dataset;
use crate::nn::{OptimizerKind, Schedule};
use crate::rng::Rng;
use crate::train::{never, Hyper, Trainer};
use wasm_bindgen::prelude::*;

/// A GPT training on random tokens of a 65-symbol vocabulary (a character
/// set's size), with AdamW, clipping and a schedule, as the chapter trains.
#[wasm_bindgen]
pub struct GptBench {
    tr: Trainer<Gpt>,
    data: TokenWindows,
    h: Hyper,
    prompt: Vec<u32>,
}

#[wasm_bindgen]
impl GptBench {
    /// `layers` blocks of `width` channels and `heads` heads, context and
    /// sequences of `context` tokens, batches of `batch` (sizes clamped to
    /// the model's caps).
    #[wasm_bindgen(constructor)]
    pub fn new(
        layers: u32,
        width: u32,
        heads: u32,
        context: u32,
        batch: u32,
    ) -> Result<GptBench, JsError> {
        let v = 65;
        let t = (context as usize).clamp(1, crate::models::gpt::MAX_CONTEXT);
        let cfg = GptConfig {
            vocab: v,
            context: t,
            n_layer: layers as usize,
            n_head: heads as usize,
            n_embd: width as usize,
        };
        let mut r = Rng::new(7);
        let stream: Vec<u32> = (0..64 * t + 1).map(|_| r.below(v) as u32).collect();
        let data = TokenWindows::new(stream, v, t, t).map_err(|e| JsError::new(&e))?;
        let h = Hyper {
            learning_rate: 3e-4,
            schedule: Schedule::WarmupCosine {
                warmup: 100,
                total: 100_000,
                min_ratio: 0.1,
            },
            clip: 1.0,
            weight_decay: 0.1,
            batch_size: (batch as usize).clamp(1, 64),
            ..Hyper::default()
        };
        let gpt = Gpt::new(cfg, &mut r).map_err(|e| JsError::new(&e))?;
        let n = data.len();
        Ok(GptBench {
            tr: Trainer::new(gpt, OptimizerKind::AdamW, Rng::new(8), n),
            data,
            h,
            prompt: vec![1, 2, 3, 4],
        })
    }

    /// Trains `steps` steps; returns the tokens trained.
    pub fn train(&mut self, steps: u32) -> f64 {
        let ran = self
            .tr
            .train_batches(&self.data, &self.h, steps as usize, &mut never);
        (ran * self.h.batch_size * self.data.time()) as f64
    }

    /// Generates `n` tokens (temperature 1) after a 4-token prompt, with
    /// the KV cache or with a forward pass over the window per token;
    /// returns the tokens made.
    pub fn generate(&mut self, n: u32, cached: bool) -> f64 {
        let s = Sampling::default();
        let mut r = Rng::new(u64::from(n));
        let out = if cached {
            self.tr.model.generate(&self.prompt, n as usize, &s, &mut r)
        } else {
            self.tr
                .model
                .generate_uncached(&self.prompt, n as usize, &s, &mut r)
        };
        std::hint::black_box(&out);
        out.len() as f64
    }

    /// The last training loss (so the work cannot be skipped).
    pub fn loss(&self) -> f64 {
        self.tr.last_loss
    }
}
