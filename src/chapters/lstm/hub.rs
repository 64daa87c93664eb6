//! The LSTM chapter's two models as one Hugging Face folder: the LSTM and
//! the tanh RNN trained beside it on the same batches, under the prefixes
//! `lstm.` and `rnn.`, each in PyTorch's layout so that `nn.LSTM` /
//! `nn.RNN` (`batch_first=True`) and `nn.Linear` take the tensors as they
//! are:
//!
//! - `{p}.cell.weight_ih_l0` [G·H, I], `{p}.cell.weight_hh_l0` [G·H, H]
//!   (G = 4 gate blocks in the order i, f, g, o for the LSTM, 1 for the
//!   RNN): the transposes of the engine's [I, G·H] and [H, G·H];
//! - `{p}.cell.bias_ih_l0` [G·H] = the engine's one bias, and
//!   `{p}.cell.bias_hh_l0` [G·H] zeros (PyTorch adds the two; on import
//!   their sum becomes the engine's bias, so a folder trained in PyTorch
//!   loads too);
//! - `{p}.head.weight` [K, H] (`nn.Linear`'s layout, the transpose of the
//!   engine's [H, K]) and `{p}.head.bias` [K].
//!
//! The engine's own stores keep their layout; the folder's is built in a
//! separate store ([`Exportable::sync_out`]) and read back from it
//! ([`Exportable::sync_in`]).

use super::{LstmSession, Run};
use crate::data::sequences::Task;
use crate::hub::{Card, Description, Exportable, Metric};
use crate::models::seq::SeqModel;
use crate::nn::ParamStore;
use crate::tensor::transpose;
use serde_json::json;

/// Prefixes of the two models, the LSTM first.
pub const PREFIXES: [&str; 2] = ["lstm", "rnn"];

/// Adds one model's tensors, in PyTorch's layout, to `out`.
fn export_model(out: &mut ParamStore, prefix: &str, m: &SeqModel) {
    let (i, h, k) = (m.inputs, m.hidden, m.classes);
    let g = m.cell.gates() * h;
    let d = &m.store;
    let get = |name: &str| d.named(name).unwrap_or(&[]);
    let w_ih = out.add(format!("{prefix}.cell.weight_ih_l0"), &[g, i], true);
    let w_hh = out.add(format!("{prefix}.cell.weight_hh_l0"), &[g, h], true);
    let b_ih = out.add(format!("{prefix}.cell.bias_ih_l0"), &[g], false);
    out.add(format!("{prefix}.cell.bias_hh_l0"), &[g], false);
    let w_out = out.add(format!("{prefix}.head.weight"), &[k, h], true);
    let b_out = out.add(format!("{prefix}.head.bias"), &[k], false);
    transpose(w_ih.of_mut(&mut out.data), get("cell.weight_ih"), i, g);
    transpose(w_hh.of_mut(&mut out.data), get("cell.weight_hh"), h, g);
    b_ih.of_mut(&mut out.data).copy_from_slice(get("cell.bias"));
    transpose(w_out.of_mut(&mut out.data), get("head.weight"), h, k);
    b_out
        .of_mut(&mut out.data)
        .copy_from_slice(get("head.bias"));
}

/// Puts one model's tensors from `src` (PyTorch's layout) into `m`.
fn import_model(m: &mut SeqModel, prefix: &str, src: &ParamStore) {
    let (i, h, k) = (m.inputs, m.hidden, m.classes);
    let g = m.cell.gates() * h;
    let get = |name: &str| src.named(&format!("{prefix}.{name}")).unwrap_or(&[]);
    let (w_ih, w_hh) = (get("cell.weight_ih_l0"), get("cell.weight_hh_l0"));
    let (b_ih, b_hh) = (get("cell.bias_ih_l0"), get("cell.bias_hh_l0"));
    let (w_out, b_out) = (get("head.weight"), get("head.bias"));
    let views: Vec<(String, std::ops::Range<usize>)> = m
        .store
        .views
        .iter()
        .map(|v| (v.name.clone(), v.range()))
        .collect();
    for (name, range) in views {
        let dst = &mut m.store.data[range];
        match name.as_str() {
            "cell.weight_ih" => transpose(dst, w_ih, g, i),
            "cell.weight_hh" => transpose(dst, w_hh, g, h),
            "cell.bias" => {
                for ((d, a), b) in dst.iter_mut().zip(b_ih).zip(b_hh) {
                    *d = a + b;
                }
            }
            "head.weight" => transpose(dst, w_out, k, h),
            "head.bias" => dst.copy_from_slice(b_out),
            _ => {}
        }
    }
}

