//! Finite-difference gradient checks of the convolution, pooling and
//! recurrent ops and of a whole small CNN, and each op refusing a wrong
//! shape with its message.
//!
//! As in `tests/gradcheck.rs`: a scalar L (a random weighting Σ rᵢ·outᵢ of
//! the op's output, accumulated in f64, or the model's loss), each input
//! perturbed by ±ε, the central difference compared with the analytic
//! gradient within 2e-3 + 2e-2·|numeric|.

mod fd;
use fd::{close, random, weighted, EPS};

use neuroplay::models::cnn::{Cnn, CnnSpec, ConvLayer, Images, Pool};
use neuroplay::models::Model;
use neuroplay::ops::conv2d::{self, Conv2dShape};
use neuroplay::ops::pool::{self, PoolShape};
use neuroplay::ops::{lstm, rnn, Activation};
use neuroplay::rng::Rng;

/// Compares `analytic[k]` with the central difference of `f` in every
/// element of every tensor of `inputs` (named by `names`).
fn check_all(
    inputs: &mut [Vec<f32>],
    analytic: &[Vec<f32>],
    names: &[&str],
    f: impl Fn(&[Vec<f32>]) -> f64,
) {
    for t in 0..inputs.len() {
        for k in 0..inputs[t].len() {
            let orig = inputs[t][k];
            inputs[t][k] = orig + EPS;
            let up = f(inputs);
            inputs[t][k] = orig - EPS;
            let down = f(inputs);
            inputs[t][k] = orig;
            let n = ((up - down) / (2.0 * f64::from(EPS))) as f32;
            close(analytic[t][k], n, &format!("{}[{k}]", names[t]));
        }
    }
}

fn conv_check(s: Conv2dShape, bias: bool, seed: u64) {
    let mut r = Rng::new(seed);
    let x = random(&mut r, s.x_len(), 1.0);
    let w = random(&mut r, s.weight_len(), 1.0);
    let b = random(&mut r, if bias { s.oc } else { 0 }, 1.0);
    let weights = random(&mut r, s.y_len(), 1.0);
    let (mut col, mut work) = (vec![0.0; s.col_len()], vec![0.0; s.work_len()]);
    let run = |v: &[Vec<f32>]| {
        let mut y = vec![0.0; s.y_len()];
        let (mut col, mut work) = (vec![0.0; s.col_len()], vec![0.0; s.work_len()]);
        let bias = bias.then_some(&v[2][..]);
        conv2d::forward(&mut y, &mut col, &mut work, &v[0], &v[1], bias, &s);
        weighted(&y, &weights)
    };
    let mut y = vec![0.0; s.y_len()];
    conv2d::forward(
        &mut y,
        &mut col,
        &mut work,
        &x,
        &w,
        bias.then_some(&b[..]),
        &s,
    );
    // Gradients accumulate: start them from ones and take the ones off.
    let (mut dx, mut dw, mut db) = (vec![9.0; s.x_len()], vec![1.0; w.len()], vec![1.0; b.len()]);
    let mut dcol = vec![0.0; s.col_len()];
    let db_arg = bias.then_some(&mut db[..]);
    conv2d::backward(
        Some(&mut dx),
        &mut dw,
        db_arg,
        &mut dcol,
        &mut work,
        &weights,
        &col,
        &w,
        &s,
    );
    dw.iter_mut().for_each(|g| *g -= 1.0);
    db.iter_mut().for_each(|g| *g -= 1.0);
    check_all(&mut [x, w, b], &[dx, dw, db], &["dx", "dW", "db"], run);
}

#[test]
fn conv2d_several_shapes() {
    // (B, IC, H, W, OC, KH, KW, stride, pad), bias.
    let cases = [
        ((1, 1, 5, 5, 1, 3, 3, 1, 0), true),
        ((2, 3, 6, 5, 4, 3, 3, 1, 1), true),
        ((2, 2, 7, 7, 3, 5, 5, 2, 2), false),
        ((3, 2, 6, 6, 2, 3, 2, 2, 1), true),
        ((2, 1, 8, 8, 3, 4, 4, 2, 0), true),
        ((1, 2, 5, 7, 2, 1, 1, 1, 0), false),
        ((2, 2, 9, 6, 3, 5, 3, 3, 1), true),
    ];
    for (i, ((b, ic, h, w, oc, kh, kw, st, pad), bias)) in cases.into_iter().enumerate() {
        let s = Conv2dShape::new(b, ic, h, w, oc, kh, kw, st, pad).unwrap();
        conv_check(s, bias, 30 + i as u64);
    }
}

