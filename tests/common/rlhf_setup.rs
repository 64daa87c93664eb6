//! What the RLHF tests share: Moby-Dick in characters, a tiny GPT
//! pre-trained on it once per test binary, prompts and sampled pairs
//! labelled by a rule.
#![allow(dead_code)]

use neuroplay::data::corpus::parse;
use neuroplay::data::tokenizer::Tokenizer;
use neuroplay::models::gpt::Sampling;
use neuroplay::models::gpt::{Gpt, GptConfig, TokenWindows};
use neuroplay::models::rlhf::{PairSet, PromptSet, Prompts, Rollout, Rule};
use neuroplay::models::Dataset;
use neuroplay::nn::{OptimizerKind, Schedule};
use neuroplay::rng::Rng;
use neuroplay::train::{never, Hyper, Trainer};
use std::sync::OnceLock;

pub const CONTEXT: usize = 32;
pub const PROMPT: usize = 8;
pub const COMPLETION: usize = 16;

/// The novel's text, its tokenizer, and the id stream.
pub struct Text {
    pub tok: Tokenizer,
    pub text: String,
    pub ids: Vec<u32>,
}

pub fn moby() -> &'static Text {
    static T: OnceLock<Text> = OnceLock::new();
    T.get_or_init(|| {
        let path = format!("{}/www/data/moby-dick.bin", env!("CARGO_MANIFEST_DIR"));
        let c = parse(&std::fs::read(path).unwrap()).unwrap();
        let text = c.docs.join("\n");
        let tok = Tokenizer::characters(&text);
        let ids = tok.encode(&text);
        Text { tok, text, ids }
    })
}

pub fn config() -> GptConfig {
    GptConfig {
        vocab: moby().tok.vocab_size(),
        context: CONTEXT,
        n_layer: 2,
        n_head: 4,
        n_embd: 32,
    }
}

pub fn hyper(lr: f32, steps: usize) -> Hyper {
    Hyper {
        learning_rate: lr,
        schedule: Schedule::WarmupCosine {
            warmup: (steps / 10) as u64,
            total: steps as u64,
            min_ratio: 0.1,
        },
        clip: 1.0,
        weight_decay: 0.01,
        batch_size: 16,
        ..Hyper::default()
    }
}

/// Characters the language model is pre-trained on (the first part of the
/// novel); the rest is held out for fine-tuning and prompts.
pub const PRETRAIN_CHARS: usize = 200_000;
pub const PRETRAIN_STEPS: usize = 400;

/// A tiny GPT pre-trained on the first 200,000 characters (seed 1), once.
pub fn pretrained() -> &'static Gpt {
    static G: OnceLock<Gpt> = OnceLock::new();
    G.get_or_init(|| {
        let m = moby();
        let t0 = std::time::Instant::now();
        let gpt = Gpt::new(config(), &mut Rng::new(1)).unwrap();
        let data = TokenWindows::new(
            m.ids[..PRETRAIN_CHARS].to_vec(),
            config().vocab,
            CONTEXT,
            CONTEXT,
        )
        .unwrap();
        let mut tr = Trainer::new(gpt, OptimizerKind::AdamW, Rng::new(2), data.len());
        tr.train_batches(
            &data,
            &hyper(3e-3, PRETRAIN_STEPS),
            PRETRAIN_STEPS,
            &mut never,
        );
        println!(
            "pre-trained {PRETRAIN_STEPS} steps in {:.1} s, last batch loss {:.3}",
            t0.elapsed().as_secs_f64(),
            tr.last_loss
        );
        tr.model
    })
}

/// Mean next-token loss of `gpt` over every back-to-back window of `ids`.
pub fn valid_loss(gpt: &mut Gpt, ids: &[u32]) -> f64 {
    let w = TokenWindows::new(ids.to_vec(), gpt.config().vocab, CONTEXT, CONTEXT).unwrap();
    let mut batch = Default::default();
    let idx: Vec<u32> = (0..w.len() as u32).collect();
    let mut sum = 0.0;
    for part in idx.chunks(32) {
        w.gather(part, &mut batch);
        sum += gpt.loss(&batch) * part.len() as f64;
    }
    sum / w.len() as f64
}

/// `n` prompts of PROMPT characters from the held-out part, drawn by `rng`.
pub fn prompts(n: usize, rng: &mut Rng) -> PromptSet {
    let ids = &moby().ids[PRETRAIN_CHARS..];
    let mut out = Vec::with_capacity(n * PROMPT);
    for _ in 0..n {
        let at = rng.below(ids.len() - PROMPT);
        out.extend_from_slice(&ids[at..at + PROMPT]);
    }
    PromptSet::new(out, PROMPT).unwrap()
}

/// The completion's text.
pub fn text_of(ids: &[u32]) -> String {
    moby().tok.decode(ids)
}

/// Pairs of two completions of the same prompt sampled from `gpt`,
/// labelled by `rule` (ties dropped), until `n` pairs are made.
pub fn labelled_pairs(gpt: &Gpt, rule: Rule, n: usize, seed: u64) -> PairSet {
    let mut rng = Rng::new(seed);
    let mut set = PairSet::new(PROMPT + COMPLETION, PROMPT);
    let mut ro = Rollout::default();
    let mut batch = Prompts::default();
    let s = Sampling::default();
    while set.len() < n {
        let ps = prompts(16, &mut rng);
        let idx: Vec<u32> = (0..16).flat_map(|i| [i, i]).collect();
        ps.gather(&idx, &mut batch);
        ro.sample(gpt, &batch, COMPLETION, &s, &mut rng);
        for i in 0..16 {
            let (a, b) = (ro.seq(2 * i), ro.seq(2 * i + 1));
            let pick = rule.prefers(&text_of(&a[PROMPT..]), &text_of(&b[PROMPT..]));
            match pick {
                Some(true) => set.push(a, b).unwrap(),
                Some(false) => set.push(b, a).unwrap(),
                None => {}
            }
            if set.len() == n {
                break;
            }
        }
    }
    set
}

/// Share of `n` completions sampled from `gpt` that satisfy `rule`.
pub fn rule_share(gpt: &Gpt, rule: Rule, n: usize, seed: u64) -> f64 {
    let mut rng = Rng::new(seed);
    let ps = prompts(n, &mut rng);
    let mut batch = Prompts::default();
    let idx: Vec<u32> = (0..n as u32).collect();
    ps.gather(&idx, &mut batch);
    let mut ro = Rollout::default();
    ro.sample(gpt, &batch, COMPLETION, &Sampling::default(), &mut rng);
    let hits = (0..n)
        .filter(|&i| rule.satisfied(&text_of(ro.completion(i)), COMPLETION))
        .count();
    hits as f64 / n as f64
}
