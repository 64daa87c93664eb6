//! The backpropagation chapter's settings: TensorFlow Playground's link
//! parameters with their meanings, and new ones in the same style.

use crate::config::table::{Decoded, Field, FieldIssue, IssueKind, Kind, Settings, Value};
use crate::data::{points, DataSet, Feature, Problem, Sample2D};
use crate::nn::{Init, OptimizerKind, Regularization};
use crate::ops::Activation;

/// Most hidden layers.
pub const MAX_LAYERS: usize = 8;
/// Most neurons in a hidden layer.
pub const MAX_NEURONS: usize = 32;
/// Most samples a generated data set may have.
pub const MAX_SAMPLES: usize = 2000;

const ACTIVATIONS: &[&str] = &["relu", "tanh", "sigmoid", "linear", "leakyRelu", "elu", "gelu", "sine", "swish"];
const REGULARIZATIONS: &[&str] = &["none", "L1", "L2"];
const DATASETS: &[&str] = &["circle", "xor", "gauss", "spiral", "blobs", "spiral3", "custom"];
const REG_DATASETS: &[&str] = &["reg-plane", "reg-gauss", "custom"];
const PROBLEMS: &[&str] = &["classification", "regression"];
const LOSSES: &[&str] = &["squared", "crossEntropy"];
const OPTIMIZERS: &[&str] = &["sgd", "momentum", "rmsprop", "adam"];
const INITS: &[&str] = &["tf", "xavier", "he"];

fn choice(i: usize) -> Value {
    Value::Choice(i)
}

/// Longest `weights` value (base64url characters).
pub const WEIGHTS_MAX_LEN: usize = 44_000;

/// The table, TensorFlow Playground's fields first, in its order.
pub static FIELDS: &[Field] = &[
    Field { name: "activation", kind: Kind::Choice(ACTIVATIONS), default: || choice(1) },
    Field { name: "regularization", kind: Kind::Choice(REGULARIZATIONS), default: || choice(0) },
    Field { name: "batchSize", kind: Kind::Int { min: 1, max: 256 }, default: || Value::Int(10) },
    Field { name: "dataset", kind: Kind::Choice(DATASETS), default: || choice(0) },
    Field { name: "regDataset", kind: Kind::Choice(REG_DATASETS), default: || choice(0) },
    Field { name: "learningRate", kind: Kind::Float { min: 0.0, max: 10.0 }, default: || Value::Float(0.03) },
    Field { name: "regularizationRate", kind: Kind::Float { min: 0.0, max: 10.0 }, default: || Value::Float(0.0) },
    Field { name: "noise", kind: Kind::Int { min: 0, max: 50 }, default: || Value::Int(0) },
    Field {
        name: "networkShape",
        kind: Kind::IntList { min: 1, max: MAX_NEURONS as i64, max_len: MAX_LAYERS },
        default: || Value::IntList(vec![4, 2]),
    },
    Field { name: "seed", kind: Kind::Text { max_len: 40 }, default: || Value::Text("0.12345".into()) },
    Field { name: "showTestData", kind: Kind::Bool, default: || Value::Bool(false) },
    Field { name: "discretize", kind: Kind::Bool, default: || Value::Bool(false) },
    Field { name: "percTrainData", kind: Kind::Int { min: 10, max: 100 }, default: || Value::Int(50) },
    Field { name: "x", kind: Kind::Bool, default: || Value::Bool(true) },
    Field { name: "y", kind: Kind::Bool, default: || Value::Bool(true) },
    Field { name: "xTimesY", kind: Kind::Bool, default: || Value::Bool(false) },
    Field { name: "xSquared", kind: Kind::Bool, default: || Value::Bool(false) },
    Field { name: "ySquared", kind: Kind::Bool, default: || Value::Bool(false) },
    Field { name: "cosX", kind: Kind::Bool, default: || Value::Bool(false) },
    Field { name: "sinX", kind: Kind::Bool, default: || Value::Bool(false) },
    Field { name: "cosY", kind: Kind::Bool, default: || Value::Bool(false) },
    Field { name: "sinY", kind: Kind::Bool, default: || Value::Bool(false) },
    Field { name: "problem", kind: Kind::Choice(PROBLEMS), default: || choice(0) },
    Field { name: "initZero", kind: Kind::Bool, default: || Value::Bool(false) },
    Field { name: "hideText", kind: Kind::Bool, default: || Value::Bool(false) },
    // Settings TensorFlow Playground does not have.
    Field { name: "loss", kind: Kind::Choice(LOSSES), default: || choice(0) },
    Field { name: "optimizer", kind: Kind::Choice(OPTIMIZERS), default: || choice(0) },
    Field { name: "weightInit", kind: Kind::Choice(INITS), default: || choice(0) },
    Field { name: "numSamples", kind: Kind::Int { min: 10, max: MAX_SAMPLES as i64 }, default: || Value::Int(500) },
    Field { name: "numClasses", kind: Kind::Int { min: 2, max: points::MAX_CLASSES as i64 }, default: || Value::Int(3) },
    Field { name: "stopAtEpoch", kind: Kind::Int { min: 0, max: 1_000_000 }, default: || Value::Int(0) },
    Field { name: "stopAtLoss", kind: Kind::Float { min: 0.0, max: 100.0 }, default: || Value::Float(0.0) },
    Field { name: "speed", kind: Kind::Int { min: 1, max: 1000 }, default: || Value::Int(1) },
    Field { name: "points", kind: Kind::Blob { max_len: 16_000 }, default: || Value::Text(String::new()) },
    // Trained weights (hub::linkweights), deflated and base64url: the cap
    // holds a MAX_PAYLOAD payload that deflate cannot shrink.
    Field { name: "weights", kind: Kind::Blob { max_len: WEIGHTS_MAX_LEN }, default: || Value::Text(String::new()) },
];

