//! Trained weights inside a link: the payload of the playground's largest
//! network and of the digits softmax goes out at f16 and at 8 bits, comes
//! back into a fresh session built from the same settings, and predicts
//! nearly what it predicted; damaged or foreign payloads are refused by
//! name and leave the session as it was.

use neuroplay::chapters::digits::{settings as digits_settings, DigitsSession};
use neuroplay::chapters::playground::{settings as pg_settings, Session};
use neuroplay::data::digits::{parse as parse_digits, Digits};
use neuroplay::hub::linkweights::{self, LinkWeightsError, Quant, HEADER, MAX_PAYLOAD};
use neuroplay::hub::Exportable;
use neuroplay::train::Trainable;

/// Every input feature, 8 hidden layers of 32, six blobs: the playground's
/// caps.
const LARGEST: &str =
    "dataset=blobs&numClasses=6&loss=crossEntropy&networkShape=32,32,32,32,32,32,32,32\
&x=true&y=true&xTimesY=true&xSquared=true&ySquared=true&cosX=true&sinX=true&cosY=true&sinY=true\
&activation=tanh&optimizer=adam&learningRate=0.003&seed=11";

fn digits() -> Digits {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/www/data/digits-14x14.bin");
    parse_digits(&std::fs::read(path).unwrap()).unwrap()
}

fn playground(q: &str) -> Session {
    Session::new(pg_settings::config(&pg_settings::decode(q, "1").settings))
}

#[test]
fn largest_playground_network_round_trips_at_f16_and_8_bits() {
    let mut s = playground(LARGEST);
    assert_eq!(s.sizes(), &[9, 32, 32, 32, 32, 32, 32, 32, 32, 6]);
    s.train_epochs(3);
    let before = s.evaluate();
    let n = s.params().len();
    assert_eq!(n, 9 * 32 + 32 + 7 * (32 * 32 + 32) + 32 * 6 + 6);
    for kind in [Quant::F16, Quant::Q8] {
        let bytes = linkweights::encode(Exportable::params(&s), kind).unwrap();
        assert_eq!(
            bytes.len(),
            linkweights::payload_len(Exportable::params(&s), kind)
        );
        assert!(bytes.len() <= MAX_PAYLOAD);
        let mut fresh = playground(LARGEST);
        assert_ne!(fresh.params(), s.params());
        assert_eq!(linkweights::decode(fresh.params_mut(), &bytes), Ok(kind));
        let max = fresh
            .params()
            .iter()
            .zip(s.params())
            .map(|(a, b)| (a - b).abs())
            .fold(0f32, f32::max);
        let after = fresh.evaluate();
        println!(
            "playground {n} values, {}: {} bytes; max weight error {max:.2e}; \
             test loss {:.5} → {:.5}, accuracy {:.4} → {:.4}",
            kind.name(),
            bytes.len(),
            before.test_loss,
            after.test_loss,
            before.test_accuracy,
            after.test_accuracy
        );
        let tol = if kind == Quant::F16 { 2e-3 } else { 2e-2 };
        assert!(max < tol, "{max}");
        assert!((after.test_loss - before.test_loss).abs() < 0.02 * before.test_loss.max(0.1));
        assert!((after.test_accuracy - before.test_accuracy).abs() <= 0.02);
    }
}

