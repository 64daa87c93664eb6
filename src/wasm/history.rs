//! The first three chapters: the threshold neuron's pure functions, and
//! the perceptron's handle for the worker.

use crate::models::perceptron::RunStatus;
use crate::models::threshold::{search, truth_table, Gate};
use crate::chapters::perceptron::{decode, setup, PerceptronSession, Scene};
use super::results::to_js;
use serde::Serialize;
use wasm_bindgen::prelude::*;

fn scene(name: &str) -> Scene {
    if name == "xor" {
        Scene::Xor
    } else {
        Scene::Perceptron
    }
}

/// One row of a threshold unit's truth table.
#[derive(Serialize)]
struct Row {
    inputs: Vec<u8>,
    sum: f32,
    fires: bool,
}

/// The truth table of a threshold unit: every row's inputs (0/1), the
/// weighted sum, and whether the unit fires.
#[wasm_bindgen]
pub fn neuron_table(weights: &[f32], threshold: f32) -> JsValue {
    let w: Vec<f32> = weights.iter().take(3).map(|w| if w.is_finite() { *w } else { 0.0 }).collect();
    let rows: Vec<Row> = truth_table(&w, threshold)
        .iter()
        .map(|r| Row { inputs: r.inputs.iter().map(|&b| u8::from(b)).collect(), sum: r.sum, fires: r.fires })
        .collect();
    to_js(&rows)
}

/// The target outputs of a gate on `n` inputs (empty for an unknown name).
#[wasm_bindgen]
pub fn gate_targets(gate: &str, n: u32) -> Vec<u8> {
    let Some(g) = Gate::ALL.iter().copied().find(|g| g.name() == gate) else { return Vec::new() };
    truth_table(&vec![0.0; n.clamp(1, 3) as usize], 0.0).iter().map(|r| u8::from(g.target(&r.inputs))).collect()
}

/// A setting of the unit: its weights and threshold.
#[derive(Serialize)]
struct Setting {
    weights: Vec<f32>,
    threshold: f32,
}

/// Weights and threshold that compute a gate (null if none exists).
#[wasm_bindgen]
pub fn gate_preset(gate: &str, n: u32) -> JsValue {
    let preset = Gate::ALL.iter().find(|g| g.name() == gate).and_then(|g| g.preset(n.clamp(1, 3) as usize));
    to_js(&preset.map(|(weights, threshold)| Setting { weights, threshold }))
}

/// What the search over every weight and threshold in −4…4 by halves found.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Search {
    tried: usize,
    /// Most truth-table rows any setting got right.
    best_rows: usize,
    best: Setting,
}

/// Every weight and threshold in −4…4 by halves against a gate (null for
/// an unknown gate).
#[wasm_bindgen]
pub fn gate_search(gate: &str, n: u32) -> JsValue {
    let Some(g) = Gate::ALL.iter().copied().find(|g| g.name() == gate) else { return JsValue::NULL };
    let grid: Vec<f32> = (-8..=8).map(|i| i as f32 * 0.5).collect();
    let s = search(g, n.clamp(1, 3) as usize, &grid);
    to_js(&Search { tried: s.tried, best_rows: s.best_rows, best: Setting { weights: s.best.0, threshold: s.best.1 } })
}

/// The perceptron chapters' handle.
#[wasm_bindgen]
pub struct PerceptronLab {
    scene: Scene,
    s: PerceptronSession,
}

#[wasm_bindgen]
impl PerceptronLab {
    /// `scene` is `perceptron` or `xor`.
    #[wasm_bindgen(constructor)]
    pub fn new(scene_name: &str, query: &str) -> PerceptronLab {
        let sc = scene(scene_name);
        let d = decode(sc, query, "1");
        PerceptronLab { scene: sc, s: PerceptronSession::new(setup(sc, &d.settings)) }
    }

    /// New link; returns 1 (points changed) plus 2 if the rule started over.
    pub fn apply(&mut self, query: &str) -> u32 {
        let d = decode(self.scene, query, "1");
        let new = setup(self.scene, &d.settings);
        let changed = new != self.s.setup;
        let restarted = self.s.apply(new);
        u32::from(changed) | (u32::from(restarted) << 1)
    }