/// Controls a link may hide with `name_hide=true`: TensorFlow Playground's,
/// then ours.
pub static HIDEABLE: &[&str] = &[
    "showTestData",
    "discretize",
    "playButton",
    "stepButton",
    "resetButton",
    "learningRate",
    "activation",
    "regularization",
    "regularizationRate",
    "problem",
    "dataset",
    "percTrainData",
    "noise",
    "batchSize",
    "numHiddenLayers",
    "loss",
    "optimizer",
    "weightInit",
    "numSamples",
    "features",
    "dataEditor",
    "stopAt",
    "speed",
    "shareButton",
    "lossChart",
    "metrics",
];

/// TensorFlow Playground fields that are read and have no effect here.
pub static IGNORED: &[&str] = &["collectStats", "tutorial"];

/// Samples of a data set when the link does not say.
pub fn default_samples(problem: Problem) -> usize {
    match problem {
        Problem::Classification => 500,
        Problem::Regression => 1200,
    }
}

pub use crate::train::LossKind;

/// Everything the engine needs from the settings, typed and validated.
#[derive(Clone, Debug, PartialEq)]
pub struct PlaygroundConfig {
    pub problem: Problem,
    pub dataset: DataSet,
    /// Noise in [0, 0.5].
    pub noise: f64,
    pub percent_train: u32,
    pub num_samples: usize,
    pub num_classes: usize,
    /// The reader's own points, when `dataset` is custom.
    pub points: Vec<Sample2D>,
    pub features: Vec<Feature>,
    pub hidden: Vec<usize>,
    pub activation: Activation,
    pub loss: LossKind,
    pub optimizer: OptimizerKind,
    pub init: Init,
    pub learning_rate: f32,
    pub regularization: Regularization,
    pub regularization_rate: f32,
    pub batch_size: usize,
    pub seed: String,
    pub stop_at_epoch: u64,
    pub stop_at_loss: f64,
}

impl PlaygroundConfig {
    /// Classes of the current data (0 for regression).
    pub fn classes(&self) -> usize {
        match (self.problem, self.dataset) {
            (Problem::Regression, _) => 0,
            (_, DataSet::Custom) => {
                let max = self.points.iter().map(|p| p.label as usize).max().unwrap_or(1);
                (max + 1).max(2)
            }
            (_, d) => d.classes(self.num_classes),
        }
    }

    /// Width of the output layer.
    pub fn outputs(&self) -> usize {
        match (self.problem, self.loss, self.classes()) {
            (Problem::Regression, _, _) => 1,
            (_, LossKind::Squared, 2) => 1,
            (_, _, k) => k,
        }
    }
}

fn parse_enum<T: Copy>(all: &[T], name: impl Fn(T) -> &'static str, s: &str) -> T {
    all.iter().copied().find(|&a| name(a) == s).unwrap_or(all[0])
}

