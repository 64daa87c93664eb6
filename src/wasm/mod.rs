//! The browser bridge: the only place that knows about wasm-bindgen. Calls
//! are coarse (train n batches, evaluate, draw a whole grid); bulk numbers
//! leave as typed arrays, small structured answers as JSON text.

/// The calls the worker's training loop makes, the same on every chapter's
/// handle (a `Trainable` session in field `s`).
macro_rules! worker_calls {
    ($handle:ty) => {
        #[wasm_bindgen]
        impl $handle {
            /// Trains up to `batches` steps; returns how many ran.
            pub fn train(&mut self, batches: u32) -> u32 {
                crate::train::Trainable::train_batches(&mut self.s, batches as usize) as u32
            }
            /// Trains chunks of `chunk` steps until `max` steps ran, training
            /// stopped, or `budget_ms` passed on the worker's clock (read
            /// after each chunk); returns how many ran. One call per slice
            /// of the worker's time.
            pub fn train_for(&mut self, max: u32, chunk: u32, budget_ms: f64) -> u32 {
                let start = crate::wasm::results::now_ms();
                let (max, chunk) = (max as usize, (chunk as usize).max(1));
                let mut done = 0;
                while done < max {
                    let want = chunk.min(max - done);
                    let ran = crate::train::Trainable::train_batches(&mut self.s, want);
                    done += ran;
                    if ran < want || crate::wasm::results::now_ms() - start >= budget_ms {
                        break;
                    }
                }
                done as u32
            }
            /// Trains whole epochs (finishing the current one first).
            pub fn train_epochs(&mut self, epochs: u32) -> u32 {
                crate::train::Trainable::train_epochs(&mut self.s, epochs as usize) as u32
            }
            /// Starts over from the initial weights (the reset button).
            pub fn reset(&mut self) {
                crate::train::Trainable::reset(&mut self.s)
            }
            pub fn batches_per_epoch(&self) -> u32 {
                crate::train::Trainable::batches_per_epoch(&self.s) as u32
            }
            /// `ready` while training may run, else why not.
            pub fn status(&self) -> String {
                crate::train::Trainable::status_name(&self.s).to_string()
            }
            pub fn epoch(&self) -> f64 {
                crate::train::Trainable::epoch(&self.s) as f64
            }
            pub fn examples(&self) -> f64 {
                crate::train::Trainable::examples(&self.s) as f64
            }
        }
    };
}

// Defines `hub_calls!`, so it comes before the chapters' handles.
#[macro_use]
mod hub;
// Defines `link_weights_calls!`, also before the handles.
#[macro_use]
mod linkweights;
mod bench;
mod bench_gpt;
mod bench_lstm;
mod bench_rlhf;
mod cnn;
mod dbn;
mod digits;
mod gpt;
mod history;
mod lstm;
mod playground;
mod results;
mod rlhf;

pub use bench::MatmulBench;
pub use bench_gpt::GptBench;
pub use bench_lstm::LstmBench;
pub use bench_rlhf::RlhfBench;
pub use cnn::{cnn_plan, CnnLab, CnnReader};
pub use dbn::DbnLab;
pub use digits::{digit_prepare, DigitsLab};
pub use gpt::{gpt_scramble, GptLab};
pub use history::PerceptronLab;
pub use lstm::LstmLab;
pub use hub::{hub_inspect, HubDrop};
pub use playground::Playground;
pub use rlhf::RlhfLab;

use crate::data::{csv, points, Problem, Sample2D};
use crate::util::json;
use wasm_bindgen::prelude::*;

fn problem_from(name: &str) -> Problem {
    if name == "regression" {
        Problem::Regression
    } else {
        Problem::Classification
    }
}

/// Installs the panic hook: a panic in the engine then names its message
/// and place in the browser console instead of a bare "unreachable".
#[wasm_bindgen(start)]
pub fn start() {
    console_error_panic_hook::set_once();
}

/// The routes of every chapter, in the order of the story.
#[wasm_bindgen]
pub fn chapter_routes() -> Vec<String> {
    crate::chapters::CHAPTERS.iter().map(|c| c.route.to_string()).collect()
}

fn chapter(route: &str) -> Result<&'static crate::chapters::Chapter, JsError> {
    crate::chapters::find(route).ok_or_else(|| JsError::new("no such chapter"))
}

