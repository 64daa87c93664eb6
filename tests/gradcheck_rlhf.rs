//! Finite-difference gradient checks for the fine-tuning and RLHF parts:
//! the LoRA op, the scalar score head, the Bradley–Terry loss, a whole tiny
//! GPT with adapters (their gradient through the model's loss), the reward
//! model (head + body + loss), the policy-gradient's weighted likelihood,
//! and DPO's loss. As in `tests/gradcheck.rs`: central differences of step
//! 1e-2, tolerance 2e-3 + 2e-2·|numeric|, scalars accumulated in f64.

mod fd;
use fd::{close, numeric, random, weighted, EPS};

use neuroplay::models::gpt::{Gpt, GptConfig, Tokens};
use neuroplay::models::rlhf::{Dpo, Pairs, RewardModel};
use neuroplay::models::Model;
use neuroplay::ops::{bradley_terry, lora, score_head};
use neuroplay::rng::Rng;

fn ids(r: &mut Rng, n: usize, v: usize) -> Vec<u32> {
    (0..n).map(|_| r.below(v) as u32).collect()
}

fn tiny() -> GptConfig {
    GptConfig {
        vocab: 11,
        context: 8,
        n_layer: 2,
        n_head: 2,
        n_embd: 8,
    }
}

/// A tiny GPT with every parameter drawn uniform(−0.5, 0.5), so gradients
/// are large enough to test.
fn random_gpt(r: &mut Rng) -> Gpt {
    let mut gpt = Gpt::new(tiny(), r).unwrap();
    for x in gpt.store.data.iter_mut() {
        *x = r.uniform(-0.5, 0.5) as f32;
    }
    gpt
}

/// Checks every float of the views whose name starts with `prefix`
/// against central differences of `loss`; returns the largest |gradient|.
fn check_views<M: Model>(m: &mut M, prefix: &str, mut loss: impl FnMut(&mut M) -> f64) -> f32 {
    let analytic = m.store().grad.clone();
    let views = m.store().views.clone();
    let mut largest = 0.0f32;
    for view in views.iter().filter(|v| v.name.starts_with(prefix)) {
        for i in view.range() {
            let orig = m.store().data[i];
            m.store_mut().data[i] = orig + EPS;
            let up = loss(m);
            m.store_mut().data[i] = orig - EPS;
            let down = loss(m);
            m.store_mut().data[i] = orig;
            let n = ((up - down) / (2.0 * f64::from(EPS))) as f32;
            close(
                analytic[i],
                n,
                &format!("{} [{}]", view.name, i - view.offset),
            );
            largest = largest.max(analytic[i].abs());
        }
    }
    largest
}

#[test]
fn lora_op_gradients() {
    let mut r = Rng::new(1);
    for &(n, i, rank, o, scale) in &[(1, 1, 1, 1, 1.0f32), (3, 4, 2, 6, 2.0), (5, 3, 3, 2, 0.5)] {
        let mut x = random(&mut r, n * i, 1.0);
        let mut a = random(&mut r, i * rank, 1.0);
        let mut b = random(&mut r, rank * o, 1.0);
        let base = random(&mut r, n * o, 1.0);
        let wr = random(&mut r, n * o, 1.0);
        let run = |x: &[f32], a: &[f32], b: &[f32]| {
            let mut y = base.clone();
            let mut h = vec![0.0; n * rank];
            lora::forward(&mut y, &mut h, x, a, b, scale, n, i, rank, o);
            weighted(&y, &wr)
        };
        let mut y = base.clone();
        let mut h = vec![0.0; n * rank];
        lora::forward(&mut y, &mut h, &x, &a, &b, scale, n, i, rank, o);
        // dx starts non-zero: backward adds into it.
        let (mut dx, mut da, mut db) =
            (vec![0.25; n * i], vec![0.0; i * rank], vec![0.0; rank * o]);
        let mut dh = vec![0.0; n * rank];
        lora::backward(
            &mut dx, &mut da, &mut db, &mut dh, &wr, &h, &x, &a, &b, scale, n, i, rank, o,
        );
        for k in 0..x.len() {
            let (a2, b2) = (a.clone(), b.clone());
            close(
                dx[k] - 0.25,
                numeric(&mut x, k, |x| run(x, &a2, &b2)),
                "lora dx",
            );
        }
        for k in 0..a.len() {
            let (x2, b2) = (x.clone(), b.clone());
            close(da[k], numeric(&mut a, k, |a| run(&x2, a, &b2)), "lora da");
        }
        for k in 0..b.len() {
            let (x2, a2) = (x.clone(), a.clone());
            close(db[k], numeric(&mut b, k, |b| run(&x2, &a2, b)), "lora db");
        }
    }
}