/// Reads a link, fills in what it lacks, and checks the settings against
/// each other. `fallback_seed` is used when the link has no seed.
pub fn decode(query: &str, fallback_seed: &str) -> Decoded {
    let mut d = Settings::decode(FIELDS, HIDEABLE, IGNORED, query);
    let s = &mut d.settings;
    s.seed_if_missing(fallback_seed);
    let problem = if s.choice("problem") == "regression" { Problem::Regression } else { Problem::Classification };
    if !s.given[s.index("numSamples")] {
        s.set("numSamples", Value::Int(default_samples(problem) as i64));
    }
    if problem == Problem::Regression && s.choice("loss") == "crossEntropy" {
        s.reset("loss");
        d.issues.push(FieldIssue { field: "loss".into(), kind: IssueKind::Conflict });
    }
    let custom = match problem {
        Problem::Classification => s.choice("dataset") == "custom",
        Problem::Regression => s.choice("regDataset") == "custom",
    };
    if custom {
        // An empty custom set is allowed: the reader is about to click points.
        if !s.text("points").is_empty() {
            if let Err(e) = points::decode(s.text("points"), problem) {
                d.issues.push(FieldIssue { field: "points".into(), kind: IssueKind::Refused(e.name()) });
                s.set("points", Value::Text(String::new()));
            }
        }
    } else if !s.text("points").is_empty() {
        // Points only travel with a custom data set.
        s.set("points", Value::Text(String::new()));
    }
    d
}

/// The typed configuration from decoded settings.
pub fn config(s: &Settings) -> PlaygroundConfig {
    let problem = if s.choice("problem") == "regression" { Problem::Regression } else { Problem::Classification };
    let dataset = match problem {
        Problem::Classification => match s.choice("dataset") {
            "xor" => DataSet::Xor,
            "gauss" => DataSet::Gauss,
            "spiral" => DataSet::Spiral,
            "blobs" => DataSet::Blobs,
            "spiral3" => DataSet::Spiral3,
            "custom" => DataSet::Custom,
            _ => DataSet::Circle,
        },
        Problem::Regression => match s.choice("regDataset") {
            "reg-gauss" => DataSet::RegGauss,
            "custom" => DataSet::Custom,
            _ => DataSet::RegPlane,
        },
    };
    let points = if dataset == DataSet::Custom { points::decode(s.text("points"), problem).unwrap_or_default() } else { Vec::new() };
    let init = if s.bool("initZero") {
        Init::Zero
    } else {
        match s.choice("weightInit") {
            "xavier" => Init::Xavier,
            "he" => Init::He,
            _ => Init::Playground,
        }
    };
    PlaygroundConfig {
        problem,
        dataset,
        noise: s.int("noise") as f64 / 100.0,
        percent_train: s.int("percTrainData") as u32,
        num_samples: s.int("numSamples") as usize,
        num_classes: s.int("numClasses") as usize,
        points,
        features: Feature::ALL.iter().copied().filter(|f| s.bool(f.name())).collect(),
        hidden: s.list("networkShape").iter().map(|&n| n as usize).collect(),
        activation: parse_enum(&Activation::ALL, Activation::name, s.choice("activation")),
        loss: if s.choice("loss") == "crossEntropy" && problem == Problem::Classification {
            LossKind::CrossEntropy
        } else {
            LossKind::Squared
        },
        optimizer: parse_enum(
            &[OptimizerKind::Sgd, OptimizerKind::Momentum, OptimizerKind::RmsProp, OptimizerKind::Adam],
            OptimizerKind::name,
            s.choice("optimizer"),
        ),
        init,
        learning_rate: s.float("learningRate") as f32,
        regularization: parse_enum(
            &[Regularization::None, Regularization::L1, Regularization::L2],
            Regularization::name,
            s.choice("regularization"),
        ),
        regularization_rate: s.float("regularizationRate") as f32,
        batch_size: s.int("batchSize") as usize,
        seed: s.text("seed").to_string(),
        stop_at_epoch: s.int("stopAtEpoch") as u64,
        stop_at_loss: s.float("stopAtLoss"),
    }
}

/// The table as JSON for the page.
/// Caps the engine enforces, published to the page.
pub static LIMITS: &[(&str, f64)] = &[
    ("maxLayers", MAX_LAYERS as f64),
    ("maxNeurons", MAX_NEURONS as f64),
    ("maxPoints", points::MAX_POINTS as f64),
    ("maxClasses", points::MAX_CLASSES as f64),
    ("maxCsvBytes", crate::data::csv::MAX_BYTES as f64),
];
