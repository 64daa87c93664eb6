//! The RLHF chapter's settings: the GPT's size (kept small: the page trains
//! it three times over in a tab), each phase's steps and rates, how the
//! copy is fine-tuned (every weight, the lower block frozen, or LoRA
//! adapters), the automatic labeller's rule, and the KL coefficient.

use super::session::RlhfOptions;
use crate::config::table::{Decoded, Field, Kind, Settings, Value};
use crate::models::rlhf::{FineTune, Rule};
use crate::rng::seed_from_text;

/// Deepest and widest GPT the chapter offers (a policy step samples 32
/// completions token by token, so the cap keeps it under a second).
pub const MAX_LAYERS: usize = 3;
pub const MAX_WIDTH: usize = 64;
pub const MAX_HEADS: usize = 4;
/// Most steps one phase runs before it stops by itself.
pub const MAX_STEPS: usize = 2000;
/// Most pairs one press of the automatic labeller adds.
pub const MAX_PAIRS: usize = 400;
/// Tokens of a window, and of a prompt plus its completion.
pub const CONTEXT: usize = 32;
/// Characters of a prompt.
pub const PROMPT: usize = 8;

const RULES: &[&str] = &["contains", "short", "rhyme"];
const SMALL: &[&str] = &["end", "own"];
/// Longest own text a link carries: base64url characters of its
/// deflate-compressed UTF-8, as the GPT chapter packs it (the page packs
/// and unpacks; a longer text is used but not put in the link).
pub const MAX_TEXT_LINK: usize = 24_000;
const FINETUNES: &[&str] = &["full", "freeze", "lora"];

const fn int(name: &'static str, min: i64, max: i64, default: fn() -> Value) -> Field {
    Field {
        name,
        kind: Kind::Int { min, max },
        default,
    }
}

const fn float(name: &'static str, min: f64, max: f64, default: fn() -> Value) -> Field {
    Field {
        name,
        kind: Kind::Float { min, max },
        default,
    }
}

/// The table. The defaults are the native tests' run: 2 layers of width
/// 32 with 4 heads, batch 16, Adam 3e-3 for pre-training and 1e-3 for
/// fine-tuning, the rule "contains a w", KL coefficient 0.1; 200 pairs a
/// press, 150 reward-model steps and 60 policy steps (more than before, so
/// the reward model has pairs to learn from and held-out pairs to show
/// its accuracy on; tests/rlhf_page.rs measures the page's small model).
pub static FIELDS: &[Field] = &[
    int("layers", 1, MAX_LAYERS as i64, || Value::Int(2)),
    int("width", 8, MAX_WIDTH as i64, || Value::Int(32)),
    int("heads", 1, MAX_HEADS as i64, || Value::Int(4)),
    int("batchSize", 2, 32, || Value::Int(16)),
    int("pretrainSteps", 1, MAX_STEPS as i64, || Value::Int(300)),
    float("learningRate", 0.0, 0.1, || Value::Float(0.003)),
    Field {
        name: "finetune",
        kind: Kind::Choice(FINETUNES),
        default: || Value::Choice(0),
    },
    int("rank", 1, 16, || Value::Int(4)),
    Field {
        name: "small",
        kind: Kind::Choice(SMALL),
        default: || Value::Choice(0),
    },
    Field {
        name: "text",
        kind: Kind::Blob {
            max_len: MAX_TEXT_LINK,
        },
        default: || Value::Text(String::new()),
    },
    int("finetuneSteps", 1, MAX_STEPS as i64, || Value::Int(100)),
    float("finetuneRate", 0.0, 0.1, || Value::Float(0.001)),
    Field {
        name: "rule",
        kind: Kind::Choice(RULES),
        default: || Value::Choice(0),
    },
    Field {
        name: "letter",
        kind: Kind::Text { max_len: 1 },
        default: || Value::Text("w".into()),
    },
    int("pairs", 1, MAX_PAIRS as i64, || Value::Int(200)),
    Field {
        name: "prefs",
        kind: Kind::Blob {
            max_len: super::prefs::MAX_PREFS_LINK,
        },
        default: || Value::Text(String::new()),
    },
    int("rewardSteps", 1, MAX_STEPS as i64, || Value::Int(150)),
    int("policySteps", 1, MAX_STEPS as i64, || Value::Int(60)),
    float("beta", 0.0, 1.0, || Value::Float(0.1)),
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
    "model",
    "layers",
    "width",
    "heads",
    "batchSize",
    "pretrainSteps",
    "learningRate",
    "finetune",
    "rank",
    "small",
    "finetuneSteps",
    "finetuneRate",
    "rule",
    "letter",
    "pairs",
    "rewardSteps",
    "policySteps",
    "beta",
    "pretraining",
    "feedback",
    "policy",
    "shareButton",
];

