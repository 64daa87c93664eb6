//! Export → import round trips for the chapters added to the hub after the
//! first four: the deep belief net's RBM, the LSTM chapter's two models and
//! the perceptron. Each folder goes through a zip archive, the settings
//! rebuild a fresh session, the weights are put back and the model shows
//! exactly what it showed before.

#[path = "common/shipped.rs"]
mod shipped;
#[path = "common/hub_trip.rs"]
mod hub_trip;
use shipped::*;
use hub_trip::*;
use neuroplay::chapters::dbn::{settings as dbn_settings, DbnSession};
use neuroplay::chapters::lstm::{settings as lstm_settings, Inspection, LstmSession};
use neuroplay::chapters::perceptron::{
    decode as pc_decode, setup as pc_setup, PerceptronSession, Scene,
};
use neuroplay::hub::linkweights::{self, Quant};
use neuroplay::hub::{self, Exportable, Precision};
use neuroplay::train::Trainable;

#[test]
fn dbn_rbm_comes_back_with_the_same_filters_and_reconstructions() {
    let digits = digits();
    let q = "hidden=24&sampler=pcd&k=2&epochs=1&batchSize=20&seed=9";
    let dbn = |q: &str| {
        DbnSession::new(
            dbn_settings::config(&dbn_settings::decode(q, "1").settings),
            &digits,
            clock,
        )
    };
    let mut s = dbn(q);
    s.train_batches(150);
    let before = s.measure();
    let (_, recon) = s.reconstructions();
    let (folder, package) = round_trip(&mut s, q, Precision::F32);
    let cfg = config(&folder);
    assert_eq!(cfg["architectures"][0], "NeuroplayRbm");
    assert_eq!(
        (cfg["visible_units"].as_u64(), cfg["hidden_units"].as_u64()),
        (Some(196), Some(24))
    );
    assert_eq!(
        (cfg["sampler"].as_str(), cfg["gibbs_steps"].as_u64()),
        (Some("pcd"), Some(2))
    );
    let text = card(&folder);
    assert!(
        text.contains(&format!("value: {:.4}", before.recon)),
        "{text}"
    );
    assert!(
        text.contains(&format!("value: {:.4}", before.pll)),
        "{text}"
    );
    assert!(!text.contains("comparison run in the page"), "{text}");
    let mut names: Vec<&str> = package.tensors.iter().map(|t| t.name.as_str()).collect();
    names.sort();
    assert_eq!(names, ["hidden_bias", "visible_bias", "weight"]);

    let mut fresh = dbn(&package.settings);
    assert_ne!(fresh.params().data, s.params().data);
    hub::load(&mut fresh, &package).expect("load");
    assert_eq!(fresh.params().data, s.params().data);
    assert_eq!(
        fresh.rbm().store.data,
        s.rbm().store.data,
        "filters identical"
    );
    assert_eq!(
        fresh.reconstructions().1,
        recon,
        "reconstructions identical"
    );
    let after = fresh.measure();
    assert_eq!((after.recon, after.pll), (before.recon, before.pll));
    println!("dbn 196×24 PCD-2: reconstruction error {:.3}, pseudo-log-likelihood {:.2}, before and after", after.recon, after.pll);

    // With the comparison run, the card says what is not in the folder.
    let q2 = "hidden=16&layer2=8&pretrainEpochs=1&finetuneSteps=50&labels=100&seed=3";
    let mut c = dbn(q2);
    c.compare();
    c.train_batches(20);
    let (folder, _) = round_trip(&mut c, q2, Precision::F32);
    let text = card(&folder);
    assert!(
        text.contains("neither its stack of RBMs nor its two fine-tuned networks are exported"),
        "{text}"
    );

    // Another size is refused by name, nothing half-loaded.
    let mut wider = dbn("hidden=25&seed=9");
    let kept = wider.params().data.clone();
    let err = hub::load(&mut wider, &package).unwrap_err();
    assert_eq!(err.code(), "shape", "{err}");
    assert_eq!(wider.params().data, kept);
}

