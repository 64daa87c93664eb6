//! The CNN chapter's figures for any link's settings, as its session
//! trains them: the CNN's test accuracy after each epoch, every model's
//! figures, the shift experiment and the wall time.
//!
//! `cargo run --release --example cnn_measure -- 'seed=2' 'seed=1&channels=32,64'`

use neuroplay::chapters::cnn::{settings, CnnSession};
use neuroplay::data::digits::parse;
use neuroplay::train::Trainable;
use std::sync::OnceLock;
use std::time::Instant;

fn clock() -> f64 {
    static START: OnceLock<Instant> = OnceLock::new();
    START.get_or_init(Instant::now).elapsed().as_secs_f64() * 1e3
}

fn main() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/www/data/digits-14x14.bin");
    let digits =
        parse(&std::fs::read(path).expect("the shipped digits")).expect("a valid digits file");
    for query in std::env::args().skip(1) {
        let d = settings::decode(&query, "1");
        if !d.issues.is_empty() {
            eprintln!("{query}: refused settings {:?}", d.issues);
            continue;
        }
        let mut s = CnnSession::new(settings::config(&d.settings), &digits, clock);
        let start = Instant::now();
        let mut by_epoch = Vec::new();
        while s.status_name() == "ready" {
            s.train_epochs(1);
            by_epoch.push(s.evaluate().models[0].test_accuracy);
        }
        let wall = start.elapsed().as_secs_f64();
        println!("{query}: CNN test accuracy by epoch {by_epoch:.4?}; {wall:.1} s in all");
        for f in &s.evaluate().models {
            println!(
                "  {:8} {:>6} parameters: test accuracy {:.4}, test loss {:.5}, training loss {:.5}, {:.0} ms per epoch",
                f.kind.name(), f.params, f.test_accuracy, f.test_loss, f.train_loss, f.ms_per_epoch
            );
        }
        let shift = s.shift_experiment();
        println!(
            "  moved by {:?} px: cnn {:.4?}, dense {:.4?}, softmax {:.4?}",
            shift.shifts, shift.cnn, shift.dense, shift.softmax
        );
    }
}
