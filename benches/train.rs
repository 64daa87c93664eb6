//! The native side of the benchmark: the same cases as the benchmark page
//! (`www/js/bench-cases.js`), on the native build of the same engine.
//!
//! - `cargo bench --bench train` prints one JSON line per case with the
//!   median of several samples;
//! - `cargo bench --bench train -- --serve` reads lines `case [ms]` on
//!   standard input and answers each with one sample, so that `make bench`
//!   can take turns between this build and the ones in the browser.

use neuroplay::chapters::cnn::{settings as cnn_settings, CnnSession};
use neuroplay::chapters::dbn::{settings as dbn_settings, DbnSession};
use neuroplay::chapters::digits::settings as digits;
use neuroplay::chapters::digits::DigitsSession;
use neuroplay::chapters::playground::settings::{config, decode};
use neuroplay::chapters::playground::Session;
use neuroplay::data::digits::parse;
use neuroplay::models::cnn::Cnn;
use neuroplay::models::gpt::{Gpt, GptConfig, Sampling, TokenWindows};
use neuroplay::data::sequences::Sequences;
use neuroplay::models::seq::{Cell, SeqModel};
use neuroplay::models::rlhf::PolicyBench;
use neuroplay::models::Dataset;
use neuroplay::nn::{OptimizerKind, Schedule};
use neuroplay::train::{never, Hyper, Trainable, Trainer};
use neuroplay::rng::Rng;
use neuroplay::tensor::lanes::{Best, Lanes};
use neuroplay::tensor::matmul::{matmul, Base, MatRef};
use neuroplay::tensor::peak::{peak, peak_flops};
use std::collections::HashMap;
use std::io::BufRead;
use std::time::Instant;

const ALL7: &str = "x=true&y=true&xSquared=true&ySquared=true&xTimesY=true&sinX=true&sinY=true";
/// Length of one sample, unless the caller asks for another.
const SAMPLE_MS: f64 = 80.0;

/// One case's state, made on first use.
enum Case {
    Peak,
    Matmul { a: Vec<f32>, b: Vec<f32>, c: Vec<f32>, n: usize },
    Digits { s: Box<DigitsSession>, per_second: bool },
    Playground { s: Box<Session>, batches: usize },
    Frame(Box<Session>),
    /// Training steps of a small GPT, in tokens per second (native only:
    /// the page has no such case yet).
    Gpt { tr: Box<Trainer<Gpt>>, data: TokenWindows, h: Hyper },
    /// Generation by a tiny GPT, with or without the KV cache, in tokens
    /// per second.
    GptGen { gpt: Box<Gpt>, cached: bool },
    /// The CNN chapter's default network training (images per second).
    CnnTrain(Box<CnnSession>),
    /// CD-1 training of the deep belief net chapter's 196 × 128 RBM
    /// (images per second).
    Rbm(Box<DbnSession>),
    /// One digit through that network with every layer's maps (ms).
    CnnRead { net: Box<Cnn>, image: Vec<f32> },
    /// The LSTM chapter's sequence model training (time steps per second).
    Lstm { tr: Box<Trainer<SeqModel>>, data: Sequences, h: Hyper },
    /// One RLHF policy-update step at the tiny preset (ms).
    Rlhf(Box<PolicyBench>),
}

/// The CNN chapter's default network as the benchmark page runs it
/// (`CNN_LINK` in www/js/bench-cases.js).
const CNN_LINK: &str = "seed=1&epochs=200&compare=false&batchSize=32&optimizer=adam&learningRate=0.003";

/// The RBM as the benchmark page runs it (`DBN_LINK` in
/// www/js/bench-cases.js).
const DBN_LINK: &str = "seed=1&hidden=128&sampler=cd&k=1&batchSize=20&learningRate=0.05&momentum=0.5&epochs=100";

fn millis() -> f64 {
    static START: std::sync::OnceLock<Instant> = std::sync::OnceLock::new();
    START.get_or_init(Instant::now).elapsed().as_secs_f64() * 1e3
}

