//! The LSTM chapter's settings: the task and its distance, the width both
//! networks share, the training run, and the reader's own sequence.

use crate::config::table::{Decoded, Field, Kind, Settings, Value};
use crate::data::sequences::Task;

/// Longest distance the slider offers (steps a sequence spans).
pub const MAX_DISTANCE: usize = 100;
/// Widest recurrent layer.
pub const MAX_WIDTH: usize = 128;
/// Longest sequence the reader may type.
pub const MAX_SEQUENCE: usize = 120;

const TASKS: &[&str] = &["memory", "brackets", "addition", "text"];

/// The table. The default is the native figure's run: the memory task at
/// 60 distractors, width 32, Adam 0.01, batch 32, clipping at norm 1.
pub static FIELDS: &[Field] = &[
    Field {
        name: "task",
        kind: Kind::Choice(TASKS),
        default: || Value::Choice(0),
    },
    Field {
        name: "distance",
        kind: Kind::Int {
            min: 1,
            max: MAX_DISTANCE as i64,
        },
        default: || Value::Int(60),
    },
    Field {
        name: "width",
        kind: Kind::Int {
            min: 2,
            max: MAX_WIDTH as i64,
        },
        default: || Value::Int(32),
    },
    Field {
        name: "learningRate",
        kind: Kind::Float { min: 0.0, max: 1.0 },
        default: || Value::Float(0.01),
    },
    Field {
        name: "batchSize",
        kind: Kind::Int { min: 1, max: 256 },
        default: || Value::Int(32),
    },
    Field {
        name: "clip",
        kind: Kind::Float {
            min: 0.0,
            max: 100.0,
        },
        default: || Value::Float(1.0),
    },
    Field {
        name: "seed",
        kind: Kind::Text { max_len: 40 },
        default: || Value::Text("1".into()),
    },
    Field {
        name: "sequence",
        kind: Kind::Words {
            max_len: MAX_SEQUENCE,
        },
        default: || Value::Text(String::new()),
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
    "task",
    "distance",
    "width",
    "learningRate",
    "batchSize",
    "clip",
    "curves",
    "states",
    "gradients",
    "shareButton",
];

/// Caps the engine enforces, published to the page.
pub static LIMITS: &[(&str, f64)] = &[
    ("maxDistance", MAX_DISTANCE as f64),
    ("maxWidth", MAX_WIDTH as f64),
    ("maxSequence", MAX_SEQUENCE as f64),
];

/// Everything the session needs, typed.
#[derive(Clone, Debug, PartialEq)]
pub struct LstmConfig {
    pub task: Task,
    pub distance: usize,
    pub width: usize,
    pub learning_rate: f32,
    pub batch_size: usize,
    pub clip: f32,
    pub seed: String,
    /// The reader's sequence (empty: the first held-out example).
    pub sequence: String,
}

/// Reads a link; never fails (see [`Settings::decode`]).
pub fn decode(query: &str, fallback_seed: &str) -> Decoded {
    let mut d = Settings::decode(FIELDS, HIDEABLE, &[], query);
    let s = &mut d.settings;
    s.seed_if_missing(fallback_seed);
    d
}

/// The typed configuration.
pub fn config(s: &Settings) -> LstmConfig {
    LstmConfig {
        task: Task::from_name(s.choice("task")).unwrap_or(Task::Memory),
        distance: s.int("distance") as usize,
        width: s.int("width") as usize,
        learning_rate: s.float("learningRate") as f32,
        batch_size: s.int("batchSize") as usize,
        clip: s.float("clip") as f32,
        seed: s.text("seed").to_string(),
        sequence: s.text("sequence").to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_and_a_link_read_back() {
        let c = config(&decode("", "1").settings);
        assert_eq!((c.task, c.distance, c.width), (Task::Memory, 60, 32));
        let d = decode(
            "task=brackets&distance=12&width=16&sequence=(()%3F&seed=x",
            "1",
        );
        let c = config(&d.settings);
        assert_eq!(
            (
                c.task,
                c.distance,
                c.width,
                c.sequence.as_str(),
                c.seed.as_str()
            ),
            (Task::Brackets, 12, 16, "(()?", "x")
        );
        let d = decode("distance=1000&width=-3&task=poetry", "1");
        assert_eq!(d.issues.len(), 3);
        let c = config(&d.settings);
        assert_eq!((c.task, c.distance, c.width), (Task::Memory, 60, 32));
    }
}
