//! The convolution and pooling ops against naive loops, on random shapes:
//! conv2d against the seven-loop definition (accumulated in f64) within
//! 1e-4, max and average pooling against per-window loops.

use neuroplay::ops::conv2d::{self, Conv2dShape};
use neuroplay::ops::pool::{self, PoolShape};
use neuroplay::rng::Rng;

fn random(r: &mut Rng, n: usize) -> Vec<f32> {
    (0..n).map(|_| r.uniform(-1.0, 1.0) as f32).collect()
}

/// y[b, o, i, j] = bias[o] + Σ_{c, ki, kj} w[o, c, ki, kj] · x[b, c, i·s + ki − p, j·s + kj − p].
fn naive_conv(x: &[f32], w: &[f32], bias: Option<&[f32]>, s: &Conv2dShape) -> Vec<f32> {
    let (oh, ow) = (s.oh(), s.ow());
    let mut y = vec![0.0; s.y_len()];
    for b in 0..s.b {
        for o in 0..s.oc {
            for i in 0..oh {
                for j in 0..ow {
                    let mut sum = bias.map_or(0.0, |bias| f64::from(bias[o]));
                    for c in 0..s.ic {
                        for ki in 0..s.kh {
                            for kj in 0..s.kw {
                                let ih = (i * s.stride + ki) as isize - s.pad as isize;
                                let iw = (j * s.stride + kj) as isize - s.pad as isize;
                                if ih < 0 || iw < 0 || ih >= s.h as isize || iw >= s.w as isize {
                                    continue;
                                }
                                let xv =
                                    x[((b * s.ic + c) * s.h + ih as usize) * s.w + iw as usize];
                                let wv = w[((o * s.ic + c) * s.kh + ki) * s.kw + kj];
                                sum += f64::from(xv) * f64::from(wv);
                            }
                        }
                    }
                    y[((b * s.oc + o) * oh + i) * ow + j] = sum as f32;
                }
            }
        }
    }
    y
}

#[test]
fn conv2d_equals_the_seven_loops_on_random_shapes() {
    let mut r = Rng::new(90);
    let mut tried = 0;
    while tried < 200 {
        let (kh, kw) = (1 + r.below(5), 1 + r.below(5));
        let pad = r.below(kh.min(kw) / 2 + 1);
        let shape = Conv2dShape::new(
            1 + r.below(3),
            1 + r.below(4),
            1 + r.below(16),
            1 + r.below(16),
            1 + r.below(6),
            kh,
            kw,
            1 + r.below(3),
            pad,
        );
        let Ok(s) = shape else { continue };
        tried += 1;
        let (x, w, b) = (
            random(&mut r, s.x_len()),
            random(&mut r, s.weight_len()),
            random(&mut r, s.oc),
        );
        let bias = (tried % 2 == 0).then_some(&b[..]);
        let mut y = vec![f32::NAN; s.y_len()];
        let (mut col, mut work) = (vec![f32::NAN; s.col_len()], vec![f32::NAN; s.work_len()]);
        conv2d::forward(&mut y, &mut col, &mut work, &x, &w, bias, &s);
        for (k, (a, e)) in y.iter().zip(naive_conv(&x, &w, bias, &s)).enumerate() {
            assert!((a - e).abs() <= 1e-4, "{s:?} y[{k}]: {a} vs {e}");
        }
    }
}

/// The CNN's own shapes, on the largest products (batch 32).
#[test]
fn conv2d_equals_the_seven_loops_on_the_cnn_shapes() {
    let mut r = Rng::new(91);
    for s in [
        Conv2dShape::new(32, 1, 14, 14, 8, 5, 5, 1, 2),
        Conv2dShape::new(32, 8, 7, 7, 16, 3, 3, 1, 1),
    ] {
        let s = s.unwrap();
        let (x, w, b) = (
            random(&mut r, s.x_len()),
            random(&mut r, s.weight_len()),
            random(&mut r, s.oc),
        );
        let (mut y, mut col) = (vec![0.0; s.y_len()], vec![0.0; s.col_len()]);
        let mut work = vec![0.0; s.work_len()];
        conv2d::forward(&mut y, &mut col, &mut work, &x, &w, Some(&b), &s);
        for (a, e) in y.iter().zip(naive_conv(&x, &w, Some(&b), &s)) {
            assert!((a - e).abs() <= 1e-4, "{s:?}: {a} vs {e}");
        }
    }
}

#[test]
fn pooling_equals_per_window_loops() {
    let mut r = Rng::new(92);
    let mut tried = 0;
    while tried < 200 {
        let k = 1 + r.below(4);
        let shape = PoolShape::new(
            1 + r.below(3),
            1 + r.below(4),
            1 + r.below(12),
            1 + r.below(12),
            k,
            1 + r.below(4),
        );
        let Ok(s) = shape else { continue };
        tried += 1;
        let x = random(&mut r, s.x_len());
        let (mut ymax, mut yavg, mut am) = (
            vec![0.0; s.y_len()],
            vec![0.0; s.y_len()],
            vec![0; s.y_len()],
        );
        pool::max_forward(&mut ymax, &mut am, &x, &s);
        pool::avg_forward(&mut yavg, &x, &s);
        let (oh, ow) = (s.oh(), s.ow());
        for p in 0..s.b * s.c {
            for i in 0..oh {
                for j in 0..ow {
                    let o = (p * oh + i) * ow + j;
                    let (mut best, mut sum) = (f32::NEG_INFINITY, 0.0f64);
                    for di in 0..s.k {
                        for dj in 0..s.k {
                            let v = x[(p * s.h + i * s.stride + di) * s.w + j * s.stride + dj];
                            best = best.max(v);
                            sum += f64::from(v);
                        }
                    }
                    assert_eq!(ymax[o], best, "{s:?} max at {o}");
                    assert_eq!(x[am[o] as usize], best, "{s:?} argmax at {o}");
                    let mean = (sum / (s.k * s.k) as f64) as f32;
                    assert!(
                        (yavg[o] - mean).abs() <= 1e-6,
                        "{s:?} avg at {o}: {} vs {mean}",
                        yavg[o]
                    );
                }
            }
        }
    }
}
