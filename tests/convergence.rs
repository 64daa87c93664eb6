//! Seeded convergence on every data set, each through the same link a reader
//! would share. Thresholds are stated per case; the figures reached are
//! printed (run with `--nocapture`).

use neuroplay::train::Trainable;
use neuroplay::chapters::playground::settings::{config, decode};
use neuroplay::chapters::playground::{Metrics, Session, Status};

fn train(query: &str, epochs: usize) -> (Session, Metrics) {
    let d = decode(query, "0.5");
    assert!(d.issues.is_empty(), "{query}: {:?}", d.issues);
    let mut s = Session::new(config(&d.settings));
    s.train_epochs(epochs);
    assert_eq!(s.status(), Status::Ready, "{query}");
    let m = s.evaluate();
    println!(
        "{query}\n  epochs {} train loss {:.4} test loss {:.4} test acc {:.3} rmse {:.4} r2 {:.3}",
        s.epoch(), m.train_loss, m.test_loss, m.test_accuracy, m.test_rmse, m.test_r2
    );
    (s, m)
}

#[test]
fn circle_default_network() {
    // TensorFlow Playground's default: x1, x2, layers 4,2, tanh, rate 0.03.
    let (_, m) = train("dataset=circle&seed=0.1&networkShape=4,2&activation=tanh&learningRate=0.03", 300);
    assert!(m.test_loss < 0.05, "test loss {}", m.test_loss);
    assert!(m.test_accuracy > 0.97);
}

#[test]
fn xor_with_product_feature_and_with_hidden_layer() {
    let (_, m) = train("dataset=xor&seed=0.2&x=false&y=false&xTimesY=true&networkShape=&learningRate=0.03", 100);
    assert!(m.test_accuracy > 0.97, "product feature: {}", m.test_accuracy);
    let (_, m) = train("dataset=xor&seed=0.2&networkShape=4,2&learningRate=0.03", 300);
    assert!(m.test_accuracy > 0.95, "hidden layer: {}", m.test_accuracy);
}

#[test]
fn gauss_linear_model() {
    let (_, m) = train("dataset=gauss&seed=0.3&networkShape=&learningRate=0.03", 50);
    assert!(m.test_accuracy > 0.97, "{}", m.test_accuracy);
}

#[test]
fn spiral_deep_network() {
    let (_, m) = train(
        "dataset=spiral&seed=0.4&networkShape=8,8,8&activation=tanh&optimizer=adam&learningRate=0.01&sinX=true&sinY=true",
        400,
    );
    assert!(m.test_accuracy > 0.9, "{}", m.test_accuracy);
}

#[test]
fn blobs_and_three_arm_spiral_with_softmax() {
    let (_, m) = train("dataset=blobs&numClasses=4&seed=0.5&loss=crossEntropy&networkShape=8&optimizer=adam&learningRate=0.01", 100);
    assert!(m.test_accuracy > 0.95, "blobs {}", m.test_accuracy);
    assert_eq!(m.classes, 4);
    let (_, m) = train(
        "dataset=spiral3&seed=0.6&loss=crossEntropy&networkShape=16,16&activation=relu&optimizer=adam&learningRate=0.01",
        500,
    );
    assert!(m.test_accuracy > 0.9, "spiral3 {}", m.test_accuracy);
}

#[test]
fn regression_sets() {
    let (_, m) = train("problem=regression&regDataset=reg-plane&seed=0.7&networkShape=4&learningRate=0.01", 100);
    assert!(m.test_rmse < 0.05 && m.test_r2 > 0.98, "plane rmse {} r2 {}", m.test_rmse, m.test_r2);
    let (_, m) = train(
        "problem=regression&regDataset=reg-gauss&seed=0.8&networkShape=8,8&activation=tanh&optimizer=adam&learningRate=0.01",
        300,
    );
    assert!(m.test_r2 > 0.8, "gauss rmse {} r2 {}", m.test_rmse, m.test_r2);
}
