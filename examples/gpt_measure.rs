//! Measurements behind the attention chapter's stated figures (not tests):
//! `cargo run --release --example gpt_measure -- losses` prints a session's
//! losses every 100 steps (`Q=` a link, `STEPS=` a budget), `-- scramble`
//! what a trained tiny model makes of scrambled sentences.

use neuroplay::chapters::gpt::settings::{config, decode};
use neuroplay::chapters::gpt::{GptSession, Texts};
use neuroplay::data::corpus::parse;
use neuroplay::train::Trainable;

fn texts() -> Texts {
    let load = |name: &str| {
        let path = format!("{}/www/data/{name}", env!("CARGO_MANIFEST_DIR"));
        parse(&std::fs::read(path).unwrap()).unwrap()
    };
    Texts {
        poems: load("tang-quatrains.bin"),
        moby: load("moby-dick.bin"),
        own: None,
    }
}

fn main() {
    match std::env::args().nth(1).as_deref() {
        Some("scramble") => scramble_measure(),
        _ => measure(),
    }
}

/// Prints a session's losses every 100 steps, for choosing thresholds:
/// `Q='corpus=poems&learningRate=0.001' STEPS=1000 cargo run --release
/// --example gpt_measure -- losses`.
fn measure() {
    let q = std::env::var("Q").unwrap_or_default();
    let steps: usize = std::env::var("STEPS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(1000);
    let mut s = GptSession::new(config(&decode(&q, "1").settings), texts());
    let r = s.refs();
    println!("V={} refs {:?}", s.tokenizer().vocab_size(), r);
    let t0 = std::time::Instant::now();
    for i in 0..steps / 100 {
        s.train_batches(100);
        let f = s.figures();
        println!(
            "step {} train {:.3} valid {:.3} (bigram {:.3}) {:.1}s",
            (i + 1) * 100,
            f.train_loss,
            f.valid_loss,
            r.bigram_valid,
            t0.elapsed().as_secs_f64()
        );
    }
    println!("{}", s.sample_now(80, 1));
}

/// Prints what a trained tiny model makes of scrambled sentences (for the
/// chapter's text): `cargo run --release --example gpt_measure -- scramble`.
fn scramble_measure() {
    use neuroplay::chapters::gpt::scramble::scramble;
    for (q, steps) in [
        ("corpus=moby&seed=1", 1500),
        ("corpus=poems&seed=1&learningRate=0.001", 1000),
    ] {
        let mut s = GptSession::new(config(&decode(q, "1").settings), texts());
        s.train_batches(steps);
        let f = s.figures();
        println!(
            "{q}: validation {:.3}, bigram {:.3}",
            f.valid_loss, f.refs.bigram_valid
        );
        let docs: Vec<String> = s
            .split()
            .valid
            .lines()
            .take(20)
            .map(|l| l.chars().take(100).collect())
            .collect();
        let (mut a, mut b, mut n) = (0.0, 0.0, 0);
        for d in &docs {
            let (_, l0) = s.token_losses(d);
            let (_, l1) = s.token_losses(&scramble(d, 7));
            let m =
                |l: &[f32]| l.iter().map(|&x| f64::from(x)).sum::<f64>() / l.len().max(1) as f64;
            a += m(&l0);
            b += m(&l1);
            n += 1;
        }
        println!(
            "  mean over {n} validation sentences: original {:.3}, scrambled {:.3}",
            a / n as f64,
            b / n as f64
        );
        let d = &docs[0];
        let sc = scramble(d, 7);
        let (i0, l0) = s.token_losses(d);
        let (i1, l1) = s.token_losses(&sc);
        let tok = s.tokenizer();
        let show = |ids: &[u32], l: &[f32]| {
            ids[1..]
                .iter()
                .zip(l)
                .map(|(&i, x)| format!("{}:{x:.1}", tok.token(i)))
                .collect::<Vec<_>>()
                .join(" ")
        };
        println!("  {d}\n  {}\n  {sc}\n  {}", show(&i0, &l0), show(&i1, &l1));
    }
}
