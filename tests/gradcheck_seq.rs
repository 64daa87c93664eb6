//! Finite-difference gradient checks for the sequence ops (embedding,
//! layer norm, causal attention, GELU, token cross-entropy) on several
//! shapes, and for a whole tiny GPT; each op's refusal of a wrong shape; and
//! attention against a naive loop implementation.
//!
//! As in `tests/gradcheck.rs`: a scalar L (a random weighting Σ rᵢ·outᵢ
//! accumulated in f64, or the loss itself), central differences of step
//! 1e-2, tolerance 2e-3 + 2e-2·|numeric|.

mod fd;
use fd::{EPS, close, random, weighted, numeric};

use neuroplay::models::gpt::{Gpt, GptConfig, Tokens};
use neuroplay::models::Model;
use neuroplay::ops::{attention, embedding, gelu, layernorm, token_loss};
use neuroplay::rng::Rng;

fn ids(r: &mut Rng, n: usize, v: usize) -> Vec<u32> {
    (0..n).map(|_| r.below(v) as u32).collect()
}

#[test]
fn embedding_gradients() {
    let mut r = Rng::new(1);
    for &(b, t, c, v, p) in &[(1, 1, 1, 1, 1), (2, 3, 4, 5, 3), (3, 5, 2, 3, 8)] {
        // Few distinct ids: repeated tokens must collect every gradient.
        let tok = ids(&mut r, b * t, v);
        let mut wte = random(&mut r, v * c, 1.0);
        let mut wpe = random(&mut r, p * c, 1.0);
        let wr = random(&mut r, b * t * c, 1.0);
        let run = |wte: &[f32], wpe: &[f32]| {
            let mut out = vec![0.0; b * t * c];
            embedding::forward(&mut out, &tok, wte, wpe, b, t, c, v, p);
            weighted(&out, &wr)
        };
        let (mut dwte, mut dwpe) = (vec![0.0; v * c], vec![0.0; p * c]);
        embedding::backward(&mut dwte, &mut dwpe, &wr, &tok, b, t, c, v, p);
        for i in 0..wte.len() {
            let wpe2 = wpe.clone();
            close(dwte[i], numeric(&mut wte, i, |w| run(w, &wpe2)), "dwte");
        }
        for i in 0..wpe.len() {
            let wte2 = wte.clone();
            close(dwpe[i], numeric(&mut wpe, i, |w| run(&wte2, w)), "dwpe");
        }
    }
}

#[test]
fn layernorm_gradients() {
    let mut r = Rng::new(2);
    for &(b, t, c) in &[(1, 1, 2), (2, 3, 5), (3, 2, 16)] {
        let mut x = random(&mut r, b * t * c, 2.0);
        let mut w = random(&mut r, c, 1.5);
        let mut bias = random(&mut r, c, 1.0);
        let wr = random(&mut r, b * t * c, 1.0);
        let run = |x: &[f32], w: &[f32], bias: &[f32]| {
            let (mut out, mut m, mut s) =
                (vec![0.0; b * t * c], vec![0.0; b * t], vec![0.0; b * t]);
            layernorm::forward(&mut out, &mut m, &mut s, x, w, bias, b, t, c);
            weighted(&out, &wr)
        };
        let (mut out, mut m, mut s) = (vec![0.0; b * t * c], vec![0.0; b * t], vec![0.0; b * t]);
        layernorm::forward(&mut out, &mut m, &mut s, &x, &w, &bias, b, t, c);
        // dinp accumulates: start it at 1 and take the 1 off again.
        let (mut dx, mut dw, mut db) = (vec![1.0; b * t * c], vec![0.0; c], vec![0.0; c]);
        layernorm::backward(&mut dx, &mut dw, &mut db, &wr, &x, &w, &m, &s, b, t, c);
        for i in 0..x.len() {
            let (w2, b2) = (w.clone(), bias.clone());
            close(
                dx[i] - 1.0,
                numeric(&mut x, i, |x| run(x, &w2, &b2)),
                "layernorm dinp",
            );
        }
        for i in 0..c {
            let (x2, b2) = (x.clone(), bias.clone());
            close(
                dw[i],
                numeric(&mut w, i, |w| run(&x2, w, &b2)),
                "layernorm dweight",
            );
            let (x2, w2) = (x.clone(), w.clone());
            close(
                db[i],
                numeric(&mut bias, i, |bb| run(&x2, &w2, bb)),
                "layernorm dbias",
            );
        }
    }
}

