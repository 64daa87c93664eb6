//! The gallery of ready models shown by the `#/hub` chapter: for each
//! chapter that exports, one or two models trained by this engine through
//! the same session the page runs, from a fixed settings link (with its
//! seed) for a fixed budget, then exported as the chapter's Hugging Face
//! folder. `make models` writes them to `www/models/` with an index of
//! cards; tests/models.rs rebuilds them and checks every byte, so each
//! card says exactly how its model can be made again.
//!
//! Adding a chapter's model is one [`Entry`] in [`GALLERY`]. Native builds
//! are deterministic: the seed is in the link, no clock or hash-map order
//! reaches a file, zip entries carry the 1980 epoch as their date.

use super::card::Metric;
use super::{export_with_card, open, Exportable, Folder, HubError, Precision};
use crate::chapters::cnn::{settings as cnn_settings, CnnSession};
use crate::chapters::dbn::{settings as dbn_settings, DbnSession};
use crate::chapters::digits::{settings as digits_settings, DigitsSession};
use crate::chapters::gpt::{settings as gpt_settings, GptSession, Texts};
use crate::chapters::lstm::{settings as lstm_settings, LstmSession};
use crate::chapters::perceptron::{self as perceptron, PerceptronSession, Scene};
use crate::chapters::playground::{settings as pg_settings, Session};
use crate::data::corpus::parse as parse_corpus;
use crate::data::digits::{parse as parse_digits, Digits};
use crate::train::Trainable;
use serde_json::{json, Value};

/// How long a gallery model trains.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Budget {
    /// Whole passes over the training set.
    Epochs(usize),
    /// Optimizer steps (batches).
    Steps(usize),
}

impl Budget {
    /// `("epochs", n)` or `("steps", n)`, as the card states it.
    pub fn parts(self) -> (&'static str, usize) {
        match self {
            Budget::Epochs(n) => ("epochs", n),
            Budget::Steps(n) => ("steps", n),
        }
    }
}

/// The data the chapters train on, as shipped with the page (www/data/).
pub struct Sources {
    pub digits: Digits,
    pub texts: Texts,
}

impl Sources {
    /// Parses the shipped files: `digits-14x14.bin`, `moby-dick.bin`,
    /// `tang-quatrains.bin`.
    pub fn parse(digits: &[u8], moby: &[u8], poems: &[u8]) -> Result<Sources, String> {
        Ok(Sources {
            digits: parse_digits(digits).map_err(|e| format!("digits: {e:?}"))?,
            texts: Texts {
                poems: parse_corpus(poems).map_err(|e| format!("poems: {e:?}"))?,
                moby: parse_corpus(moby).map_err(|e| format!("moby: {e:?}"))?,
                own: None,
            },
        })
    }
}

/// One model of the gallery.
pub struct Entry {
    /// File name (`www/models/<id>.zip`) and the link's `model=` value.
    pub id: &'static str,
    /// The chapter that made it and opens it.
    pub route: &'static str,
    /// The card's title, in English and in Chinese.
    pub title_en: &'static str,
    pub title_zh: &'static str,
    /// The chapter's settings link, seed included.
    pub settings: &'static str,
    pub budget: Budget,
    pub precision: Precision,
    /// Makes the chapter's session from the settings, trains it for the
    /// budget and exports it (see [`train_and_export`]).
    pub build: fn(&Entry, &Sources) -> Result<Built, HubError>,
}

/// A gallery model as built.
#[derive(Clone, Debug)]
pub struct Built {
    /// The zip archive of the folder.
    pub zip: Vec<u8>,
    /// The figures its card states, measured after training.
    pub metrics: Vec<Metric>,
    /// The card's training sentence (optimizer, rate, batch, amount).
    pub training: String,
    /// The seed as the folder records it.
    pub seed: String,
    /// Steps and examples the session trained.
    pub steps: usize,
    pub examples: u64,
    pub parameters: usize,
}

