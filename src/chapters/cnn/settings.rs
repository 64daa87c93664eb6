//! The CNN chapter's settings: the architecture (conv layers as parallel
//! lists of channels, kernel sides and pooling windows; the dense head),
//! the training run, and the comparison models.

use crate::config::table::{Decoded, Field, FieldIssue, IssueKind, Kind, Settings, Value};
use crate::models::cnn::{CnnSpec, ConvLayer, Pool, MAX_CHANNELS, MAX_CONV_LAYERS, MAX_KERNEL};
use crate::nn::OptimizerKind;
use crate::ops::Activation;

/// Most hidden dense layers after the conv layers.
pub const MAX_DENSE: usize = 2;
/// Widest hidden dense layer.
pub const MAX_DENSE_WIDTH: usize = 256;
/// Largest pooling window.
pub const MAX_POOL: usize = 4;
/// Most epochs of one run.
pub const MAX_EPOCHS: usize = 200;

const ACTIVATIONS: &[&str] = &[
    "relu",
    "tanh",
    "sigmoid",
    "leakyRelu",
    "elu",
    "gelu",
    "swish",
];
const POOLINGS: &[&str] = &["max", "avg"];
const OPTIMIZERS: &[&str] = &["sgd", "momentum", "rmsprop", "adam"];

/// The architecture's fields, put back together when they do not fit.
const ARCHITECTURE: &[&str] = &["channels", "kernels", "pools", "pooling", "dense"];

/// The table. The default is [`CnnSpec::digits`] trained as measured:
/// Adam 0.005 with decoupled weight decay 0.1 (AdamW), warm-up and cosine
/// decay over 10 epochs, batch 16.
pub static FIELDS: &[Field] = &[
    Field {
        name: "channels",
        kind: Kind::IntList {
            min: 1,
            max: MAX_CHANNELS as i64,
            max_len: MAX_CONV_LAYERS,
        },
        default: || Value::IntList(vec![16, 32]),
    },
    Field {
        name: "kernels",
        kind: Kind::IntList {
            min: 1,
            max: MAX_KERNEL as i64,
            max_len: MAX_CONV_LAYERS,
        },
        default: || Value::IntList(vec![5, 3]),
    },
    Field {
        name: "pools",
        kind: Kind::IntList {
            min: 1,
            max: MAX_POOL as i64,
            max_len: MAX_CONV_LAYERS,
        },
        default: || Value::IntList(vec![2, 2]),
    },
    Field {
        name: "pooling",
        kind: Kind::Choice(POOLINGS),
        default: || Value::Choice(0),
    },
    Field {
        name: "dense",
        kind: Kind::IntList {
            min: 1,
            max: MAX_DENSE_WIDTH as i64,
            max_len: MAX_DENSE,
        },
        default: || Value::IntList(Vec::new()),
    },
    Field {
        name: "activation",
        kind: Kind::Choice(ACTIVATIONS),
        default: || Value::Choice(0),
    },
    Field {
        name: "optimizer",
        kind: Kind::Choice(OPTIMIZERS),
        default: || Value::Choice(3),
    },
    Field {
        name: "learningRate",
        kind: Kind::Float {
            min: 0.0,
            max: 10.0,
        },
        default: || Value::Float(0.005),
    },
    Field {
        name: "weightDecay",
        kind: Kind::Float { min: 0.0, max: 1.0 },
        default: || Value::Float(0.1),
    },
    Field {
        name: "batchSize",
        kind: Kind::Int { min: 1, max: 512 },
        default: || Value::Int(16),
    },
    Field {
        name: "epochs",
        kind: Kind::Int {
            min: 1,
            max: MAX_EPOCHS as i64,
        },
        default: || Value::Int(10),
    },
    Field {
        name: "seed",
        kind: Kind::Text { max_len: 40 },
        default: || Value::Text("1".into()),
    },
    Field {
        name: "compare",
        kind: Kind::Bool,
        default: || Value::Bool(true),
    },
    Field {
        name: "hideText",
        kind: Kind::Bool,
        default: || Value::Bool(false),
    },
];

/// Controls a link may hide.
pub static HIDEABLE: &[&str] = &[
    "playButton",
    "stepButton",
    "resetButton",
    "architecture",
    "activation",
    "optimizer",
    "learningRate",
    "weightDecay",
    "batchSize",
    "epochs",
    "baselines",
    "filters",
    "maps",
    "drawing",
    "confusion",
    "shift",
    "shareButton",
];

/// Caps the engine enforces, published to the page.
pub static LIMITS: &[(&str, f64)] = &[
    ("maxConvLayers", MAX_CONV_LAYERS as f64),
    ("maxChannels", MAX_CHANNELS as f64),
    ("maxKernel", MAX_KERNEL as f64),
    ("maxPool", MAX_POOL as f64),
    ("maxDense", MAX_DENSE as f64),
    ("maxDenseWidth", MAX_DENSE_WIDTH as f64),
];