/// Distinct values at least 0.05 apart (well over 2ε), shuffled: no window
/// has a tie that a perturbation could break.
fn tie_free(r: &mut Rng, n: usize) -> Vec<f32> {
    let mut v: Vec<f32> = (0..n).map(|i| i as f32 * 0.05 - n as f32 * 0.025).collect();
    r.shuffle(&mut v);
    v
}

#[test]
fn max_and_average_pooling() {
    // (B, C, H, W, K, stride): tiling, overlapping, and ragged edges.
    let cases = [
        (2, 3, 4, 4, 2, 2),
        (1, 2, 7, 7, 2, 2),
        (2, 1, 7, 6, 3, 2),
        (1, 2, 5, 5, 3, 1),
        (2, 2, 6, 4, 2, 3),
    ];
    for (i, (b, c, h, w, k, st)) in cases.into_iter().enumerate() {
        let s = PoolShape::new(b, c, h, w, k, st).unwrap();
        let mut r = Rng::new(50 + i as u64);
        let x = tie_free(&mut r, s.x_len());
        let weights = random(&mut r, s.y_len(), 1.0);
        let mut y = vec![0.0; s.y_len()];
        let mut argmax = vec![0; s.y_len()];
        pool::max_forward(&mut y, &mut argmax, &x, &s);
        let mut dx = vec![7.0; s.x_len()];
        pool::max_backward(&mut dx, &weights, &argmax, &s);
        let run_max = |v: &[Vec<f32>]| {
            let (mut y, mut am) = (vec![0.0; s.y_len()], vec![0; s.y_len()]);
            pool::max_forward(&mut y, &mut am, &v[0], &s);
            weighted(&y, &weights)
        };
        check_all(&mut [x.clone()], &[dx], &["max pool dx"], run_max);

        pool::avg_forward(&mut y, &x, &s);
        let mut dx = vec![7.0; s.x_len()];
        pool::avg_backward(&mut dx, &weights, &s);
        let run_avg = |v: &[Vec<f32>]| {
            let mut y = vec![0.0; s.y_len()];
            pool::avg_forward(&mut y, &v[0], &s);
            weighted(&y, &weights)
        };
        check_all(&mut [x], &[dx], &["avg pool dx"], run_avg);
    }
}

/// LSTM over several steps: every weight, the inputs, and the initial
/// state when one is given.
fn lstm_check(b: usize, t: usize, i: usize, h: usize, initial: bool, seed: u64) {
    let mut r = Rng::new(seed);
    let x = random(&mut r, b * t * i, 1.0);
    let w_ih = random(&mut r, i * 4 * h, 0.8);
    let w_hh = random(&mut r, h * 4 * h, 0.8);
    let bias = random(&mut r, 4 * h, 0.5);
    let h0 = random(&mut r, if initial { b * h } else { 0 }, 1.0);
    let c0 = random(&mut r, if initial { b * h } else { 0 }, 1.0);
    let weights = random(&mut r, b * t * h, 1.0);
    let forward = |v: &[Vec<f32>], keep: &mut Vec<f32>| {
        let (mut work, mut step) = (vec![0.0; b * t * 4 * h], vec![0.0; b * 4 * h]);
        let (h0, c0) = (initial.then_some(&v[4][..]), initial.then_some(&v[5][..]));
        lstm::forward(
            keep, &mut work, &mut step, &v[0], &v[1], &v[2], &v[3], h0, c0, b, t, i, h,
        );
    };
    let run = |v: &[Vec<f32>]| {
        let mut keep = vec![0.0; 6 * b * t * h];
        forward(v, &mut keep);
        weighted(lstm::section(&keep, lstm::H, b, t, h), &weights)
    };
    let mut inputs = [x, w_ih, w_hh, bias, h0, c0];
    let mut keep = vec![0.0; 6 * b * t * h];
    forward(&inputs, &mut keep);
    let mut g: Vec<Vec<f32>> = inputs.iter().map(|v| vec![0.0; v.len()]).collect();
    let (mut work, mut carry) = (vec![0.0; b * t * 4 * h], vec![0.0; 2 * b * h]);
    let [dx, dw_ih, dw_hh, db, dh0, dc0] = &mut g[..] else {
        unreachable!()
    };
    let (dh0, dc0) = (
        initial.then_some(&mut dh0[..]),
        initial.then_some(&mut dc0[..]),
    );
    let [x, w_ih, w_hh, _, h0, c0] = &inputs;
    let (h0, c0) = (initial.then_some(&h0[..]), initial.then_some(&c0[..]));
    lstm::backward(
        Some(dx),
        dw_ih,
        dw_hh,
        db,
        dh0,
        dc0,
        &mut work,
        &mut carry,
        &weights,
        &keep,
        x,
        w_ih,
        w_hh,
        h0,
        c0,
        b,
        t,
        i,
        h,
    );
    let names = ["dx", "dw_ih", "dw_hh", "dbias", "dh0", "dc0"];
    check_all(&mut inputs, &g, &names, run);
}

