//! The CNN chapter's bindings: the session the worker trains, the reader
//! that runs drawn digits through the network on the page's own thread
//! (weights sent with each frame), and the plan of an architecture.

use super::results::{f32_array, to_js, ImageCounts};
use crate::chapters::cnn::{plan, settings, CnnSession, ModelFigures, ShiftResult};
use crate::data::digits::PIXELS;
use crate::models::cnn::{Cnn, CnnSpec};
use crate::rng::Rng;
use serde::Serialize;
use wasm_bindgen::prelude::*;

/// One model's figures.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Figures<'a> {
    kind: &'static str,
    sizes: &'a [usize],
    params: usize,
    train_loss: f64,
    test_loss: f64,
    test_accuracy: f64,
    ms_per_epoch: f64,
}

impl<'a> From<&'a ModelFigures> for Figures<'a> {
    fn from(m: &'a ModelFigures) -> Self {
        Figures {
            kind: m.kind.name(),
            sizes: &m.sizes,
            params: m.params,
            train_loss: m.train_loss,
            test_loss: m.test_loss,
            test_accuracy: m.test_accuracy,
            ms_per_epoch: m.ms_per_epoch,
        }
    }
}

#[derive(Serialize)]
struct Metrics<'a> {
    models: Vec<Figures<'a>>,
    confusion: &'a [u32],
}

/// Accuracy per shift, each list empty for a model not trained.
#[derive(Serialize)]
struct Shifted<'a> {
    shifts: &'a [usize],
    cnn: &'a [f64],
    dense: &'a [f64],
    softmax: &'a [f64],
}

/// One row of an architecture's plan.
#[derive(Serialize)]
struct PlanRow<'a> {
    step: &'static str,
    shape: &'a [usize],
    params: usize,
    kernel: usize,
    window: usize,
}

/// A plan: `{ok, error, params, rows}`.
#[derive(Serialize)]
struct Plan<'a> {
    ok: bool,
    error: Option<String>,
    params: usize,
    rows: Vec<PlanRow<'a>>,
}

fn plan_js(spec: Result<CnnSpec, String>) -> JsValue {
    let rows = spec.and_then(|s| plan(&s));
    match &rows {
        Ok(rows) => to_js(&Plan {
            ok: true,
            error: None,
            params: rows.iter().map(|r| r.params).sum(),
            rows: rows
                .iter()
                .map(|r| PlanRow {
                    step: r.step.name(),
                    shape: &r.shape,
                    params: r.params,
                    kernel: r.kernel,
                    window: r.window,
                })
                .collect(),
        }),
        Err(e) => to_js(&Plan {
            ok: false,
            error: Some(e.clone()),
            params: 0,
            rows: Vec::new(),
        }),
    }
}

/// The plan of the network a link's architecture fields describe, without
/// falling back to the default: `{ok: false, error}` when it cannot be
/// built, else `{ok: true, params, rows: [{step, shape, params, kernel,
/// window}]}` from the input to the class layer.
#[wasm_bindgen]
pub fn cnn_plan(query: &str) -> JsValue {
    plan_js(settings::spec_in(query))
}

/// One CNN session on the shipped digits.
#[wasm_bindgen]
pub struct CnnLab {
    s: CnnSession,
}

#[wasm_bindgen]
impl CnnLab {
    /// A session for a link on the bytes of the digits file. A damaged file
    /// is refused with `digits:<reason>: <explanation>`.
    #[wasm_bindgen(constructor)]
    pub fn new(query: &str, file: &[u8]) -> Result<CnnLab, JsError> {
        let data = super::results::digits_file(file)?;
        let d = settings::decode(query, "1");
        Ok(CnnLab {
            s: CnnSession::new(settings::config(&d.settings), &data, super::results::now_ms),
        })
    }

    /// Moves to a new link; returns 2 if the models were rebuilt.
    pub fn apply(&mut self, query: &str) -> u32 {
        let d = settings::decode(query, "1");
        u32::from(self.s.apply(settings::config(&d.settings))) << 1
    }

    /// How many images: `{train, test}`.
    pub fn sizes(&self) -> JsValue {
        let (train, test) = self.s.sizes();
        to_js(&ImageCounts { train, test })
    }

