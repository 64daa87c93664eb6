//! The attention chapter's session on the shipped Tang quatrains: the tiny
//! preset's validation loss falls below the bigram line by a stated margin
//! within a stated step budget (seeded), and the probes answer.

use neuroplay::chapters::gpt::settings::{config, decode};
use neuroplay::chapters::gpt::{GptSession, Texts};
use neuroplay::data::corpus::from_pasted;
use neuroplay::data::corpus::parse;
use neuroplay::models::gpt::Sampling;
use neuroplay::train::Trainable;

fn texts() -> Texts {
    let load = |name: &str| {
        let path = format!("{}/www/data/{name}", env!("CARGO_MANIFEST_DIR"));
        parse(&std::fs::read(path).unwrap()).unwrap()
    };
    Texts {
        poems: load("tang-quatrains.bin"),
        moby: load("moby-dick.bin"),
        own: None,
    }
}

/// The tiny preset (2 layers, width 64, 4 heads, context 64, batch 16) on
/// the Tang quatrains, characters only (V = 3,654), AdamW at 1e-3 with 100
/// warm-up steps and cosine decay, clipping at 1: after 1,000 steps its
/// validation loss is below the bigram line by at least 0.1 nats.
///
/// Measured (seed 1): bigram 5.891 on validation (unigram 6.406); the
/// model's validation loss 6.453 (step 100), 5.897 (500), 5.758 (800),
/// 5.702 (1,000): 0.19 below. At 3e-3 it passes the line sooner (5.889 at
/// step 400) but overfits the 78,000 training characters and stalls near
/// 5.76.
#[test]
fn tiny_preset_beats_the_bigram_on_the_poems() {
    let q = "corpus=poems&learningRate=0.001&seed=1";
    let mut s = GptSession::new(config(&decode(q, "1").settings), texts());
    let r = s.refs();
    let mut curve = Vec::new();
    for _ in 0..5 {
        assert_eq!(s.train_batches(200), 200);
        curve.push(s.figures().valid_loss);
    }
    println!(
        "bigram {:.3}, unigram {:.3}; validation every 200 steps: {curve:.3?}",
        r.bigram_valid, r.unigram_valid
    );
    let last = *curve.last().unwrap();
    assert!(
        last < r.bigram_valid - 0.1,
        "validation {last} vs bigram {}",
        r.bigram_valid
    );
}

/// What the page asks of a session: merges change the vocabulary and
/// rebuild the model, other settings keep it; generation, attention maps,
/// per-token losses, the embeddings' projection and neighbours, the
/// reader's own text.
#[test]
fn probes_answer_with_the_right_shapes() {
    let q = "corpus=moby&seed=3&context=32&stopAtStep=30";
    let mut s = GptSession::new(config(&decode(q, "1").settings), texts());
    let v0 = s.tokenizer().vocab_size();
    assert_eq!(s.train_batches(100), 30, "stops at step 30");
    assert_eq!(s.status_name(), "reachedStep");
    // A new learning rate keeps the weights and the step count.
    assert_eq!(
        s.apply(config(
            &decode(&format!("{q}&learningRate=0.001"), "1").settings
        )),
        0
    );
    assert_eq!(s.steps(), 30);
    // Merges: a bigger vocabulary and a new model.
    assert_eq!(
        s.apply(config(&decode(&format!("{q}&merges=20"), "1").settings)) & 2,
        2
    );
    assert_eq!(s.tokenizer().vocab_size(), v0 + 20);
    assert_eq!(s.steps(), 0);
    s.train_batches(10);
    let (mut g, prompt) = s.generation(
        "Call me",
        Sampling {
            temperature: 0.0,
            ..Sampling::default()
        },
        25,
        1,
    );
    assert!(!prompt.is_empty());
    let made: usize = (0..5).map(|_| g.next(5).len()).sum();
    assert_eq!((made, g.left()), (25, 0));
    let a = s.attention_maps("The whale swam.");
    let t = a.ids.len();
    assert_eq!(a.weights.len(), 2 * 4 * t * t);
    let (ids, losses) = s.token_losses("The whale swam.");
    assert_eq!(losses.len(), ids.len() - 1);
    assert!(losses.iter().all(|l| l.is_finite() && *l > 0.0));
    let p = s.projection(false, &[]);
    assert_eq!(p.coords.len(), 2 * s.tokenizer().vocab_size());
    assert_eq!(s.projection(true, &p.axes[..0]).coords.len(), 2 * 32);
    assert_eq!(s.neighbours(5, 8).len(), 8);
    assert!(!s.sample_now(20, 1).is_empty());
    // The reader's own text.
    let own = from_pasted(&"a tiny text of our own, said twice. ".repeat(30)).unwrap();
    s.set_own_text(own);
    s.apply(config(&decode("corpus=own&context=16", "1").settings));
    assert!(s.has_own_text());
    assert!(
        s.tokenizer().vocab_size() < 30,
        "{}",
        s.tokenizer().vocab_size()
    );
    assert_eq!(s.train_batches(5), 5);
}