fn attention_out(qkv: &[f32], b: usize, t: usize, c: usize, nh: usize) -> (Vec<f32>, Vec<f32>) {
    let mut out = vec![0.0; b * t * c];
    let mut att = vec![0.0; b * nh * t * t];
    let mut scratch = vec![0.0; t * c / nh];
    attention::forward(&mut out, &mut att, &mut scratch, qkv, b, t, c, nh);
    (out, att)
}

#[test]
fn attention_gradients() {
    let mut r = Rng::new(3);
    for &(b, t, c, nh) in &[
        (1, 1, 2, 1),
        (1, 4, 4, 2),
        (2, 3, 6, 3),
        (2, 5, 8, 2),
        (1, 7, 4, 1),
        // Several causal blocks of 8 queries, the last one partial.
        (1, 19, 8, 2),
        (2, 17, 4, 1),
    ] {
        let mut qkv = random(&mut r, b * t * 3 * c, 1.5);
        let wr = random(&mut r, b * t * c, 1.0);
        let (_, att) = attention_out(&qkv, b, t, c, nh);
        let mut dqkv = vec![f32::NAN; b * t * 3 * c];
        let mut scratch = vec![0.0; t * (t + c / nh)];
        attention::backward(&mut dqkv, &mut scratch, &wr, &qkv, &att, b, t, c, nh);
        for i in 0..qkv.len() {
            let n = numeric(&mut qkv, i, |x| {
                weighted(&attention_out(x, b, t, c, nh).0, &wr)
            });
            close(
                dqkv[i],
                n,
                &format!("attention dqkv[{i}] B={b} T={t} C={c} NH={nh}"),
            );
        }
    }
}

/// Attention written as loops straight from its definition, in f64.
fn naive_attention(qkv: &[f32], b: usize, t: usize, c: usize, nh: usize) -> (Vec<f32>, Vec<f32>) {
    let hs = c / nh;
    let (mut out, mut att) = (vec![0.0f32; b * t * c], vec![0.0f32; b * nh * t * t]);
    let at = |bi: usize, ti: usize, ch: usize| f64::from(qkv[(bi * t + ti) * 3 * c + ch]);
    for bi in 0..b {
        for h in 0..nh {
            for i in 0..t {
                let scores: Vec<f64> = (0..=i)
                    .map(|j| {
                        (0..hs)
                            .map(|d| at(bi, i, h * hs + d) * at(bi, j, c + h * hs + d))
                            .sum::<f64>()
                            / (hs as f64).sqrt()
                    })
                    .collect();
                let max = scores.iter().cloned().fold(f64::NEG_INFINITY, f64::max);
                let sum: f64 = scores.iter().map(|s| (s - max).exp()).sum();
                for (j, s) in scores.iter().enumerate() {
                    att[((bi * nh + h) * t + i) * t + j] = ((s - max).exp() / sum) as f32;
                }
                for d in 0..hs {
                    let o: f64 = (0..=i)
                        .map(|j| ((scores[j] - max).exp() / sum) * at(bi, j, 2 * c + h * hs + d))
                        .sum();
                    out[(bi * t + i) * c + h * hs + d] = o as f32;
                }
            }
        }
    }
    (out, att)
}

#[test]
fn attention_matches_naive_loops() {
    let mut r = Rng::new(4);
    // Small shapes take the direct kernels, (1, 64, 64, 4) the packed one.
    let mut shapes = vec![(1, 1, 1, 1), (2, 9, 12, 3), (1, 64, 64, 4), (3, 17, 8, 1)];
    for _ in 0..6 {
        let nh = 1 + r.below(4);
        shapes.push((1 + r.below(3), 1 + r.below(20), nh * (1 + r.below(8)), nh));
    }
    for (b, t, c, nh) in shapes {
        let qkv = random(&mut r, b * t * 3 * c, 1.0);
        let (out, att) = attention_out(&qkv, b, t, c, nh);
        let (want_out, want_att) = naive_attention(&qkv, b, t, c, nh);
        for (g, w) in out.iter().zip(&want_out) {
            assert!(
                (g - w).abs() <= 1e-5,
                "out B={b} T={t} C={c} NH={nh}: {g} vs {w}"
            );
        }
        for (g, w) in att.iter().zip(&want_att) {
            assert!(
                (g - w).abs() <= 1e-5,
                "att B={b} T={t} C={c} NH={nh}: {g} vs {w}"
            );
        }
        // Rows sum to one; nothing above the diagonal.
        for (k, row) in att.chunks_exact(t).enumerate() {
            let i = k % t;
            assert!((row.iter().sum::<f32>() - 1.0).abs() < 1e-5);
            assert!(row[i + 1..].iter().all(|&x| x == 0.0));
        }
    }
}

