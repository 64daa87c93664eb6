//! The digits chapter's configured model (softmax, or with hidden layers)
//! as a Hugging Face folder; the softmax baseline trained beside a deeper
//! model is not exported (it retrains from the settings).

use super::DigitsSession;
use crate::chapters::playground::hub::{dims, mlp_config, MLP_LOAD};
use crate::hub::{Card, Description, Exportable, Metric};
use crate::nn::ParamStore;
use serde_json::json;

impl Exportable for DigitsSession {
    const ROUTE: &'static str = "digits";

    fn params(&self) -> &ParamStore {
        &self.main.model.store
    }

    fn params_mut(&mut self) -> &mut ParamStore {
        &mut self.main.model.store
    }

    fn describe(&mut self) -> Description {
        let m = self.evaluate().main;
        let c = &self.config;
        let sizes = self.main.model.sizes().to_vec();
        let mut config = mlp_config(&sizes, c.activation.name(), "softmax");
        config.insert("image_size".into(), json!([14, 14]));
        config.insert("num_labels".into(), json!(10));
        config.insert("loss".into(), json!("softmax_cross_entropy"));
        let card = Card {
            title: format!("A {} digit reader (softmax regression{})", dims(&sizes), if c.hidden.is_empty() { "" } else { " with hidden layers" }),
            summary: "Reads a 14×14 grey image (196 intensities in [0, 1], row by row) and gives ten probabilities, \
                      one per digit, through a softmax over the last layer."
                .into(),
            task: "image-classification",
            tags: vec!["mnist", "softmax-regression"],
            datasets: vec!["mnist"],
            data: format!(
                "{} MNIST training digits and {} test digits, brought to 14×14 by averaging 2×2 blocks.",
                self.train.len(),
                self.test.len()
            ),
            metrics: vec![
                Metric { kind: "accuracy", name: "test accuracy".into(), value: m.test_accuracy },
                Metric { kind: "accuracy", name: "training accuracy".into(), value: m.train_accuracy },
                Metric { kind: "loss", name: "test cross-entropy".into(), value: m.test_loss },
            ],
            training: format!(
                "{} with learning rate {}, batch size {}, {} epochs{}.",
                c.optimizer.name(),
                c.learning_rate,
                c.batch_size,
                self.main.epoch,
                if c.augment { ", training images shifted by up to a pixel each epoch" } else { "" }
            ),
            limits: "Trained on 8,000 centred digits: a digit drawn off-centre, thin or slanted is often misread; it has \
                     no notion of 'not a digit'."
                .into(),
            load: format!("{MLP_LOAD}\n# x: [n, 196] in [0, 1]; probabilities = softmax(forward(x, act))"),
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
