//! The LSTM chapter's bindings: the session the worker trains (a tanh RNN
//! and an LSTM side by side), its figures, and the inspection of one
//! sequence, bulk numbers as typed arrays and everything else by name.

use super::results::{f32_array, to_js};
use crate::chapters::lstm::{class_labels, settings, Inspection, LstmSession};
use crate::data::corpus::parse;
use crate::ops::lstm;
use serde::Serialize;
use wasm_bindgen::prelude::*;

/// One model's figures.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Figures {
    cell: &'static str,
    params: usize,
    train_loss: f64,
    test_loss: f64,
    test_accuracy: f64,
}

#[derive(Serialize)]
struct Metrics {
    rnn: Figures,
    lstm: Figures,
}

/// What the page needs to label the data.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Info {
    task: &'static str,
    steps: usize,
    inputs: usize,
    classes: usize,
    train: usize,
    test: usize,
    class_labels: Vec<String>,
}

/// The sequence under inspection: labels per step, answers, and whether
/// the reader's own sequence was readable.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ProbeInfo<'a> {
    labels: &'a [String],
    /// The right answer at each step (-1 where none counts).
    answers: Vec<i64>,
    typed: bool,
    text: String,
}

/// One LSTM chapter session.
#[wasm_bindgen]
pub struct LstmLab {
    s: LstmSession,
    out: Inspection,
}

#[wasm_bindgen]
impl LstmLab {
    /// A session for a link on the bytes of the shipped novel (the text
    /// task's text). A damaged file is refused with `corpus:<reason>: …`.
    #[wasm_bindgen(constructor)]
    pub fn new(query: &str, moby: &[u8]) -> Result<LstmLab, JsError> {
        let c = parse(moby)
            .map_err(|e| JsError::new(&format!("corpus:{}: moby-dick.bin: {e}", e.name())))?;
        let text = c.docs.join("\n");
        let d = settings::decode(query, "1");
        Ok(LstmLab {
            s: LstmSession::new(settings::config(&d.settings), Some(&text)),
            out: Inspection::default(),
        })
    }

    /// Moves to a new link; returns 2 if the models were rebuilt.
    pub fn apply(&mut self, query: &str) -> u32 {
        let d = settings::decode(query, "1");
        u32::from(self.s.apply(settings::config(&d.settings))) << 1
    }

    /// `{task, steps, inputs, classes, train, test, classLabels}`.
    pub fn info(&self) -> JsValue {
        let (steps, inputs, classes) = self.s.shape();
        let (train, test) = self.s.sizes();
        to_js(&Info {
            task: self.s.config.task.name(),
            steps,
            inputs,
            classes,
            train,
            test,
            class_labels: class_labels(self.s.config.task, self.s.chars()),
        })
    }

    /// `{rnn, lstm}`: each `{cell, params, trainLoss, testLoss,
    /// testAccuracy}` on the held-out sequences.
    pub fn evaluate(&mut self) -> JsValue {
        let [r, l] = self.s.evaluate();
        let f = |m: &crate::chapters::lstm::Figures| Figures {
            cell: m.cell.name(),
            params: m.params,
            train_loss: m.train_loss,
            test_loss: m.test_loss,
            test_accuracy: m.test_accuracy,
        };
        to_js(&Metrics {
            rnn: f(&r),
            lstm: f(&l),
        })
    }

    /// Held-out sequence `k` as the reader would type it.
    pub fn example(&self, k: u32) -> String {
        self.s.example(k as usize)
    }

    /// Runs both models over the sequence under inspection; its buffers
    /// are then read with [`LstmLab::states`] and [`LstmLab::grads`].
    /// Returns `{labels, answers, typed, text}`.
    pub fn inspect(&mut self) -> JsValue {
        self.s.inspect(&mut self.out);
        let p = self.s.probe();
        let task = self.s.config.task;
        to_js(&ProbeInfo {
            labels: &p.labels,
            answers: p
                .y
                .iter()
                .map(|&y| {
                    if y == crate::data::sequences::IGNORE {
                        -1
                    } else {
                        i64::from(y)
                    }
                })
                .collect(),
            typed: self.s.probe_is_typed(),
            text: crate::chapters::lstm::write(task, &p.x, self.s.chars()),
        })
    }

    /// One state of the last inspection, [T × H] step-major: `i`, `f`, `g`,
    /// `o`, `c`, `h` of the LSTM, or `rnn` for the RNN's hidden state.
    pub fn states(&self, which: &str) -> js_sys::Float32Array {
        let o = &self.out;
        let v: &[f32] = match which {
            "i" => &o.lstm[lstm::I],
            "f" => &o.lstm[lstm::F],
            "g" => &o.lstm[lstm::G],
            "o" => &o.lstm[lstm::O],
            "c" => &o.lstm[lstm::C],
            "h" => &o.lstm[lstm::H],
            "rnn" => &o.rnn_h,
            _ => &[],
        };
        f32_array(v)
    }

    /// ‖∂L/∂x_t‖ at every step t of the last inspection, for the loss at
    /// its last step: `lstm` or `rnn`.
    pub fn grads(&self, which: &str) -> js_sys::Float32Array {
        f32_array(if which == "lstm" {
            &self.out.lstm_grad
        } else {
            &self.out.rnn_grad
        })
    }

    /// Each model's answer at every step of the last inspection (class
    /// ids), and its probability: `lstm`, `rnn`.
    pub fn answers(&self, which: &str) -> Vec<u32> {
        if which == "lstm" {
            self.out.lstm_answer.clone()
        } else {
            self.out.rnn_answer.clone()
        }
    }

    /// The probability each model gave its answer at every step.
    pub fn confidence(&self, which: &str) -> js_sys::Float32Array {
        f32_array(if which == "lstm" {
            &self.out.lstm_prob
        } else {
            &self.out.rnn_prob
        })
    }

    /// Width of both layers.
    pub fn width(&self) -> u32 {
        self.s.config.width as u32
    }
}

worker_calls!(LstmLab);
hub_calls!(LstmLab);
