//! The digits chapter's handle, owned by the page's worker.

use crate::data::digits::PIXELS;
use crate::data::prepare::prepare;
use super::results::{f32_array, to_js, DigitsFigures, ImageCounts, Mistake};
use crate::chapters::digits::{network, probabilities, settings, DigitsSession};
use crate::models::Mlp;
use crate::ops::Activation;
use crate::rng::Rng;
use wasm_bindgen::prelude::*;

/// One digits session on the shipped data.
#[wasm_bindgen]
pub struct DigitsLab {
    s: DigitsSession,
}

#[wasm_bindgen]
impl DigitsLab {
    /// A session for a link on the bytes of the digits file. A damaged file
    /// is refused with `digits:<reason>: <explanation>`.
    #[wasm_bindgen(constructor)]
    pub fn new(query: &str, file: &[u8]) -> Result<DigitsLab, JsError> {
        let data = super::results::digits_file(file)?;
        let d = settings::decode(query, "1");
        Ok(DigitsLab {
            s: DigitsSession::new(settings::config(&d.settings), &data),
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

    /// Layer widths of the configured model, inputs first.
    pub fn layer_sizes(&self) -> Vec<u32> {
        self.s.layer_sizes().iter().map(|&n| n as u32).collect()
    }

    /// `{main, baseline, confusion, mistakes}`: each model's `{trainLoss,
    /// testLoss, trainAccuracy, testAccuracy, params}` (baseline null when
    /// none), the 10 × 10 test confusion counts, and the first misread test
    /// digits as `{index, predicted}`.
    pub fn evaluate(&mut self) -> JsValue {
        let m = self.s.evaluate();
        to_js(&DigitsFigures {
            main: (&m.main).into(),
            baseline: m.baseline.as_ref().map(Into::into),
            confusion: m.confusion,
            mistakes: m.mistakes.iter().map(|&(index, predicted)| Mistake { index, predicted }).collect(),
        })
    }

    /// The configured model's parameters, flat.
    pub fn params(&self) -> js_sys::Float32Array {
        f32_array(self.s.params())
    }

    /// The baseline's parameters, flat (empty without one).
    pub fn baseline_params(&self) -> js_sys::Float32Array {
        f32_array(self.s.baseline_params())
    }

    /// The ten evidence maps as `[digit][196]` (empty if no softmax model).
    pub fn evidence(&self) -> Vec<f32> {
        self.s
            .evidence()
            .map(|w| transpose(w, 10))
            .unwrap_or_default()
    }

    /// The first `count` hidden units' input weights as `[unit][196]`.
    pub fn filters(&self, count: u32) -> Vec<f32> {
        let sizes = self.s.layer_sizes();
        if sizes.len() < 3 {
            return Vec::new();
        }
        let n = sizes[1];
        let mut all = transpose(self.s.first_layer(), n);
        all.truncate(n.min(count as usize) * PIXELS);
        all
    }

    /// Every test image, `[2000 × 196]` intensities, and below their labels.
    pub fn test_images(&self) -> Vec<f32> {
        let n = self.s.sizes().1;
        (0..n)
            .flat_map(|i| {
                self.s
                    .test_image(i)
                    .map(|(x, _)| x.to_vec())
                    .unwrap_or_default()
            })
            .collect()
    }

    pub fn test_labels(&self) -> Vec<u8> {
        let n = self.s.sizes().1;
        (0..n)
            .map(|i| self.s.test_image(i).map_or(0, |(_, y)| y as u8))
            .collect()
    }
}

/// [196 × k] weights to k maps of 196.
fn transpose(w: &[f32], k: usize) -> Vec<f32> {
    let mut out = vec![0.0; w.len()];
    crate::tensor::transpose(&mut out, w, PIXELS, k);
    out
}

/// Reads drawings on the page's own thread, from weights the worker sends,
/// so that a stroke is read within the frame it was drawn in, however busy
/// the worker is.
#[wasm_bindgen]
pub struct DigitsReader {
    main: Mlp,
    baseline: Option<Mlp>,
}

#[wasm_bindgen]
impl DigitsReader {
    /// A reader for hidden layers `hidden` (e.g. `[128]`) and an activation
    /// name; the baseline is a plain softmax model when `baseline` is set.
    #[wasm_bindgen(constructor)]
    pub fn new(hidden: &[u32], activation: &str, baseline: bool) -> DigitsReader {
        let hidden: Vec<usize> = hidden
            .iter()
            .map(|&n| (n as usize).clamp(1, 1024))
            .take(8)
            .collect();
        let act = activation.parse().unwrap_or(Activation::Relu);
        let mut rng = Rng::new(0);
        DigitsReader {
            main: network(&hidden, act, &mut rng),
            baseline: baseline.then(|| network(&[], act, &mut rng)),
        }
    }

    /// Takes new weights; false (and nothing changed) if a size is wrong.
    pub fn load(&mut self, main: &[f32], baseline: &[f32]) -> bool {
        if main.len() != self.main.store.len() {
            return false;
        }
        if let Some(b) = &mut self.baseline {
            if baseline.len() != b.store.len() {
                return false;
            }
            b.store.data.copy_from_slice(baseline);
        }
        self.main.store.data.copy_from_slice(main);
        true
    }

    /// Ten probabilities (then ten from the baseline) for a 14×14 image.
    pub fn read(&mut self, image: &[f32]) -> Vec<f32> {
        let mut out = probabilities(&mut self.main, image).to_vec();
        if let Some(b) = &mut self.baseline {
            out.extend_from_slice(&probabilities(b, image));
        }
        out
    }
}

/// A drawing (ink coverage, `w × h`) brought to a 14×14 digit as MNIST's
/// were prepared; a size over the caps (or whose product overflows) or a
/// buffer shorter than `w × h` is refused as `prepare:<reason>: …`.
#[wasm_bindgen]
pub fn digit_prepare(pixels: &[f32], w: u32, h: u32) -> Result<Vec<f32>, JsError> {
    prepare(pixels, w as usize, h as usize).map_err(|e| JsError::new(&format!("prepare:{}: {e}", e.name())))
}

worker_calls!(DigitsLab);
hub_calls!(DigitsLab);
link_weights_calls!(DigitsLab);