#[test]
fn lstm_over_several_steps() {
    lstm_check(2, 5, 3, 4, true, 60);
    lstm_check(3, 4, 2, 3, false, 61);
    lstm_check(1, 7, 1, 2, true, 62);
}

fn rnn_check(b: usize, t: usize, i: usize, h: usize, initial: bool, seed: u64) {
    let mut r = Rng::new(seed);
    let x = random(&mut r, b * t * i, 1.0);
    let w_ih = random(&mut r, i * h, 0.8);
    let w_hh = random(&mut r, h * h, 0.8);
    let bias = random(&mut r, h, 0.5);
    let h0 = random(&mut r, if initial { b * h } else { 0 }, 1.0);
    let weights = random(&mut r, b * t * h, 1.0);
    let forward = |v: &[Vec<f32>], hs: &mut Vec<f32>| {
        let mut step = vec![0.0; b * h];
        let h0 = initial.then_some(&v[4][..]);
        rnn::forward(hs, &mut step, &v[0], &v[1], &v[2], &v[3], h0, b, t, i, h);
    };
    let run = |v: &[Vec<f32>]| {
        let mut hs = vec![0.0; b * t * h];
        forward(v, &mut hs);
        weighted(&hs, &weights)
    };
    let mut inputs = [x, w_ih, w_hh, bias, h0];
    let mut hs = vec![0.0; b * t * h];
    forward(&inputs, &mut hs);
    let mut g: Vec<Vec<f32>> = inputs.iter().map(|v| vec![0.0; v.len()]).collect();
    let (mut work, mut carry) = (vec![0.0; b * t * h], vec![0.0; b * h]);
    let [dx, dw_ih, dw_hh, db, dh0] = &mut g[..] else {
        unreachable!()
    };
    let dh0 = initial.then_some(&mut dh0[..]);
    let [x, w_ih, w_hh, _, h0] = &inputs;
    let h0 = initial.then_some(&h0[..]);
    rnn::backward(
        Some(dx),
        dw_ih,
        dw_hh,
        db,
        dh0,
        &mut work,
        &mut carry,
        &weights,
        &hs,
        x,
        w_ih,
        w_hh,
        h0,
        b,
        t,
        i,
        h,
    );
    check_all(
        &mut inputs,
        &g,
        &["dx", "dw_ih", "dw_hh", "dbias", "dh0"],
        run,
    );
}

#[test]
fn rnn_over_several_steps() {
    rnn_check(2, 6, 3, 4, true, 70);
    rnn_check(3, 4, 2, 3, false, 71);
}

