//! A fixed GPT gives the recorded logits and greedy tokens natively (the
//! wasm test checks every wasm build against the same record). With
//! `NEUROPLAY_WRITE_FIXTURE=1` it writes the record instead.

#[path = "common/gpt_fixed.rs"]
mod gpt_fixed;

const PATH: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/gpt-fixed.txt");

#[test]
fn fixed_model_gives_the_recorded_logits_and_greedy_tokens() {
    let got = gpt_fixed::compute();
    if std::env::var("NEUROPLAY_WRITE_FIXTURE").is_ok() {
        std::fs::write(PATH, gpt_fixed::write(&got)).unwrap();
    }
    let want = gpt_fixed::read(&std::fs::read_to_string(PATH).unwrap());
    let n = gpt_fixed::check(&got, &want);
    println!(
        "{} logits and {n} greedy tokens as recorded",
        want.logits.len()
    );
    assert!(
        n >= 100,
        "only {n} greedy tokens were clear enough to compare"
    );
}