fn cnn_session() -> Box<CnnSession> {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/www/data/digits-14x14.bin");
    let data = parse(&std::fs::read(path).expect("digits file")).expect("valid digits");
    let config = cnn_settings::config(&cnn_settings::decode(CNN_LINK, "1").settings);
    Box::new(CnnSession::new(config, &data, millis))
}

/// Work per second of `f` (which returns the work it did) over `ms`.
fn rate(ms: f64, mut f: impl FnMut() -> f64) -> f64 {
    let t = Instant::now();
    let mut work = 0.0;
    while t.elapsed().as_secs_f64() * 1e3 < ms {
        work += f();
    }
    work / t.elapsed().as_secs_f64()
}

fn playground(link: &str) -> Box<Session> {
    Box::new(Session::new(config(&decode(link, "0.5").settings)))
}

fn make(name: &str) -> Option<Case> {
    let largest = format!("dataset=circle&{ALL7}&networkShape=8,8,8,8,8,8&activation=tanh&batchSize=10&seed=0.5");
    let digit = |hidden: &str, per_second: bool| {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/www/data/digits-14x14.bin");
        let data = parse(&std::fs::read(path).expect("digits file")).expect("valid digits");
        let link = format!("networkShape={hidden}&optimizer=sgd&learningRate=0.1&batchSize=32&compare=false&seed=1");
        let s = DigitsSession::new(digits::config(&digits::decode(&link, "1").settings), &data);
        Case::Digits { s: Box::new(s), per_second }
    };
    Some(match name {
        "peak-mul-add" => Case::Peak,
        "mlp-196-64-10-b32" => digit("64", true),
        "digits-softmax-epoch" => digit("", false),
        "digits-128-epoch" => digit("128", false),
        "playground-default" => Case::Playground {
            s: playground("dataset=circle&networkShape=4,2&activation=tanh&batchSize=10&seed=0.5"),
            batches: 2000,
        },
        "playground-largest" => Case::Playground { s: playground(&largest), batches: 500 },
        "frame-largest" => {
            let mut s = playground(&largest);
            s.train_epochs(5);
            Case::Frame(s)
        }
        "gpt-l2-c64-t64-b16" => gpt(),
        "gpt-tiny-train" => gpt_preset(2, 64, 64),
        "gpt-small-train" => gpt_preset(4, 128, 128),
        "gpt-tiny-gen-cached" | "gpt-tiny-gen-uncached" => {
            let cfg = GptConfig { vocab: 65, context: 64, n_layer: 2, n_head: 4, n_embd: 64 };
            let gpt = Gpt::new(cfg, &mut Rng::new(7)).expect("config");
            Case::GptGen { gpt: Box::new(gpt), cached: name.ends_with("-cached") }
        }
        "rlhf-tiny-policy-step" => Case::Rlhf(Box::new(PolicyBench::new(2, 64, 4, 64, 16).expect("config"))),
        "cnn-digits-b32" => Case::CnnTrain(cnn_session()),
        "rbm-cd1-196x128-b20" => {
            let path = concat!(env!("CARGO_MANIFEST_DIR"), "/www/data/digits-14x14.bin");
            let data = parse(&std::fs::read(path).expect("digits file")).expect("valid digits");
            let config = dbn_settings::config(&dbn_settings::decode(DBN_LINK, "1").settings);
            Case::Rbm(Box::new(DbnSession::new(config, &data, millis)))
        }
        "cnn-read-one" => {
            let s = cnn_session();
            let image = s.test_image(0).expect("a test digit").0.to_vec();
            let net = Cnn::new(s.cnn().spec.clone(), &mut Rng::new(1)).expect("valid spec");
            Case::CnnRead { net: Box::new(net), image }
        }
        "lstm-64-train" => lstm(64),
        "lstm-128-train" => lstm(128),
        m if m.starts_with("matmul-") => {
            let n: usize = m["matmul-".len()..].parse().ok()?;
            let mut r = Rng::new(9);
            let mut fill = || (0..n * n).map(|_| r.uniform(-1.0, 1.0) as f32).collect::<Vec<_>>();
            Case::Matmul { a: fill(), b: fill(), c: vec![0.0; n * n], n }
        }
        _ => return None,
    })
}

