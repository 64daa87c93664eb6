//! The attention chapter's settings: the text and its tokenizer, the
//! model's sizes (presets tiny and small are two settings of these), the
//! training schedule, and what the reader asks of the trained model (a
//! prompt and how to sample, a sentence to scramble).

use crate::config::table::{Decoded, Field, FieldIssue, IssueKind, Kind, Settings, Value};
use crate::models::gpt::{GptConfig, MAX_CONTEXT, MAX_EMBD, MAX_HEADS, MAX_LAYERS, MAX_VOCAB};

/// Most merges the reader may ask for (the vocabulary cap stops sooner on
/// a text with many characters).
pub const MAX_MERGES: usize = 2048;
/// Largest batch.
pub const MAX_BATCH: usize = 64;
/// Most bytes the model's workspace may take for one batch (so a link
/// cannot ask the page for more memory than a tab can spare).
pub const MAX_WORKSPACE_BYTES: usize = 384 << 20;
/// Longest prompt and scrambled sentence, in characters.
pub const MAX_PROMPT: usize = 400;
/// Most tokens one generation makes.
pub const MAX_LENGTH: usize = 2000;
/// Longest own text a link carries: base64url characters of its
/// deflate-compressed UTF-8 (the page compresses and expands it; a longer
/// text is used in the page but not put in links).
pub const MAX_TEXT_LINK: usize = 24_000;

const CORPORA: &[&str] = &["poems", "moby", "own"];

