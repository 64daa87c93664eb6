//! The digits chapter's settings, in the same link style as the playground.

use crate::config::table::{Decoded, Field, Kind, Settings, Value};
use crate::nn::OptimizerKind;
use crate::ops::Activation;

/// Most hidden layers in the digits network.
pub const MAX_LAYERS: usize = 3;
/// Most neurons in one of its hidden layers.
pub const MAX_NEURONS: usize = 256;

const ACTIVATIONS: &[&str] = &["relu", "tanh", "sigmoid", "linear", "leakyRelu", "elu", "gelu", "sine", "swish"];
const OPTIMIZERS: &[&str] = &["sgd", "momentum", "rmsprop", "adam"];
/// Training speeds: as fast as the machine goes, so many epochs per second,
/// or one batch per animation frame (the maps can be watched forming).
/// Only the page's worker reads it; the model does not change with it.
const SPEEDS: &[&str] = &["max", "10", "3", "1", "0.3", "batch"];

/// Longest `weights` value (base64url characters).
pub const WEIGHTS_MAX_LEN: usize = 44_000;

/// The table.
pub static FIELDS: &[Field] = &[
    Field {
        name: "networkShape",
        kind: Kind::IntList { min: 1, max: MAX_NEURONS as i64, max_len: MAX_LAYERS },
        default: || Value::IntList(Vec::new()),
    },
    Field { name: "activation", kind: Kind::Choice(ACTIVATIONS), default: || Value::Choice(0) },
    Field { name: "optimizer", kind: Kind::Choice(OPTIMIZERS), default: || Value::Choice(0) },
    Field { name: "learningRate", kind: Kind::Float { min: 0.0, max: 10.0 }, default: || Value::Float(0.1) },
    Field { name: "batchSize", kind: Kind::Int { min: 1, max: 512 }, default: || Value::Int(32) },
    Field { name: "seed", kind: Kind::Text { max_len: 40 }, default: || Value::Text("1".into()) },
    Field { name: "compare", kind: Kind::Bool, default: || Value::Bool(true) },
    Field { name: "augment", kind: Kind::Bool, default: || Value::Bool(false) },
    Field { name: "stopAtEpoch", kind: Kind::Int { min: 0, max: 10_000 }, default: || Value::Int(0) },
    Field { name: "hideText", kind: Kind::Bool, default: || Value::Bool(false) },
    Field { name: "speed", kind: Kind::Choice(SPEEDS), default: || Value::Choice(0) },
    // Trained weights (hub::linkweights), deflated and base64url: the cap
    // holds a MAX_PAYLOAD payload that deflate cannot shrink.
    Field { name: "weights", kind: Kind::Blob { max_len: WEIGHTS_MAX_LEN }, default: || Value::Text(String::new()) },
];

/// Controls a link may hide.
pub static HIDEABLE: &[&str] = &[
    "playButton",
    "stepButton",
    "resetButton",
    "learningRate",
    "optimizer",
    "batchSize",
    "activation",
    "numHiddenLayers",
    "compare",
    "augment",
    "stopAt",
    "speed",
    "weights",
    "drawing",
    "confusion",
    "mistakes",
    "shareButton",
];

/// Everything the digits engine needs, typed.
#[derive(Clone, Debug, PartialEq)]
pub struct DigitsConfig {
    pub hidden: Vec<usize>,
    pub activation: Activation,
    pub optimizer: OptimizerKind,
    pub learning_rate: f32,
    pub batch_size: usize,
    pub seed: String,
    /// Train the plain softmax model beside a deeper one.
    pub compare: bool,
    /// Shift training images by up to a pixel each epoch.
    pub augment: bool,
    pub stop_at_epoch: u64,
}

/// Reads a digits link; never fails (see [`Settings::decode`]).
pub fn decode(query: &str, fallback_seed: &str) -> Decoded {
    let mut d = Settings::decode(FIELDS, HIDEABLE, &[], query);
    let s = &mut d.settings;
    s.seed_if_missing(fallback_seed);
    d
}

/// The typed configuration.
pub fn config(s: &Settings) -> DigitsConfig {
    let optimizer = match s.choice("optimizer") {
        "momentum" => OptimizerKind::Momentum,
        "rmsprop" => OptimizerKind::RmsProp,
        "adam" => OptimizerKind::Adam,
        _ => OptimizerKind::Sgd,
    };
    DigitsConfig {
        hidden: s.list("networkShape").iter().map(|&n| n as usize).collect(),
        activation: s.choice("activation").parse().unwrap_or(Activation::Relu),
        optimizer,
        learning_rate: s.float("learningRate") as f32,
        batch_size: s.int("batchSize") as usize,
        seed: s.text("seed").to_string(),
        compare: s.bool("compare"),
        augment: s.bool("augment"),
        stop_at_epoch: s.int("stopAtEpoch") as u64,
    }
}

/// The table as JSON for the page.
/// Caps the engine enforces, published to the page.
pub static LIMITS: &[(&str, f64)] = &[("maxLayers", MAX_LAYERS as f64), ("maxNeurons", MAX_NEURONS as f64)];