/// Everything the CNN session needs, typed.
#[derive(Clone, Debug, PartialEq)]
pub struct CnnConfig {
    pub spec: CnnSpec,
    pub optimizer: OptimizerKind,
    pub learning_rate: f32,
    /// Decoupled weight decay (as AdamW's) on the weights, not the biases.
    pub weight_decay: f32,
    pub batch_size: usize,
    /// The run's length: the schedule decays over it and training stops there.
    pub epochs: usize,
    pub seed: String,
    /// Train the softmax model and a dense network of similar size beside it.
    pub compare: bool,
}

/// The network the architecture fields describe: every conv layer pads by
/// half its kernel (same size for odd kernels), stride 1, a pooling window
/// of 1 means none.
pub fn spec_of(s: &Settings) -> Result<CnnSpec, String> {
    let (ch, ks, ps) = (s.list("channels"), s.list("kernels"), s.list("pools"));
    if ch.is_empty() || ks.len() != ch.len() || ps.len() != ch.len() {
        return Err(format!(
            "cnn: {} channel counts, {} kernels and {} pooling windows: one of each per conv layer",
            ch.len(),
            ks.len(),
            ps.len()
        ));
    }
    let activation = s.choice("activation").parse().unwrap_or(Activation::Relu);
    let max = s.choice("pooling") == "max";
    let conv = (0..ch.len())
        .map(|l| {
            let (k, p) = (ks[l] as usize, ps[l] as usize);
            ConvLayer {
                channels: ch[l] as usize,
                kernel: k,
                stride: 1,
                pad: k / 2,
                pool: match (p, max) {
                    (1, _) => Pool::None,
                    (p, true) => Pool::Max(p),
                    (p, false) => Pool::Avg(p),
                },
                activation,
            }
        })
        .collect();
    let spec = CnnSpec {
        side: crate::data::digits::SIDE,
        channels: 1,
        classes: 10,
        conv,
        dense: s.list("dense").iter().map(|&n| n as usize).collect(),
        dense_activation: activation,
    };
    spec.validate().map(|_| spec)
}

/// Reads a CNN link; never fails (see [`Settings::decode`]). An
/// architecture whose parts do not fit together (lists of different
/// lengths, maps pooled away) is replaced whole by the default, with a
/// `conflict` note naming `channels`.
pub fn decode(query: &str, fallback_seed: &str) -> Decoded {
    let mut d = Settings::decode(FIELDS, HIDEABLE, &[], query);
    let s = &mut d.settings;
    s.seed_if_missing(fallback_seed);
    if spec_of(s).is_err() {
        for name in ARCHITECTURE {
            s.reset(name);
        }
        d.issues.push(FieldIssue {
            field: "channels".into(),
            kind: IssueKind::Conflict,
        });
    }
    d
}

/// The network a link describes, or why it cannot be built (no fallback:
/// for checking an architecture before it is applied).
pub fn spec_in(query: &str) -> Result<CnnSpec, String> {
    let d = Settings::decode(FIELDS, HIDEABLE, &[], query);
    match d.issues.first() {
        Some(i) => Err(format!("cnn: {} is {}", i.field, i.kind.name())),
        None => spec_of(&d.settings),
    }
}

/// The typed configuration of decoded settings.
pub fn config(s: &Settings) -> CnnConfig {
    let optimizer = match s.choice("optimizer") {
        "momentum" => OptimizerKind::Momentum,
        "rmsprop" => OptimizerKind::RmsProp,
        "adam" => OptimizerKind::Adam,
        _ => OptimizerKind::Sgd,
    };
    CnnConfig {
        spec: spec_of(s).unwrap_or_else(|_| CnnSpec::digits()),
        optimizer,
        learning_rate: s.float("learningRate") as f32,
        weight_decay: s.float("weightDecay") as f32,
        batch_size: s.int("batchSize") as usize,
        epochs: s.int("epochs") as usize,
        seed: s.text("seed").to_string(),
        compare: s.bool("compare"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_is_the_measured_preset() {
        let d = decode("", "1");
        assert!(d.issues.is_empty());
        assert_eq!(config(&d.settings).spec, CnnSpec::digits());
    }

    #[test]
    fn an_architecture_that_does_not_fit_falls_back_whole() {
        for q in [
            "channels=8,8,8,8&kernels=3,3,3,3&pools=2,2,2,2",
            "channels=8&kernels=3,3&pools=2",
        ] {
            let d = decode(q, "1");
            assert_eq!(
                d.issues,
                vec![FieldIssue {
                    field: "channels".into(),
                    kind: IssueKind::Conflict
                }],
                "{q}"
            );
            assert_eq!(config(&d.settings).spec, CnnSpec::digits());
        }
        let d = decode(
            "channels=4&kernels=7&pools=1&pooling=avg&dense=32&activation=tanh",
            "1",
        );
        assert!(d.issues.is_empty());
        let spec = config(&d.settings).spec;
        assert_eq!(
            (spec.conv[0].pad, spec.conv[0].pool, spec.dense.clone()),
            (3, Pool::None, vec![32])
        );
    }
}