/// Caps the engine enforces, published to the page.
pub static LIMITS: &[(&str, f64)] = &[
    ("maxLayers", MAX_LAYERS as f64),
    ("maxWidth", MAX_WIDTH as f64),
    ("maxHeads", MAX_HEADS as f64),
    ("maxSteps", MAX_STEPS as f64),
    ("maxPairs", MAX_PAIRS as f64),
    ("context", CONTEXT as f64),
    ("prompt", PROMPT as f64),
    ("minOwnChars", super::run::MIN_OWN_CHARS as f64),
    ("maxOwnChars", super::run::MAX_OWN_CHARS as f64),
    ("maxTextLink", MAX_TEXT_LINK as f64),
    ("maxPastedBytes", crate::data::corpus::MAX_PASTED_BYTES as f64),
];

/// Everything the run needs, typed.
#[derive(Clone, Debug, PartialEq)]
pub struct RlhfConfig {
    pub opts: RlhfOptions,
    /// Fine-tune on the reader's own text (else on the novel's end).
    pub own: bool,
    /// The reader's preferences as the link carries them (see `prefs`).
    pub prefs: String,
    pub pretrain_steps: usize,
    pub finetune_steps: usize,
    pub pairs: usize,
    pub reward_steps: usize,
    pub policy_steps: usize,
}

/// Reads a link; never fails (see [`Settings::decode`]).
pub fn decode(query: &str, fallback_seed: &str) -> Decoded {
    let mut d = Settings::decode(FIELDS, HIDEABLE, &[], query);
    let s = &mut d.settings;
    s.seed_if_missing(fallback_seed);
    d
}

/// The typed configuration. The heads are the most, up to the setting,
/// that divide the width (a width of 30 with 4 heads runs 3).
pub fn config(s: &Settings) -> RlhfConfig {
    let width = s.int("width") as usize;
    let heads = (1..=s.int("heads") as usize)
        .rev()
        .find(|h| width % h == 0)
        .unwrap_or(1);
    let finetune = match s.choice("finetune") {
        "freeze" => FineTune::FreezeLower(1),
        "lora" => {
            let rank = s.int("rank") as usize;
            FineTune::Lora {
                rank,
                alpha: 2.0 * rank as f32,
            }
        }
        _ => FineTune::Full,
    };
    let rule = match s.choice("rule") {
        "short" => Rule::ShortLines,
        "rhyme" => Rule::Rhyme,
        _ => Rule::Contains(s.text("letter").chars().next().unwrap_or('w')),
    };
    RlhfConfig {
        opts: RlhfOptions {
            n_layer: s.int("layers") as usize,
            n_embd: width,
            n_head: heads,
            context: CONTEXT,
            prompt: PROMPT,
            batch: s.int("batchSize") as usize,
            learning_rate: s.float("learningRate") as f32,
            finetune,
            finetune_rate: s.float("finetuneRate") as f32,
            rule,
            beta: s.float("beta") as f32,
            seed: seed_from_text(s.text("seed")),
        },
        own: s.choice("small") == "own",
        prefs: s.text("prefs").to_string(),
        pretrain_steps: s.int("pretrainSteps") as usize,
        finetune_steps: s.int("finetuneSteps") as usize,
        pairs: s.int("pairs") as usize,
        reward_steps: s.int("rewardSteps") as usize,
        policy_steps: s.int("policySteps") as usize,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_and_a_link_read_back() {
        let c = config(&decode("", "1").settings);
        assert_eq!((c.opts.n_layer, c.opts.n_embd, c.opts.n_head), (2, 32, 4));
        assert_eq!(c.opts.rule, Rule::Contains('w'));
        assert_eq!(c.opts.finetune, FineTune::Full);
        let d = decode(
            "width=30&finetune=lora&rank=2&rule=short&beta=0&seed=x",
            "1",
        );
        assert!(d.issues.is_empty());
        let c = config(&d.settings);
        assert_eq!(c.opts.n_head, 3);
        assert_eq!(
            c.opts.finetune,
            FineTune::Lora {
                rank: 2,
                alpha: 4.0
            }
        );
        assert_eq!((c.opts.rule, c.opts.beta), (Rule::ShortLines, 0.0));
        assert_eq!(c.opts.seed, seed_from_text("x"));
        let d = decode("layers=9&width=4096&rule=poem&letter=%3C", "1");
        assert_eq!(d.issues.len(), 4);
        let c = config(&d.settings);
        assert_eq!((c.opts.n_layer, c.opts.n_embd), (2, 32));
        assert_eq!(c.opts.rule, Rule::Contains('w'));
    }
}
