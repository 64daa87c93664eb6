//! What crosses to the page: results as named fields (plain objects made by
//! serde-wasm-bindgen, so the page reads `figures.testLoss`, never
//! `figures[1]`), bulk numbers as typed arrays copied once straight out of
//! wasm memory (js-sys), and the worker's clock (web-sys).

use serde::Serialize;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// A value as a plain object; a missing optional field becomes `null`.
pub fn to_js<T: Serialize>(value: &T) -> JsValue {
    let s = serde_wasm_bindgen::Serializer::new().serialize_missing_as_null(true);
    value.serialize(&s).unwrap_or(JsValue::NULL)
}

/// A new `Float32Array` holding a copy of `data` (one copy, made by the
/// browser from wasm memory; no intermediate vector on the Rust side).
pub fn f32_array(data: &[f32]) -> js_sys::Float32Array {
    js_sys::Float32Array::from(data)
}

/// The shipped digits file from its bytes; a damaged file is refused with
/// `digits:<reason>: <explanation>`, which the page turns into its note.
pub fn digits_file(file: &[u8]) -> Result<crate::data::digits::Digits, JsError> {
    crate::data::digits::parse(file).map_err(|e| JsError::new(&format!("digits:{}: {e}", e.name())))
}

/// Milliseconds on the worker's clock (`performance.now()`), or the wall
/// clock where there is no worker scope (tests, the page's own thread).
pub fn now_ms() -> f64 {
    js_sys::global()
        .dyn_into::<web_sys::WorkerGlobalScope>()
        .ok()
        .and_then(|g| g.performance())
        .map_or_else(js_sys::Date::now, |p| p.now())
}

/// One parameter tensor: where it sits in the flat buffer.
#[derive(Serialize)]
pub struct LayoutEntry<'a> {
    pub name: &'a str,
    pub offset: usize,
    pub shape: &'a [usize],
    pub decay: bool,
    pub frozen: bool,
}

/// The parameter table of a store, for the page.
pub fn layout(store: &crate::nn::ParamStore) -> JsValue {
    let rows: Vec<LayoutEntry> = store
        .views
        .iter()
        .map(|v| LayoutEntry { name: &v.name, offset: v.offset, shape: &v.shape, decay: v.decay, frozen: v.frozen })
        .collect();
    to_js(&rows)
}

/// The playground's figures.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PlaygroundFigures<'a> {
    pub train_loss: f64,
    pub test_loss: f64,
    pub train_accuracy: f64,
    pub test_accuracy: f64,
    pub test_rmse: f64,
    pub test_r2: f64,
    pub classes: usize,
    /// `confusion[true * classes + predicted]` on the test set.
    pub confusion: &'a [u32],
    /// False when a parameter or a loss is not finite: the other figures
    /// are then NaN (null on the page) and the confusion matrix empty.
    pub finite: bool,
    /// A collapse seen on the training set: the first hidden layer that
    /// passes no gradient, numbered from 1 as the graph names them (null
    /// when none), an output saturated wherever it is off target, and an
    /// output that is the same for every point.
    pub dead_layer: Option<usize>,
    pub saturated_output: bool,
    pub constant_output: bool,
}

/// One model's figures in the digits chapter.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ModelFigures {
    pub train_loss: f64,
    pub test_loss: f64,
    pub train_accuracy: f64,
    pub test_accuracy: f64,
    pub params: usize,
    /// False when a parameter or a loss is not finite (the accuracies are
    /// then null).
    pub finite: bool,
}

impl From<&crate::chapters::digits::ModelFigures> for ModelFigures {
    fn from(m: &crate::chapters::digits::ModelFigures) -> Self {
        ModelFigures {
            train_loss: m.train_loss,
            test_loss: m.test_loss,
            train_accuracy: m.train_accuracy,
            test_accuracy: m.test_accuracy,
            params: m.params,
            finite: m.finite,
        }
    }
}

/// A misread test digit.
#[derive(Serialize)]
pub struct Mistake {
    pub index: u32,
    pub predicted: u32,
}

/// How many images a data set has.
#[derive(Serialize)]
pub struct ImageCounts {
    pub train: usize,
    pub test: usize,
}

/// The digits chapter's figures.
#[derive(Serialize)]
pub struct DigitsFigures {
    pub main: ModelFigures,
    /// The plain softmax model trained beside it, if any.
    pub baseline: Option<ModelFigures>,
    pub confusion: Vec<u32>,
    pub mistakes: Vec<Mistake>,
}
