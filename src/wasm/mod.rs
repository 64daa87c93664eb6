//! The browser bridge: the only place that knows about wasm-bindgen. Calls
//! are coarse (train n batches, evaluate, draw a whole grid); bulk numbers
//! leave as typed arrays, small structured answers as JSON text.

mod playground;

pub use playground::Playground;

use crate::config::playground as settings;
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

/// Reads a playground link: `{"query", "values", "issues"}` as JSON.
#[wasm_bindgen]
pub fn playground_decode(query: &str, fallback_seed: &str) -> String {
    settings::decode(query, fallback_seed).to_json()
}

/// The playground's settings table as JSON.
#[wasm_bindgen]
pub fn playground_schema() -> String {
    settings::schema()
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

/// Decodes a link's points to flat `[x, y, label, …]` (empty if invalid).
#[wasm_bindgen]
pub fn points_decode(text: &str, problem: &str) -> Vec<f32> {
    points::decode(text, problem_from(problem))
        .unwrap_or_default()
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