#[test]
fn gelu_gradients() {
    let mut r = Rng::new(5);
    let n = 64;
    let mut x = random(&mut r, n, 4.0);
    let wr = random(&mut r, n, 1.0);
    let run = |x: &[f32]| {
        let mut out = vec![0.0; n];
        gelu::forward(&mut out, x, n);
        weighted(&out, &wr)
    };
    let mut dx = vec![0.0; n];
    gelu::backward(&mut dx, &x, &wr, n);
    for i in 0..n {
        close(dx[i], numeric(&mut x, i, run), "gelu");
    }
}

#[test]
fn token_loss_gradients_and_the_fused_pass() {
    let mut r = Rng::new(6);
    for &(b, t, v) in &[(1, 1, 2), (2, 3, 5), (3, 4, 11)] {
        let mut z = random(&mut r, b * t * v, 3.0);
        let y = ids(&mut r, b * t, v);
        let mut dz = vec![0.0; b * t * v];
        token_loss::backward(&mut dz, &z, &y, b, t, v);
        for i in 0..z.len() {
            let n = numeric(&mut z, i, |z| token_loss::forward(None, z, &y, b, t, v));
            close(dz[i], n, "token loss");
        }
        // The per-token losses average to the loss; the fused pass agrees
        // with forward + backward.
        let mut losses = vec![0.0; b * t];
        let mean = token_loss::forward(Some(&mut losses), &z, &y, b, t, v);
        let avg = losses.iter().map(|&l| f64::from(l)).sum::<f64>() / (b * t) as f64;
        assert!((mean - avg).abs() < 1e-6);
        let mut fused = z.clone();
        let mut fused_losses = vec![0.0; b * t];
        let fused_mean =
            token_loss::forward_backward(&mut fused, Some(&mut fused_losses), &y, b, t, v);
        assert!((fused_mean - mean).abs() < 1e-9);
        assert_eq!(fused_losses, losses);
        for (a, w) in fused.iter().zip(&dz) {
            assert!((a - w).abs() < 1e-7);
        }
    }
    // Huge logits do not overflow.
    let l = token_loss::forward(None, &[1e4, 0.0, -1e4], &[1], 1, 1, 3);
    assert!((l - 1e4).abs() < 1e-3, "{l}");
}

#[test]
#[should_panic(expected = "embedding: out holds 23 floats, expected B×T×C = 2×3×4 = 24")]
fn embedding_refuses_a_wrong_shape() {
    let mut out = vec![0.0; 23];
    embedding::forward(&mut out, &[0; 6], &[0.0; 20], &[0.0; 12], 2, 3, 4, 5, 3);
}

#[test]
#[should_panic(expected = "embedding: ids holds token id 5 at b = 1, t = 0, not below V = 5")]
fn embedding_refuses_an_id_outside_the_vocabulary() {
    let mut out = vec![0.0; 24];
    embedding::forward(
        &mut out,
        &[0, 1, 2, 5, 0, 0],
        &[0.0; 20],
        &[0.0; 12],
        2,
        3,
        4,
        5,
        3,
    );
}

#[test]
#[should_panic(expected = "embedding: T = 4 exceeds the P = 3 positions of wpe")]
fn embedding_refuses_more_positions_than_wpe_has() {
    let mut out = vec![0.0; 16];
    embedding::forward(&mut out, &[0; 4], &[0.0; 20], &[0.0; 12], 1, 4, 4, 5, 3);
}

#[test]
#[should_panic(expected = "layernorm backward: rstd holds 5 floats, expected B×T = 2×3 = 6")]
fn layernorm_refuses_a_wrong_shape() {
    let (mut dx, mut dw, mut db) = (vec![0.0; 24], vec![0.0; 4], vec![0.0; 4]);
    layernorm::backward(
        &mut dx, &mut dw, &mut db, &[0.0; 24], &[0.0; 24], &[0.0; 4], &[0.0; 6], &[0.0; 5], 2, 3, 4,
    );
}

