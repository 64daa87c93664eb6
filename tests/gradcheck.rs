//! Finite-difference gradient checks for every op, loss and the whole MLP.
//!
//! Each check builds a scalar L from the op's output (a random weighting
//! Σ rᵢ·outᵢ, or the loss itself), perturbs each input by ±ε, and compares
//! the central difference (L(+ε) − L(−ε)) / 2ε with the analytic gradient.
//! Tolerance: |analytic − numeric| ≤ 2e-3 + 2e-2·|numeric| (f32 arithmetic).

mod fd;
use fd::{EPS, close, random, weighted, numeric};

use neuroplay::models::{Mlp, MlpSpec};
use neuroplay::nn::{Init, Regularization};
use neuroplay::ops::{linear, loss, Activation};
use neuroplay::rng::Rng;

#[test]
fn linear_layer() {
    // A layer of direct kernels and one of the packed kernel.
    linear_layer_check(5, 3, 4);
    linear_layer_check(8, 60, 70);
}

fn linear_layer_check(b: usize, i: usize, o: usize) {
    let mut r = Rng::new(11);
    let mut x = random(&mut r, b * i, 1.0);
    let mut w = random(&mut r, i * o, 1.0);
    let mut bias = random(&mut r, o, 1.0);
    let weights = random(&mut r, b * o, 1.0);
    let run = |x: &[f32], w: &[f32], bias: &[f32]| {
        let mut y = vec![0.0; b * o];
        linear::forward(&mut y, x, w, Some(bias), b, i, o);
        weighted(&y, &weights)
    };
    let (mut dw, mut db, mut dx) = (vec![0.0; i * o], vec![0.0; o], vec![0.0; b * i]);
    linear::backward(Some(&mut dx), &mut dw, Some(&mut db), &weights, &x, &w, b, i, o);
    for k in 0..x.len() {
        let (w2, b2) = (w.clone(), bias.clone());
        close(dx[k], numeric(&mut x, k, |x| run(x, &w2, &b2)), "dX");
    }
    for k in 0..w.len() {
        let (x2, b2) = (x.clone(), bias.clone());
        close(dw[k], numeric(&mut w, k, |w| run(&x2, w, &b2)), "dW");
    }
    for k in 0..o {
        let (x2, w2) = (x.clone(), w.clone());
        close(db[k], numeric(&mut bias, k, |bb| run(&x2, &w2, bb)), "db");
    }
}

#[test]
fn every_activation() {
    let mut r = Rng::new(12);
    for act in Activation::ALL {
        // Keep inputs away from the kinks of ReLU, leaky ReLU and ELU.
        let mut z: Vec<f32> = random(&mut r, 40, 3.0)
            .into_iter()
            .map(|v| if v.abs() < 0.05 { v + 0.2 } else { v })
            .collect();
        let weights = random(&mut r, 40, 1.0);
        let run = |z: &[f32]| {
            let mut y = vec![0.0; z.len()];
            act.forward(z, &mut y);
            weighted(&y, &weights)
        };
        let mut y = vec![0.0; z.len()];
        act.forward(&z, &mut y);
        let mut dz = vec![0.0; z.len()];
        act.backward(&z, &y, &weights, &mut dz);
        for k in 0..z.len() {
            close(dz[k], numeric(&mut z, k, run), act.name());
        }
    }
}

#[test]
fn squared_loss() {
    let mut r = Rng::new(13);
    let (b, k) = (6, 3);
    let mut out = random(&mut r, b * k, 1.0);
    let target = random(&mut r, b * k, 1.0);
    let mut g = vec![0.0; b * k];
    loss::squared(&out, &target, Some(&mut g), b, k);
    for i in 0..out.len() {
        close(
            g[i],
            numeric(&mut out, i, |o| loss::squared(o, &target, None, b, k)),
            "squared",
        );
    }
}

#[test]
#[should_panic(expected = "softmax cross-entropy: labels holds token id 4 at b = 1, t = 0, not below K = 4")]
fn softmax_cross_entropy_refuses_a_label_past_the_classes() {
    let mut p = vec![0.0; 8];
    loss::softmax_cross_entropy(&[0.0; 8], &[1, 4], &mut p, None, 2, 4);
}

#[test]
fn softmax_cross_entropy() {
    let mut r = Rng::new(14);
    let (b, k) = (5, 4);
    let mut z = random(&mut r, b * k, 3.0);
    let labels: Vec<u32> = (0..b as u32).map(|i| i % k as u32).collect();
    let mut probs = vec![0.0; b * k];
    let mut g = vec![0.0; b * k];
    loss::softmax_cross_entropy(&z, &labels, &mut probs, Some(&mut g), b, k);
    for i in 0..z.len() {
        let mut p = vec![0.0; b * k];
        close(
            g[i],
            numeric(&mut z, i, |z| {
                loss::softmax_cross_entropy(z, &labels, &mut p, None, b, k)
            }),
            "softmax CE",
        );
    }
}

