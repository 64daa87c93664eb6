//! The tokenizer on the shipped corpora: characters, then byte-pair merges
//! learned on the training split; encoding round-trips, merges are the same
//! on every run, the learner's own sequence is what encoding gives, and
//! the `tokenizer.json` export names every token and merge.

use neuroplay::data::bpe::{learn, BpeLearner};
use neuroplay::data::corpus::{parse, Split};
use neuroplay::data::hf_json::export;
use neuroplay::data::tokenizer::{Tokenizer, UNK_ID};

fn split(name: &str) -> Split {
    let path = format!("{}/www/data/{name}", env!("CARGO_MANIFEST_DIR"));
    parse(&std::fs::read(path).unwrap()).unwrap().split(0.1, 1)
}

#[test]
fn characters_round_trip_and_unseen_ones_are_unk() {
    for name in ["tang-quatrains.bin", "moby-dick.bin"] {
        let s = split(name);
        let t = Tokenizer::characters(&s.train);
        let ids = t.encode(&s.train);
        assert_eq!(ids.len(), s.train.chars().count());
        assert_eq!(t.decode(&ids), s.train);
        let unseen = t.encode(&s.valid).iter().filter(|&&i| i == UNK_ID).count();
        println!(
            "{name}: {} characters ({} train, {} validation), {unseen} validation characters unseen in training",
            t.char_count(),
            s.train.chars().count(),
            s.valid.chars().count()
        );
    }
}

#[test]
fn merges_are_deterministic_and_encoding_matches_the_learner() {
    for name in ["tang-quatrains.bin", "moby-dick.bin"] {
        let s = split(name);
        let start = std::time::Instant::now();
        let mut l = BpeLearner::new(&s.train);
        let mut merges = Vec::new();
        for _ in 0..300 {
            merges.push(l.step(4096).expect("a pair repeats"));
        }
        let ms = start.elapsed().as_secs_f64() * 1e3;
        let t = l.tokenizer();
        let shown: Vec<String> = merges[..8]
            .iter()
            .map(|m| format!("{:?}+{:?} ({})", t.token(m.left), t.token(m.right), m.count))
            .collect();
        println!(
            "{name}: 300 merges in {ms:.0} ms; first: {}",
            shown.join(", ")
        );
        // Counts never grow: each merge is the most frequent pair left.
        assert!(merges
            .windows(2)
            .all(|w| w[0].count >= w[1].count || w[1].result < w[0].result));
        assert_eq!(
            learn(&s.train, 300, 4096).merges(),
            t.merges(),
            "the same merges again"
        );
        let ids = t.encode(&s.train);
        assert_eq!(
            ids,
            l.ids(),
            "encoding the training text gives the learner's sequence"
        );
        assert_eq!(t.decode(&ids), s.train);
        // Validation decodes to itself, characters never seen in training
        // read as <unk>.
        let valid = t.encode(&s.valid);
        let unseen: String = s
            .valid
            .chars()
            .map(|c| {
                if s.train.contains(c) {
                    c.to_string()
                } else {
                    "<unk>".into()
                }
            })
            .collect();
        assert_eq!(t.decode(&valid), unseen);
        println!(
            "  {} → {} training tokens ({:.2} characters per token)",
            s.train.chars().count(),
            ids.len(),
            s.train.chars().count() as f64 / ids.len() as f64
        );
    }
}

#[test]
fn vocabulary_cap_and_the_export() {
    let s = split("moby-dick.bin");
    let base = Tokenizer::characters(&s.train).vocab_size();
    let t = learn(&s.train, 1000, base + 10);
    assert_eq!(t.vocab_size(), base + 10);
    let json = export(&t);
    assert!(
        json.contains("\"merges\":[[\"e\",\" \"]") || json.contains("\"merges\":[["),
        "{}",
        &json[..200]
    );
    for tok in t.tokens() {
        assert!(
            json.contains(&neuroplay::util::json::quoted(tok)),
            "{tok:?}"
        );
    }
    // When asked (NEUROPLAY_TOKENIZER_DIR), writes a tokenizer and ids for
    // a check with Python's `tokenizers`.
    if let Ok(dir) = std::env::var("NEUROPLAY_TOKENIZER_DIR") {
        let zh = split("tang-quatrains.bin");
        for (name, text) in [("en", &s.train), ("zh", &zh.train)] {
            let t = learn(text, 200, 4096);
            let sample: String = text.chars().take(2000).collect();
            let sample = format!("{sample} <unk> 𝔘nseen\n");
            std::fs::write(format!("{dir}/{name}.json"), export(&t)).unwrap();
            std::fs::write(format!("{dir}/{name}.txt"), &sample).unwrap();
            let ids: Vec<String> = t.encode(&sample).iter().map(|i| i.to_string()).collect();
            std::fs::write(format!("{dir}/{name}.ids"), ids.join(" ")).unwrap();
        }
    }
}
