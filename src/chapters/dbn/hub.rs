//! The deep belief net chapter's trained RBM as a Hugging Face folder:
//! `weight` [V × H] (visible rows, hidden columns), `visible_bias` [V] and
//! `hidden_bias` [H], as the engine keeps them. The pretraining
//! comparison (its stack and the two fine-tuned networks) is not exported:
//! the card says so and the settings retrain it.

use super::compare::Phase;
use super::session::CURVE_IMAGES;
use super::DbnSession;
use crate::hub::{Card, Description, Exportable, Metric};
use crate::models::rbm::Sampler;
use crate::nn::ParamStore;
use serde_json::json;

/// How to use the folder in numpy.
const RBM_LOAD: &str = r#"import json, numpy as np
from safetensors.numpy import load_file
cfg = json.load(open("config.json"))
w = load_file("model.safetensors")
W, b, c = w["weight"], w["visible_bias"], w["hidden_bias"]  # W is [visible, hidden]
sigmoid = lambda z: 1 / (1 + np.exp(-z))
def reconstruct(v):  # v: [n, 196] grey levels in [0, 1]
    h = sigmoid(v @ W + c)       # p(h = 1 | v)
    return sigmoid(h @ W.T + b)  # p(v = 1 | h), mean field"#;

impl Exportable for DbnSession {
    const ROUTE: &'static str = "dbn";

    fn params(&self) -> &ParamStore {
        &self.rbm.model.store
    }

    fn params_mut(&mut self) -> &mut ParamStore {
        &mut self.rbm.model.store
    }

    fn describe(&mut self) -> Description {
        let m = self.measure();
        let c = &self.config;
        let spec = self.rbm.model.spec;
        let (sampler, k) = match spec.sampler {
            Sampler::Cd(k) => ("cd", k),
            Sampler::Persistent(k) => ("pcd", k),
        };
        let mut config = serde_json::Map::new();
        config.insert("visible_units".into(), json!(spec.visible));
        config.insert("hidden_units".into(), json!(spec.hidden));
        config.insert("visible_type".into(), json!("bernoulli"));
        config.insert("hidden_type".into(), json!("bernoulli"));
        config.insert("sampler".into(), json!(sampler));
        config.insert("gibbs_steps".into(), json!(k));
        config.insert("binarize_data".into(), json!(spec.binarize));
        config.insert("learning_rate".into(), json!(c.learning_rate));
        config.insert("momentum".into(), json!(c.momentum));
        config.insert("weight_decay".into(), json!(c.weight_decay));
        config.insert("batch_size".into(), json!(c.batch_size));
        config.insert("epochs_trained".into(), json!(m.epochs));
        config.insert("image_size".into(), json!([14, 14]));
        config.insert("weight_layout".into(), json!("visible_hidden"));
        let comparison = match &self.compare {
            Some(cmp) => format!(
                " The pretraining comparison run in the page ({} after {} fine-tuning steps: stack {:?}, {} \
                 labelled digits) is not in this folder: neither its stack of RBMs nor its two fine-tuned \
                 networks are exported; the settings below rerun it.",
                if cmp.phase == Phase::Done { "finished" } else { "stopped" },
                cmp.steps,
                cmp.spec.hidden,
                cmp.spec.labels
            ),
            None => String::new(),
        };
        let method = if sampler == "pcd" {
            format!("persistent contrastive divergence (Tieleman, 2008) with {k} Gibbs step(s) per update")
        } else {
            format!("contrastive divergence CD-{k} (Hinton, 2002)")
        };
        let card = Card {
            title: format!("A restricted Boltzmann machine of {} × {} binary units trained on digits", spec.visible, spec.hidden),
            summary: format!(
                "An RBM (Smolensky, 1986) with {} visible units (the pixels of a 14×14 digit) and {} hidden units; \
                 p(h = 1 | v) = σ(c + v·W), p(v = 1 | h) = σ(b + h·Wᵀ). Only the machine the reader trained is \
                 exported.{comparison}",
                spec.visible, spec.hidden
            ),
            task: "feature-extraction",
            tags: vec!["rbm", "deep-belief-network", "contrastive-divergence"],
            datasets: vec!["mnist"],
            data: format!(
                "{} MNIST training digits brought to 14×14 (grey levels, drawn as binary states at every step); \
                 the figures are measured on the first {} of {} test digits.",
                self.train.len(),
                CURVE_IMAGES.min(self.test.len()),
                self.test.len()
            ),
            metrics: vec![
                Metric { kind: "mse", name: "reconstruction error (squared, per image)".into(), value: m.recon },
                Metric {
                    kind: "pseudo_log_likelihood",
                    name: "pseudo-log-likelihood per image".into(),
                    value: m.pll,
                },
            ],
            training: format!(
                "{method}, learning rate {}, momentum {}, weight decay {}, batch size {}, {:.2} epochs.",
                c.learning_rate, c.momentum, c.weight_decay, c.batch_size, m.epochs
            ),
            limits: "An unsupervised model of 14×14 digits: it names no digit, and its samples need many Gibbs \
                     steps to look like digits. The pseudo-log-likelihood is estimated from one flipped pixel per image."
                .into(),
            load: RBM_LOAD.into(),
            library: "",
        };
        Description {
            architecture: "NeuroplayRbm".into(),
            model_type: "neuroplay_rbm".into(),
            config,
            card,
            files: vec![],
        }
    }
}