/// A GPT of 2 blocks, 64 channels, 4 heads, a 65-symbol vocabulary (a
/// character set's size), trained on batches of 16 windows of 64 random
/// tokens with AdamW, clipping and a schedule.
fn gpt() -> Case {
    let (v, t, b) = (65, 64, 16);
    let cfg = GptConfig { vocab: v, context: t, n_layer: 2, n_head: 4, n_embd: 64 };
    let mut r = Rng::new(7);
    let stream: Vec<u32> = (0..64 * t + 1).map(|_| r.below(v) as u32).collect();
    let data = TokenWindows::new(stream, v, t, t).expect("windows");
    let h = Hyper {
        learning_rate: 3e-4,
        schedule: Schedule::WarmupCosine { warmup: 100, total: 100_000, min_ratio: 0.1 },
        clip: 1.0,
        weight_decay: 0.1,
        batch_size: b,
        ..Hyper::default()
    };
    let gpt = Gpt::new(cfg, &mut r).expect("config");
    let tr = Trainer::new(gpt, OptimizerKind::AdamW, Rng::new(8), data.len());
    Case::Gpt { tr: Box::new(tr), data, h }
}

/// The chapter's presets (4 heads, batch 16, 65 symbols) as the page's
/// benchmark trains them (www/js/bench-cases.js, GPT_NETS).
fn gpt_preset(layers: usize, width: usize, t: usize) -> Case {
    let v = 65;
    let cfg = GptConfig { vocab: v, context: t, n_layer: layers, n_head: 4, n_embd: width };
    let mut r = Rng::new(7);
    let stream: Vec<u32> = (0..64 * t + 1).map(|_| r.below(v) as u32).collect();
    let data = TokenWindows::new(stream, v, t, t).expect("windows");
    let h = Hyper {
        learning_rate: 3e-4,
        schedule: Schedule::WarmupCosine { warmup: 100, total: 100_000, min_ratio: 0.1 },
        clip: 1.0,
        weight_decay: 0.1,
        batch_size: 16,
        ..Hyper::default()
    };
    let gpt = Gpt::new(cfg, &mut r).expect("config");
    let tr = Trainer::new(gpt, OptimizerKind::AdamW, Rng::new(8), data.len());
    Case::Gpt { tr: Box::new(tr), data, h }
}

/// An LSTM of `width` units on memory sequences of 32 steps, batch 32,
/// Adam 0.01 with clipping (www/js/bench-cases.js, LSTM_NETS; the page's
/// `LstmBench`).
fn lstm(width: usize) -> Case {
    let mut r = Rng::new(7);
    let data = Sequences::memory(256, 30, &mut r);
    let m = SeqModel::new(Cell::Lstm, data.inputs, width, data.classes, &mut r);
    let h = Hyper { learning_rate: 0.01, clip: 1.0, batch_size: 32, ..Hyper::default() };
    let tr = Trainer::new(m, OptimizerKind::Adam, Rng::new(8), data.len());
    Case::Lstm { tr: Box::new(tr), data, h }
}

