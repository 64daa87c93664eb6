//! The 1997 chapter's session: a plain tanh RNN and an LSTM (Hochreiter and
//! Schmidhuber, 1997) of the same width trained side by side on a task that
//! needs memory over a distance the reader sets, each batch the same for
//! both; their held-out figures; and, for one sequence, every step's gates,
//! cell and hidden states and the gradient's size at each earlier step.

mod hub;
mod probe;
pub mod settings;

pub use probe::{class_labels, parse, write, Probe, MAX_STEPS};

use crate::data::sequences::{CharText, Sequences, Task};
use crate::models::seq::{argmax, Cell, SeqModel};
use crate::models::Dataset;
use crate::nn::OptimizerKind;
use crate::ops::lstm;
use crate::rng::{seed_from_text, Rng};
use crate::train::{never, Hyper, Trainable, Trainer};
use settings::LstmConfig;

/// The chapter's entry in the registry.
pub static CHAPTER: super::Chapter = super::Chapter {
    route: "lstm",
    fields: settings::FIELDS,
    hideable: settings::HIDEABLE,
    limits: settings::LIMITS,
    decode: settings::decode,
};

const STREAM_DATA: u64 = 21;
const STREAM_RNN: u64 = 22;
const STREAM_LSTM: u64 = 23;
const STREAM_ORDER: u64 = 24;
/// Training and held-out sequences of each task.
pub const TRAIN: usize = 4000;
pub const TEST: usize = 500;
/// Characters of the text the text task reads (its first nine tenths
/// train, the rest is held out).
pub const TEXT_CHARS: usize = 60_000;
/// Weight of a new batch loss in the running training loss.
const RUNNING: f64 = 0.1;

/// One model's figures.
#[derive(Clone, Debug)]
pub struct Figures {
    pub cell: Cell,
    pub params: usize,
    /// Running mean of recent batch losses (NaN before any).
    pub train_loss: f64,
    pub test_loss: f64,
    /// Share of the held-out answers right.
    pub test_accuracy: f64,
}

/// A model being trained and its running loss.
struct Run {
    t: Trainer<SeqModel>,
    loss: f64,
}

/// What the page draws for one sequence: each buffer [T, H] step-major
/// (gates i, f, o, candidate g, cell c, hidden h of the LSTM; h of the
/// RNN), each model's answer and its probability at every step, and
/// ‖∂L/∂x_t‖ for the loss at the last step.
#[derive(Clone, Debug, Default)]
pub struct Inspection {
    pub steps: usize,
    pub width: usize,
    pub lstm: [Vec<f32>; lstm::SECTIONS],
    pub rnn_h: Vec<f32>,
    pub lstm_answer: Vec<u32>,
    pub lstm_prob: Vec<f32>,
    pub rnn_answer: Vec<u32>,
    pub rnn_prob: Vec<f32>,
    pub lstm_grad: Vec<f32>,
    pub rnn_grad: Vec<f32>,
}

/// Data and models of the chapter.
pub struct LstmSession {
    pub config: LstmConfig,
    /// The text task's characters (None without a text).
    chars: Option<CharText>,
    train: Sequences,
    test: Sequences,
    rnn: Run,
    lstm: Run,
    probe: Probe,
    /// Both models in the exported layout (see `hub`), filled on export.
    hub: crate::nn::ParamStore,
}

fn data(c: &LstmConfig, chars: Option<&CharText>) -> (Sequences, Sequences) {
    let mut r = Rng::for_stream(seed_from_text(&c.seed), STREAM_DATA);
    let d = c.distance;
    match c.task {
        Task::Memory => (
            Sequences::memory(TRAIN, d, &mut r),
            Sequences::memory(TEST, d, &mut r),
        ),
        Task::Brackets => (
            Sequences::brackets(TRAIN, d, &mut r),
            Sequences::brackets(TEST, d, &mut r),
        ),
        Task::Addition => (
            Sequences::addition(TRAIN, d, &mut r),
            Sequences::addition(TEST, d, &mut r),
        ),
        Task::Text => {
            let (ids, v) = chars.map_or((&[][..], 1), |c| (&c.ids[..], c.alphabet.len()));
            let cut = ids.len() * 9 / 10;
            (
                Sequences::text(TRAIN, d, &ids[..cut], v, &mut r),
                Sequences::text(TEST, d, &ids[cut..], v, &mut r),
            )
        }
    }
}

