//! Settings of the first three chapters: the threshold neuron, the
//! perceptron, and Minsky's exclusive-or.

use super::table::{Field, Kind, Value};

const TARGETS: &[&str] = &["none", "and", "or", "not", "nand", "xor"];

/// The 1943 neuron: inputs, weights, threshold, and the gate to match.
pub static NEURON_FIELDS: &[Field] = &[
    Field { name: "inputs", kind: Kind::Int { min: 2, max: 3 }, default: || Value::Int(2) },
    Field { name: "w1", kind: Kind::Float { min: -10.0, max: 10.0 }, default: || Value::Float(1.0) },
    Field { name: "w2", kind: Kind::Float { min: -10.0, max: 10.0 }, default: || Value::Float(1.0) },
    Field { name: "w3", kind: Kind::Float { min: -10.0, max: 10.0 }, default: || Value::Float(1.0) },
    Field { name: "threshold", kind: Kind::Float { min: -10.0, max: 10.0 }, default: || Value::Float(2.0) },
    Field { name: "target", kind: Kind::Choice(TARGETS), default: || Value::Choice(1) },
    Field { name: "hideText", kind: Kind::Bool, default: || Value::Bool(false) },
];
pub static NEURON_HIDEABLE: &[&str] = &["inputs", "weights", "threshold", "target", "presets"];

/// The 1957 perceptron on separable points (or the reader's own).
pub static PERCEPTRON_FIELDS: &[Field] = &[
    Field { name: "seed", kind: Kind::Text { max_len: 40 }, default: || Value::Text("1".into()) },
    Field { name: "numPoints", kind: Kind::Int { min: 4, max: 200 }, default: || Value::Int(40) },
    Field { name: "margin", kind: Kind::Float { min: 0.0, max: 3.0 }, default: || Value::Float(0.5) },
    Field { name: "speed", kind: Kind::Int { min: 1, max: 1000 }, default: || Value::Int(5) },
    Field { name: "points", kind: Kind::Blob { max_len: 2000 }, default: || Value::Text(String::new()) },
    Field { name: "hideText", kind: Kind::Bool, default: || Value::Bool(false) },
];
pub static PERCEPTRON_HIDEABLE: &[&str] =
    &["playButton", "stepButton", "resetButton", "speed", "numPoints", "margin", "regenerate", "dataEditor"];

/// The 1969 exclusive-or: the plain rule, or with the product feature.
pub static XOR_FIELDS: &[Field] = &[
    Field { name: "features", kind: Kind::Choice(&["plain", "product"]), default: || Value::Choice(0) },
    Field { name: "speed", kind: Kind::Int { min: 1, max: 1000 }, default: || Value::Int(5) },
    Field { name: "hideText", kind: Kind::Bool, default: || Value::Bool(false) },
];
pub static XOR_HIDEABLE: &[&str] = &["playButton", "stepButton", "resetButton", "speed", "features"];
