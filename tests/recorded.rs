//! The chapters' seeded figures, compared with figures recorded by the
//! engine before it moved every chapter onto one `Model` interface and one
//! trainer: the whole-set losses after each of the first 20 steps, and the
//! figures the convergence tests reach. A refactor of the engine must keep
//! them to 1e-5 relative.
//!
//! `RECORD_FIGURES=1 cargo test --test recorded` writes the file anew
//! (only ever on purpose, from a known-good engine).

use neuroplay::chapters::{digits::settings as dcfg, playground::settings as pcfg};
use neuroplay::data::digits::parse;
use neuroplay::chapters::digits::DigitsSession;
use neuroplay::chapters::playground::Session;
use neuroplay::train::Trainable;
use std::collections::BTreeMap;
use std::fmt::Write;

const FILE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/recorded-figures.txt");
const STEPS: usize = 20;

/// The playground links of the convergence tests and a few more that cover
/// every optimizer, both regularizations and both losses.
const PLAYGROUND: [(&str, usize); 12] = [
    ("dataset=circle&seed=0.1&networkShape=4,2&activation=tanh&learningRate=0.03", 300),
    ("dataset=xor&seed=0.2&x=false&y=false&xTimesY=true&networkShape=&learningRate=0.03", 100),
    ("dataset=xor&seed=0.2&networkShape=4,2&learningRate=0.03", 300),
    ("dataset=gauss&seed=0.3&networkShape=&learningRate=0.03", 50),
    ("dataset=spiral&seed=0.4&networkShape=8,8,8&activation=tanh&optimizer=adam&learningRate=0.01&sinX=true&sinY=true", 400),
    ("dataset=blobs&numClasses=4&seed=0.5&loss=crossEntropy&networkShape=8&optimizer=adam&learningRate=0.01", 100),
    ("dataset=spiral3&seed=0.6&loss=crossEntropy&networkShape=16,16&activation=relu&optimizer=adam&learningRate=0.01", 500),
    ("problem=regression&regDataset=reg-plane&seed=0.7&networkShape=4&learningRate=0.01", 100),
    ("problem=regression&regDataset=reg-gauss&seed=0.8&networkShape=8,8&activation=tanh&optimizer=adam&learningRate=0.01", 300),
    ("dataset=circle&seed=0.9&networkShape=6,3&activation=relu&optimizer=momentum&regularization=L2&regularizationRate=0.003&learningRate=0.03&batchSize=5", 30),
    ("dataset=spiral&seed=0.11&networkShape=8,4&activation=swish&optimizer=rmsprop&regularization=L1&regularizationRate=0.001&learningRate=0.01&weightInit=he", 30),
    ("dataset=blobs&numClasses=3&seed=0.12&loss=crossEntropy&networkShape=5&activation=elu&optimizer=sgd&regularization=L2&regularizationRate=0.01&learningRate=0.1&batchSize=1", 10),
];

const DIGITS: [(&str, usize); 3] = [
    ("seed=1&learningRate=0.1&batchSize=32", 10),
    ("seed=1&networkShape=128&activation=relu&optimizer=adam&learningRate=0.001&batchSize=32&augment=true", 30),
    ("seed=2&networkShape=32,16&activation=tanh&optimizer=momentum&learningRate=0.05&batchSize=8", 1),
];

fn measure() -> BTreeMap<String, f64> {
    let mut out = BTreeMap::new();
    for (i, (link, epochs)) in PLAYGROUND.iter().enumerate() {
        let d = pcfg::decode(link, "0.5");
        assert!(d.issues.is_empty(), "{link}: {:?}", d.issues);
        let mut s = Session::new(pcfg::config(&d.settings));
        for step in 0..STEPS {
            s.train_batches(1);
            let m = s.evaluate();
            out.insert(format!("playground.{i}.step{step:02}.train_loss"), m.train_loss);
            out.insert(format!("playground.{i}.step{step:02}.test_loss"), m.test_loss);
        }
        s.reset();
        s.train_epochs(*epochs);
        let m = s.evaluate();
        out.insert(format!("playground.{i}.final.train_loss"), m.train_loss);
        out.insert(format!("playground.{i}.final.test_loss"), m.test_loss);
        out.insert(format!("playground.{i}.final.test_accuracy"), m.test_accuracy);
        out.insert(format!("playground.{i}.final.test_rmse"), m.test_rmse);
    }
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/www/data/digits-14x14.bin");
    let data = parse(&std::fs::read(path).expect("the shipped digits")).expect("valid digits");
    for (i, (link, epochs)) in DIGITS.iter().enumerate() {
        let d = dcfg::decode(link, "1");
        assert!(d.issues.is_empty(), "{link}: {:?}", d.issues);
        let mut s = DigitsSession::new(dcfg::config(&d.settings), &data);
        for step in 0..STEPS {
            s.train_batches(1);
            let m = s.evaluate();
            out.insert(format!("digits.{i}.step{step:02}.train_loss"), m.main.train_loss);
            if let Some(b) = &m.baseline {
                out.insert(format!("digits.{i}.step{step:02}.baseline_train_loss"), b.train_loss);
            }
        }
        s.reset();
        s.train_epochs(*epochs);
        let m = s.evaluate();
        out.insert(format!("digits.{i}.final.test_loss"), m.main.test_loss);
        out.insert(format!("digits.{i}.final.test_accuracy"), m.main.test_accuracy);
    }
    out
}

#[test]
fn chapters_keep_their_recorded_figures() {
    let now = measure();
    if std::env::var_os("RECORD_FIGURES").is_some() {
        let mut text = String::from("# name value (written by RECORD_FIGURES=1 cargo test --test recorded)\n");
        for (k, v) in &now {
            writeln!(text, "{k} {v:e}").unwrap();
        }
        std::fs::create_dir_all(std::path::Path::new(FILE).parent().unwrap()).unwrap();
        std::fs::write(FILE, text).unwrap();
        return;
    }
    let text = std::fs::read_to_string(FILE).expect("the recorded figures");
    let mut compared = 0;
    let mut wrong = Vec::new();
    for line in text.lines().filter(|l| !l.starts_with('#') && !l.is_empty()) {
        let (name, value) = line.split_once(' ').expect("name value");
        let want: f64 = value.parse().expect("a number");
        let got = *now.get(name).unwrap_or_else(|| panic!("{name} is no longer measured"));
        let scale = want.abs().max(1e-12);
        if !((got - want).abs() / scale <= 1e-5 || (got.is_nan() && want.is_nan())) {
            wrong.push(format!("{name}: recorded {want:e}, now {got:e} (relative difference {:e})", (got - want).abs() / scale));
        }
        compared += 1;
    }
    assert!(wrong.is_empty(), "{} of {compared} figures moved:\n{}", wrong.len(), wrong.join("\n"));
    assert_eq!(compared, now.len(), "every measured figure has a recorded value");
    println!("{compared} figures match the recorded ones");
}
