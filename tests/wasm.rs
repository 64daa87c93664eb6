//! Tests that run inside WebAssembly (`make test-wasm`): the SIMD128 kernels
//! against the naive reference, the fast maths, and a seeded training run,
//! all on the wasm build itself.
#![cfg(target_arch = "wasm32")]

use neuroplay::config::playground::{config, decode};
use neuroplay::playground::Session;
use neuroplay::rng::Rng;
use neuroplay::tensor::fastmath;
use neuroplay::tensor::lanes::{Lanes, Portable, Simd128};
use neuroplay::tensor::matmul::{matmul_naive, matmul_with, MatRef};
use wasm_bindgen_test::wasm_bindgen_test;

fn random(r: &mut Rng, len: usize) -> Vec<f32> {
    (0..len).map(|_| r.uniform(-1.0, 1.0) as f32).collect()
}

fn check_path<L: Lanes>() {
    let mut r = Rng::new(17);
    let shapes = [(1, 1, 1), (1, 9, 1), (1, 5, 17), (17, 5, 1), (4, 4, 8), (10, 2, 4), (33, 31, 29), (64, 64, 64), (3, 100, 7)];
    for &(m, k, n) in &shapes {
        let a = random(&mut r, m * k);
        let b = random(&mut r, k * n);
        for (av, bv) in [
            (MatRef::new(&a, m, k), MatRef::new(&b, k, n)),
            (MatRef::new(&a, k, m).t(), MatRef::new(&b, k, n)),
            (MatRef::new(&a, m, k), MatRef::new(&b, n, k).t()),
        ] {
            for accumulate in [false, true] {
                let mut want = vec![0.5; m * n];
                let mut got = vec![0.5; m * n];
                matmul_naive(av, bv, &mut want, accumulate);
                matmul_with::<L>(av, bv, &mut got, accumulate);
                for (g, w) in got.iter().zip(&want) {
                    assert!((g - w).abs() <= 1e-4 * (1.0 + k as f32).sqrt(), "{} {m}×{k}×{n}: {g} vs {w}", L::NAME);
                }
            }
        }
    }
}

#[wasm_bindgen_test]
fn simd128_matmul_matches_naive() {
    check_path::<Simd128>();
}

#[wasm_bindgen_test]
fn portable_matmul_matches_naive() {
    check_path::<Portable>();
}

#[wasm_bindgen_test]
fn fast_maths_in_wasm() {
    for i in -2000..=2000 {
        let x = i as f32 * 0.01;
        assert!((f64::from(fastmath::tanh(x)) - f64::from(x).tanh()).abs() < 4e-7);
        assert!((f64::from(fastmath::exp(x)) / f64::from(x).exp() - 1.0).abs() < 3e-7);
    }
    assert!(fastmath::tanh(f32::NAN).is_nan());
}

#[wasm_bindgen_test]
fn circle_converges_in_wasm() {
    let d = decode("dataset=circle&seed=0.1&networkShape=4,2", "0.1");
    let mut s = Session::new(config(&d.settings));
    s.train_epochs(300);
    let m = s.evaluate();
    assert!(m.test_loss < 0.05 && m.test_accuracy > 0.97, "loss {} acc {}", m.test_loss, m.test_accuracy);
}
