//! The LSTM chapter's session: every task builds, trains both models on the
//! same batches and is inspected at the right sizes; the reader's sequence
//! replaces the held-out one without a rebuild; the text task reads the
//! shipped novel.

use neuroplay::chapters::lstm::{settings, LstmSession};
use neuroplay::data::corpus;
use neuroplay::train::Trainable;

fn session(query: &str, text: Option<&str>) -> LstmSession {
    LstmSession::new(
        settings::config(&settings::decode(query, "1").settings),
        text,
    )
}

fn novel() -> String {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/www/data/moby-dick.bin");
    let c =
        corpus::parse(&std::fs::read(path).expect("the shipped novel")).expect("a valid corpus");
    c.docs.join("\n")
}

#[test]
fn every_task_trains_and_is_inspected() {
    let text = novel();
    for (query, steps) in [
        ("task=memory&distance=10&width=8", 12),
        ("task=brackets&distance=7&width=8", 9),
        ("task=addition&distance=6&width=8", 7),
        ("task=text&distance=20&width=8", 20),
    ] {
        let mut s = session(query, Some(&text));
        assert_eq!(s.shape().0, steps, "{query}");
        assert_eq!(s.train_batches(3), 3);
        assert_eq!(s.examples(), 96);
        let figs = s.evaluate();
        assert!(
            figs.iter()
                .all(|f| f.test_loss.is_finite() && f.train_loss.is_finite()),
            "{query}"
        );
        let mut out = Default::default();
        s.inspect(&mut out);
        let t = s.probe().x.len();
        assert!(t > 0);
        assert_eq!(
            (
                out.steps,
                out.width,
                out.rnn_h.len(),
                out.lstm[0].len(),
                out.lstm_grad.len()
            ),
            (t, 8, t * 8, t * 8, t)
        );
        assert!(out
            .rnn_grad
            .iter()
            .chain(&out.lstm_grad)
            .all(|g| g.is_finite()));
    }
}

#[test]
fn the_readers_sequence_keeps_the_models() {
    let mut s = session("distance=4&width=8", None);
    s.train_batches(2);
    assert_eq!(s.probe().x.len(), 6);
    let c =
        settings::config(&settings::decode("distance=4&width=8&sequence=Bwwxyzzzw", "1").settings);
    assert!(!s.apply(c));
    assert!(s.probe_is_typed());
    assert_eq!(
        (s.probe().x.len(), s.probe().y[9], s.examples()),
        (10, 1, 64)
    );
    let c = settings::config(&settings::decode("distance=5&width=8", "1").settings);
    assert!(s.apply(c));
    assert_eq!(s.examples(), 0);
}
