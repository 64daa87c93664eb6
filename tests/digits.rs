//! The digits chapter on the shipped data: the file loads and says what it
//! is, and seeded training reaches the stated test accuracies (figures
//! printed with `--nocapture`).

use neuroplay::train::Trainable;
use neuroplay::chapters::digits::settings::{config, decode};
use neuroplay::data::digits::{parse, Digits, PIXELS};
use neuroplay::data::prepare::prepare;
use neuroplay::chapters::digits::DigitsSession;

fn shipped() -> Digits {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/www/data/digits-14x14.bin");
    parse(&std::fs::read(path).expect("the shipped digits file")).expect("a valid digits file")
}

fn session(link: &str, data: &Digits) -> DigitsSession {
    let d = decode(link, "1");
    assert!(d.issues.is_empty(), "{:?}", d.issues);
    DigitsSession::new(config(&d.settings), data)
}

#[test]
fn shipped_file_holds_8000_training_and_2000_test_digits() {
    let d = shipped();
    assert_eq!((d.train_labels.len(), d.test_labels.len()), (8000, 2000));
    assert_eq!(d.train_images.len(), 8000 * PIXELS);
    for digit in 0..10u8 {
        let n = d.train_labels.iter().filter(|&&l| l == digit).count();
        assert!((600..1000).contains(&n), "digit {digit}: {n} training images");
    }
}

/// Trains a fixed number of epochs (the test set never chooses when to
/// stop) and returns the test accuracy after each.
fn train(s: &mut DigitsSession, epochs: usize) -> Vec<f64> {
    (0..epochs)
        .map(|_| {
            s.train_epochs(1);
            s.evaluate().main.test_accuracy
        })
        .collect()
}

#[test]
fn softmax_regression_reaches_88_percent() {
    let data = shipped();
    let mut s = session("seed=1&learningRate=0.1&batchSize=32", &data);
    let acc = train(&mut s, 10);
    let m = s.evaluate();
    println!("softmax 196→10 ({} parameters), SGD 0.1, batch 32: test accuracy by epoch {acc:.3?}", m.main.params);
    assert_eq!(m.main.params, 1970);
    assert!(m.main.test_accuracy >= 0.88, "{}", m.main.test_accuracy);
}

#[test]
fn one_hidden_layer_of_128_reaches_95_percent() {
    let data = shipped();
    let link = "seed=1&networkShape=128&activation=relu&optimizer=adam&learningRate=0.001&batchSize=32&augment=true";
    let mut s = session(link, &data);
    let acc = train(&mut s, 30);
    let m = s.evaluate();
    let base = m.baseline.clone().expect("the softmax model trains beside it");
    println!(
        "196→128→10 ({} parameters), Adam 0.001, batch 32, shifted images: test accuracy by epoch {acc:.3?}; \
         the softmax model beside it {:.3} ({} parameters)",
        m.main.params, base.test_accuracy, base.params
    );
    assert_eq!(m.main.params, 196 * 128 + 128 + 128 * 10 + 10);
    assert!(m.main.test_accuracy >= 0.95, "{}", m.main.test_accuracy);
}

#[test]
fn drawn_strokes_are_read_after_training() {
    let data = shipped();
    let mut s = session("seed=1&networkShape=128&learningRate=0.1", &data);
    s.train_epochs(5);
    let (w, h) = (280, 280);
    let draw = |ink: &dyn Fn(f32, f32) -> bool| -> Vec<f32> {
        (0..w * h).map(|i| if ink((i % w) as f32, (i / w) as f32) { 1.0 } else { 0.0 }).collect()
    };
    let one = draw(&|x, y| (x - 140.0).abs() < 12.0 && (40.0..240.0).contains(&y));
    let zero = draw(&|x, y| {
        let r = (((x - 140.0) / 70.0).powi(2) + ((y - 140.0) / 100.0).powi(2)).sqrt();
        (0.8..1.0).contains(&r)
    });
    for (img, want) in [(one, 1usize), (zero, 0)] {
        let p = s.predict(&prepare(&img, w, h).unwrap());
        let best = (0..10).max_by(|&a, &b| p[a].total_cmp(&p[b])).unwrap();
        assert_eq!(best, want, "probabilities {:?}", &p[..10]);
    }
}

#[test]
fn corrupt_files_are_refused_with_a_reason() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/www/data/digits-14x14.bin");
    let bytes = std::fs::read(path).unwrap();
    assert_eq!(parse(&bytes[..bytes.len() / 2]).unwrap_err().name(), "wrongLength");
    let mut flipped = bytes.clone();
    flipped[100_000] ^= 1;
    assert_eq!(parse(&flipped).unwrap_err().name(), "badChecksum");
    assert_eq!(parse(b"not a digits file at all").unwrap_err().name(), "badMagic");
}
