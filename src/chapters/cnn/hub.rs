//! The convolutional network as a Hugging Face folder: conv weights in
//! PyTorch's [OC, IC, K, K] layout, dense weights [in × out] (the
//! transpose of `nn.Linear`), every layer's settings in config.json. The
//! dense and softmax baselines trained beside it retrain from the settings.

use super::CnnSession;
use crate::hub::{Card, Description, Exportable, Metric};
use crate::models::cnn::Pool;
use crate::nn::ParamStore;
use serde_json::{json, Value};

impl Exportable for CnnSession {
    const ROUTE: &'static str = "cnn";

    fn params(&self) -> &ParamStore {
        &self.cnn.model.store
    }

    fn params_mut(&mut self) -> &mut ParamStore {
        &mut self.cnn.model.store
    }

    fn describe(&mut self) -> Description {
        let m = self.evaluate();
        let c = &self.config;
        let s = &c.spec;
        let conv: Vec<Value> = s
            .conv
            .iter()
            .map(|l| {
                let (pool, window) = match l.pool {
                    Pool::None => ("none", 1),
                    Pool::Max(w) => ("max", w),
                    Pool::Avg(w) => ("avg", w),
                };
                json!({"channels": l.channels, "kernel": l.kernel, "stride": l.stride, "padding": l.pad,
                       "activation": l.activation.name(), "pool": pool, "pool_window": window})
            })
            .collect();
        let mut config = serde_json::Map::new();
        config.insert("image_size".into(), json!([s.side, s.side]));
        config.insert("num_channels".into(), json!(s.channels));
        config.insert("num_labels".into(), json!(s.classes));
        config.insert("conv_layers".into(), Value::from(conv));
        config.insert("dense_sizes".into(), json!(s.dense));
        config.insert("dense_activation".into(), json!(s.dense_activation.name()));
        config.insert("conv_weight_layout".into(), json!("out_in_kh_kw"));
        config.insert("dense_weight_layout".into(), json!("in_out"));
        let main = &m.models[0];
        let epochs = self.cnn.examples as f64 / self.train.len().max(1) as f64;
        let card = Card {
            title: format!("A LeNet-style convolutional network ({} conv layers) for 14×14 digits", s.conv.len()),
            summary: "Convolutions (padding half the kernel, stride 1), each followed by its activation and optional \
                      pooling, then dense layers and a softmax over ten digits. Input: one 14×14 grey image, \
                      intensities in [0, 1]; the last stage is flattened in channel, row, column order."
                .into(),
            task: "image-classification",
            tags: vec!["cnn", "lenet", "mnist"],
            datasets: vec!["mnist"],
            data: format!("{} MNIST training digits, {} test digits, at 14×14.", self.train.len(), self.test.len()),
            metrics: vec![
                Metric { kind: "accuracy", name: "test accuracy".into(), value: main.test_accuracy },
                Metric { kind: "loss", name: "test cross-entropy".into(), value: main.test_loss },
            ],
            training: format!(
                "{} at learning rate {} (decoupled weight decay {}), batch size {}, {:.2} epochs of a {}-epoch run.",
                c.optimizer.name(),
                c.learning_rate,
                c.weight_decay,
                c.batch_size,
                epochs,
                c.epochs
            ),
            limits: "Trained on 8,000 centred digits at 14×14; other sizes, colours or non-digits are outside what it saw."
                .into(),
            load: CNN_LOAD.into(),
            library: "",
        };
        Description {
            architecture: "NeuroplayCnn".into(),
            model_type: "neuroplay_cnn".into(),
            config,
            card,
            files: vec![],
        }
    }
}

const CNN_LOAD: &str = r#"import json
from safetensors.numpy import load_file
cfg = json.load(open("config.json"))
w = load_file("model.safetensors")
# conv{i}.weight is [out, in, k, k] as in torch.nn.Conv2d (padding k // 2);
# fc{i}.weight is [in, out]: torch.nn.Linear wants its transpose."#;
