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