/// Every parameter of a small CNN with both pooling kinds, two conv layers
/// (one of stride 2), a hidden dense layer and the softmax loss; then of one
/// whose last conv layer has no pooling and feeds the class layer directly.
#[test]
fn whole_small_cnn() {
    let layer = |channels, stride, pool| ConvLayer {
        channels,
        kernel: 3,
        stride,
        pad: 1,
        pool,
        activation: Activation::Tanh,
    };
    let conv = vec![layer(2, 1, Pool::Max(2)), layer(3, 2, Pool::Avg(2))];
    let (side, channels, classes, dense_activation) = (8, 1, 3, Activation::Tanh);
    let pooled = CnnSpec {
        side,
        channels,
        classes,
        conv,
        dense: vec![4],
        dense_activation,
    };
    let mut unpooled = pooled.clone();
    unpooled.conv[1] = ConvLayer {
        activation: Activation::Sigmoid,
        ..layer(3, 2, Pool::None)
    };
    unpooled.dense.clear();
    for (seed, spec) in [(80, pooled), (81, unpooled)] {
        cnn_check(spec, seed);
    }
}

fn cnn_check(spec: CnnSpec, seed: u64) {
    let mut r = Rng::new(seed);
    let mut net = Cnn::new(spec, &mut r).unwrap();
    let b = 3;
    let mut batch = Images {
        x: random(&mut r, b * 64, 1.0),
        y: vec![0, 2, 1],
        pixels: 64,
    };
    // Redraw the images until every max-pooling window's largest value
    // leads the next by 0.03: a step of ε in one weight or input moves a
    // tanh map by at most ~ε·|x| ≤ 0.01, so no difference quotient crosses
    // a change of argmax.
    while {
        net.forward(&batch.x, b);
        let a = net.feature_maps(0);
        let mut worst = f32::INFINITY;
        for (n, c, i, j) in (0..b).flat_map(|n| {
            (0..2).flat_map(move |c| (0..4).flat_map(move |i| (0..4).map(move |j| (n, c, i, j))))
        }) {
            let mut w = [
                a[[n, c, 2 * i, 2 * j]],
                a[[n, c, 2 * i + 1, 2 * j]],
                a[[n, c, 2 * i, 2 * j + 1]],
                a[[n, c, 2 * i + 1, 2 * j + 1]],
            ];
            w.sort_by(|p, q| q.total_cmp(p));
            worst = worst.min(w[0] - w[1]);
        }
        worst < 0.03
    } {
        batch.x = random(&mut r, b * 64, 1.0);
    }
    net.store_mut().zero_grad();
    net.gradient(&batch, &mut r);
    let analytic = net.store().grad.clone();
    for (k, &a) in analytic.iter().enumerate() {
        let orig = net.store().data[k];
        net.store_mut().data[k] = orig + EPS;
        let up = net.loss_on(&batch);
        net.store_mut().data[k] = orig - EPS;
        let down = net.loss_on(&batch);
        net.store_mut().data[k] = orig;
        let n = ((up - down) / (2.0 * f64::from(EPS))) as f32;
        let name = &net
            .store()
            .views
            .iter()
            .find(|v| v.range().contains(&k))
            .unwrap()
            .name;
        close(a, n, &format!("cnn {name} [{k}]"));
    }
}

#[test]
#[should_panic(expected = "conv2d: weight holds 27 floats, expected OC×IC×KH×KW = 2×3×3×3 = 54")]
fn conv2d_refuses_a_wrong_weight() {
    let s = Conv2dShape::new(1, 3, 5, 5, 2, 3, 3, 1, 1).unwrap();
    let (mut y, mut col) = (vec![0.0; s.y_len()], vec![0.0; s.col_len()]);
    conv2d::forward(
        &mut y,
        &mut col,
        &mut vec![0.0; s.work_len()],
        &vec![0.0; s.x_len()],
        &[0.0; 27],
        None,
        &s,
    );
}

#[test]
#[should_panic(
    expected = "conv2d: col holds 10 floats, expected IC×KH×KW×B×OH×OW = 3×3×3×2×5×5 = 1350"
)]
fn conv2d_refuses_a_short_column_buffer() {
    let s = Conv2dShape::new(2, 3, 5, 5, 2, 3, 3, 1, 1).unwrap();
    let (mut y, mut col) = (vec![0.0; s.y_len()], vec![0.0; 10]);
    conv2d::forward(
        &mut y,
        &mut col,
        &mut vec![0.0; s.work_len()],
        &vec![0.0; s.x_len()],
        &vec![0.0; s.weight_len()],
        None,
        &s,
    );
}

