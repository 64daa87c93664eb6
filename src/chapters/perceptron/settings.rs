//! Settings of the perceptron chapter and Minsky's exclusive-or.

use crate::config::table::{Field, Kind, Value};

/// Most points in the perceptron's plane (generated or placed by hand); the
/// `points` field's length holds that many (six bytes each, base64url).
pub const MAX_POINTS: usize = 200;

/// The 1957 perceptron on separable points (or the reader's own).
pub static PERCEPTRON_FIELDS: &[Field] = &[
    Field { name: "seed", kind: Kind::Text { max_len: 40 }, default: || Value::Text("1".into()) },
    Field { name: "numPoints", kind: Kind::Int { min: 4, max: MAX_POINTS as i64 }, default: || Value::Int(40) },
    Field { name: "margin", kind: Kind::Float { min: 0.0, max: 3.0 }, default: || Value::Float(0.5) },
    Field { name: "speed", kind: Kind::Int { min: 1, max: 1000 }, default: || Value::Int(5) },
    Field { name: "points", kind: Kind::Blob { max_len: MAX_POINTS * 8 }, default: || Value::Text(String::new()) },
    Field { name: "hideText", kind: Kind::Bool, default: || Value::Bool(false) },
    // The trained weight, bias (hub::linkweights, three numbers), deflated
    // and base64url: a few dozen characters; the cap leaves room to spare.
    Field { name: "weights", kind: Kind::Blob { max_len: 200 }, default: || Value::Text(String::new()) },
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
