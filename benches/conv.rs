//! What ndarray views cost on the convolution's hot path, and how fast the
//! CNN trains natively.
//!
//! `cargo bench --bench conv` times, on the digits CNN's two conv shapes at
//! batch 32 (and one of stride 2), the engine's im2col and col2im (plain index arithmetic over
//! flat slices) against the same loops written with ndarray views: once
//! slicing whole rows (`s![c, ki, kj, r, ..]`, `assign`) and once element
//! by element (`indexed_iter_mut`, `get`). Samples of the variants take
//! turns, so a change in machine load falls on all of them alike; it
//! prints each variant's median and the ratio of medians to the plain
//! version. Then it times training steps of the digits CNN through the
//! generic trainer at batch 32: images per second of wall time, and per
//! second the thread spent on a CPU (Linux), which a loaded machine does
//! not dilute.
//!
//! `cargo bench --bench conv -- --rounds N` sets the number of turns;
//! `-- --step` times the training step alone.

use ndarray::{s, ArrayView3, ArrayViewMut3, ArrayViewMut5};
use neuroplay::data::digits::parse;
use neuroplay::models::cnn::{Cnn, CnnSpec, Images};
use neuroplay::nn::OptimizerKind;
use neuroplay::ops::conv2d::{col2im, im2col, Conv2dShape};
use neuroplay::rng::Rng;
use neuroplay::train::{never, Hyper, Trainer};
use std::hint::black_box;
use std::time::Instant;

/// Output columns whose input column lies inside the image (stride 1).
fn valid_run(sh: &Conv2dShape, kj: usize) -> (usize, usize) {
    let lo = sh.pad.saturating_sub(kj).min(sh.ow());
    let hi = (sh.w + sh.pad).saturating_sub(kj).min(sh.ow());
    (lo, hi.max(lo))
}

/// im2col with ndarray views, one output row at a time (the engine's
/// algorithm, with slices of views in place of index arithmetic).
fn im2col_rows(col: &mut [f32], x: &[f32], sh: &Conv2dShape) {
    let (oh, ow) = (sh.oh(), sh.ow());
    let x = ArrayView3::from_shape((sh.ic, sh.h, sh.w), x).unwrap();
    let mut col = ArrayViewMut5::from_shape((sh.ic, sh.kh, sh.kw, oh, ow), col).unwrap();
    for c in 0..sh.ic {
        for ki in 0..sh.kh {
            for kj in 0..sh.kw {
                let (lo, hi) = valid_run(sh, kj);
                for r in 0..oh {
                    let mut out = col.slice_mut(s![c, ki, kj, r, ..]);
                    let ih = (r * sh.stride + ki).wrapping_sub(sh.pad);
                    if ih >= sh.h {
                        out.fill(0.0);
                        continue;
                    }
                    let src = x.slice(s![c, ih, ..]);
                    if sh.stride == 1 {
                        out.slice_mut(s![..lo]).fill(0.0);
                        out.slice_mut(s![lo..hi])
                            .assign(&src.slice(s![lo + kj - sh.pad..hi + kj - sh.pad]));
                        out.slice_mut(s![hi..]).fill(0.0);
                    } else {
                        for (q, o) in out.iter_mut().enumerate() {
                            let iw = (q * sh.stride + kj).wrapping_sub(sh.pad);
                            *o = if iw < sh.w { src[iw] } else { 0.0 };
                        }
                    }
                }
            }
        }
    }
}

/// im2col with ndarray views, element by element: the shortest code.
fn im2col_elements(col: &mut [f32], x: &[f32], sh: &Conv2dShape) {
    let (oh, ow) = (sh.oh(), sh.ow());
    let x = ArrayView3::from_shape((sh.ic, sh.h, sh.w), x).unwrap();
    let mut col = ArrayViewMut5::from_shape((sh.ic, sh.kh, sh.kw, oh, ow), col).unwrap();
    for ((c, ki, kj, r, q), o) in col.indexed_iter_mut() {
        let ih = (r * sh.stride + ki).wrapping_sub(sh.pad);
        let iw = (q * sh.stride + kj).wrapping_sub(sh.pad);
        *o = x.get((c, ih, iw)).copied().unwrap_or(0.0);
    }
}

/// col2im with ndarray views, one row at a time.
fn col2im_rows(dx: &mut [f32], col: &[f32], sh: &Conv2dShape) {
    let (oh, ow) = (sh.oh(), sh.ow());
    let mut dx = ArrayViewMut3::from_shape((sh.ic, sh.h, sh.w), dx).unwrap();
    let col = ndarray::ArrayView5::from_shape((sh.ic, sh.kh, sh.kw, oh, ow), col).unwrap();
    for c in 0..sh.ic {
        for ki in 0..sh.kh {
            for kj in 0..sh.kw {
                let (lo, hi) = valid_run(sh, kj);
                for r in 0..oh {
                    let ih = (r * sh.stride + ki).wrapping_sub(sh.pad);
                    if ih >= sh.h {
                        continue;
                    }
                    let from = col.slice(s![c, ki, kj, r, lo..hi]);
                    let mut to = dx.slice_mut(s![c, ih, lo + kj - sh.pad..hi + kj - sh.pad]);
                    to += &from;
                }
            }
        }
    }
}

type Kernel = fn(&mut [f32], &[f32], &Conv2dShape);