#[test]
fn lstm_and_rnn_come_back_together_in_pytorch_layout() {
    let q = "task=memory&distance=6&width=12&seed=4&batchSize=16";
    let lstm = |q: &str| {
        LstmSession::new(
            lstm_settings::config(&lstm_settings::decode(q, "1").settings),
            None,
        )
    };
    let mut s = lstm(q);
    s.train_batches(60);
    let before = s.evaluate();
    let mut seen = Inspection::default();
    s.inspect(&mut seen);
    let (folder, package) = round_trip(&mut s, q, Precision::F32);
    let cfg = config(&folder);
    assert_eq!(cfg["architectures"][0], "NeuroplayLstmRnn");
    assert_eq!(cfg["hidden_size"], 12);
    assert_eq!(cfg["gate_order"], serde_json::json!(["i", "f", "g", "o"]));
    let (_, inputs, classes) = s.shape();
    let shape = |n: &str| package.tensor(n).unwrap().shape.clone();
    assert_eq!(shape("lstm.cell.weight_ih_l0"), [48, inputs]);
    assert_eq!(shape("lstm.cell.weight_hh_l0"), [48, 12]);
    assert_eq!(shape("rnn.cell.weight_ih_l0"), [12, inputs]);
    assert_eq!(shape("rnn.head.weight"), [classes, 12]);
    assert!(package
        .tensor("lstm.cell.bias_hh_l0")
        .unwrap()
        .data
        .iter()
        .all(|&v| v == 0.0));
    let text = card(&folder);
    for f in &before {
        assert!(
            text.contains(&format!("value: {:.4}", f.test_accuracy)),
            "{text}"
        );
    }

    let mut fresh = lstm(&package.settings);
    hub::load(&mut fresh, &package).expect("load");
    let after = fresh.evaluate();
    for (a, b) in after.iter().zip(&before) {
        assert_eq!(
            (a.test_loss, a.test_accuracy),
            (b.test_loss, b.test_accuracy)
        );
    }
    let mut again = Inspection::default();
    fresh.inspect(&mut again);
    assert_eq!(
        (&again.lstm_prob, &again.rnn_prob),
        (&seen.lstm_prob, &seen.rnn_prob)
    );
    assert_eq!(
        again.lstm, seen.lstm,
        "gates, cell and hidden states identical"
    );
    println!(
        "lstm memory d=6 H=12: LSTM held-out accuracy {:.4}, RNN {:.4}, before and after",
        after[1].test_accuracy, after[0].test_accuracy
    );

    // PyTorch splits the bias in two: a folder with both halves loads as their sum.
    let mut split = package.clone();
    for t in split.tensors.iter_mut() {
        if t.name == "lstm.cell.bias_hh_l0" {
            t.data.iter_mut().for_each(|v| *v = 0.25);
        }
        if t.name == "lstm.cell.bias_ih_l0" {
            t.data.iter_mut().for_each(|v| *v -= 0.25);
        }
    }
    let mut other = lstm(&package.settings);
    hub::load(&mut other, &split).unwrap();
    let mut third = Inspection::default();
    other.inspect(&mut third);
    for (a, b) in third.lstm_prob.iter().zip(&seen.lstm_prob) {
        assert!((a - b).abs() < 1e-5, "{a} vs {b}");
    }

    // Another width is refused by name, nothing half-loaded.
    let mut wider = lstm("task=memory&distance=6&width=13&seed=4");
    let kept = wider.evaluate()[1].test_loss;
    let err = hub::load(&mut wider, &package).unwrap_err();
    assert_eq!(err.code(), "shape", "{err}");
    assert_eq!(wider.evaluate()[1].test_loss, kept);
}

#[test]
fn perceptron_comes_back_from_a_folder_and_from_its_link() {
    let q = "seed=6&numPoints=50&margin=0.3";
    let pc = |q: &str| {
        PerceptronSession::new(pc_setup(
            Scene::Perceptron,
            &pc_decode(Scene::Perceptron, q, "1").settings,
        ))
    };
    let mut s = pc(q);
    s.train_batches(40);
    assert_ne!(
        s.status(),
        "converged",
        "stopped halfway, so the weights are not the final ones"
    );
    let scores: Vec<f64> = (0..s.run.len()).map(|i| s.run.score(i)).collect();
    let (folder, package) = round_trip(&mut s, q, Precision::F32);
    let cfg = config(&folder);
    assert_eq!(cfg["architectures"][0], "NeuroplayPerceptron");
    assert_eq!(package.tensor("weight").unwrap().shape, [1, 2]);
    assert_eq!(package.tensor("bias").unwrap().data, [s.run.b as f32]);
    assert!(card(&folder).contains("updates made by the rule"));

    let mut fresh = pc(&package.settings);
    assert_eq!((fresh.run.w.clone(), fresh.run.b), (vec![0.0, 0.0], 0.0));
    hub::load(&mut fresh, &package).expect("load");
    for (i, &before) in scores.iter().enumerate() {
        let after = fresh.run.score(i);
        assert_eq!(after > 0.0, before > 0.0, "point {i}: {before} vs {after}");
        assert!(
            (after - before).abs() <= 1e-6 * (1.0 + before.abs()),
            "point {i}: {before} vs {after}"
        );
    }
    // The rule goes on from the loaded weights to a separating line.
    fresh.train_batches(1_000_000);
    assert_eq!(fresh.status(), "converged");

    // In the link: three numbers, f16 or 8-bit.
    for kind in [Quant::F16, Quant::Q8] {
        s.sync_out();
        let payload = linkweights::encode(s.params(), kind).unwrap();
        let mut opened = pc(q);
        opened.sync_out();
        linkweights::decode(opened.params_mut(), &payload).unwrap();
        opened.sync_in();
        let agree = (0..s.run.len())
            .filter(|&i| (opened.run.score(i) > 0.0) == (scores[i] > 0.0))
            .count();
        println!(
            "perceptron in a link ({}): {} payload bytes, {agree} of {} points on the same side",
            kind.name(),
            payload.len(),
            scores.len()
        );
        assert!(agree + 1 >= scores.len());
    }
}
