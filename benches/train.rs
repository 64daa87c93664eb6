//! Native side of the playground benchmark (`make bench` runs it beside the
//! same cases in headless Chromium and prints both, with ratios).
//!
//! Cases (the page's benchmark uses the same links):
//! - TensorFlow Playground's default network: circle, x1 x2, 4,2 tanh, batch 10;
//! - its largest: all seven of its features, six layers of 8, batch 10;
//! - one frame of the largest: the 100×100 decision boundary plus every
//!   node's 20×20 thumbnail;
//! - one epoch over the 8,000 training digits: softmax 196→10, and
//!   196→128→10 (ReLU), SGD 0.1, batch 32.
//!
//! Prints one JSON line per case: `{"case", "unit", "median", "runs"}`.

use neuroplay::config::playground::{config, decode};
use neuroplay::config::digits;
use neuroplay::data::digits::parse;
use neuroplay::digits::DigitsSession;
use neuroplay::playground::Session;
use std::time::Instant;

const ALL7: &str = "x=true&y=true&xSquared=true&ySquared=true&xTimesY=true&sinX=true&sinY=true";

fn session(link: &str) -> Session {
    let d = decode(link, "0.5");
    assert!(d.issues.is_empty());
    Session::new(config(&d.settings))
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(|a, b| a.partial_cmp(b).unwrap());
    v[v.len() / 2]
}

/// Examples per second: `runs` timings of `batches` batches each.
fn throughput(link: &str, batches: usize, runs: usize) -> f64 {
    let mut s = session(link);
    s.train_batches(batches); // warm up
    let mut rates = Vec::with_capacity(runs);
    for _ in 0..runs {
        let e0 = s.examples();
        let t = Instant::now();
        s.train_batches(batches);
        rates.push((s.examples() - e0) as f64 / t.elapsed().as_secs_f64());
    }
    median(rates)
}

fn frame_ms(link: &str, runs: usize) -> f64 {
    let mut s = session(link);
    s.train_epochs(5);
    s.compute_grid(100, 20, None);
    let mut times = Vec::with_capacity(runs);
    for _ in 0..runs {
        let t = Instant::now();
        s.compute_grid(100, 20, None);
        times.push(t.elapsed().as_secs_f64() * 1e3);
    }
    median(times)
}

/// Milliseconds per epoch over the shipped training digits.
fn digits_epoch_ms(link: &str, epochs: usize) -> f64 {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/www/data/digits-14x14.bin");
    let data = parse(&std::fs::read(path).expect("digits file")).expect("valid digits");
    let d = digits::decode(link, "1");
    let mut s = DigitsSession::new(digits::config(&d.settings), &data);
    s.train_epochs(1);
    median(
        (0..epochs)
            .map(|_| {
                let t = Instant::now();
                s.train_epochs(1);
                t.elapsed().as_secs_f64() * 1e3
            })
            .collect(),
    )
}

fn main() {
    let default = "dataset=circle&networkShape=4,2&activation=tanh&batchSize=10&seed=0.5";
    let largest = format!("dataset=circle&{ALL7}&networkShape=8,8,8,8,8,8&activation=tanh&batchSize=10&seed=0.5");
    let rows = [
        ("tf-default", "examples/s", throughput(default, 20_000, 15)),
        ("tf-largest", "examples/s", throughput(&largest, 5_000, 15)),
        ("frame-largest", "ms", frame_ms(&largest, 31)),
        ("digits-softmax-epoch", "ms", digits_epoch_ms("networkShape=&optimizer=sgd&learningRate=0.1&batchSize=32&compare=false&seed=1", 5)),
        ("digits-128-epoch", "ms", digits_epoch_ms("networkShape=128&optimizer=sgd&learningRate=0.1&batchSize=32&compare=false&seed=1", 5)),
    ];
    for (case, unit, median) in rows {
        println!("{{\"case\":\"{case}\",\"unit\":\"{unit}\",\"median\":{median}}}");
    }
}
