//! The playground's network as a Hugging Face folder: a dense network
//! (`layers.{l}.weight` [in × out], y = x·W + b, the transpose of
//! torch's `nn.Linear`), its input features named in config.json.

use super::settings::LossKind;
use super::Session;
use crate::data::Problem;
use crate::hub::{Card, Description, Exportable, Metric};
use crate::nn::ParamStore;
use serde_json::json;

impl Exportable for Session {
    const ROUTE: &'static str = "playground";

    fn params(&self) -> &ParamStore {
        &self.trainer.model.store
    }

    fn params_mut(&mut self) -> &mut ParamStore {
        &mut self.trainer.model.store
    }

    fn describe(&mut self) -> Description {
        let m = self.evaluate();
        let c = &self.config;
        let spec = &self.trainer.model.spec;
        let sizes = self.trainer.model.sizes().to_vec();
        let features: Vec<&str> = c.features.iter().map(|f| f.name()).collect();
        let regression = c.problem == Problem::Regression;
        let mut config = mlp_config(
            &sizes,
            spec.activation.name(),
            spec.output_activation.name(),
        );
        config.insert("features".into(), json!(features));
        config.insert(
            "problem".into(),
            json!(if regression {
                "regression"
            } else {
                "classification"
            }),
        );
        config.insert(
            "loss".into(),
            json!(if c.loss == LossKind::CrossEntropy {
                "softmax_cross_entropy"
            } else {
                "squared_error"
            }),
        );
        let metrics = if regression {
            vec![
                Metric {
                    kind: "rmse",
                    name: "test RMSE".into(),
                    value: m.test_rmse,
                },
                Metric {
                    kind: "r_squared",
                    name: "test R²".into(),
                    value: m.test_r2,
                },
            ]
        } else {
            vec![
                Metric {
                    kind: "accuracy",
                    name: "test accuracy".into(),
                    value: m.test_accuracy,
                },
                Metric {
                    kind: "accuracy",
                    name: "training accuracy".into(),
                    value: m.train_accuracy,
                },
                Metric {
                    kind: "loss",
                    name: "test loss".into(),
                    value: m.test_loss,
                },
            ]
        };
        let (points, split) = self.points();
        let data = format!(
            "{} points of the {:?} data set in the plane, generated from the seed ({} for training, {} for \
             testing), noise {}.",
            points.len(),
            c.dataset,
            split,
            points.len() - split,
            c.noise
        );
        let card = Card {
            title: format!("A {} dense network from the backpropagation playground", dims(&sizes)),
            summary: format!(
                "A fully connected network: inputs {features:?} computed from the point (x, y), hidden layers {:?} \
                 with {} activations, {} output(s).",
                c.hidden,
                spec.activation.name(),
                sizes.last().copied().unwrap_or(0)
            ),
            task: if regression { "tabular-regression" } else { "tabular-classification" },
            tags: vec!["mlp", "backpropagation"],
            datasets: vec![],
            data,
            metrics,
            training: format!(
                "{} with learning rate {}, batch size {}, regularization {} at {}, {} epochs ({} examples seen).",
                c.optimizer.name(),
                c.learning_rate,
                c.batch_size,
                c.regularization.name(),
                c.regularization_rate,
                self.trainer.epoch,
                self.trainer.examples
            ),
            limits: "A toy: it knows only the plane it was trained on, between −6 and 6 on each axis.".into(),
            load: MLP_LOAD.into(),
            library: "",
        };
        Description {
            architecture: "NeuroplayMlp".into(),
            model_type: "neuroplay_mlp".into(),
            config,
            card,
            files: vec![],
        }
    }
}

/// `4-4-2-1` for layer widths.
pub fn dims(sizes: &[usize]) -> String {
    sizes
        .iter()
        .map(|s| s.to_string())
        .collect::<Vec<_>>()
        .join("-")
}

/// The config keys of a dense network (shared with the digits chapter).
pub fn mlp_config(
    sizes: &[usize],
    activation: &str,
    output: &str,
) -> serde_json::Map<String, serde_json::Value> {
    let mut m = serde_json::Map::new();
    m.insert("layer_sizes".into(), json!(sizes));
    m.insert("activation".into(), json!(activation));
    m.insert("output_activation".into(), json!(output));
    m.insert("weight_layout".into(), json!("in_out"));
    m
}

/// How to run a dense folder in numpy.
pub const MLP_LOAD: &str = r#"import json, numpy as np
from safetensors.numpy import load_file
cfg = json.load(open("config.json"))
w = load_file("model.safetensors")
def forward(x, act=np.tanh):  # pick the function named by cfg["activation"]
    for l in range(len(cfg["layer_sizes"]) - 1):
        x = x @ w[f"layers.{l}.weight"] + w[f"layers.{l}.bias"]  # weights are [in, out]
        if l < len(cfg["layer_sizes"]) - 2:
            x = act(x)
    return x"#;
