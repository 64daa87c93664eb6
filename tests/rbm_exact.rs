//! A machine small enough to enumerate (6 visible × 4 hidden units: 64
//! visible states) checks the RBM's sampling gradients against exact
//! arithmetic: the free energy's gradient by finite differences, the exact
//! log-likelihood under CD training, the CD-k gradient's agreement with the
//! exact gradient as k grows, and the Gibbs chain's distribution against
//! the model's.

mod fd;
use fd::{close, numeric, random, weighted};

use neuroplay::models::rbm::gibbs::Chain;
use neuroplay::models::rbm::stack::rbm_trainer;
use neuroplay::models::rbm::{Rbm, RbmSpec, Sampler};
use neuroplay::models::Model;
use neuroplay::ops::free_energy;
use neuroplay::rng::Rng;
use neuroplay::train::{never, Examples, Hyper};

const V: usize = 6;
const H: usize = 4;

/// Every visible state, as rows of 0/1, state s having bit i at unit i.
fn states() -> Vec<f32> {
    (0..1usize << V)
        .flat_map(|s| (0..V).map(move |i| ((s >> i) & 1) as f32))
        .collect()
}

fn index_of(v: &[f32]) -> usize {
    v.iter().enumerate().map(|(i, &x)| (x as usize) << i).sum()
}

fn sigmoid(x: f64) -> f64 {
    1.0 / (1.0 + (-x).exp())
}

/// F(v) in f64 from the machine's parameters.
fn free(rbm: &Rbm, v: &[f32]) -> f64 {
    let (w, b, c) = (rbm.weight(), rbm.visible_bias(), rbm.hidden_bias());
    let mut f = -(0..V)
        .map(|i| f64::from(v[i]) * f64::from(b[i]))
        .sum::<f64>();
    for j in 0..H {
        let x = f64::from(c[j])
            + (0..V)
                .map(|i| f64::from(v[i]) * f64::from(w[i * H + j]))
                .sum::<f64>();
        f -= (1.0 + x.exp()).ln();
    }
    f
}

/// The model's exact distribution over the 64 visible states.
fn distribution(rbm: &Rbm) -> Vec<f64> {
    let all = states();
    let e: Vec<f64> = all.chunks(V).map(|v| (-free(rbm, v)).exp()).collect();
    let z: f64 = e.iter().sum();
    e.iter().map(|x| x / z).collect()
}

/// Mean exact log-likelihood of binary rows `data`.
fn log_likelihood(rbm: &Rbm, data: &[f32]) -> f64 {
    let all = states();
    let z: f64 = all.chunks(V).map(|v| (-free(rbm, v)).exp()).sum();
    let n = data.len() / V;
    data.chunks(V).map(|v| -free(rbm, v)).sum::<f64>() / n as f64 - z.ln()
}

/// ∂F/∂θ of one state, in the store's layout [W (V×H), b (V), c (H)].
fn dfree(rbm: &Rbm, v: &[f32], out: &mut [f64], scale: f64) {
    let (w, c) = (rbm.weight(), rbm.hidden_bias());
    for j in 0..H {
        let x = f64::from(c[j])
            + (0..V)
                .map(|i| f64::from(v[i]) * f64::from(w[i * H + j]))
                .sum::<f64>();
        let p = sigmoid(x);
        for i in 0..V {
            out[i * H + j] -= scale * f64::from(v[i]) * p;
        }
        out[V * H + V + j] -= scale * p;
    }
    for i in 0..V {
        out[V * H + i] -= scale * f64::from(v[i]);
    }
}

/// The exact gradient of the mean negative log-likelihood of `data`.
fn exact_gradient(rbm: &Rbm, data: &[f32]) -> Vec<f64> {
    let mut g = vec![0.0; V * H + V + H];
    let n = (data.len() / V) as f64;
    for v in data.chunks(V) {
        dfree(rbm, v, &mut g, 1.0 / n);
    }
    let p = distribution(rbm);
    for (v, &pv) in states().chunks(V).zip(&p) {
        dfree(rbm, v, &mut g, -pv);
    }
    g
}

/// Eight noisy copies each of three patterns.
fn data(rng: &mut Rng) -> Vec<f32> {
    let patterns = [
        [1., 1., 1., 0., 0., 0.],
        [0., 0., 0., 1., 1., 1.],
        [1., 0., 1., 0., 1., 0.],
    ];
    let mut out = Vec::new();
    for p in patterns {
        for _ in 0..8 {
            out.extend(
                p.iter()
                    .map(|&x| if rng.next_f64() < 0.05 { 1.0 - x } else { x }),
            );
        }
    }
    out
}