#[test]
fn conv2d_shapes_that_make_no_sense_are_errors() {
    let e = |r: Result<Conv2dShape, String>| r.unwrap_err();
    assert_eq!(
        e(Conv2dShape::new(1, 1, 4, 4, 1, 7, 7, 1, 1)),
        "conv2d: kernel 7×7 is larger than the padded input 6×6 (4×4 with padding 1)"
    );
    assert_eq!(
        e(Conv2dShape::new(1, 0, 4, 4, 1, 3, 3, 1, 1)),
        "conv2d: IC is zero"
    );
    assert_eq!(
        e(Conv2dShape::new(1, 1, 4, 4, 1, 3, 3, 0, 1)),
        "conv2d: stride is zero"
    );
    assert_eq!(
        e(Conv2dShape::new(1, 1, 4, 4, 1, 3, 3, 1, 2)),
        "conv2d: padding 2 is more than half the kernel 3×3"
    );
    assert!(Conv2dShape::new(usize::MAX / 2, 64, 64, 64, 1, 3, 3, 1, 1).is_err());
    let s = Conv2dShape::new(2, 1, 14, 14, 8, 5, 5, 1, 2).unwrap();
    assert_eq!((s.oh(), s.ow(), s.patch()), (14, 14, 25));
    let s = Conv2dShape::new(1, 1, 7, 7, 1, 3, 3, 2, 0).unwrap();
    assert_eq!((s.oh(), s.ow()), (3, 3));
}

#[test]
#[should_panic(expected = "max pool: x holds 10 floats, expected B×C×H×W = 1×1×4×4 = 16")]
fn max_pool_refuses_a_wrong_input() {
    let s = PoolShape::new(1, 1, 4, 4, 2, 2).unwrap();
    pool::max_forward(&mut [0.0; 4], &mut [0; 4], &[0.0; 10], &s);
}

#[test]
#[should_panic(expected = "avg pool backward: y holds 3 floats, expected B×C×OH×OW = 1×1×2×2 = 4")]
fn avg_pool_refuses_a_wrong_gradient() {
    let s = PoolShape::new(1, 1, 4, 4, 2, 2).unwrap();
    pool::avg_backward(&mut [0.0; 16], &[0.0; 3], &s);
}

#[test]
fn pool_shapes_that_make_no_sense_are_errors() {
    assert_eq!(
        PoolShape::new(1, 1, 3, 5, 4, 1).unwrap_err(),
        "pool: window 4×4 is larger than the input 3×5"
    );
    assert_eq!(
        PoolShape::new(1, 1, 3, 5, 2, 0).unwrap_err(),
        "pool: stride is zero"
    );
}

#[test]
#[should_panic(expected = "lstm: w_hh holds 12 floats, expected H×4H = 3×12 = 36")]
fn lstm_refuses_a_wrong_recurrent_weight() {
    let (b, t, i, h) = (2, 3, 2, 3);
    let (mut keep, mut work, mut step) = (
        vec![0.0; 6 * b * t * h],
        vec![0.0; b * t * 4 * h],
        vec![0.0; b * 4 * h],
    );
    let (x, w_ih, bias) = (vec![0.0; b * t * i], vec![0.0; i * 4 * h], vec![0.0; 4 * h]);
    lstm::forward(
        &mut keep, &mut work, &mut step, &x, &w_ih, &[0.0; 12], &bias, None, None, b, t, i, h,
    );
}

#[test]
#[should_panic(expected = "rnn backward: dh holds 5 floats, expected B×T×H = 2×3×3 = 18")]
fn rnn_refuses_a_wrong_output_gradient() {
    let (b, t, i, h) = (2, 3, 2, 3);
    let (mut dw_ih, mut dw_hh, mut db) = (vec![0.0; i * h], vec![0.0; h * h], vec![0.0; h]);
    let (mut work, mut carry) = (vec![0.0; b * t * h], vec![0.0; b * h]);
    let (hs, x) = (vec![0.0; b * t * h], vec![0.0; b * t * i]);
    let (w_ih, w_hh) = (vec![0.0; i * h], vec![0.0; h * h]);
    rnn::backward(
        None, &mut dw_ih, &mut dw_hh, &mut db, None, &mut work, &mut carry, &[0.0; 5], &hs, &x,
        &w_ih, &w_hh, None, b, t, i, h,
    );
}
