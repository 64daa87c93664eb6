//! Fine-tuning on a small text of the reader's own (here a fixed excerpt
//! of this project's README, English prose of another register than the
//! novel) after pre-training on Moby-Dick, beside the same model trained
//! from scratch on it for the same steps, driven through the chapter's run
//! as the page drives it.

#[path = "common/shipped.rs"]
mod shipped;
use shipped::*;
use neuroplay::chapters::rlhf::settings::{config, decode};
use neuroplay::chapters::rlhf::{Phase, RlhfRun, MIN_OWN_CHARS};
use neuroplay::train::Trainable;

fn own() -> String {
    std::fs::read_to_string(format!(
        "{}/tests/fixtures/rlhf-own.txt",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap()
}

/// (pre-trained model's validation loss, fine-tuned, from scratch, new
/// characters) after the link's budgets.
fn run(link: &str) -> (f64, f64, f64, usize) {
    let mut r = RlhfRun::new(config(&decode(link, "1").settings), &moby_text()).unwrap();
    assert!(r.own_missing());
    assert_eq!(r.set_own(&own()).unwrap(), 8000);
    assert!(!r.own_missing());
    while r.train_batches(100) > 0 {}
    let before = r.s.pretrained_valid_loss();
    r.phase = Phase::Finetune;
    while r.train_batches(100) > 0 {}
    let &(_, tuned, scratch) = r.s.curves.last().unwrap();
    (before, tuned, scratch, r.new_characters().len())
}

#[test]
fn own_text_is_checked_and_kept() {
    let mut r = RlhfRun::new(
        config(&decode("small=own&width=16", "1").settings),
        &moby_text(),
    )
    .unwrap();
    let short = "a".repeat(MIN_OWN_CHARS - 1);
    assert!(r.set_own(&short).unwrap_err().contains("at least"));
    assert!(r.set_own("bad \u{7} bell").is_err());
    assert!(r.own_missing());
    assert!(
        moby_text().ends_with(r.small()),
        "the novel's end until a text comes"
    );
    r.set_own(&own()).unwrap();
    assert_eq!(r.small(), own());
    // Back to the novel's end and again: the run starts over each time.
    assert!(r.apply(config(&decode("width=16", "1").settings)));
    assert_ne!(r.small(), own());
    assert!(r.apply(config(&decode("small=own&width=16", "1").settings)));
    assert_eq!(r.small(), own());
}

/// Measured (seed 1; 8,000 characters, 28 of its characters never in the
/// novel): validation loss on the text's last fifth.
/// - the page's e2e size (1 layer, width 16, 100 pre-training and 20
///   fine-tuning steps): pre-trained 3.418, fine-tuned 3.325, from scratch
///   3.685;
/// - the defaults (2 layers, width 32, 300 and 100 steps): pre-trained
///   3.202; every weight fine-tuned 2.637, from scratch 2.940; embeddings
///   and block 1 frozen 2.871; LoRA on attention 3.012, worse than from
///   scratch: the adapters cannot move the embeddings, and the new
///   characters' embeddings are still as drawn.
/// Asserted with margin: full fine-tuning 0.15 below scratch at both sizes
/// and 0.3 below the pre-trained model at the defaults; LoRA above full
/// fine-tuning.
#[test]
fn fine_tuning_on_an_own_text_against_scratch() {
    let mut full = f64::NAN;
    for link in [
        "small=own&layers=1&width=16&heads=2&batchSize=8&pretrainSteps=100&finetuneSteps=20",
        "small=own",
        "small=own&finetune=lora",
        "small=own&finetune=freeze",
    ] {
        let (before, tuned, scratch, new) = run(link);
        println!("{link}: pre-trained {before:.3}, fine-tuned {tuned:.3}, from scratch {scratch:.3}; {new} new characters");
        assert_eq!(new, 28);
        match link {
            "small=own&finetune=lora" => assert!(tuned > full + 0.1, "LoRA {tuned} vs full {full}"),
            "small=own&finetune=freeze" => {}
            _ => {
                assert!(
                    tuned < scratch - 0.15,
                    "{link}: {tuned} vs scratch {scratch}"
                );
                if link == "small=own" {
                    assert!(tuned < before - 0.3, "{tuned} vs pre-trained {before}");
                    full = tuned;
                }
            }
        }
    }
}
