//! The 1943 chapter: a McCulloch–Pitts threshold unit (the model is
//! `models::threshold`); its settings live here.

use super::Chapter;
use crate::config::table::{Field, Kind, Settings, Value};

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

/// The chapter's entry in the registry.
pub static CHAPTER: Chapter = Chapter {
    route: "neuron",
    fields: NEURON_FIELDS,
    hideable: NEURON_HIDEABLE,
    limits: &[],
    decode: |query, _| Settings::decode(NEURON_FIELDS, NEURON_HIDEABLE, &[], query),
};
