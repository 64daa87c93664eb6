//! Where a GPT training step spends its time (a measurement, not a test):
//! every op of one step timed phase by phase (src/models/gpt_profile.rs),
//! beside a whole training step through the trainer (forward, loss,
//! backward, clip, AdamW) on the same sizes, and the linear layers'
//! products on both matmul kernels.
//!
//! `cargo run --release --example gpt_profile` (tiny preset: 2 layers,
//! width 64, 4 heads, context 64, batch 16, 65 symbols);
//! `-- small` for the small preset (4 layers, width 128, context 128).
//! `STEPS=n` sets the steps timed.

use neuroplay::models::gpt::{Gpt, GptConfig, TokenWindows};
use neuroplay::models::gpt_profile::{profile, table, Sizes};
use neuroplay::models::Dataset;
use neuroplay::nn::{OptimizerKind, Schedule};
use neuroplay::rng::Rng;
use neuroplay::tensor::lanes::Best;
use neuroplay::tensor::matmul::{matmul_kernel, Base, MatRef};
use neuroplay::train::{never, Hyper, Trainer};
use std::time::Instant;

fn main() {
    let small = std::env::args().any(|a| a == "small");
    let (l, c, t) = if small { (4, 128, 128) } else { (2, 64, 64) };
    let (b, v, nh) = (16usize, 65usize, 4usize);
    let steps: usize = std::env::var("STEPS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(if small { 20 } else { 100 });
    let start = Instant::now();
    let mut clock = || start.elapsed().as_secs_f64() * 1e3;
    let sizes = Sizes { layers: l, width: c, heads: nh, context: t, batch: b, vocab: v };
    let phases = profile(sizes, steps, &mut clock);
    println!("{l} layers, C = {c}, T = {t}, B = {b}, V = {v}, {nh} heads; {steps} steps");
    print!("{}", table(&phases, b * t));
    whole_steps(l, c, t, b, v, nh, steps);
    products(b * t, c);
}

/// The same sizes through `Trainer` (what the benchmark's GPT rows time).
fn whole_steps(l: usize, c: usize, t: usize, b: usize, v: usize, nh: usize, steps: usize) {
    let cfg = GptConfig { vocab: v, context: t, n_layer: l, n_head: nh, n_embd: c };
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
    let mut tr = Trainer::new(gpt, OptimizerKind::AdamW, Rng::new(8), data.len());
    tr.train_batches(&data, &h, 3, &mut never);
    let t0 = Instant::now();
    tr.train_batches(&data, &h, steps, &mut never);
    let s = t0.elapsed().as_secs_f64();
    println!(
        "whole step      {:>10.3} ms/step = {:.0} tokens/s (trainer: + clip, AdamW, batch gather)",
        s / steps as f64 * 1e3,
        (steps * b * t) as f64 / s
    );
}

fn random(r: &mut Rng, n: usize, scale: f64) -> Vec<f32> {
    (0..n).map(|_| (r.normal() * scale) as f32).collect()
}

/// The linear layers' three products (forward X·W, weight gradient Xᵀ·dY,
/// input gradient dY·Wᵀ) for each layer shape, on both kernels: the best
/// of 30 runs in GFLOP/s.
fn products(n: usize, c: usize) {
    let mut r = Rng::new(3);
    println!("products (N = {n}): GFLOP/s direct / packed, best of 30");
    for (i, o) in [(c, 3 * c), (c, c), (c, 4 * c), (4 * c, c)] {
        let x = random(&mut r, n * i, 1.0);
        let w = random(&mut r, i * o, 1.0);
        let dy = random(&mut r, n * o, 1.0);
        let (mut y, mut dw, mut dx) = (vec![0.0; n * o], vec![0.0; i * o], vec![0.0; n * i]);
        let shapes: [(&str, MatRef, MatRef, &mut [f32]); 3] = [
            ("X·W", MatRef::new(&x, n, i), MatRef::new(&w, i, o), &mut y),
            ("Xᵀ·dY", MatRef::new(&x, n, i).t(), MatRef::new(&dy, n, o), &mut dw),
            ("dY·Wᵀ", MatRef::new(&dy, n, o), MatRef::new(&w, i, o).t(), &mut dx),
        ];
        for (name, a, bm, out) in shapes {
            let flops = 2.0 * (a.rows * a.cols * bm.cols) as f64;
            let mut best = [0.0f64; 2];
            for (k, packed) in [false, true].into_iter().enumerate() {
                for _ in 0..30 {
                    let t0 = Instant::now();
                    matmul_kernel::<Best>(a, bm, out, Base::Zero, packed);
                    best[k] = best[k].max(flops / t0.elapsed().as_secs_f64() / 1e9);
                }
            }
            println!("  {i:>4}→{o:<4} {name:<7} {:>6.1} / {:>6.1}", best[0], best[1]);
        }
    }
}
