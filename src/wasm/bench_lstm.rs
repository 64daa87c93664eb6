//! Benchmark hook for the LSTM rows of the benchmark page: training steps
//! of the chapter's sequence model (one-hot input → LSTM → read-out at the
//! last step) on the memory task, as the chapter trains it (Adam, clipping
//! at norm 1). The JavaScript side times the calls.

use crate::data::sequences::Sequences;
use crate::models::seq::{Cell, SeqModel};
use crate::models::Dataset;
use crate::nn::OptimizerKind;
use crate::rng::Rng;
use crate::train::{never, Hyper, Trainer};
use wasm_bindgen::prelude::*;

/// An LSTM of `width` units training on memory sequences of `steps` steps.
#[wasm_bindgen]
pub struct LstmBench {
    tr: Trainer<SeqModel>,
    data: Sequences,
    h: Hyper,
}

#[wasm_bindgen]
impl LstmBench {
    /// `width` units (2–512), sequences of `steps` steps (3–512), batches
    /// of `batch` (1–256).
    #[wasm_bindgen(constructor)]
    pub fn new(width: u32, steps: u32, batch: u32) -> LstmBench {
        let mut r = Rng::new(7);
        let steps = (steps as usize).clamp(3, 512);
        let data = Sequences::memory(256, steps - 2, &mut r);
        let width = (width as usize).clamp(2, 512);
        let m = SeqModel::new(Cell::Lstm, data.inputs, width, data.classes, &mut r);
        let h = Hyper {
            learning_rate: 0.01,
            clip: 1.0,
            batch_size: (batch as usize).clamp(1, 256),
            ..Hyper::default()
        };
        let n = data.len();
        LstmBench {
            tr: Trainer::new(m, OptimizerKind::Adam, Rng::new(8), n),
            data,
            h,
        }
    }

    /// Trains `n` steps; returns the time steps trained (sequences × steps).
    pub fn train(&mut self, n: u32) -> f64 {
        let ran = self
            .tr
            .train_batches(&self.data, &self.h, n as usize, &mut never);
        (ran * self.h.batch_size * self.data.steps) as f64
    }

    /// The last training loss (so the work cannot be skipped).
    pub fn loss(&self) -> f64 {
        self.tr.last_loss
    }
}
