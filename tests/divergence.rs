//! Networks that go wrong: a diverged model reports no figures it does not
//! have (every figure NaN, so the page shows "—"), whatever class its NaN
//! outputs would fall to.

use neuroplay::chapters::playground::settings::{config, decode};
use neuroplay::chapters::playground::{Session, Status};
use neuroplay::train::Trainable;

fn session(link: &str) -> Session {
    let d = decode(link, "0.9");
    assert!(d.issues.is_empty(), "{:?}", d.issues);
    Session::new(config(&d.settings))
}

/// Trains until the session stops or `epochs` pass.
fn run(s: &mut Session, epochs: usize) {
    for _ in 0..epochs {
        if s.train_epochs(1) == 0 {
            break;
        }
    }
}

#[test]
fn a_diverged_network_has_no_figures() {
    for link in [
        "problem=regression&learningRate=10&activation=relu&networkShape=32,32,32&seed=1",
        "regularization=L2&regularizationRate=10&learningRate=10&seed=1",
        "dataset=blobs&numClasses=6&loss=crossEntropy&learningRate=10&networkShape=6&activation=relu&seed=1",
    ] {
        let mut s = session(link);
        run(&mut s, 200);
        assert_eq!(s.status(), Status::Diverged, "{link}");
        let m = s.evaluate();
        println!("{link}: finite {} losses {} {} accuracy {} rmse {}", m.finite, m.train_loss, m.test_loss, m.test_accuracy, m.test_rmse);
        assert!(!m.finite, "{link}");
        for x in [m.train_accuracy, m.test_accuracy, m.test_rmse, m.test_r2] {
            assert!(x.is_nan(), "{link}: a figure of a non-finite model");
        }
        assert!(m.confusion.iter().all(|&c| c == 0));
    }
    // A healthy one says so.
    let mut s = session("seed=1");
    run(&mut s, 5);
    let m = s.evaluate();
    assert!(m.finite && m.test_accuracy.is_finite());
}

/// Trains `epochs` and returns the figures.
fn after(link: &str, epochs: usize) -> neuroplay::chapters::playground::Metrics {
    let mut s = session(link);
    run(&mut s, epochs);
    let m = s.evaluate();
    println!(
        "{link}: {:?} loss {:.3} accuracy {:.2} dead {:?} saturated {} constant {}",
        s.status(),
        m.train_loss,
        m.train_accuracy,
        m.dead_layer,
        m.saturated_output,
        m.constant_output
    );
    m
}

#[test]
fn a_collapsed_network_says_how() {
    // Dead ReLUs: the second hidden layer outputs 0 on every point, and so
    // the outputs are the same for all.
    let m = after(
        "dataset=spiral&loss=crossEntropy&learningRate=10&networkShape=4,2&activation=relu&seed=1",
        10,
    );
    assert!(m.finite && m.dead_layer == Some(1) && m.constant_output);
    // A deep ReLU network whose tanh output sits at ±1 the same everywhere.
    let m = after(
        "learningRate=10&networkShape=8,8,8,8&activation=relu&seed=1",
        10,
    );
    assert!(m.dead_layer.is_none() && m.saturated_output && m.constant_output);
    // Linear units: outputs at ±1, wrong on half the points, not constant.
    let m = after(
        "dataset=xor&learningRate=10&networkShape=4,2&activation=linear&seed=1",
        10,
    );
    assert!(m.saturated_output && !m.constant_output);
    assert!((m.train_accuracy - 0.5).abs() < 0.1 && (m.train_loss - 1.0).abs() < 0.1);
    // ELU, deep: the same.
    let m = after(
        "learningRate=10&networkShape=32,32,32,32,32,32&activation=elu&seed=1",
        10,
    );
    assert!(m.saturated_output && m.constant_output);
}

#[test]
fn healthy_networks_raise_no_alarm() {
    for (link, epochs) in [
        ("seed=1", 300),
        (
            "dataset=xor&activation=sigmoid&learningRate=0.3&seed=2",
            300,
        ),
        (
            "dataset=spiral&networkShape=8,8,8&activation=relu&learningRate=0.03&noise=20&seed=3",
            300,
        ),
        ("dataset=gauss&networkShape=1&learningRate=0.1&seed=4", 300),
        (
            "dataset=blobs&numClasses=4&loss=crossEntropy&networkShape=6&activation=relu&seed=5",
            100,
        ),
        (
            "problem=regression&regDataset=reg-gauss&networkShape=8,8&activation=tanh&seed=6",
            100,
        ),
        (
            "dataset=circle&learningRate=1&networkShape=4,2&activation=relu&seed=1",
            100,
        ),
    ] {
        let m = after(link, epochs);
        assert!(
            m.finite && m.dead_layer.is_none() && !m.saturated_output && !m.constant_output,
            "{link}"
        );
    }
}

#[test]
fn a_diverged_digits_network_has_no_figures() {
    use neuroplay::chapters::digits::{settings, DigitsSession};
    use neuroplay::data::digits::parse;
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/www/data/digits-14x14.bin");
    let data = parse(&std::fs::read(path).expect("the shipped digits")).expect("a valid file");
    let d = settings::decode("learningRate=10&networkShape=256,128,32", "1");
    assert!(d.issues.is_empty());
    let mut s = DigitsSession::new(settings::config(&d.settings), &data);
    for _ in 0..3 {
        s.train_epochs(1);
    }
    assert_eq!(s.status(), Status::Diverged);
    let m = s.evaluate();
    println!(
        "digits at rate 10: loss {} accuracy {} (baseline {:?})",
        m.main.test_loss,
        m.main.test_accuracy,
        m.baseline.as_ref().map(|b| b.test_accuracy)
    );
    assert!(!m.main.finite && m.main.test_accuracy.is_nan() && m.main.train_accuracy.is_nan());
    assert!(m.confusion.iter().all(|&c| c == 0) && m.mistakes.is_empty());
}
