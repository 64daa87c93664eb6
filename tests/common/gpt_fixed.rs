//! A fixed GPT and a fixed text, shared by the native test
//! (`tests/gpt_fixed.rs`) and the wasm test (`tests/wasm.rs`): every build
//! must give the logits and the greedy tokens recorded in
//! `tests/fixtures/gpt-fixed.txt` (written once by the native build).

use neuroplay::models::gpt::{Gpt, GptConfig, Sampling};
use neuroplay::rng::Rng;

/// The tiny preset's sizes with 65 symbols.
pub const CFG: GptConfig = GptConfig {
    vocab: 65,
    context: 64,
    n_layer: 2,
    n_head: 4,
    n_embd: 64,
};
/// Every `STRIDE`-th logit of the whole [T,V] output is recorded.
pub const STRIDE: usize = 37;
/// Tokens generated greedily per prompt.
pub const GREEDY: usize = 40;

/// GPT-2's initialisation from seed 2017, then every weight moved by up to
/// ±0.15, so that the output depends on every layer.
pub fn model() -> Gpt {
    let mut gpt = Gpt::new(CFG, &mut Rng::new(2017)).unwrap();
    let mut r = Rng::new(2018);
    for x in gpt.store.data.iter_mut() {
        *x += r.uniform(-0.15, 0.15) as f32;
    }
    gpt
}

/// The fixed text: 64 token ids.
pub fn text() -> Vec<u32> {
    (0..64).map(|i| ((i * 29 + 7) % 65) as u32).collect()
}

/// The prompts of the greedy check.
pub fn prompts() -> Vec<Vec<u32>> {
    vec![
        vec![0],
        vec![5, 17, 33],
        (0..20).map(|i| (i * 3 % 65) as u32).collect(),
    ]
}

/// Recorded logits, then per prompt the greedy tokens and each step's gap
/// between the two largest logits.
pub struct Record {
    pub logits: Vec<f32>,
    pub greedy: Vec<Vec<(u32, f32)>>,
}

/// What this build computes.
pub fn compute() -> Record {
    let mut gpt = model();
    let ids = text();
    let all = gpt.logits(&ids, 1, ids.len()).to_vec();
    let logits = all.iter().step_by(STRIDE).copied().collect();
    let greedy_s = Sampling {
        temperature: 0.0,
        ..Sampling::default()
    };
    let mut greedy = Vec::new();
    for p in prompts() {
        let toks = gpt.generate(&p, GREEDY, &greedy_s, &mut Rng::new(1));
        let mut seq = p.clone();
        let mut row = Vec::new();
        for &tk in &toks {
            let t = seq.len();
            let mut l = gpt.logits(&seq, 1, t)[(t - 1) * CFG.vocab..].to_vec();
            l.sort_by(|a, b| b.total_cmp(a));
            row.push((tk, l[0] - l[1]));
            seq.push(tk);
        }
        greedy.push(row);
    }
    Record { logits, greedy }
}

#[allow(dead_code)] // the wasm test only reads the record
/// The record as text: one line of logits, then one line per prompt of
/// `token:gap` pairs.
pub fn write(r: &Record) -> String {
    let mut s: String = r
        .logits
        .iter()
        .map(|x| format!("{x:.7}"))
        .collect::<Vec<_>>()
        .join(" ");
    s.push('\n');
    for row in &r.greedy {
        s.push_str(
            &row.iter()
                .map(|(t, g)| format!("{t}:{g:.7}"))
                .collect::<Vec<_>>()
                .join(" "),
        );
        s.push('\n');
    }
    s
}

/// Reads [`write`]'s text.
pub fn read(text: &str) -> Record {
    let mut lines = text.lines();
    let logits = lines
        .next()
        .unwrap()
        .split(' ')
        .map(|x| x.parse().unwrap())
        .collect();
    let greedy = lines
        .map(|l| {
            l.split(' ')
                .map(|p| {
                    let (t, g) = p.split_once(':').unwrap();
                    (t.parse().unwrap(), g.parse().unwrap())
                })
                .collect()
        })
        .collect();
    Record { logits, greedy }
}

/// Panics unless `got` matches `want`: every logit within 1e-4, and every
/// greedy token up to the first step whose two largest logits were within
/// 1e-4 of each other (past it, builds may rightly choose differently).
/// Returns the greedy tokens compared.
pub fn check(got: &Record, want: &Record) -> usize {
    assert_eq!(got.logits.len(), want.logits.len());
    for (i, (a, b)) in got.logits.iter().zip(&want.logits).enumerate() {
        assert!(
            (a - b).abs() <= 1e-4,
            "logit {} : {a} vs recorded {b}",
            i * STRIDE
        );
    }
    let mut compared = 0;
    for (g, w) in got.greedy.iter().zip(&want.greedy) {
        for (&(tg, _), &(tw, gap)) in g.iter().zip(w) {
            if gap <= 1e-4 {
                break;
            }
            assert_eq!(tg, tw, "greedy token {compared}");
            compared += 1;
        }
    }
    compared
}
