//! The playground session: what settings keep, determinism, divergence,
//! stop conditions, the grid and weight editing.

use neuroplay::train::Trainable;
use neuroplay::chapters::playground::settings::{config, decode, PlaygroundConfig};
use neuroplay::data::{points, Problem, Sample2D};
use neuroplay::chapters::playground::{Session, Status};

fn cfg(link: &str) -> PlaygroundConfig {
    let d = decode(link, "0.9");
    assert!(d.issues.is_empty(), "{:?}", d.issues);
    config(&d.settings)
}

#[test]
fn same_link_trains_the_same_numbers() {
    let link = "dataset=spiral&seed=abc&networkShape=6,3&optimizer=adam&learningRate=0.01";
    let mut a = Session::new(cfg(link));
    let mut b = Session::new(cfg(link));
    assert_eq!(a.points().0, b.points().0);
    assert_eq!(a.params(), b.params());
    // Training in different chunk sizes walks the same path.
    a.train_batches(77);
    for _ in 0..7 {
        b.train_batches(11);
    }
    assert_eq!(a.params(), b.params());
    let c = Session::new(cfg("dataset=spiral&seed=abd&networkShape=6,3"));
    assert_ne!(a.points().0, c.points().0);
}

#[test]
fn learning_rate_and_friends_keep_the_weights() {
    let mut s = Session::new(cfg("seed=1&networkShape=4,2"));
    s.train_epochs(5);
    let before = s.params().to_vec();
    let applied = s.apply(cfg("seed=1&networkShape=4,2&learningRate=0.3&batchSize=3&regularization=L2&regularizationRate=0.01&optimizer=adam&stopAtEpoch=50"));
    assert!(!applied.data && !applied.model);
    assert_eq!(s.params(), &before[..]);
    assert_eq!(s.epoch(), 5);
    let applied = s.apply(cfg("seed=1&networkShape=4,3"));
    assert!(applied.model && !applied.data);
    assert_eq!(s.epoch(), 0);
    let applied = s.apply(cfg("seed=1&networkShape=4,3&noise=20"));
    assert!(applied.model && applied.data);
}

#[test]
fn added_points_keep_the_weights() {
    let pts = |n: usize| -> Vec<Sample2D> {
        (0..n).map(|i| Sample2D { x: i as f32 * 0.1 - 3.0, y: 1.0, label: (i % 2) as f32 }).collect()
    };
    let link = |n| format!("dataset=custom&seed=1&points={}", points::encode(&pts(n), Problem::Classification));
    let mut s = Session::new(cfg(&link(20)));
    s.train_epochs(3);
    let before = s.params().to_vec();
    let applied = s.apply(cfg(&link(21)));
    assert!(applied.data && !applied.model);
    assert_eq!(s.params(), &before[..]);
    assert_eq!(s.points().0.len(), 21);
}

#[test]
fn exploding_loss_pauses_training_and_says_so() {
    let link = "problem=regression&regDataset=reg-gauss&seed=2&networkShape=8,8,8&activation=relu&weightInit=he";
    let mut s = Session::new(cfg(&format!("{link}&learningRate=10")));
    s.train_epochs(50);
    assert_eq!(s.status(), Status::Diverged);
    assert_eq!(s.train_batches(10), 0, "no training once diverged");
    let m = s.evaluate();
    assert!(!m.train_loss.is_finite() || !s.params().iter().all(|p| p.is_finite()));
    // The way back: a lower rate and a reset.
    let mut t = Session::new(cfg(&format!("{link}&learningRate=0.01")));
    t.train_epochs(20);
    assert_eq!(t.status(), Status::Ready);
    assert!(t.evaluate().train_loss.is_finite());
}

#[test]
fn stops_at_an_epoch_or_a_loss() {
    let mut s = Session::new(cfg("seed=3&stopAtEpoch=7"));
    s.train_epochs(100);
    assert_eq!((s.epoch(), s.status()), (7, Status::ReachedEpoch));
    let mut s = Session::new(cfg("dataset=gauss&seed=3&stopAtLoss=0.05"));
    s.train_epochs(1000);
    assert_eq!(s.status(), Status::ReachedLoss);
    assert!(s.evaluate().train_loss <= 0.05);
    assert!(s.epoch() < 1000);
}

#[test]
fn empty_custom_data_is_a_state_not_a_crash() {
    let mut s = Session::new(cfg("dataset=custom&seed=4"));
    assert_eq!(s.status(), Status::NoData);
    assert_eq!(s.train_batches(5), 0);
    assert!(s.evaluate().train_loss.is_nan());
    let _ = s.compute_grid(20, 8, None);
}

#[test]
fn grid_holds_every_node_and_matches_itself() {
    let mut s = Session::new(cfg("seed=5&networkShape=3,2&xTimesY=true"));
    s.train_epochs(3);
    let sizes = s.sizes().to_vec();
    assert_eq!(sizes, vec![3, 3, 2, 1]);
    let g = s.compute_grid(16, 16, None);
    assert_eq!(g.channels, 1);
    assert_eq!(g.nodes.len(), 9 * 256);
    // Node 0 is the x1 feature: columns run from −6 to 6, rows from +6 down.
    assert_eq!(g.nodes[0], -6.0);
    assert_eq!(g.nodes[15], 6.0);
    assert_eq!(g.nodes[256 + 0], 6.0, "node 1 is x2, top row");
    // The output thumbnail at the same density equals the large map.
    let out = g.nodes[8 * 256..9 * 256].to_vec();
    assert_eq!(out, g.big);
    // A selected hidden node fills the large map alone.
    let g = s.compute_grid(16, 4, Some(3));
    assert_eq!(g.channels, 1);
    let first_hidden = g.big.clone();
    let g = s.compute_grid(16, 16, None);
    assert_eq!(first_hidden, g.nodes[3 * 256..4 * 256]);
}

#[test]
fn softmax_grid_gives_probabilities() {
    let mut s = Session::new(cfg("dataset=blobs&numClasses=3&seed=6&loss=crossEntropy&networkShape=5"));
    s.train_epochs(5);
    let g = s.compute_grid(12, 6, None);
    assert_eq!(g.channels, 3);
    for p in 0..144 {
        let sum: f32 = (0..3).map(|c| g.big[c * 144 + p]).sum();
        assert!((sum - 1.0).abs() < 1e-5);
    }
}

#[test]
fn editing_a_weight() {
    let mut s = Session::new(cfg("seed=7"));
    assert!(s.set_param(0, 0.75));
    assert_eq!(s.params()[0], 0.75);
    assert!(!s.set_param(0, f32::NAN));
    assert!(!s.set_param(1_000_000, 1.0));
}