impl LstmSession {
    /// A session; `text` is the text task's text (its first
    /// [`TEXT_CHARS`] characters are used).
    pub fn new(config: LstmConfig, text: Option<&str>) -> Self {
        let chars = text.map(|t| CharText::new(&t.chars().take(TEXT_CHARS).collect::<String>()));
        let (train, test) = data(&config, chars.as_ref());
        let (rnn, lstm) = Self::models(&config, &train);
        let mut s = LstmSession {
            config,
            chars,
            train,
            test,
            rnn,
            lstm,
            probe: Probe::default(),
            hub: crate::nn::ParamStore::default(),
        };
        s.set_probe();
        s
    }

    fn models(c: &LstmConfig, train: &Sequences) -> (Run, Run) {
        let seed = seed_from_text(&c.seed);
        let make = |cell, stream| {
            let mut m = SeqModel::new(
                cell,
                train.inputs.max(1),
                c.width,
                train.classes.max(1),
                &mut Rng::for_stream(seed, stream),
            );
            // Forget biases ln T, input biases −ln T: the cell starts by
            // keeping what it holds for about the span of a sequence.
            m.set_forget_bias((train.steps.max(2) as f32).ln());
            m.reserve(c.batch_size.min(train.len()).max(1), train.steps.max(1));
            let t = Trainer::new(
                m,
                OptimizerKind::Adam,
                Rng::for_stream(seed, STREAM_ORDER),
                train.len(),
            );
            Run { t, loss: f64::NAN }
        };
        (make(Cell::Rnn, STREAM_RNN), make(Cell::Lstm, STREAM_LSTM))
    }

    /// The reader's sequence, or the first held-out one.
    fn set_probe(&mut self) {
        let task = self.config.task;
        let typed = parse(task, &self.config.sequence, self.chars.as_ref());
        self.probe = typed.unwrap_or_else(|| {
            let text = self.example(0);
            parse(task, &text, self.chars.as_ref()).unwrap_or_default()
        });
    }

    /// Whether the reader's sequence was used (false: it was empty or
    /// unreadable, and the first held-out example stands in).
    pub fn probe_is_typed(&self) -> bool {
        parse(self.config.task, &self.config.sequence, self.chars.as_ref()).is_some()
    }

    /// Moves to new settings; returns whether the models were rebuilt (the
    /// learning rate, batch size, clipping and the sequence keep them).
    pub fn apply(&mut self, config: LstmConfig) -> bool {
        let old = std::mem::replace(&mut self.config, config);
        let c = &self.config;
        let rebuild = old.task != c.task
            || old.distance != c.distance
            || old.width != c.width
            || old.seed != c.seed;
        if rebuild {
            (self.train, self.test) = data(c, self.chars.as_ref());
            self.reset();
        } else {
            for r in [&mut self.rnn, &mut self.lstm] {
                r.t.resume();
            }
        }
        self.set_probe();
        rebuild
    }

    /// The run's settings, the same for both models.
    pub fn hyper(&self) -> Hyper {
        let c = &self.config;
        Hyper {
            learning_rate: c.learning_rate,
            clip: c.clip,
            batch_size: c.batch_size.max(1),
            ..Hyper::default()
        }
    }

    /// Steps of one sequence, input symbols and answer classes.
    pub fn shape(&self) -> (usize, usize, usize) {
        (self.train.steps, self.train.inputs, self.train.classes)
    }

    /// Training and held-out sequences.
    pub fn sizes(&self) -> (usize, usize) {
        (self.train.len(), self.test.len())
    }

    /// The text task's alphabet (None without a text).
    pub fn chars(&self) -> Option<&CharText> {
        self.chars.as_ref()
    }

    /// Held-out sequence `k` as the reader would type it (for text: with
    /// its last answer, so it reads on).
    pub fn example(&self, k: usize) -> String {
        let t = self.test.steps;
        if self.test.len() == 0 {
            return String::new();
        }
        let k = k % self.test.len();
        let x = &self.test.x[k * t..(k + 1) * t];
        let mut s = write(self.config.task, x, self.chars.as_ref());
        if self.config.task == Task::Text {
            s.push_str(&write(
                Task::Text,
                &self.test.y[(k + 1) * t - 1..(k + 1) * t],
                self.chars.as_ref(),
            ));
        }
        s
    }