/// Reads a chapter's link: `{"query", "values", "issues"}` as JSON.
#[wasm_bindgen]
pub fn chapter_decode(route: &str, query: &str, fallback_seed: &str) -> Result<String, JsError> {
    Ok((chapter(route)?.decode)(query, fallback_seed).to_json())
}

/// A chapter's settings table, hideable controls and limits as JSON.
#[wasm_bindgen]
pub fn chapter_schema(route: &str) -> Result<String, JsError> {
    Ok(chapter(route)?.schema())
}

/// Parses a CSV file of points: `{"ok":true,"points":…,"count":n}` or
/// `{"ok":false,"line":…,"reason":…,"detail":…}`.
#[wasm_bindgen]
pub fn parse_csv(text: &str, problem: &str) -> String {
    let problem = problem_from(problem);
    let mut out = String::new();
    let mut o = json::Object::new(&mut out);
    match csv::parse(text, problem) {
        Ok(pts) => {
            o.raw("ok", "true").str("points", &points::encode(&pts, problem)).num("count", pts.len() as f64);
        }
        Err(e) => {
            o.raw("ok", "false").num("line", e.line as f64).str("reason", e.reason.name()).num("detail", e.reason.detail() as f64);
        }
    }
    o.end();
    out
}

/// Encodes flat `[x, y, label, …]` points for a link.
#[wasm_bindgen]
pub fn points_encode(flat: &[f32], problem: &str) -> String {
    let pts: Vec<Sample2D> = flat.chunks_exact(3).map(|c| Sample2D { x: c[0], y: c[1], label: c[2] }).collect();
    points::encode(&pts, problem_from(problem))
}

/// Checks flat `[x, y, label, …]` points against the rules every input
/// follows (the click editor, before it writes them to the link): `""` if
/// they may be used, else the reason (`oneClass`, `tooManyPoints`, …).
#[wasm_bindgen]
pub fn points_check(flat: &[f32], problem: &str) -> String {
    let pts: Vec<Sample2D> = flat.chunks_exact(3).map(|c| Sample2D { x: c[0], y: c[1], label: c[2] }).collect();
    crate::data::validate::check(&pts, problem_from(problem)).err().map_or(String::new(), |r| r.name().to_string())
}

/// Decodes a link's points to flat `[x, y, label, …]` (empty if invalid).
#[wasm_bindgen]
pub fn points_decode(text: &str, problem: &str) -> Vec<f32> {
    points::decode(text, problem_from(problem))
        .unwrap_or_default()
        .iter()
        .flat_map(|p| [p.x, p.y, p.label])
        .collect()
}

/// Every input feature's map at density `d`, `[9 × d²]` in the order of
/// `Feature::ALL` (drawn on the feature nodes, on or off).
#[wasm_bindgen]
pub fn feature_maps(d: u32) -> Vec<f32> {
    use crate::data::Feature;
    let d = (d as usize).clamp(2, 64);
    let pts: Vec<(f32, f32)> = crate::chapters::playground::grid_points(d).collect();
    Feature::ALL.iter().flat_map(|f| pts.iter().map(move |&(x, y)| f.eval(x, y))).collect()
}

/// A small noiseless sample of a data set for its picture in the data
/// picker, flat `[x, y, label, …]`; empty for an unknown name.
#[wasm_bindgen]
pub fn preview_points(dataset: &str, classes: u32) -> Vec<f32> {
    use crate::data::DataSet;
    let set = match dataset {
        "circle" => DataSet::Circle,
        "xor" => DataSet::Xor,
        "gauss" => DataSet::Gauss,
        "spiral" => DataSet::Spiral,
        "blobs" => DataSet::Blobs,
        "spiral3" => DataSet::Spiral3,
        "reg-plane" => DataSet::RegPlane,
        "reg-gauss" => DataSet::RegGauss,
        _ => return Vec::new(),
    };
    let mut rng = crate::rng::Rng::new(1);
    set.generate(200, 0.0, (classes as usize).clamp(2, points::MAX_CLASSES), &mut rng)
        .iter()
        .flat_map(|p| [p.x, p.y, p.label])
        .collect()
}

/// Name of the SIMD path this build runs.
#[wasm_bindgen]
pub fn simd_path() -> String {
    use crate::tensor::lanes::{Best, Lanes};
    Best::NAME.to_string()
}
