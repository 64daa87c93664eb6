//! The GPT's inference path: the KV cache gives the logits of a full
//! forward pass, position by position; greedy decoding is deterministic,
//! and the same with and without the cache; the cached attention weights
//! are the full pass's last rows.

use neuroplay::models::gpt::{distribution, Gpt, GptConfig, Sampling};
use neuroplay::rng::Rng;

/// A model with weights moved away from their small initial values, so
/// that every layer matters.
fn model(cfg: GptConfig, seed: u64) -> Gpt {
    let mut gpt = Gpt::new(cfg, &mut Rng::new(seed)).unwrap();
    let mut r = Rng::new(seed + 100);
    for x in gpt.store.data.iter_mut() {
        *x += r.uniform(-0.2, 0.2) as f32;
    }
    gpt
}

fn configs() -> Vec<GptConfig> {
    vec![
        GptConfig {
            vocab: 11,
            context: 8,
            n_layer: 2,
            n_head: 2,
            n_embd: 8,
        },
        GptConfig {
            vocab: 65,
            context: 64,
            n_layer: 2,
            n_head: 4,
            n_embd: 64,
        },
        GptConfig {
            vocab: 300,
            context: 40,
            n_layer: 3,
            n_head: 8,
            n_embd: 48,
        },
    ]
}

#[test]
fn cached_logits_equal_the_full_forward_pass() {
    for (k, cfg) in configs().into_iter().enumerate() {
        let mut gpt = model(cfg, k as u64 + 1);
        let mut r = Rng::new(9);
        let t = cfg.context;
        let ids: Vec<u32> = (0..t).map(|_| r.below(cfg.vocab) as u32).collect();
        let full = gpt.logits(&ids, 1, t).to_vec();
        let atts: Vec<Vec<f32>> = (0..cfg.n_layer)
            .map(|l| gpt.attention(l).to_vec())
            .collect();
        let mut cache = gpt.kv_cache();
        let mut worst = 0.0f32;
        for (i, &id) in ids.iter().enumerate() {
            let got = gpt.step_cached(&mut cache, id);
            for (a, b) in got.iter().zip(&full[i * cfg.vocab..(i + 1) * cfg.vocab]) {
                worst = worst.max((a - b).abs());
            }
            for (l, att) in atts.iter().enumerate() {
                for h in 0..cfg.n_head {
                    let want = &att[(h * t + i) * t..][..i + 1];
                    let got = &cache.attention(l)[h * (i + 1)..(h + 1) * (i + 1)];
                    for (a, b) in got.iter().zip(want) {
                        assert!(
                            (a - b).abs() < 1e-5,
                            "layer {l} head {h} position {i}: {a} vs {b}"
                        );
                    }
                }
            }
        }
        println!("{cfg:?}: largest logit difference cached vs full {worst:.2e}");
        assert!(worst < 1e-5, "{worst}");
    }
}

#[test]
fn greedy_decoding_is_deterministic_with_and_without_the_cache() {
    let cfg = configs()[1];
    let mut gpt = model(cfg, 3);
    let greedy = Sampling {
        temperature: 0.0,
        ..Sampling::default()
    };
    let mut agreed = 0;
    for prompt in [vec![1u32], vec![5, 9, 2], (0..30).collect::<Vec<u32>>()] {
        let a = gpt.generate(&prompt, 100, &greedy, &mut Rng::new(1));
        let b = gpt.generate(&prompt, 100, &greedy, &mut Rng::new(2));
        assert_eq!(a, b, "greedy ignores the generator");
        // Without the cache: the same tokens as long as every step's top two
        // logits are further apart than the paths can differ (1e-4).
        let c = gpt.generate_uncached(&prompt, 100, &greedy, &mut Rng::new(3));
        let mut seq = prompt.clone();
        let mut dist = Vec::new();
        // Within the context (past it, the two paths keep different
        // windows).
        for (x, y) in a.iter().zip(&c) {
            if seq.len() >= cfg.context {
                break;
            }
            let t = seq.len();
            let logits = gpt.logits(&seq, 1, t)[(t - 1) * cfg.vocab..].to_vec();
            distribution(&logits, &Sampling::default(), &mut dist);
            let mut sorted = logits.clone();
            sorted.sort_by(|p, q| q.total_cmp(p));
            if sorted[0] - sorted[1] <= 1e-4 {
                break;
            }
            assert_eq!(x, y);
            agreed += 1;
            seq.push(*x);
        }
    }
    println!("greedy: {agreed} tokens compared, cached and uncached agree");
    assert!(agreed > 150);
    // Past the context (64): generation goes on from the last 32 tokens.
    let long = gpt.generate(
        &[1],
        150,
        &Sampling {
            temperature: 1.0,
            top_k: 5,
            top_p: 0.9,
        },
        &mut Rng::new(4),
    );
    assert_eq!(long.len(), 150);
    assert!(long.iter().all(|&x| (x as usize) < cfg.vocab));
}

#[test]
#[should_panic(expected = "Gpt::step_cached: the cache holds all P = 8 positions")]
fn a_full_cache_is_an_error() {
    let gpt = model(configs()[0], 1);
    let mut cache = gpt.kv_cache();
    for _ in 0..9 {
        gpt.step_cached(&mut cache, 1);
    }
}
