//! The deep belief net chapter's settings: the RBM the reader trains
//! (hidden units, CD-k or persistent CD, learning rate, momentum, weight
//! decay, batch, epochs), the dream, and the pretraining comparison (the
//! second RBM's width, epochs per RBM, fine-tuning steps, label count).

use crate::config::table::{Decoded, Field, Kind, Settings, Value};
use crate::models::rbm::Sampler;

/// Most hidden units of the reader's RBM.
pub const MAX_HIDDEN: usize = 256;
/// Most Gibbs steps per gradient.
pub const MAX_K: usize = 10;
/// Most epochs of one run.
pub const MAX_EPOCHS: usize = 100;

const SAMPLERS: &[&str] = &["cd", "pcd"];
/// Labelled digits the comparison's fine-tuning sees.
pub const LABELS: &[&str] = &["100", "500", "2000", "8000"];
const DREAM_FROM: &[&str] = &["noise", "digit"];

/// The table. The default is the measured one of `tests/dbn.rs`.
pub static FIELDS: &[Field] = &[
    Field {
        name: "hidden",
        kind: Kind::Int {
            min: 4,
            max: MAX_HIDDEN as i64,
        },
        default: || Value::Int(128),
    },
    Field {
        name: "sampler",
        kind: Kind::Choice(SAMPLERS),
        default: || Value::Choice(0),
    },
    Field {
        name: "k",
        kind: Kind::Int {
            min: 1,
            max: MAX_K as i64,
        },
        default: || Value::Int(1),
    },
    Field {
        name: "learningRate",
        kind: Kind::Float { min: 0.0, max: 1.0 },
        default: || Value::Float(0.05),
    },
    Field {
        name: "momentum",
        kind: Kind::Float {
            min: 0.0,
            max: 0.99,
        },
        default: || Value::Float(0.5),
    },
    Field {
        name: "weightDecay",
        kind: Kind::Float { min: 0.0, max: 0.1 },
        default: || Value::Float(0.0002),
    },
    Field {
        name: "batchSize",
        kind: Kind::Int { min: 1, max: 256 },
        default: || Value::Int(20),
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
        name: "dreamFrom",
        kind: Kind::Choice(DREAM_FROM),
        default: || Value::Choice(0),
    },
    Field {
        name: "dreamSpeed",
        kind: Kind::Int { min: 1, max: 60 },
        default: || Value::Int(10),
    },
    Field {
        name: "layer2",
        kind: Kind::Int {
            min: 4,
            max: MAX_HIDDEN as i64,
        },
        default: || Value::Int(64),
    },
    Field {
        name: "pretrainEpochs",
        kind: Kind::Int { min: 1, max: 20 },
        default: || Value::Int(3),
    },
    Field {
        name: "finetuneSteps",
        kind: Kind::Int {
            min: 50,
            max: 10_000,
        },
        default: || Value::Int(1500),
    },
    Field {
        name: "labels",
        kind: Kind::Choice(LABELS),
        default: || Value::Choice(0),
    },
    Field {
        name: "seed",
        kind: Kind::Text { max_len: 40 },
        default: || Value::Text("1".into()),
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
    "hidden",
    "sampler",
    "k",
    "learningRate",
    "momentum",
    "decay",
    "batchSize",
    "runEpochs",
    "machineFilters",
    "reconstructions",
    "curves",
    "dream",
    "compare",
    "shareButton",
];

/// Caps the engine enforces, published to the page.
pub static LIMITS: &[(&str, f64)] = &[("maxHidden", MAX_HIDDEN as f64), ("maxK", MAX_K as f64)];

/// Everything the session needs, typed.
#[derive(Clone, Debug, PartialEq)]
pub struct DbnConfig {
    pub hidden: usize,
    pub sampler: Sampler,
    pub learning_rate: f32,
    pub momentum: f32,
    pub weight_decay: f32,
    pub batch_size: usize,
    pub epochs: usize,
    /// Chains start from test digits (else from noise).
    pub dream_from_digit: bool,
    /// Gibbs steps per second while dreaming.
    pub dream_speed: usize,
    pub layer2: usize,
    pub pretrain_epochs: usize,
    pub finetune_steps: usize,
    pub labels: usize,
    pub seed: String,
}

/// Reads a link; never fails (see [`Settings::decode`]).
pub fn decode(query: &str, fallback_seed: &str) -> Decoded {
    let mut d = Settings::decode(FIELDS, HIDEABLE, &[], query);
    let s = &mut d.settings;
    s.seed_if_missing(fallback_seed);
    d
}

/// The typed configuration of decoded settings.
pub fn config(s: &Settings) -> DbnConfig {
    let k = s.int("k") as usize;
    DbnConfig {
        hidden: s.int("hidden") as usize,
        sampler: if s.choice("sampler") == "pcd" {
            Sampler::Persistent(k)
        } else {
            Sampler::Cd(k)
        },
        learning_rate: s.float("learningRate") as f32,
        momentum: s.float("momentum") as f32,
        weight_decay: s.float("weightDecay") as f32,
        batch_size: s.int("batchSize") as usize,
        epochs: s.int("epochs") as usize,
        dream_from_digit: s.choice("dreamFrom") == "digit",
        dream_speed: s.int("dreamSpeed") as usize,
        layer2: s.int("layer2") as usize,
        pretrain_epochs: s.int("pretrainEpochs") as usize,
        finetune_steps: s.int("finetuneSteps") as usize,
        labels: s.choice("labels").parse().unwrap_or(100),
        seed: s.text("seed").to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_and_a_link() {
        let d = decode("", "1");
        assert!(d.issues.is_empty());
        let c = config(&d.settings);
        assert_eq!((c.hidden, c.sampler, c.labels), (128, Sampler::Cd(1), 100));
        let d = decode("sampler=pcd&k=3&labels=2000&hidden=64", "1");
        let c = config(&d.settings);
        assert_eq!(
            (c.hidden, c.sampler, c.labels),
            (64, Sampler::Persistent(3), 2000)
        );
        let d = decode("k=99&labels=7&hidden=-3", "1");
        assert_eq!(d.issues.len(), 3);
    }
}