#[test]
#[should_panic(expected = "attention: att holds 32 floats, expected B×NH×T×T = 1×2×3×3 = 18")]
fn attention_refuses_a_wrong_shape() {
    let (mut out, mut att, mut scratch) = (vec![0.0; 12], vec![0.0; 32], vec![0.0; 6]);
    attention::forward(&mut out, &mut att, &mut scratch, &[0.0; 36], 1, 3, 4, 2);
}

#[test]
#[should_panic(expected = "attention backward: C = 6 is not divisible by NH = 4")]
fn attention_refuses_heads_that_do_not_divide_the_channels() {
    let (mut dqkv, mut scratch) = (vec![0.0; 18], vec![0.0; 4]);
    attention::backward(
        &mut dqkv,
        &mut scratch,
        &[0.0; 6],
        &[0.0; 18],
        &[0.0; 4],
        1,
        1,
        6,
        4,
    );
}

#[test]
#[should_panic(expected = "gelu backward: dinp holds 7 floats, expected N = 8")]
fn gelu_refuses_a_wrong_shape() {
    gelu::backward(&mut [0.0; 7], &[0.0; 8], &[0.0; 8], 8);
}

#[test]
#[should_panic(expected = "token loss: logits holds 10 floats, expected B×T×V = 1×2×4 = 8")]
fn token_loss_refuses_a_wrong_shape() {
    token_loss::forward(None, &[0.0; 10], &[0, 1], 1, 2, 4);
}

#[test]
#[should_panic(
    expected = "token loss backward: targets holds token id 4 at b = 0, t = 1, not below V = 4"
)]
fn token_loss_refuses_a_target_outside_the_vocabulary() {
    token_loss::backward(&mut [0.0; 8], &[0.0; 8], &[0, 4], 1, 2, 4);
}

/// Every parameter of a tiny GPT (V=11, P=8, L=2, NH=2, C=8: 1,912 floats)
/// against the loss's central difference. The parameters are re-drawn
/// uniform in ±0.5 (GPT-2's 0.02 makes most gradients too small for the
/// check to see an error); T = 6 < P leaves two positions unused, whose
/// gradient must be exactly zero.
#[test]
fn whole_tiny_gpt() {
    let cfg = GptConfig {
        vocab: 11,
        context: 8,
        n_layer: 2,
        n_head: 2,
        n_embd: 8,
    };
    let mut r = Rng::new(7);
    let mut gpt = Gpt::new(cfg, &mut r).unwrap();
    assert_eq!(gpt.store.len(), 1912);
    for x in gpt.store.data.iter_mut() {
        *x = r.uniform(-0.5, 0.5) as f32;
    }
    let (b, t) = (2, 6);
    let batch = Tokens {
        ids: ids(&mut r, b * t, 11),
        targets: ids(&mut r, b * t, 11),
        batch: b,
        time: t,
    };
    gpt.store.zero_grad();
    let loss = gpt.gradient(&batch, &mut r);
    assert!((loss - gpt.loss(&batch)).abs() < 1e-6);
    let analytic = gpt.store.grad.clone();
    let views = gpt.store.views.clone();
    let (mut largest, mut checked) = (0.0f32, 0);
    for view in &views {
        for i in view.range() {
            let orig = gpt.store.data[i];
            gpt.store.data[i] = orig + EPS;
            let up = gpt.loss(&batch);
            gpt.store.data[i] = orig - EPS;
            let down = gpt.loss(&batch);
            gpt.store.data[i] = orig;
            let n = ((up - down) / (2.0 * f64::from(EPS))) as f32;
            close(
                analytic[i],
                n,
                &format!("{} [{}]", view.name, i - view.offset),
            );
            largest = largest.max(analytic[i].abs());
            checked += 1;
        }
    }
    let wpe = gpt.store.find("transformer.wpe.weight").unwrap().range();
    assert!(analytic[wpe][t * 8..].iter().all(|&g| g == 0.0));
    println!("whole GPT: {checked} parameters checked, largest |gradient| {largest}");
    assert!(
        largest > 0.05,
        "gradients too small to test anything: {largest}"
    );
}
