//! Benchmark hooks for the benchmark page: the JavaScript side times the
//! calls; nothing here measures time.

use crate::rng::Rng;
use crate::tensor::lanes::{Best, Lanes};
use crate::tensor::matmul::{matmul, Base, MatRef};
use crate::tensor::peak::{peak, peak_flops};
use wasm_bindgen::prelude::*;

/// Runs the multiply-add ceiling kernel; returns its floating-point
/// operation count (the result is kept so the work cannot be skipped).
#[wasm_bindgen]
pub fn bench_peak(iters: u32) -> f64 {
    let v = peak::<Best>(iters as usize, 0.5);
    std::hint::black_box(v);
    peak_flops(iters as usize)
}

/// Square (or any) matrices to multiply repeatedly.
#[wasm_bindgen]
pub struct MatmulBench {
    a: Vec<f32>,
    b: Vec<f32>,
    c: Vec<f32>,
    m: usize,
    k: usize,
    n: usize,
}

#[wasm_bindgen]
impl MatmulBench {
    /// Seeded random m × k and k × n matrices (each side capped at 2048).
    #[wasm_bindgen(constructor)]
    pub fn new(m: u32, k: u32, n: u32) -> MatmulBench {
        let (m, k, n) = ((m as usize).clamp(1, 2048), (k as usize).clamp(1, 2048), (n as usize).clamp(1, 2048));
        let mut r = Rng::new(9);
        let mut fill = |len| (0..len).map(|_| r.uniform(-1.0, 1.0) as f32).collect::<Vec<_>>();
        MatmulBench { a: fill(m * k), b: fill(k * n), c: vec![0.0; m * n], m, k, n }
    }

    /// `reps` products C = A·B; returns the floating-point operations done.
    pub fn run(&mut self, reps: u32) -> f64 {
        for _ in 0..reps {
            matmul(MatRef::new(&self.a, self.m, self.k), MatRef::new(&self.b, self.k, self.n), &mut self.c, Base::Zero);
        }
        std::hint::black_box(&self.c);
        2.0 * (self.m * self.k * self.n) as f64 * f64::from(reps)
    }
}

/// The lane type this build's kernels use.
#[wasm_bindgen]
pub fn bench_path() -> String {
    Best::NAME.to_string()
}