/// Every gallery model, in the order of the story.
pub static GALLERY: &[Entry] = &[
    Entry {
        id: "perceptron-separable",
        route: "perceptron",
        title_en: "Rosenblatt's rule on 100 separable points, run until it makes no mistake",
        title_zh: "罗森布拉特的规则在 100 个可分的点上一直学到不再出错",
        settings: "numPoints=100&margin=0.3&seed=gallery",
        budget: Budget::Epochs(7),
        precision: Precision::F32,
        build: perceptron_model,
    },
    Entry {
        id: "playground-spiral",
        route: "playground",
        title_en: "The two spirals, three hidden layers",
        title_zh: "两条螺旋线，三个隐藏层",
        settings: "dataset=spiral&networkShape=8,8,5&activation=tanh&learningRate=0.03&batchSize=10&noise=0&seed=gallery",
        budget: Budget::Epochs(2000),
        precision: Precision::F32,
        build: playground,
    },
    Entry {
        id: "playground-xor",
        route: "playground",
        title_en: "Exclusive or, one hidden layer of four",
        title_zh: "异或，一个四神经元的隐藏层",
        settings: "dataset=xor&networkShape=4&activation=tanh&learningRate=0.03&batchSize=10&noise=10&seed=gallery",
        budget: Budget::Epochs(100),
        precision: Precision::F32,
        build: playground,
    },
    Entry {
        id: "digits-softmax",
        route: "digits",
        title_en: "Handwritten digits, softmax regression",
        title_zh: "手写数字，softmax 回归",
        settings: "compare=false&seed=gallery",
        budget: Budget::Epochs(20),
        precision: Precision::F32,
        build: digits,
    },
    Entry {
        id: "digits-dense",
        route: "digits",
        title_en: "Handwritten digits, one hidden layer of 64",
        title_zh: "手写数字，一个 64 神经元的隐藏层",
        settings: "networkShape=64&activation=relu&optimizer=adam&learningRate=0.003&compare=false&seed=gallery",
        budget: Budget::Epochs(20),
        precision: Precision::F32,
        build: digits,
    },
    Entry {
        id: "cnn-lenet",
        route: "cnn",
        title_en: "A small LeNet for digits, the chapter's preset",
        title_zh: "识别数字的小型 LeNet，本章的预设",
        settings: "compare=false&seed=gallery",
        budget: Budget::Steps(1500),
        precision: Precision::F32,
        build: cnn,
    },
    Entry {
        id: "lstm-memory",
        route: "lstm",
        title_en: "An LSTM that remembers the first symbol across 60 distractors, beside a plain RNN",
        title_zh: "隔着 60 个干扰符号记住第一个符号的 LSTM，旁边是普通 RNN",
        settings: "task=memory&distance=60&width=32&seed=gallery",
        budget: Budget::Steps(150),
        precision: Precision::F32,
        build: lstm,
    },
    Entry {
        id: "dbn-rbm",
        route: "dbn",
        title_en: "A restricted Boltzmann machine of 128 hidden units, CD-1 on digits",
        title_zh: "128 个隐藏单元的受限玻尔兹曼机，在数字上用 CD-1 训练",
        settings: "hidden=128&sampler=cd&k=1&seed=gallery",
        budget: Budget::Epochs(5),
        precision: Precision::F32,
        build: dbn,
    },
    Entry {
        id: "gpt-moby",
        route: "gpt",
        title_en: "A tiny GPT-2 that has read Moby-Dick",
        title_zh: "读过《白鲸》的迷你 GPT-2",
        settings: "corpus=moby&merges=40&layers=2&width=32&heads=4&context=32&batchSize=16&seed=gallery",
        budget: Budget::Steps(2500),
        precision: Precision::F32,
        build: gpt,
    },
];

// One builder per chapter: the session made from the entry's link.

fn perceptron_model(e: &Entry, _: &Sources) -> Result<Built, HubError> {
    let s = settings(e, |q, seed| perceptron::decode(Scene::Perceptron, q, seed))?;
    train_and_export(&mut PerceptronSession::new(perceptron::setup(Scene::Perceptron, &s)), e)
}

fn playground(e: &Entry, _: &Sources) -> Result<Built, HubError> {
    train_and_export(&mut Session::new(pg_settings::config(&settings(e, pg_settings::decode)?)), e)
}

