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

/// Times nothing: runs `reps` products of one layout on one kernel, for
/// comparing the kernels on the shapes a model uses. `layout` 0 is A·B
/// (m×k times k×n), 1 is Aᵀ·B (A stored k×m), 2 is A·Bᵀ (B stored n×k);
/// `packed` picks the cache-blocked kernel. Returns the operations done.
#[wasm_bindgen]
pub fn bench_product(layout: u32, m: u32, k: u32, n: u32, packed: bool, reps: u32) -> f64 {
    use crate::tensor::matmul::matmul_kernel;
    let (m, k, n) = ((m as usize).clamp(1, 2048), (k as usize).clamp(1, 2048), (n as usize).clamp(1, 2048));
    let mut r = Rng::new(9);
    let mut fill = |len| (0..len).map(|_| r.uniform(-1.0, 1.0) as f32).collect::<Vec<_>>();
    let (a, b, mut c) = (fill(m * k), fill(k * n), vec![0.0; m * n]);
    let (av, bv) = match layout {
        1 => (MatRef::new(&a, k, m).t(), MatRef::new(&b, k, n)),
        2 => (MatRef::new(&a, m, k), MatRef::new(&b, n, k).t()),
        _ => (MatRef::new(&a, m, k), MatRef::new(&b, k, n)),
    };
    for _ in 0..reps {
        matmul_kernel::<Best>(av, bv, &mut c, Base::Zero, packed);
    }
    std::hint::black_box(&c);
    2.0 * (m * k * n) as f64 * f64::from(reps)
}

/// Times one GPT training step op by op in this build (see
/// `models::gpt_profile`): 4 heads, batch 16, 65 symbols, on `clock`'s
/// milliseconds (e.g. `() => performance.now()`); the table as text.
#[wasm_bindgen]
pub fn bench_gpt_profile(layers: u32, width: u32, context: u32, steps: u32, clock: &js_sys::Function) -> String {
    use crate::models::gpt_profile::{profile, table, Sizes};
    let s = Sizes {
        layers: (layers as usize).clamp(1, 8),
        width: ((width as usize).clamp(1, 256) / 4).max(1) * 4,
        heads: 4,
        context: (context as usize).clamp(1, 256),
        batch: 16,
        vocab: 65,
    };
    let mut now = || clock.call0(&JsValue::NULL).ok().and_then(|v| v.as_f64()).unwrap_or(0.0);
    let phases = profile(s, (steps as usize).clamp(1, 1000), &mut now);
    table(&phases, s.batch * s.context)
}