    /// The unit's score w·x + b over a `d × d` grid of the plane [−6, 6]²,
    /// row 0 at the top (for shading the two half-planes).
    pub fn grid(&self, d: u32) -> Vec<f32> {
        let d = (d as usize).clamp(2, 200);
        let r = &self.s.run;
        crate::chapters::playground::grid_points(d)
            .map(|(x, y)| {
                let (x, y) = (f64::from(x), f64::from(y));
                let mut v = r.w[0] * x + r.w[1] * y + r.b;
                if let Some(w3) = r.w.get(2) {
                    v += w3 * x * y;
                }
                v as f32
            })
            .collect()
    }

    /// The convex hull of each class, `{zero: [[x, y], …], one: […]}`,
    /// counter-clockwise (one or two points come back as they are).
    pub fn hulls(&self) -> JsValue {
        let [zero, one] = &self.s.facts.hulls;
        let pairs = |h: &[(f64, f64)]| -> Vec<[f64; 2]> { h.iter().map(|&(x, y)| [x, y]).collect() };
        to_js(&Hulls { zero: pairs(zero), one: pairs(one) })
    }

    /// Every point as `[x, y, label, …]`.
    pub fn points(&self) -> Vec<f32> {
        self.s.setup.points.iter().flat_map(|p| [p.x, p.y, p.label]).collect()
    }

    /// Where the rule stands: `{weights, bias, last: {index, mistake, x, y,
    /// score, before: {weights, bias}} | null, next, updates, epochs, steps,
    /// convergedAt, cycle: {epoch, period}, bound: {updates, r, gamma,
    /// separator}, widest: {margin, line: [a, b, c]}}`, with null for what
    /// does not exist (yet).
    pub fn state(&self) -> JsValue {
        let r = &self.s.run;
        to_js(&PerceptronState {
            weights: &r.w,
            bias: r.b,
            last: r.last.map(|s| {
                let (x, y) = r.example(s.index);
                LastStep {
                    index: s.index,
                    mistake: s.mistake,
                    x,
                    y,
                    score: s.score,
                    before: Weights { weights: &r.before_w, bias: r.before_b },
                }
            }),
            next: r.cursor(),
            updates: r.updates,
            epochs: r.epoch,
            steps: r.steps,
            converged_at: match r.status {
                RunStatus::Converged { epoch, .. } => Some(epoch),
                _ => None,
            },
            cycle: r.cycle.map(|c| Cycle { epoch: c.epoch, period: c.period }),
            bound: self.s.facts.bound.map(|b| Bound { updates: b.updates, r: b.r, gamma: b.gamma, separator: b.separator.name() }),
            widest: self.s.facts.widest.map(|(line, margin)| Widest { margin, line }),
        })
    }
}

/// The perceptron's state, for the page.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PerceptronState<'a> {
    /// w1, w2 (and w3 with the product feature).
    weights: &'a [f64],
    bias: f64,
    last: Option<LastStep<'a>>,
    /// The example the next step reads.
    next: usize,
    updates: u64,
    epochs: u64,
    steps: u64,
    converged_at: Option<u64>,
    cycle: Option<Cycle>,
    bound: Option<Bound>,
    widest: Option<Widest>,
}

/// The example the last step read (features x, label y = ±1, its score
/// w·x + b before the step) and the weights before it; after a mistake the
/// current weights are these plus y·x (and the bias plus y).
#[derive(Serialize)]
struct LastStep<'a> {
    index: usize,
    mistake: bool,
    x: &'a [f64],
    y: f64,
    score: f64,
    before: Weights<'a>,
}

#[derive(Serialize)]
struct Weights<'a> {
    weights: &'a [f64],
    bias: f64,
}

#[derive(Serialize)]
struct Cycle {
    epoch: u64,
    period: u64,
}

/// Novikoff's bound (R/γ)² on the number of updates, with R and γ, and
/// the separator γ is measured against: `generator` (the line the points
/// were drawn from), `widest`, or `product` (x1·x2 = 0).
#[derive(Serialize)]
struct Bound {
    updates: f64,
    r: f64,
    gamma: f64,
    separator: &'static str,
}

/// Each class's convex hull.
#[derive(Serialize)]
struct Hulls {
    zero: Vec<[f64; 2]>,
    one: Vec<[f64; 2]>,
}

/// The widest separating line a·x + b·y + c = 0 and its margin.
#[derive(Serialize)]
struct Widest {
    margin: f64,
    line: [f64; 3],
}

worker_calls!(PerceptronLab);
hub_calls!(PerceptronLab);
link_weights_calls!(PerceptronLab);