/// Seconds per call of `f` over the batch, for `reps` calls.
fn time_batch(
    f: Kernel,
    out: &mut [f32],
    input: &[f32],
    sh: &Conv2dShape,
    out_per: usize,
    in_per: usize,
    reps: usize,
) -> f64 {
    let t = Instant::now();
    for _ in 0..reps {
        for (o, i) in out
            .chunks_exact_mut(out_per)
            .zip(input.chunks_exact(in_per))
        {
            f(o, i, sh);
        }
        black_box(&mut *out);
    }
    t.elapsed().as_secs_f64() / reps as f64
}

fn median(v: &mut [f64]) -> f64 {
    v.sort_by(|a, b| a.total_cmp(b));
    v[v.len() / 2]
}

fn compare(name: &str, sh: Conv2dShape, rounds: usize) {
    let mut r = Rng::new(5);
    let one = sh.with_batch(1);
    let x: Vec<f32> = (0..sh.x_len())
        .map(|_| r.uniform(-1.0, 1.0) as f32)
        .collect();
    let mut col = vec![0.0; sh.col_len()];
    let (xp, cp) = (one.x_len(), one.col_len());
    // The variants agree before they are timed.
    let mut check = vec![0.0; sh.col_len()];
    for f in [im2col_rows as Kernel, im2col_elements] {
        time_batch(im2col, &mut col, &x, &sh, cp, xp, 1);
        time_batch(f, &mut check, &x, &sh, cp, xp, 1);
        assert_eq!(col, check, "{name}: variants disagree");
    }
    let mut dx = vec![0.0; sh.x_len()];
    let cases: [(&str, Kernel, bool); 5] = [
        ("im2col plain", im2col, true),
        ("im2col ndarray rows", im2col_rows, true),
        ("im2col ndarray elements", im2col_elements, true),
        ("col2im plain", col2im, false),
        ("col2im ndarray rows", col2im_rows, false),
    ];
    let reps = 200;
    let mut samples = vec![Vec::new(); cases.len()];
    for _ in 0..rounds {
        for (k, &(_, f, forward)) in cases.iter().enumerate() {
            let s = if forward {
                time_batch(f, &mut col, &x, &sh, cp, xp, reps)
            } else {
                time_batch(f, &mut dx, &col, &sh, xp, cp, reps)
            };
            samples[k].push(s);
        }
    }
    let medians: Vec<f64> = samples.iter_mut().map(|v| median(v)).collect();
    for (k, (label, _, forward)) in cases.iter().enumerate() {
        let plain = if *forward { medians[0] } else { medians[3] };
        println!(
            "{{\"shape\":\"{name}\",\"case\":\"{label}\",\"median_us\":{:.2},\"ratio_to_plain\":{:.3}}}",
            medians[k] * 1e6,
            medians[k] / plain
        );
    }
}

fn cnn_step(rounds: usize) {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/www/data/digits-14x14.bin");
    let d = parse(&std::fs::read(path).expect("digits file")).expect("valid digits");
    let train = Images::from_digits(&d.train_images, &d.train_labels);
    let net = Cnn::new(CnnSpec::digits(), &mut Rng::new(1)).unwrap();
    let params = net.store.len();
    let mut t = Trainer::new(net, OptimizerKind::Adam, Rng::new(2), train.len());
    let h = Hyper {
        learning_rate: 0.002,
        batch_size: 32,
        ..Hyper::default()
    };
    t.train_batches(&train, &h, 20, &mut never);
    let (mut rates, mut on_cpu) = (Vec::new(), Vec::new());
    for _ in 0..rounds {
        let (e, start, cpu) = (t.examples, Instant::now(), cpu_seconds());
        t.train_batches(&train, &h, 50, &mut never);
        let n = (t.examples - e) as f64;
        rates.push(n / start.elapsed().as_secs_f64());
        if let (Some(a), Some(b)) = (cpu, cpu_seconds()) {
            on_cpu.push(n / (b - a));
        }
    }
    let cpu = if on_cpu.is_empty() {
        f64::NAN
    } else {
        median(&mut on_cpu)
    };
    println!(
        "{{\"case\":\"cnn-digits-step-b32\",\"params\":{params},\"median_images_per_s\":{:.0},\"median_images_per_cpu_s\":{cpu:.0}}}",
        median(&mut rates)
    );
}

/// Seconds this thread has run on a CPU (Linux's schedstat), to state a
/// rate that other processes on a shared machine do not dilute.
fn cpu_seconds() -> Option<f64> {
    let s = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    let ns: f64 = s.split_whitespace().next()?.parse().ok()?;
    Some(ns / 1e9)
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let rounds = args
        .iter()
        .position(|a| a == "--rounds")
        .and_then(|i| args.get(i + 1)?.parse().ok())
        .unwrap_or(21);
    let layers = CnnSpec::digits().layers().expect("the preset is valid");
    let (conv1, conv2) = (layers[0].0.with_batch(32), layers[1].0.with_batch(32));
    let strided = Conv2dShape::new(32, 16, 14, 14, 32, 3, 3, 2, 1).unwrap();
    let step_only = args.iter().any(|a| a == "--step");
    if !step_only {
        compare("conv1 1→16 5×5 pad 2, 14×14", conv1, rounds);
        compare("conv2 16→32 3×3 pad 1, 7×7", conv2, rounds);
        compare("16→32 3×3 stride 2 pad 1, 14×14", strided, rounds);
    }
    cnn_step(rounds);
}