#[test]
#[should_panic(expected = "lora forward: a holds 6 floats, expected I×R = 4×2 = 8")]
fn lora_refuses_a_wrong_shape() {
    let mut y = vec![0.0; 3 * 6];
    let mut h = vec![0.0; 3 * 2];
    lora::forward(
        &mut y, &mut h, &[0.0; 12], &[0.0; 6], &[0.0; 12], 1.0, 3, 4, 2, 6,
    );
}

#[test]
fn score_head_and_bradley_terry_gradients() {
    let mut r = Rng::new(2);
    let (p, t, c) = (3, 4, 5);
    let mut x = random(&mut r, 2 * p * t * c, 1.0);
    let mut w = random(&mut r, c, 1.0);
    let run = |x: &[f32], w: &[f32]| {
        let mut rew = vec![0.0; 2 * p];
        score_head::forward(&mut rew, x, w, 2 * p, t, c);
        bradley_terry::forward(&rew[..p], &rew[p..], p)
    };
    let mut rew = vec![0.0; 2 * p];
    score_head::forward(&mut rew, &x, &w, 2 * p, t, c);
    let mut dr = vec![0.0; 2 * p];
    let (drw, drl) = dr.split_at_mut(p);
    bradley_terry::backward(drw, drl, &rew[..p], &rew[p..], p);
    let (mut dx, mut dw) = (vec![9.0; x.len()], vec![0.0; c]);
    score_head::backward(&mut dx, &mut dw, &dr, &x, &w, 2 * p, t, c);
    for k in 0..x.len() {
        let w2 = w.clone();
        close(dx[k], numeric(&mut x, k, |x| run(x, &w2)), "score dx");
    }
    for k in 0..c {
        let x2 = x.clone();
        close(dw[k], numeric(&mut w, k, |w| run(&x2, w)), "score dw");
    }
    // Large score gaps stay finite.
    let l = bradley_terry::forward(&[-60.0], &[60.0], 1);
    assert!((l - 120.0).abs() < 1e-9, "{l}");
}

#[test]
fn gpt_with_lora_adapter_gradients() {
    let mut r = Rng::new(3);
    let mut gpt = random_gpt(&mut r);
    let trainable = gpt.add_lora(2, 4.0, &mut r).unwrap();
    // Two blocks of A [8,2] and B [2,24].
    assert_eq!(trainable, 2 * (8 * 2 + 2 * 24));
    assert!(gpt.store.find("lora.h.1.attn.c_attn.B").is_some());
    // B starts at zero; draw it so A's gradient is not zero too.
    for v in gpt
        .store
        .views
        .clone()
        .iter()
        .filter(|v| v.name.starts_with("lora."))
    {
        for i in v.range() {
            gpt.store.data[i] = r.uniform(-0.5, 0.5) as f32;
        }
    }
    let (b, t) = (2, 6);
    let batch = Tokens {
        ids: ids(&mut r, b * t, 11),
        targets: ids(&mut r, b * t, 11),
        batch: b,
        time: t,
    };
    gpt.store.zero_grad();
    gpt.gradient(&batch, &mut r);
    let largest = check_views(&mut gpt, "lora.", |g| g.loss(&batch));
    // The base weights' gradient is still right with adapters beside them.
    check_views(&mut gpt, "transformer.h.0.", |g| g.loss(&batch));
    println!("LoRA adapters: largest |gradient| {largest}");
    assert!(largest > 0.005, "{largest}");
    // The cached inference path adds the adapters too.
    let mut cache = gpt.kv_cache();
    let seq = &batch.ids[..t];
    for &id in seq {
        gpt.step_cached(&mut cache, id);
    }
    let full = gpt.logits(seq, 1, t)[(t - 1) * 11..].to_vec();
    for (a, b) in cache.logits().iter().zip(&full) {
        assert!((a - b).abs() < 1e-4, "cached {a} vs full {b}");
    }
    // Merged into c_attn, the adapters leave the function as it was.
    assert!(gpt.merge_lora());
    let merged = gpt.logits(seq, 1, t)[(t - 1) * 11..].to_vec();
    for (a, b) in merged.iter().zip(&full) {
        assert!((a - b).abs() < 1e-4, "merged {a} vs adapted {b}");
    }
    let bview = gpt.store.find("lora.h.0.attn.c_attn.B").unwrap().range();
    assert!(gpt.store.data[bview].iter().all(|&x| x == 0.0));
}