/// One sample of about `ms`, in the case's unit.
fn sample(case: &mut Case, ms: f64) -> f64 {
    match case {
        Case::Peak => rate(ms, || {
            std::hint::black_box(peak::<Best>(200_000, 0.5));
            peak_flops(200_000)
        }) / 1e9,
        Case::Matmul { a, b, c, n } => rate(ms, || {
            matmul(MatRef::new(a, *n, *n), MatRef::new(b, *n, *n), c, Base::Zero);
            2.0 * (*n * *n * *n) as f64
        }) / 1e9,
        Case::Digits { s, per_second } => {
            let t = Instant::now();
            s.train_epochs(1);
            let secs = t.elapsed().as_secs_f64();
            if *per_second {
                s.sizes().0 as f64 / secs
            } else {
                secs * 1e3
            }
        }
        Case::Playground { s, batches } => rate(ms, || {
            let e = s.examples();
            s.train_batches(*batches);
            (s.examples() - e) as f64
        }),
        Case::Gpt { tr, data, h } => rate(ms, || {
            let steps = tr.train_batches(data, h, 1, &mut never);
            (steps * h.batch_size * data.time()) as f64
        }),
        Case::Lstm { tr, data, h } => rate(ms, || {
            let steps = tr.train_batches(data, h, 1, &mut never);
            (steps * h.batch_size * data.steps) as f64
        }),
        Case::CnnTrain(s) => rate(ms, || {
            let e = s.examples();
            s.train_batches(2);
            (s.examples() - e) as f64
        }),
        Case::Rbm(s) => rate(ms, || {
            let e = s.examples();
            s.train_batches(5);
            (s.examples() - e) as f64
        }),
        Case::CnnRead { net, image } => {
            let reads = rate(ms, || {
                std::hint::black_box(net.probabilities(image));
                for l in 0..net.conv_layers() {
                    std::hint::black_box(net.feature_maps(l).sum());
                }
                1.0
            });
            1e3 / reads
        }
        Case::GptGen { gpt, cached } => rate(ms, || {
            let s = Sampling::default();
            let mut r = Rng::new(1);
            let out = if *cached {
                gpt.generate(&[1, 2, 3, 4], 60, &s, &mut r)
            } else {
                gpt.generate_uncached(&[1, 2, 3, 4], 60, &s, &mut r)
            };
            std::hint::black_box(&out);
            out.len() as f64
        }),
        Case::Rlhf(b) => {
            let t = Instant::now();
            b.step(1);
            std::hint::black_box(b.reward());
            t.elapsed().as_secs_f64() * 1e3
        }
        Case::Frame(s) => {
            let t = Instant::now();
            s.compute_grid(100, 20, None);
            t.elapsed().as_secs_f64() * 1e3
        }
    }
}

const CASES: &[&str] = &[
    "peak-mul-add",
    "matmul-64",
    "matmul-128",
    "matmul-256",
    "matmul-512",
    "mlp-196-64-10-b32",
    "digits-softmax-epoch",
    "digits-128-epoch",
    "playground-default",
    "playground-largest",
    "frame-largest",
    "gpt-l2-c64-t64-b16",
    "cnn-digits-b32",
    "cnn-read-one",
    "rbm-cd1-196x128-b20",
    "gpt-tiny-train",
    "gpt-small-train",
    "gpt-tiny-gen-cached",
    "gpt-tiny-gen-uncached",
    "lstm-64-train",
    "lstm-128-train",
    "rlhf-tiny-policy-step",
];

/// The lane type and the instruction set this build was compiled for: a
/// plain `cargo bench` targets the x86-64 baseline (SSE2: 4-wide vectors,
/// no fused multiply-add, no AVX), whatever the machine has, and says so.
fn path() -> String {
    let isa = if cfg!(target_feature = "avx512f") {
        "AVX-512"
    } else if cfg!(target_feature = "avx2") {
        "AVX2"
    } else if cfg!(target_arch = "x86_64") {
        "x86-64 baseline SSE2, no AVX or FMA"
    } else {
        std::env::consts::ARCH
    };
    format!("{} lanes, {isa}", Best::NAME)
}

fn main() {
    let mut states: HashMap<String, Case> = HashMap::new();
    let mut measure = |name: &str, ms: f64| -> Option<f64> {
        if !states.contains_key(name) {
            let mut c = make(name)?;
            for _ in 0..3 {
                sample(&mut c, ms); // warm up
            }
            states.insert(name.to_string(), c);
        }
        Some(sample(states.get_mut(name)?, ms))
    };
    if std::env::args().any(|a| a == "--serve") {
        println!("ready {}", path());
        for line in std::io::stdin().lock().lines() {
            let Ok(line) = line else { break };
            let mut words = line.split_whitespace();
            let name = words.next().unwrap_or("");
            let ms = words.next().and_then(|w| w.parse().ok()).unwrap_or(SAMPLE_MS);
            match measure(name, ms) {
                Some(v) => println!("{v}"),
                None => println!("unknown"),
            }
        }
        return;
    }
    for &name in CASES {
        let mut v: Vec<f64> = (0..7).filter_map(|_| measure(name, SAMPLE_MS)).collect();
        v.sort_by(|a, b| a.total_cmp(b));
        println!("{{\"case\":\"{name}\",\"median\":{},\"path\":\"{}\"}}", v[v.len() / 2], path());
    }
}