#[test]
fn digits_softmax_round_trips() {
    let digits = digits();
    let q = "seed=3";
    let make = || {
        DigitsSession::new(
            digits_settings::config(&digits_settings::decode(q, "1").settings),
            &digits,
        )
    };
    let mut s = make();
    assert_eq!(s.params().len(), 1970);
    s.train_epochs(1);
    let before = s.evaluate().main;
    let image = s.test_image(5).unwrap().0.to_vec();
    let p = s.predict(&image);
    for kind in [Quant::F16, Quant::Q8] {
        let bytes = linkweights::encode(Exportable::params(&s), kind).unwrap();
        let mut fresh = make();
        linkweights::decode(fresh.params_mut(), &bytes).unwrap();
        let after = fresh.evaluate().main;
        let q = fresh.predict(&image);
        let dp = p[..10]
            .iter()
            .zip(&q[..10])
            .map(|(a, b)| (a - b).abs())
            .fold(0f32, f32::max);
        println!(
            "digits softmax, {}: {} bytes; max probability change {dp:.2e}; \
             test accuracy {:.4} → {:.4}, loss {:.5} → {:.5}",
            kind.name(),
            bytes.len(),
            before.test_accuracy,
            after.test_accuracy,
            before.test_loss,
            after.test_loss
        );
        assert!(dp < if kind == Quant::F16 { 1e-3 } else { 2e-2 });
        assert!((after.test_accuracy - before.test_accuracy).abs() <= 0.01);
    }
}

#[test]
fn damaged_or_foreign_payloads_are_refused_and_nothing_changes() {
    let q = "dataset=spiral&networkShape=6,4&seed=7";
    let mut s = playground(q);
    s.train_epochs(5);
    let good = linkweights::encode(Exportable::params(&s), Quant::Q8).unwrap();
    let mut fresh = playground(q);
    let kept = fresh.params().to_vec();
    let mut refuse = |bytes: &[u8], code: &str| {
        let err = linkweights::decode(fresh.params_mut(), bytes).unwrap_err();
        assert_eq!(err.code(), code, "{err}");
        assert_eq!(fresh.params(), &kept[..], "nothing half-loaded ({err})");
    };
    refuse(&good[..good.len() - 1], "truncated");
    refuse(&good[..10], "truncated");
    let mut longer = good.clone();
    longer.push(0);
    refuse(&longer, "tooLarge");
    let mut flip = |at: usize, code: &str| {
        let mut b = good.clone();
        b[at] ^= 0x10;
        refuse(&b, code);
    };
    flip(0, "magic");
    flip(4, "version");
    flip(5, "kind");
    flip(8, "count");
    flip(13, "model");
    flip(17, "checksum");
    flip(HEADER + 7, "checksum");
    flip(good.len() - 1, "checksum");

    // Another architecture of the same size: the fingerprint names it.
    let other = playground("dataset=spiral&networkShape=4,6&seed=7");
    let foreign = linkweights::encode(Exportable::params(&other), Quant::F16).unwrap();
    let err = linkweights::decode(fresh.params_mut(), &foreign).unwrap_err();
    assert!(
        matches!(
            err,
            LinkWeightsError::Count { .. } | LinkWeightsError::Model
        ),
        "{err}"
    );
    assert_eq!(fresh.params(), &kept[..]);
    let wider = playground("dataset=spiral&networkShape=7,4&seed=7");
    let foreign = linkweights::encode(Exportable::params(&wider), Quant::F16).unwrap();
    assert_eq!(
        linkweights::decode(fresh.params_mut(), &foreign)
            .unwrap_err()
            .code(),
        "count"
    );

    // A NaN written with a valid checksum is still refused.
    let mut nan = linkweights::encode(Exportable::params(&s), Quant::F16).unwrap();
    nan[HEADER] = 0x00;
    nan[HEADER + 1] = 0x7e;
    let body = nan[HEADER..].to_vec();
    let mut h: u32 = 0x811c_9dc5;
    for b in body {
        h ^= u32::from(b);
        h = h.wrapping_mul(0x0100_0193);
    }
    nan[16..20].copy_from_slice(&h.to_le_bytes());
    let err = linkweights::decode(fresh.params_mut(), &nan).unwrap_err();
    assert_eq!(err.code(), "nonFinite", "{err}");
    assert!(err.to_string().contains("layers.0.weight[0]"), "{err}");
    assert_eq!(fresh.params(), &kept[..]);

    // The good payload loads.
    linkweights::decode(fresh.params_mut(), &good).unwrap();
    assert_ne!(fresh.params(), &kept[..]);
}