fn examples(x: Vec<f32>) -> Examples {
    let n = x.len() / V;
    Examples {
        x,
        t: Vec::new(),
        y: vec![0; n],
        width: V,
    }
}

fn spec(sampler: Sampler) -> RbmSpec {
    RbmSpec {
        sampler,
        binarize: false,
        init_std: 0.1,
        ..RbmSpec::new(V, H)
    }
}

#[test]
fn free_energy_gradient_matches_finite_differences() {
    let (b_, v_, h_) = (3, 5, 4);
    let mut r = Rng::new(5);
    let mut v = random(&mut r, b_ * v_, 1.0);
    let mut w = random(&mut r, v_ * h_, 1.0);
    let mut b = random(&mut r, v_, 1.0);
    let mut c = random(&mut r, h_, 1.0);
    let df = random(&mut r, b_, 1.0);
    let run = |v: &[f32], w: &[f32], b: &[f32], c: &[f32]| {
        let (mut f, mut pre) = (vec![0.0; b_], vec![0.0; b_ * h_]);
        free_energy::forward(&mut f, &mut pre, v, w, b, c, b_, v_, h_);
        weighted(&f, &df)
    };
    let (mut f, mut pre) = (vec![0.0; b_], vec![0.0; b_ * h_]);
    free_energy::forward(&mut f, &mut pre, &v, &w, &b, &c, b_, v_, h_);
    let (mut dv, mut dw, mut db, mut dc, mut dpre) = (
        vec![0.0; b_ * v_],
        vec![0.0; v_ * h_],
        vec![0.0; v_],
        vec![0.0; h_],
        vec![0.0; b_ * h_],
    );
    free_energy::backward(
        Some(&mut dv),
        &mut dw,
        &mut db,
        &mut dc,
        &mut dpre,
        &df,
        &pre,
        &v,
        &w,
        &b,
        b_,
        v_,
        h_,
    );
    for k in 0..v.len() {
        let (w2, b2, c2) = (w.clone(), b.clone(), c.clone());
        close(dv[k], numeric(&mut v, k, |x| run(x, &w2, &b2, &c2)), "dv");
    }
    for k in 0..w.len() {
        let (v2, b2, c2) = (v.clone(), b.clone(), c.clone());
        close(dw[k], numeric(&mut w, k, |x| run(&v2, x, &b2, &c2)), "dW");
    }
    for k in 0..b.len() {
        let (v2, w2, c2) = (v.clone(), w.clone(), c.clone());
        close(db[k], numeric(&mut b, k, |x| run(&v2, &w2, x, &c2)), "db");
    }
    for k in 0..c.len() {
        let (v2, w2, b2) = (v.clone(), w.clone(), b.clone());
        close(dc[k], numeric(&mut c, k, |x| run(&v2, &w2, &b2, x)), "dc");
    }
    // The op agrees with the f64 reference too.
    let mut rbm = Rbm::new(RbmSpec::new(V, H), &mut Rng::new(1));
    let all = states();
    let mut fe = vec![0.0; 64];
    rbm.free_energy(&all, &mut fe, 64);
    for (s, v) in all.chunks(V).enumerate() {
        assert!((f64::from(fe[s]) - free(&rbm, v)).abs() < 1e-4);
    }
}

#[test]
fn exact_log_likelihood_rises_under_cd_training() {
    // Persistent chains need a smaller step (the chains must keep up with
    // the weights; Tieleman, 2008).
    for (sampler, seed, lr, mu) in [
        (Sampler::Cd(1), 1, 0.1, 0.5),
        (Sampler::Cd(1), 2, 0.1, 0.5),
        (Sampler::Cd(5), 3, 0.1, 0.5),
        (Sampler::Persistent(1), 4, 0.05, 0.0),
        (Sampler::Persistent(1), 5, 0.05, 0.0),
    ] {
        let d = examples(data(&mut Rng::new(seed)));
        let rbm = Rbm::new(spec(sampler), &mut Rng::new(seed + 10));
        let before = log_likelihood(&rbm, &d.x);
        let mut t = rbm_trainer(rbm, mu, seed, d.len());
        let h = Hyper {
            learning_rate: lr,
            batch_size: 6,
            ..Hyper::default()
        };
        let mut curve = vec![before];
        for _ in 0..6 {
            t.train_epochs(&d, &h, 50, &mut never);
            curve.push(log_likelihood(&t.model, &d.x));
        }
        let after = *curve.last().unwrap();
        println!("{sampler:?} seed {seed}: exact log-likelihood per example {curve:.3?}");
        // Uniform over 64 states is −4.16; three patterns with 5 % noise
        // allow about −2.2 at best.
        assert!(
            after > before + 1.0,
            "{sampler:?}: {before:.3} → {after:.3}"
        );
        assert!(after > -3.0, "{sampler:?}: {after:.3}");
    }
}