fn pairs(r: &mut Rng, p: usize, s: usize) -> Pairs {
    Pairs {
        winners: ids(r, p * s, 11),
        losers: ids(r, p * s, 11),
        count: p,
        len: s,
        prompt: 2,
    }
}

#[test]
fn reward_model_gradients() {
    let mut r = Rng::new(4);
    let lm = random_gpt(&mut r);
    let mut rm = RewardModel::from_lm(&lm, &mut r);
    for x in rm.gpt.store.data.iter_mut() {
        *x = r.uniform(-0.5, 0.5) as f32;
    }
    assert_eq!(rm.gpt.store.find("score.weight").unwrap().shape, vec![1, 8]);
    let batch = pairs(&mut r, 3, 5);
    let loss_of = |m: &mut RewardModel| {
        let p = batch.count;
        let mut ids = batch.winners.clone();
        ids.extend_from_slice(&batch.losers);
        let rew = m.score(&ids, 2 * p, batch.len).to_vec();
        bradley_terry::forward(&rew[..p], &rew[p..], p)
    };
    rm.gpt.store.zero_grad();
    let loss = rm.gradient(&batch, &mut r);
    assert!((loss - loss_of(&mut rm)).abs() < 1e-6);
    let head = check_views(&mut rm, "score.", loss_of);
    let body = check_views(&mut rm, "transformer.", loss_of);
    println!("reward model: largest |gradient| head {head}, body {body}");
    assert!(head > 0.02 && body > 0.01, "{head} {body}");
}

#[test]
fn weighted_likelihood_and_dpo_gradients() {
    let mut r = Rng::new(5);
    let mut gpt = random_gpt(&mut r);
    let (b, t) = (2, 5);
    let batch = Tokens {
        ids: ids(&mut r, b * t, 11),
        targets: ids(&mut r, b * t, 11),
        batch: b,
        time: t,
    };
    let w = random(&mut r, b * t, 1.0);
    gpt.store.zero_grad();
    gpt.forward_scored(&batch);
    gpt.backward_weighted(&batch, &w);
    let wl = |g: &mut Gpt| {
        g.loss(&batch);
        weighted(g.token_losses(), &w)
    };
    let largest = check_views(&mut gpt, "", wl);
    assert!(largest > 0.05, "{largest}");

    let mut dpo = Dpo::new(random_gpt(&mut r), 0.7);
    // The reference stays where it was; move the policy away from it.
    for x in dpo.gpt.store.data.iter_mut() {
        *x += r.uniform(-0.2, 0.2) as f32;
    }
    let batch = pairs(&mut r, 3, 5);
    dpo.gpt.store.zero_grad();
    let loss = dpo.gradient(&batch, &mut r);
    let mut rr = Rng::new(0);
    let largest = check_views(&mut dpo, "transformer.h.1.", |d| {
        let mut copy_grad = std::mem::take(&mut d.gpt.store.grad);
        d.gpt.store.grad = vec![0.0; copy_grad.len()];
        let l = d.gradient(&batch, &mut rr);
        std::mem::swap(&mut d.gpt.store.grad, &mut copy_grad);
        l
    });
    println!("DPO: loss {loss:.4}, largest |gradient| {largest}");
    assert!(largest > 0.01, "{largest}");
}
