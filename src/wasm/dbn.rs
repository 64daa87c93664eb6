//! The deep belief net chapter's bindings: the session the worker drives
//! (the reader's RBM, dreams, filling in, the pretraining comparison), its
//! pictures as typed arrays and its figures as named objects.

use super::results::{f32_array, to_js, ImageCounts};
use crate::chapters::dbn::compare::Phase;
use crate::chapters::dbn::{settings, DbnSession};
use serde::Serialize;
use wasm_bindgen::prelude::*;

/// The curves' figures now.
#[derive(Serialize)]
struct Curve {
    epochs: f64,
    recon: f64,
    pll: f64,
}

/// Where the comparison stands.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct CompareState<'a> {
    phase: &'static str,
    layer: usize,
    progress: f64,
    labels: usize,
    steps: usize,
    finetune_steps: usize,
    eval_every: usize,
    pretrained: &'a [f64],
    random: &'a [f64],
    recon: &'a [f64],
}

/// The chapter's session.
#[wasm_bindgen]
pub struct DbnLab {
    s: DbnSession,
}

#[wasm_bindgen]
impl DbnLab {
    /// A session for a link on the bytes of the digits file. A damaged file
    /// is refused with `digits:<reason>: <explanation>`.
    #[wasm_bindgen(constructor)]
    pub fn new(query: &str, file: &[u8]) -> Result<DbnLab, JsError> {
        let data = super::results::digits_file(file)?;
        let d = settings::decode(query, "1");
        Ok(DbnLab {
            s: DbnSession::new(settings::config(&d.settings), &data, super::results::now_ms),
        })
    }

    /// Moves to a new link; returns 2 if the machine was rebuilt.
    pub fn apply(&mut self, query: &str) -> u32 {
        let d = settings::decode(query, "1");
        u32::from(self.s.apply(settings::config(&d.settings))) << 1
    }

    /// How many images: `{train, test}`.
    pub fn sizes(&self) -> JsValue {
        let (train, test) = self.s.sizes();
        to_js(&ImageCounts { train, test })
    }

    /// What playing runs: `train`, `dream`, `fill` or `compare`.
    pub fn activity(&self) -> String {
        self.s.activity.name().to_string()
    }

    /// Playing trains the reader's RBM again.
    pub fn to_training(&mut self) {
        self.s.to_training()
    }

    /// Starts a dream (from noise or test digits, as the link says).
    pub fn dream(&mut self) {
        self.s.dream()
    }

    /// Starts filling in test digits `first…` with their top half clamped.
    pub fn fill(&mut self, first: u32) {
        self.s.fill(first as usize)
    }

    /// Starts the pretraining comparison.
    pub fn compare(&mut self) {
        self.s.compare()
    }

    /// `{epochs, recon, pll}`: reconstruction error and pseudo-log-likelihood
    /// per image on 500 test digits.
    pub fn measure(&mut self) -> JsValue {
        let p = self.s.measure();
        to_js(&Curve {
            epochs: p.epochs,
            recon: p.recon,
            pll: p.pll,
        })
    }

    /// Number of hidden units.
    pub fn hidden(&self) -> u32 {
        self.s.rbm().spec.hidden as u32
    }

    /// The weights [196 × hidden] (column j: hidden unit j's filter).
    pub fn weights(&self) -> js_sys::Float32Array {
        f32_array(self.s.rbm().weight())
    }

    /// The first 8 test digits then their reconstructions, [2 × 8 × 196].
    pub fn reconstructions(&mut self) -> js_sys::Float32Array {
        let (mut x, r) = self.s.reconstructions();
        x.extend_from_slice(&r);
        f32_array(&x)
    }

    /// The chains' pictures [8 × 196] (empty without a dream).
    pub fn chain(&self) -> js_sys::Float32Array {
        f32_array(self.s.chain().map_or(&[][..], |c| c.0))
    }

    /// Gibbs steps of the current dream.
    pub fn chain_steps(&self) -> f64 {
        self.s.chain().map_or(0.0, |c| c.1 as f64)
    }

    /// The first chain's samples over time, oldest first [n × 196].
    pub fn strip(&self) -> js_sys::Float32Array {
        f32_array(self.s.strip())
    }

    /// Test digits `first…first+7` [8 × 196] (the originals of a fill).
    pub fn test_digits(&self, first: u32) -> js_sys::Float32Array {
        let mut x = Vec::with_capacity(8 * 196);
        for r in 0..8 {
            x.extend_from_slice(self.s.test_image(first as usize + r));
        }
        f32_array(&x)
    }

    /// The comparison: `{phase: "pretrain" | "finetune" | "done" | "none",
    /// layer, progress, labels, steps, finetuneSteps, evalEvery, pretrained,
    /// random, recon}` (test accuracies after every `evalEvery` steps).
    pub fn comparison(&self) -> JsValue {
        let train = self.s.sizes().0;
        match self.s.comparison() {
            None => to_js(&CompareState {
                phase: "none",
                layer: 0,
                progress: 0.0,
                labels: self.s.config.labels,
                steps: 0,
                finetune_steps: self.s.config.finetune_steps,
                eval_every: 1,
                pretrained: &[],
                random: &[],
                recon: &[],
            }),
            Some(c) => {
                let (phase, layer) = match c.phase {
                    Phase::Pretrain(l) => ("pretrain", l),
                    Phase::Finetune => ("finetune", 0),
                    Phase::Done => ("done", 0),
                };
                to_js(&CompareState {
                    phase,
                    layer,
                    progress: c.progress(train),
                    labels: c.spec.labels,
                    steps: c.steps,
                    finetune_steps: c.spec.finetune_steps,
                    eval_every: c.spec.eval_every,
                    pretrained: &c.pretrained,
                    random: &c.random,
                    recon: &c.recon,
                })
            }
        }
    }
}

worker_calls!(DbnLab);
hub_calls!(DbnLab);