impl LstmSession {
    fn runs(&self) -> [&Run; 2] {
        [&self.lstm, &self.rnn]
    }

    /// Both models' probabilities [T, K] over one sequence of symbol ids,
    /// the LSTM's first (the reference tools/hub_check.py compares a numpy
    /// run of the exported tensors with).
    pub fn sequence_probabilities(&mut self, x: &[u32]) -> [Vec<f32>; 2] {
        [&mut self.lstm, &mut self.rnn].map(|r| {
            r.t.model.forward(x, 1, x.len());
            r.t.model.probabilities().to_vec()
        })
    }
}

/// PyTorch code that rebuilds both models from the folder.
const LOAD: &str = r#"import json, torch
from safetensors.torch import load_file
cfg, w = json.load(open("config.json")), load_file("model.safetensors")
class Seq(torch.nn.Module):
    def __init__(self, kind):
        super().__init__()
        rnn = torch.nn.LSTM if kind == "lstm" else torch.nn.RNN  # nn.RNN: tanh
        self.cell = rnn(cfg["input_size"], cfg["hidden_size"], batch_first=True)
        self.head = torch.nn.Linear(cfg["hidden_size"], cfg["num_classes"])
    def forward(self, x):  # x: one-hot [batch, steps, input_size]
        return self.head(self.cell(x)[0]).softmax(-1)
models = {}
for kind in ("lstm", "rnn"):
    models[kind] = Seq(kind)
    models[kind].load_state_dict({k[len(kind) + 1:]: v for k, v in w.items() if k.startswith(kind + ".")})
# In numpy alone (no torch): see PyTorch's nn.LSTM equations, gates i, f, g, o."#;

impl Exportable for LstmSession {
    const ROUTE: &'static str = "lstm";

    fn params(&self) -> &ParamStore {
        &self.hub
    }

    fn params_mut(&mut self) -> &mut ParamStore {
        &mut self.hub
    }

    fn sync_out(&mut self) {
        let mut out = ParamStore::default();
        for (run, prefix) in self.runs().into_iter().zip(PREFIXES) {
            export_model(&mut out, prefix, &run.t.model);
        }
        self.hub = out;
    }

    fn sync_in(&mut self) {
        let src = std::mem::take(&mut self.hub);
        for (prefix, run) in PREFIXES.into_iter().zip([&mut self.lstm, &mut self.rnn]) {
            import_model(&mut run.t.model, prefix, &src);
        }
        self.hub = src;
    }