    /// The sequence the page inspects.
    pub fn probe(&self) -> &Probe {
        &self.probe
    }

    /// Both models' figures on the held-out set, the RNN first.
    pub fn evaluate(&mut self) -> [Figures; 2] {
        let test = &self.test;
        let fig = |r: &mut Run| {
            let (test_loss, test_accuracy) = r.t.model.evaluate(&test.x, &test.y, test.steps, 100);
            Figures {
                cell: r.t.model.cell,
                params: r.t.model.store.len(),
                train_loss: r.loss,
                test_loss,
                test_accuracy,
            }
        };
        [fig(&mut self.rnn), fig(&mut self.lstm)]
    }

    /// Runs both models over the sequence under inspection.
    pub fn inspect(&mut self, out: &mut Inspection) {
        let p = &self.probe;
        let t = p.x.len();
        let h = self.config.width;
        out.steps = t;
        out.width = h;
        if t == 0 {
            return;
        }
        let target = *p.y.last().unwrap_or(&0);
        let target = if target == crate::data::sequences::IGNORE {
            0
        } else {
            target
        };
        for (run, is_lstm) in [(&mut self.rnn, false), (&mut self.lstm, true)] {
            let m = &mut run.t.model;
            let grad = if is_lstm {
                &mut out.lstm_grad
            } else {
                &mut out.rnn_grad
            };
            grad.resize(t, 0.0);
            m.gradient_sizes(&p.x, target, grad);
            m.forward(&p.x, 1, t);
            let k = m.classes;
            let (answer, prob) = if is_lstm {
                (&mut out.lstm_answer, &mut out.lstm_prob)
            } else {
                (&mut out.rnn_answer, &mut out.rnn_prob)
            };
            answer.clear();
            prob.clear();
            for row in m.probabilities().chunks_exact(k) {
                let a = argmax(row);
                answer.push(a as u32);
                prob.push(row[a]);
            }
            if is_lstm {
                for (which, buf) in out.lstm.iter_mut().enumerate() {
                    buf.clear();
                    buf.extend_from_slice(m.section(which).unwrap_or(&[]));
                }
            } else {
                out.rnn_h.clear();
                out.rnn_h.extend_from_slice(m.hidden_states());
            }
        }
    }
}

impl Trainable for LstmSession {
    fn reset(&mut self) {
        (self.rnn, self.lstm) = Self::models(&self.config, &self.train);
    }

    /// Trains up to `batches` batches, each on both models; returns how many.
    fn train_batches(&mut self, batches: usize) -> usize {
        let h = self.hyper();
        let mut done = 0;
        while done < batches {
            let mut ran = 0;
            for r in [&mut self.rnn, &mut self.lstm] {
                ran = r.t.train_batches(&self.train, &h, 1, &mut never);
                if ran == 1 {
                    let l = r.t.last_loss;
                    r.loss = if r.loss.is_finite() {
                        r.loss + RUNNING * (l - r.loss)
                    } else {
                        l
                    };
                }
            }
            if ran == 0 {
                break;
            }
            done += 1;
        }
        done
    }

    fn train_epochs(&mut self, epochs: usize) -> usize {
        let target = self.lstm.t.epoch + epochs as u64;
        let mut total = 0;
        while self.lstm.t.epoch < target {
            let ran = self.train_batches(
                self.lstm
                    .t
                    .batches_left(self.config.batch_size.max(1))
                    .max(1),
            );
            if ran == 0 {
                break;
            }
            total += ran;
        }
        total
    }

    fn batches_per_epoch(&self) -> usize {
        Trainer::<SeqModel>::batches_per_epoch(self.train.len(), self.config.batch_size.max(1))
    }

    fn epoch(&self) -> u64 {
        self.lstm.t.epoch
    }

    fn examples(&self) -> u64 {
        self.lstm.t.examples
    }

    /// The LSTM's status (the RNN may diverge alone: its figures show it).
    fn status_name(&self) -> &'static str {
        self.lstm.t.status.name()
    }
}