fn cosine(a: &[f64], b: &[f64]) -> f64 {
    let dot: f64 = a.iter().zip(b).map(|(x, y)| x * y).sum();
    let na: f64 = a.iter().map(|x| x * x).sum::<f64>().sqrt();
    let nb: f64 = b.iter().map(|x| x * x).sum::<f64>().sqrt();
    dot / (na * nb)
}

#[test]
fn cd_k_gradient_approaches_the_exact_gradient_as_k_grows() {
    // A machine trained by CD-1 sits near CD-1's fixed point, where CD-1's
    // expected gradient nearly vanishes while the exact gradient does not:
    // longer chains must see what CD-1 misses.
    let d = data(&mut Rng::new(7));
    let copies = 2_000;
    let big = examples(d.iter().cycle().take(d.len() * copies).copied().collect());
    let small = examples(d.clone());
    let mut t = rbm_trainer(
        Rbm::new(spec(Sampler::Cd(1)), &mut Rng::new(8)),
        0.5,
        8,
        small.len(),
    );
    let h = Hyper {
        learning_rate: 0.1,
        batch_size: 6,
        ..Hyper::default()
    };
    t.train_epochs(&small, &h, 400, &mut never);
    let mut rbm = t.model;
    let exact = exact_gradient(&rbm, &d);
    let mut cos = Vec::new();
    for k in [1, 5, 20, 100, 300] {
        rbm.spec.sampler = Sampler::Cd(k);
        rbm.store_mut().zero_grad();
        rbm.gradient(&big, &mut Rng::new(100 + k as u64));
        let g: Vec<f64> = rbm.store().grad.iter().map(|&x| f64::from(x)).collect();
        cos.push((k, cosine(&g, &exact)));
    }
    println!("cosine(CD-k, exact) over {} chains: {cos:.4?}", big.len());
    for w in cos.windows(2) {
        assert!(w[1].1 > w[0].1 - 0.01, "not rising: {cos:?}");
    }
    // Measured (seeds fixed): 0.46, 0.56, 0.59, 0.73, 0.91 for k = 1, 5,
    // 20, 100, 300: this trained machine's modes mix slowly.
    assert!(
        cos[0].1 < 0.6,
        "CD-1 should be visibly biased here: {cos:?}"
    );
    assert!(
        cos[cos.len() - 1].1 > 0.85,
        "CD-300 should be close: {cos:?}"
    );
}

#[test]
fn gibbs_chain_approaches_the_model_distribution() {
    let mut rbm = Rbm::new(spec(Sampler::Cd(1)), &mut Rng::new(11));
    {
        let mut r = Rng::new(12);
        let (w, b, c) = rbm.params_mut();
        w.iter_mut().for_each(|x| *x = (r.normal() * 1.5) as f32);
        b.iter_mut().for_each(|x| *x = (r.normal() * 0.5) as f32);
        c.iter_mut().for_each(|x| *x = (r.normal() * 0.5) as f32);
    }
    let p = distribution(&rbm);
    let rows = 20_000;
    let mut rng = Rng::new(13);
    let mut chain = Chain::from_noise(&rbm, rows, &mut rng);
    let mut tv = Vec::new();
    for step in 1..=30 {
        chain.step(&rbm, &mut rng);
        if [1, 2, 5, 10, 30].contains(&step) {
            let mut count = vec![0.0f64; 64];
            for v in chain.state().chunks(V) {
                count[index_of(v)] += 1.0 / rows as f64;
            }
            let d: f64 = count
                .iter()
                .zip(&p)
                .map(|(a, b)| (a - b).abs())
                .sum::<f64>()
                / 2.0;
            tv.push((step, d));
        }
    }
    println!("total variation to the exact distribution over {rows} chains: {tv:.4?}");
    assert!(tv[0].1 > tv[tv.len() - 1].1, "{tv:?}");
    // Sampling noise alone with 20,000 chains over 64 states is about 0.02.
    assert!(tv[tv.len() - 1].1 < 0.04, "{tv:?}");
}