    fn describe(&mut self) -> Description {
        let [rnn, lstm] = self.evaluate();
        let c = &self.config;
        let (steps, inputs, classes) = self.shape();
        let (train, test) = self.sizes();
        let m = &self.lstm.t.model;
        let mut config = serde_json::Map::new();
        config.insert("models".into(), json!({"lstm": "LSTM", "rnn": "RNN"}));
        config.insert("input_size".into(), json!(inputs));
        config.insert("hidden_size".into(), json!(m.hidden));
        config.insert("num_classes".into(), json!(classes));
        config.insert("num_layers".into(), json!(1));
        config.insert("batch_first".into(), json!(true));
        config.insert("rnn_nonlinearity".into(), json!("tanh"));
        config.insert("gate_order".into(), json!(["i", "f", "g", "o"]));
        config.insert("weight_layout".into(), json!("pytorch"));
        config.insert("task".into(), json!(c.task.name()));
        config.insert("distance".into(), json!(c.distance));
        config.insert("sequence_steps".into(), json!(steps));
        if let (Task::Text, Some(chars)) = (c.task, self.chars()) {
            config.insert(
                "alphabet".into(),
                json!(chars.alphabet.iter().collect::<String>()),
            );
        }
        let task = match c.task {
            Task::Memory => "remember the symbol seen first and give it back at the last step",
            Task::Brackets => "tell whether the brackets of a sequence balance",
            Task::Addition => "add the two marked numbers of a sequence",
            Task::Text => "predict the next character of a text",
        };
        let metric = |f: &super::Figures, name: &str| {
            vec![
                Metric {
                    kind: "accuracy",
                    name: format!("{name} held-out accuracy"),
                    value: f.test_accuracy,
                },
                Metric {
                    kind: "loss",
                    name: format!("{name} held-out cross-entropy"),
                    value: f.test_loss,
                },
            ]
        };
        let mut metrics = metric(&lstm, "LSTM");
        metrics.extend(metric(&rnn, "tanh RNN"));
        let card = Card {
            title: format!("An LSTM and a tanh RNN of {} units side by side ({} task, distance {})", m.hidden, c.task.name(), c.distance),
            summary: format!(
                "Two models in one folder, each one-hot symbols ({inputs}) → one recurrent layer of {} units → a \
                 linear read-out of {classes} classes at every step: an LSTM (Hochreiter and Schmidhuber, 1997, with \
                 the forget gate of Gers et al., 2000; under `lstm.`) and a plain tanh RNN (Elman, 1990; under \
                 `rnn.`) trained on the same batches. Both are exported because the chapter is their comparison. \
                 Names and layouts are PyTorch's: `cell` is an `nn.LSTM` or `nn.RNN` with `batch_first=True` \
                 (weight_ih_l0 [{}, {inputs}], gates in the order i, f, g, o), `head` an `nn.Linear`; \
                 `bias_hh_l0` is zero, the whole bias being in `bias_ih_l0`.",
                m.hidden,
                4 * m.hidden
            ),
            task: if c.task == Task::Text { "text-generation" } else { "text-classification" },
            tags: vec!["lstm", "rnn", "sequence"],
            datasets: vec![],
            data: format!(
                "{train} training and {test} held-out sequences of {steps} steps generated from the seed: {task}."
            ),
            metrics,
            training: format!(
                "Adam with learning rate {}, batch size {}, gradients clipped at norm {}, backpropagation through \
                 time over whole sequences, {} epochs ({} sequences seen), the same batches for both models.",
                c.learning_rate, c.batch_size, c.clip, self.lstm.t.epoch, self.lstm.t.examples
            ),
            limits: "Each model knows only its task at the distance it was trained on; a longer sequence is outside \
                     what it saw."
                .into(),
            load: LOAD.into(),
            library: "",
        };
        Description {
            architecture: "NeuroplayLstmRnn".into(),
            model_type: "neuroplay_lstm".into(),
            config,
            card,
            files: vec![],
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::models::seq::Cell;

    #[test]
    fn the_pytorch_layout_goes_there_and_back() {
        let mut r = crate::rng::Rng::new(3);
        for cell in [Cell::Lstm, Cell::Rnn] {
            let m = SeqModel::new(cell, 5, 3, 4, &mut r);
            let mut out = ParamStore::default();
            export_model(&mut out, "x", &m);
            let w = out.named("x.cell.weight_ih_l0").unwrap();
            let ours = m.store.named("cell.weight_ih").unwrap();
            let g = cell.gates() * 3;
            // Row j of PyTorch's [G·H, I] is column j of ours [I, G·H].
            assert_eq!(w[2 * 5 + 4], ours[4 * g + 2]);
            let mut back = SeqModel::new(cell, 5, 3, 4, &mut r);
            import_model(&mut back, "x", &out);
            assert_eq!(back.store.data, m.store.data);
        }
    }
}
