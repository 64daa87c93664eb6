//! The first three chapters: the perceptron converges within the bound it
//! states, exclusive-or cycles and is found not separable, and both ways out
//! reach zero training error.

use neuroplay::train::Trainable;
use neuroplay::chapters::playground::settings as pg;
use neuroplay::data::{points, Problem};
use neuroplay::chapters::perceptron::{decode, setup, xor_corners, PerceptronSession, Scene};
use neuroplay::chapters::playground::Session;

fn session(scene: Scene, link: &str) -> PerceptronSession {
    let d = decode(scene, link, "1");
    assert!(d.issues.is_empty(), "{:?}", d.issues);
    PerceptronSession::new(setup(scene, &d.settings))
}

#[test]
fn perceptron_converges_within_novikoffs_bound_on_separable_data() {
    for seed in 1..=20 {
        for margin in [0.1, 0.5, 1.5] {
            let mut s = session(Scene::Perceptron, &format!("seed={seed}&numPoints=60&margin={margin}"));
            let bound = s.facts.bound.expect("a bound").updates;
            assert!(s.facts.widest.is_some(), "generated data is separable");
            s.train_batches(10_000_000);
            assert_eq!(s.status(), "converged", "seed {seed} margin {margin}");
            assert!((s.run.updates as f64) <= bound, "{} updates, bound {bound}", s.run.updates);
        }
    }
}

#[test]
fn exclusive_or_cycles_and_no_line_separates_it() {
    let mut s = session(Scene::Xor, "");
    assert!(s.facts.widest.is_none());
    assert!(s.facts.bound.is_none());
    s.train_batches(100_000);
    assert_eq!(s.status(), "cycle", "the rule never settles, and the cycle is found");
    let cycle = s.run.cycle.expect("a cycle is found");
    assert!(cycle.epoch < 20, "within a few epochs ({cycle:?})");
    // Training stops where the cycle was found, at the end of that epoch.
    assert_eq!(s.run.epoch, cycle.epoch);
    assert_eq!(s.run.cursor(), 0);
    let steps = s.run.steps;
    assert_eq!(s.train_batches(1_000), 0, "no step once the cycle is shown");
    assert_eq!(s.train_epochs(5), 0);
    assert_eq!(s.run.steps, steps);
    println!("exclusive-or: cycle found at epoch {} with period {}, after {steps} steps", cycle.epoch, cycle.period);
    // Starting over runs into the same cycle.
    s.reset();
    assert_eq!(s.status(), "ready");
    s.train_batches(100_000);
    assert_eq!(s.run.cycle, Some(cycle));
}

#[test]
fn the_product_feature_makes_exclusive_or_learnable() {
    let mut s = session(Scene::Xor, "features=product");
    let bound = s.facts.bound.expect("x1·x2 separates the corners").updates;
    s.train_batches(100_000);
    assert_eq!(s.status(), "converged");
    assert!(s.run.updates as f64 <= bound);
}

#[test]
fn a_hidden_layer_trained_by_backprop_learns_exclusive_or() {
    // The link the exclusive-or chapter opens in the playground.
    let pts = points::encode(&xor_corners(), Problem::Classification);
    let link = format!("dataset=custom&points={pts}&percTrainData=100&networkShape=4&activation=tanh&learningRate=0.1&batchSize=4&seed=1");
    let d = pg::decode(&link, "1");
    assert!(d.issues.is_empty(), "{:?}", d.issues);
    let mut s = Session::new(pg::config(&d.settings));
    assert_eq!(s.points().1, 4, "all four corners train");
    s.train_epochs(300);
    let m = s.evaluate();
    assert_eq!(m.train_accuracy, 1.0, "loss {}", m.train_loss);
}

#[test]
fn added_points_keep_the_weights() {
    let mut s = session(Scene::Perceptron, "seed=3&numPoints=20");
    s.train_batches(7);
    let w = s.run.w.clone();
    let mut more = s.setup.points.clone();
    more.push(neuroplay::data::Sample2D { x: 4.0, y: 4.0, label: 1.0 });
    let link = format!("seed=3&points={}", points::encode(&more, Problem::Classification));
    let d = decode(Scene::Perceptron, &link, "1");
    assert!(!s.apply(setup(Scene::Perceptron, &d.settings)), "no restart");
    assert_eq!(s.run.w, w);
    assert_eq!(s.run.len(), 21);
}

#[test]
fn exclusive_or_hulls_are_the_two_crossing_diagonals() {
    let s = session(Scene::Xor, "");
    let [zero, one] = &s.facts.hulls;
    // Each class is a pair of opposite corners: its hull is a diagonal.
    let mut zero = zero.clone();
    let mut one = one.clone();
    zero.sort_by(|a, b| a.0.total_cmp(&b.0));
    one.sort_by(|a, b| a.0.total_cmp(&b.0));
    assert_eq!(zero, vec![(-3.0, 3.0), (3.0, -3.0)]);
    assert_eq!(one, vec![(-3.0, -3.0), (3.0, 3.0)]);
    // Separable generated points: two hulls that keep apart by at least
    // twice the widest margin.
    let s = session(Scene::Perceptron, "seed=2&numPoints=30&margin=1");
    let (line, margin) = s.facts.widest.expect("separable");
    for (class, hull) in s.facts.hulls.iter().enumerate() {
        assert!(hull.len() >= 3, "class {class}: {hull:?}");
        for &(x, y) in hull {
            let side = line[0] * x + line[1] * y + line[2];
            assert!(if class == 1 { side >= margin - 1e-9 } else { side <= -margin + 1e-9 }, "{x}, {y}: {side}");
        }
    }
}

#[test]
fn the_bound_names_the_separator_it_was_measured_against() {
    use neuroplay::chapters::perceptron::Separator;
    let generated = session(Scene::Perceptron, "seed=3&numPoints=20&margin=0.5");
    assert_eq!(generated.facts.bound.unwrap().separator, Separator::Generator);
    let own = points::encode(&generated.setup.points, Problem::Classification);
    let own = session(Scene::Perceptron, &format!("points={own}"));
    let b = own.facts.bound.unwrap();
    assert_eq!(b.separator, Separator::Widest);
    // γ is measured on the points lifted to (x, y, 1): never more than the
    // widest margin in the plane.
    assert!(b.gamma <= own.facts.widest.unwrap().1 + 1e-12, "{} > {}", b.gamma, own.facts.widest.unwrap().1);
    assert_eq!(session(Scene::Xor, "features=product").facts.bound.unwrap().separator, Separator::Product);
}

#[test]
fn every_step_shows_the_update_it_made() {
    for link in ["", "features=product"] {
        let mut s = session(Scene::Xor, link);
        let mut mistakes = 0;
        for _ in 0..40 {
            if s.train_batches(1) == 0 {
                break;
            }
            let step = s.run.last.expect("a step");
            let (x, y) = s.run.example(step.index);
            let before: f64 = s.run.before_w.iter().zip(x).map(|(w, x)| w * x).sum::<f64>() + s.run.before_b;
            assert_eq!(step.score, before, "the score is read before the step");
            assert_eq!(step.mistake, y * before <= 0.0);
            let k = if step.mistake { 1.0 } else { 0.0 };
            for (i, w) in s.run.w.iter().enumerate() {
                assert_eq!(*w, s.run.before_w[i] + k * y * x[i], "w ← w + y·x");
            }
            assert_eq!(s.run.b, s.run.before_b + k * y);
            mistakes += step.mistake as u32;
        }
        assert!(mistakes > 0, "{link}");
    }
}