    /// `{models, confusion}`: each model's `{kind: "cnn" | "dense" |
    /// "softmax", sizes, params, trainLoss, testLoss, testAccuracy,
    /// msPerEpoch}` (the CNN first; `sizes` the dense layer widths), and the
    /// CNN's 10 × 10 test confusion counts.
    pub fn evaluate(&mut self) -> JsValue {
        let m = self.s.evaluate();
        to_js(&Metrics {
            models: m.models.iter().map(Into::into).collect(),
            confusion: &m.confusion,
        })
    }

    /// `{shifts, cnn, dense, softmax}`: test accuracy of each model on the
    /// test digits moved by each distance (lists empty for a model not
    /// trained).
    pub fn shift_experiment(&mut self) -> JsValue {
        let r: ShiftResult = self.s.shift_experiment();
        to_js(&Shifted {
            shifts: &r.shifts,
            cnn: &r.cnn,
            dense: &r.dense,
            softmax: &r.softmax,
        })
    }

    /// The CNN's parameters, flat (the layout of [`CnnReader`]).
    pub fn params(&self) -> js_sys::Float32Array {
        f32_array(self.s.params())
    }

    /// Every test image, `[2000 × 196]` intensities.
    pub fn test_images(&self) -> Vec<f32> {
        let n = self.s.sizes().1;
        let mut out = Vec::with_capacity(n * PIXELS);
        for i in 0..n {
            out.extend_from_slice(self.s.test_image(i).map_or(&[][..], |(x, _)| x));
        }
        out
    }

    /// The test labels.
    pub fn test_labels(&self) -> Vec<u8> {
        (0..self.s.sizes().1)
            .map(|i| self.s.test_image(i).map_or(0, |(_, y)| y as u8))
            .collect()
    }
}

worker_calls!(CnnLab);
hub_calls!(CnnLab);

/// Runs one digit through the CNN on the page's own thread, from weights
/// the worker sends, and keeps every layer's maps for drawing.
#[wasm_bindgen]
pub struct CnnReader {
    net: Cnn,
    image: Vec<f32>,
}

#[wasm_bindgen]
impl CnnReader {
    /// A reader for the network a link describes (its default when the
    /// architecture does not fit, as the worker's session does).
    #[wasm_bindgen(constructor)]
    pub fn new(query: &str) -> CnnReader {
        let spec = settings::config(&settings::decode(query, "1").settings).spec;
        let net = Cnn::new(spec, &mut Rng::new(0)).expect("decoded specs are valid");
        CnnReader {
            net,
            image: vec![0.0; PIXELS],
        }
    }

    /// The reader's plan (as [`cnn_plan`]).
    pub fn plan(&self) -> JsValue {
        plan_js(Ok(self.net.spec.clone()))
    }

    /// Takes new weights; false (and nothing changed) if the size is wrong.
    pub fn load(&mut self, params: &[f32]) -> bool {
        if params.len() != self.net.store.len() {
            return false;
        }
        self.net.store.data.copy_from_slice(params);
        true
    }

    /// Ten probabilities for a 14×14 image (intensities in [0, 1]; anything
    /// else is clamped, a wrong size reads as blank); every layer's maps are
    /// then ready for [`CnnReader::maps`].
    pub fn read(&mut self, image: &[f32]) -> js_sys::Float32Array {
        for (i, d) in self.image.iter_mut().enumerate() {
            let s = if image.len() == PIXELS { image[i] } else { 0.0 };
            *d = if s.is_finite() {
                s.clamp(0.0, 1.0)
            } else {
                0.0
            };
        }
        f32_array(self.net.probabilities(&self.image))
    }

    /// Conv layer `l`'s activated maps from the last read, [C, H, W] flat
    /// (empty for a layer that does not exist); `pooled` for the maps after
    /// its pooling.
    pub fn maps(&self, l: u32, pooled: bool) -> js_sys::Float32Array {
        let l = l as usize;
        if l >= self.net.conv_layers() {
            return f32_array(&[]);
        }
        let v = if pooled {
            self.net.pooled(l)
        } else {
            self.net.feature_maps(l)
        };
        f32_array(v.as_slice().unwrap_or(&[]))
    }

    /// The first conv layer's filters, [OC, IC·K·K] flat.
    pub fn filters(&self) -> js_sys::Float32Array {
        let v = &self.net.store.views[0];
        f32_array(&self.net.store.data[v.offset..v.offset + v.len()])
    }
}
