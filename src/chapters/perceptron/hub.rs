//! The 1957 chapter's perceptron as a Hugging Face folder and inside its
//! share link: three numbers, `weight` [1, 2] and `bias` [1], in the
//! layout of PyTorch's `nn.Linear(2, 1)`; the unit answers class 1 when
//! w·(x, y) + b > 0. The rule runs in f64 in the page; the folder and the
//! link hold f32 (the line moves by under a millionth of its length), and
//! the rule goes on from the loaded weights over the same points.

use super::PerceptronSession;
use crate::hub::{Card, Description, Exportable, Metric};
use crate::nn::ParamStore;
use serde_json::json;

/// How to use the folder in numpy.
const LOAD: &str = r#"import numpy as np
from safetensors.numpy import load_file
w = load_file("model.safetensors")
def predict(points):  # points: [n, 2], the plane's (x, y)
    return (points @ w["weight"].T + w["bias"] > 0).astype(int)[:, 0]  # class 1 or 0"#;

impl Exportable for PerceptronSession {
    const ROUTE: &'static str = "perceptron";

    fn params(&self) -> &ParamStore {
        &self.hub
    }

    fn params_mut(&mut self) -> &mut ParamStore {
        &mut self.hub
    }

    fn sync_out(&mut self) {
        let dim = self.run.dim();
        let mut store = ParamStore::default();
        let w = store.add("weight", &[1, dim], true);
        let b = store.add("bias", &[1], false);
        for (o, &v) in w.of_mut(&mut store.data).iter_mut().zip(&self.run.w) {
            *o = v as f32;
        }
        b.of_mut(&mut store.data)[0] = self.run.b as f32;
        self.hub = store;
    }

    fn sync_in(&mut self) {
        let w: Vec<f64> = self
            .hub
            .named("weight")
            .unwrap_or(&[])
            .iter()
            .map(|&v| f64::from(v))
            .collect();
        let b = self
            .hub
            .named("bias")
            .and_then(|b| b.first())
            .copied()
            .unwrap_or(0.0);
        if w.len() == self.run.dim() {
            self.run.set_weights(&w, f64::from(b));
        }
    }

    fn describe(&mut self) -> Description {
        let n = self.run.len();
        let right = (0..n)
            .filter(|&i| {
                let (_, y) = self.run.example(i);
                y * self.run.score(i) > 0.0
            })
            .count();
        let accuracy = right as f64 / n.max(1) as f64;
        let own = self.setup.known.is_none();
        let mut config = serde_json::Map::new();
        config.insert("input_features".into(), json!(["x", "y"]));
        config.insert("in_features".into(), json!(self.run.dim()));
        config.insert("out_features".into(), json!(1));
        config.insert("activation".into(), json!("step"));
        config.insert("weight_layout".into(), json!("out_in"));
        config.insert(
            "classes".into(),
            json!({"0": "w·x + b ≤ 0", "1": "w·x + b > 0"}),
        );
        let data = if own {
            format!("{n} points placed by the reader in the plane (kept in the settings).")
        } else {
            format!("{n} points generated from the seed on either side of a line, with the margin the settings give.")
        };
        let card = Card {
            title: "Rosenblatt's perceptron (1957): a line in the plane".into(),
            summary: "One threshold unit: it answers class 1 when w·(x, y) + b > 0, else class 0. Three numbers, \
                      `weight` [1, 2] and `bias` [1], in the layout of PyTorch's `nn.Linear(2, 1)`. The page runs \
                      the rule in 64-bit floats; the folder holds them as 32-bit floats."
                .into(),
            task: "tabular-classification",
            tags: vec!["perceptron"],
            datasets: vec![],
            data,
            metrics: vec![
                Metric { kind: "accuracy", name: "training accuracy (share of the points on their side)".into(), value: accuracy },
                Metric { kind: "updates", name: "updates made by the rule".into(), value: self.run.updates as f64 },
            ],
            training: format!(
                "The perceptron rule from zero weights, one point at a time in a fixed order: on a mistake w ← w + y·x \
                 and b ← b + y (y = ±1). {} steps over {} epochs, {} updates{}.",
                self.run.steps,
                self.run.epoch,
                self.run.updates,
                match self.status() {
                    "converged" => ", until every point was on its side",
                    "cycle" => "; the weights came back to an earlier epoch's, so no line separates these points",
                    _ => ", stopped before every point was on its side",
                }
            ),
            limits: "A single line: it cannot separate classes no line separates (exclusive-or, 1969).".into(),
            load: LOAD.into(),
            library: "",
        };
        Description {
            architecture: "NeuroplayPerceptron".into(),
            model_type: "neuroplay_perceptron".into(),
            config,
            card,
            files: vec![],
        }
    }
}