#[test]
fn linear_layer_without_bias() {
    let (b, i, o) = (3, 4, 5);
    let mut r = Rng::new(12);
    let mut x = random(&mut r, b * i, 1.0);
    let mut w = random(&mut r, i * o, 1.0);
    let weights = random(&mut r, b * o, 1.0);
    let run = |x: &[f32], w: &[f32]| {
        let mut y = vec![0.0; b * o];
        linear::forward(&mut y, x, w, None, b, i, o);
        weighted(&y, &weights)
    };
    let (mut dw, mut dx) = (vec![0.0; i * o], vec![0.0; b * i]);
    linear::backward(Some(&mut dx), &mut dw, None, &weights, &x, &w, b, i, o);
    for k in 0..x.len() {
        let w2 = w.clone();
        close(dx[k], numeric(&mut x, k, |x| run(x, &w2)), "dX");
    }
    for k in 0..w.len() {
        let x2 = x.clone();
        close(dw[k], numeric(&mut w, k, |w| run(&x2, w)), "dW");
    }
}

#[test]
#[should_panic(expected = "linear: w holds 12 floats, expected I×O = 4×5 = 20")]
fn linear_layer_refuses_a_wrong_shape() {
    let mut y = vec![0.0; 15];
    linear::forward(&mut y, &[0.0; 12], &[0.0; 12], None, 3, 4, 5);
}

#[test]
fn regularization_penalties() {
    let mut r = Rng::new(15);
    for reg in [Regularization::L1, Regularization::L2] {
        for _ in 0..50 {
            let mut w = vec![r.uniform(-2.0, 2.0) as f32];
            if w[0].abs() < 0.05 {
                continue;
            }
            let n = numeric(&mut w, 0, |w| f64::from(reg.penalty(w[0])));
            close(reg.derivative(w[0]), n, reg.name());
        }
    }
}

fn mlp_check(act: Activation, out_act: Activation, cross_entropy: bool, seed: u64) {
    let mut r = Rng::new(seed);
    let (b, inputs, outputs) = (4, 3, if cross_entropy { 3 } else { 2 });
    let spec = MlpSpec {
        inputs,
        hidden: vec![5, 4],
        outputs,
        activation: act,
        output_activation: out_act,
        init: Init::Xavier,
    };
    let mut net = Mlp::new(spec, &mut r);
    // Draw inputs until no hidden pre-activation lies near a kink of ReLU
    // or leaky ReLU, where a difference quotient of step ε would straddle it.
    let mut x = random(&mut r, b * inputs, 2.0);
    while {
        net.forward(&x, b);
        (0..2).any(|l| net.pre_activations(l, b).iter().any(|z| z.abs() < 0.1))
    } {
        x = random(&mut r, b * inputs, 2.0);
    }
    let target = random(&mut r, b * outputs, 1.0);
    let labels: Vec<u32> = (0..b as u32).map(|i| i % outputs as u32).collect();
    let loss_of = |net: &mut Mlp| -> (f64, Vec<f32>) {
        let out = net.forward(&x, b).to_vec();
        let mut g = vec![0.0; b * outputs];
        let l = if cross_entropy {
            let mut p = vec![0.0; b * outputs];
            loss::softmax_cross_entropy(&out, &labels, &mut p, Some(&mut g), b, outputs)
        } else {
            loss::squared(&out, &target, Some(&mut g), b, outputs)
        };
        (l, g)
    };
    let (_, g) = loss_of(&mut net);
    net.store.zero_grad();
    net.backward(&x, &g, b);
    let analytic = net.store.grad.clone();
    for i in 0..net.store.len() {
        let orig = net.store.data[i];
        net.store.data[i] = orig + EPS;
        let up = loss_of(&mut net).0;
        net.store.data[i] = orig - EPS;
        let down = loss_of(&mut net).0;
        net.store.data[i] = orig;
        let n = ((up - down) / (2.0 * f64::from(EPS))) as f32;
        close(analytic[i], n, &format!("mlp {} param {i}", act.name()));
    }
}

#[test]
fn whole_mlp_every_hidden_activation() {
    for (i, act) in Activation::ALL.iter().enumerate() {
        mlp_check(*act, Activation::Tanh, false, 100 + i as u64);
        mlp_check(*act, Activation::Linear, true, 200 + i as u64);
    }
}