/// The table.
pub static FIELDS: &[Field] = &[
    Field {
        name: "corpus",
        kind: Kind::Choice(CORPORA),
        default: || Value::Choice(0),
    },
    Field {
        name: "merges",
        kind: Kind::Int {
            min: 0,
            max: MAX_MERGES as i64,
        },
        default: || Value::Int(0),
    },
    Field {
        name: "layers",
        kind: Kind::Int {
            min: 1,
            max: MAX_LAYERS as i64,
        },
        default: || Value::Int(2),
    },
    Field {
        name: "width",
        kind: Kind::Int {
            min: 8,
            max: MAX_EMBD as i64,
        },
        default: || Value::Int(64),
    },
    Field {
        name: "heads",
        kind: Kind::Int {
            min: 1,
            max: MAX_HEADS as i64,
        },
        default: || Value::Int(4),
    },
    Field {
        name: "context",
        kind: Kind::Int {
            min: 4,
            max: MAX_CONTEXT as i64,
        },
        default: || Value::Int(64),
    },
    Field {
        name: "batchSize",
        kind: Kind::Int {
            min: 1,
            max: MAX_BATCH as i64,
        },
        default: || Value::Int(16),
    },
    Field {
        name: "learningRate",
        kind: Kind::Float {
            min: 1e-5,
            max: 0.1,
        },
        default: || Value::Float(3e-3),
    },
    Field {
        name: "warmup",
        kind: Kind::Int {
            min: 0,
            max: 100_000,
        },
        default: || Value::Int(100),
    },
    Field {
        name: "decaySteps",
        kind: Kind::Int {
            min: 1,
            max: 1_000_000,
        },
        default: || Value::Int(3000),
    },
    Field {
        name: "weightDecay",
        kind: Kind::Float { min: 0.0, max: 1.0 },
        default: || Value::Float(0.1),
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
        name: "stopAtStep",
        kind: Kind::Int {
            min: 0,
            max: 10_000_000,
        },
        default: || Value::Int(0),
    },
    Field {
        name: "seed",
        kind: Kind::Text { max_len: 40 },
        default: || Value::Text("1".into()),
    },
    Field {
        name: "prompt",
        kind: Kind::Words {
            max_len: MAX_PROMPT,
        },
        default: || Value::Text(String::new()),
    },
    Field {
        name: "temperature",
        kind: Kind::Float { min: 0.0, max: 2.0 },
        default: || Value::Float(0.8),
    },
    Field {
        name: "topK",
        kind: Kind::Int {
            min: 0,
            max: MAX_VOCAB as i64,
        },
        default: || Value::Int(0),
    },
    Field {
        name: "topP",
        kind: Kind::Float {
            min: 0.01,
            max: 1.0,
        },
        default: || Value::Float(1.0),
    },
    Field {
        name: "length",
        kind: Kind::Int {
            min: 1,
            max: MAX_LENGTH as i64,
        },
        default: || Value::Int(200),
    },
    Field {
        name: "sentence",
        kind: Kind::Words {
            max_len: MAX_PROMPT,
        },
        default: || Value::Text(String::new()),
    },
    Field {
        name: "text",
        kind: Kind::Blob {
            max_len: MAX_TEXT_LINK,
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
    "corpus",
    "tokens",
    "model",
    "training",
    "generate",
    "attention",
    "embeddings",
    "scramble",
    "shareButton",
];

/// Caps the engine enforces, published to the page.
pub static LIMITS: &[(&str, f64)] = &[
    ("maxVocab", MAX_VOCAB as f64),
    ("maxMerges", MAX_MERGES as f64),
    ("maxLayers", MAX_LAYERS as f64),
    ("maxEmbd", MAX_EMBD as f64),
    ("maxHeads", MAX_HEADS as f64),
    ("maxContext", MAX_CONTEXT as f64),
    ("maxBatch", MAX_BATCH as f64),
    ("maxWorkspaceBytes", MAX_WORKSPACE_BYTES as f64),
    ("maxPrompt", MAX_PROMPT as f64),
    ("maxLength", MAX_LENGTH as f64),
    ("maxTextLink", MAX_TEXT_LINK as f64),
    (
        "maxPastedBytes",
        crate::data::corpus::MAX_PASTED_BYTES as f64,
    ),
];

/// Which text the model learns.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CorpusKind {
    Poems,
    Moby,
    Own,
}

/// Everything the chapter's engine needs, typed.
#[derive(Clone, Debug, PartialEq)]
pub struct GptSettings {
    pub corpus: CorpusKind,
    pub merges: usize,
    pub layers: usize,
    pub width: usize,
    pub heads: usize,
    pub context: usize,
    pub batch_size: usize,
    pub learning_rate: f32,
    pub warmup: u64,
    pub decay_steps: u64,
    pub weight_decay: f32,
    pub clip: f32,
    pub stop_at_step: u64,
    pub seed: String,
    pub prompt: String,
    pub temperature: f32,
    pub top_k: usize,
    pub top_p: f32,
    pub length: usize,
    pub sentence: String,
}

impl GptSettings {
    /// The model's sizes for a vocabulary of `vocab` tokens.
    pub fn model(&self, vocab: usize) -> GptConfig {
        GptConfig {
            vocab,
            context: self.context,
            n_layer: self.layers,
            n_head: self.heads,
            n_embd: self.width,
        }
    }
}

/// Bytes of the workspace for a batch, with the largest vocabulary the
/// tokenizer can reach (so a valid link stays valid whatever the merges).
pub fn workspace_bytes(s: &GptSettings) -> usize {
    4 * s.model(MAX_VOCAB).workspace(s.batch_size, s.context)
}

/// Reads a link; never fails. Sizes that do not fit together (heads that
/// do not divide the width, a workspace over the cap) fall back to the
/// defaults of those fields, with a `conflict` issue naming them.
pub fn decode(query: &str, fallback_seed: &str) -> Decoded {
    let mut d = Settings::decode(FIELDS, HIDEABLE, &[], query);
    let s = &mut d.settings;
    s.seed_if_missing(fallback_seed);
    if s.int("width") % s.int("heads") != 0 {
        s.reset("width");
        s.reset("heads");
        d.issues.push(FieldIssue {
            field: "heads".into(),
            kind: IssueKind::Conflict,
        });
    }
    if workspace_bytes(&config(&d.settings)) > MAX_WORKSPACE_BYTES {
        let s = &mut d.settings;
        for f in ["batchSize", "context", "layers", "width", "heads"] {
            s.reset(f);
        }
        d.issues.push(FieldIssue {
            field: "batchSize".into(),
            kind: IssueKind::Conflict,
        });
    }
    d
}

/// The typed configuration.
pub fn config(s: &Settings) -> GptSettings {
    let corpus = match s.choice("corpus") {
        "moby" => CorpusKind::Moby,
        "own" => CorpusKind::Own,
        _ => CorpusKind::Poems,
    };
    GptSettings {
        corpus,
        merges: s.int("merges") as usize,
        layers: s.int("layers") as usize,
        width: s.int("width") as usize,
        heads: s.int("heads") as usize,
        context: s.int("context") as usize,
        batch_size: s.int("batchSize") as usize,
        learning_rate: s.float("learningRate") as f32,
        warmup: s.int("warmup") as u64,
        decay_steps: s.int("decaySteps") as u64,
        weight_decay: s.float("weightDecay") as f32,
        clip: s.float("clip") as f32,
        stop_at_step: s.int("stopAtStep") as u64,
        seed: s.text("seed").to_string(),
        prompt: s.text("prompt").to_string(),
        temperature: s.float("temperature") as f32,
        top_k: s.int("topK") as usize,
        top_p: s.float("topP") as f32,
        length: s.int("length") as usize,
        sentence: s.text("sentence").to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_are_the_tiny_preset_and_conflicts_are_named() {
        let d = decode("", "1");
        let c = config(&d.settings);
        assert_eq!(
            (c.layers, c.width, c.heads, c.context, c.batch_size),
            (2, 64, 4, 64, 16)
        );
        let d = decode("width=64&heads=3", "1");
        assert_eq!(
            d.issues,
            [FieldIssue {
                field: "heads".into(),
                kind: IssueKind::Conflict
            }]
        );
        assert_eq!(config(&d.settings).heads, 4);
        let d = decode("layers=8&width=256&heads=8&context=256&batchSize=64", "1");
        assert_eq!(d.issues[0].kind, IssueKind::Conflict);
        assert_eq!(config(&d.settings).batch_size, 16);
        // The small preset fits.
        let d = decode("layers=4&width=128&heads=4&context=128", "1");
        assert!(d.issues.is_empty(), "{:?}", d.issues);
        // Free text round-trips through the link, markup and all, and
        // control characters are refused.
        let d = decode("prompt=%3Cb%3E%E6%98%A5%20x", "1");
        assert_eq!(config(&d.settings).prompt, "<b>春 x");
        assert!(d.settings.encode().contains("prompt=%3Cb%3E%E6%98%A5%20x"));
        let d = decode("prompt=a%0Ab", "1");
        assert_eq!(d.issues[0].kind, IssueKind::Invalid);
    }
}