fn digits(e: &Entry, s: &Sources) -> Result<Built, HubError> {
    let c = digits_settings::config(&settings(e, digits_settings::decode)?);
    train_and_export(&mut DigitsSession::new(c, &s.digits), e)
}

fn cnn(e: &Entry, s: &Sources) -> Result<Built, HubError> {
    let c = cnn_settings::config(&settings(e, cnn_settings::decode)?);
    train_and_export(&mut CnnSession::new(c, &s.digits, || 0.0), e)
}

fn lstm(e: &Entry, _: &Sources) -> Result<Built, HubError> {
    let c = lstm_settings::config(&settings(e, lstm_settings::decode)?);
    train_and_export(&mut LstmSession::new(c, None), e)
}

fn dbn(e: &Entry, s: &Sources) -> Result<Built, HubError> {
    let c = dbn_settings::config(&settings(e, dbn_settings::decode)?);
    train_and_export(&mut DbnSession::new(c, &s.digits, || 0.0), e)
}

fn gpt(e: &Entry, s: &Sources) -> Result<Built, HubError> {
    let c = gpt_settings::config(&settings(e, gpt_settings::decode)?);
    train_and_export(&mut GptSession::new(c, s.texts.clone()), e)
}

/// The gallery entry called `id`.
pub fn find(id: &str) -> Option<&'static Entry> {
    GALLERY.iter().find(|e| e.id == id)
}

/// The entry's link read by its chapter's decoder; a link the chapter
/// does not take whole is an error (the card would not say the truth).
fn settings(
    e: &Entry,
    decode: fn(&str, &str) -> crate::config::table::Decoded,
) -> Result<crate::config::table::Settings, HubError> {
    let d = decode(e.settings, "");
    match d.issues.first() {
        None => Ok(d.settings),
        Some(i) => Err(HubError::Settings(format!(
            "{}: {} in {}",
            i.field,
            i.kind.name(),
            e.id
        ))),
    }
}

/// Trains `session` for the entry's budget and exports it as a zip.
pub fn train_and_export<E: Exportable + Trainable>(
    session: &mut E,
    e: &Entry,
) -> Result<Built, HubError> {
    let steps = match e.budget {
        Budget::Epochs(n) => session.train_epochs(n),
        Budget::Steps(n) => session.train_batches(n),
    };
    if e.precision == Precision::F16 {
        // The figures describe the weights as shipped: rounded first.
        for w in session.params_mut().data.iter_mut() {
            *w = super::f16::to_f32(super::f16::from_f32(*w));
        }
    }
    let (folder, card) = export_with_card(session, e.settings, e.precision)?;
    let zip = folder.to_zip()?;
    let seed = open(Folder::from_zip(&zip)?)?.seed;
    Ok(Built {
        zip,
        metrics: card.metrics,
        training: card.training,
        seed,
        steps,
        examples: session.examples(),
        parameters: session.params().len(),
    })
}

/// The command that makes the gallery.
pub const COMMAND: &str = "make models";

/// One card of `index.json`: what the page shows and how it was made.
pub fn card(e: &Entry, b: &Built) -> Value {
    let (unit, count) = e.budget.parts();
    let figures: Vec<Value> = b
        .metrics
        .iter()
        .map(|m| json!({"kind": m.kind, "name": m.name, "value": m.value}))
        .collect();
    json!({
        "id": e.id,
        "route": e.route,
        "title": {"en": e.title_en, "zh": e.title_zh},
        "settings": e.settings,
        "seed": b.seed,
        "budget": {"unit": unit, "count": count},
        "steps": b.steps,
        "examples": b.examples,
        "parameters": b.parameters,
        "precision": e.precision.torch_name(),
        "training": b.training,
        "figures": figures,
        "file": format!("models/{}.zip", e.id),
        "bytes": b.zip.len(),
        "command": COMMAND,
    })
}

/// `index.json`: the format and every card, in the gallery's order.
pub fn index(cards: Vec<Value>) -> String {
    let v = json!({"format": 1, "command": COMMAND, "models": cards});
    let mut s = serde_json::to_string_pretty(&v).unwrap_or_default();
    s.push('\n');
    s
}
