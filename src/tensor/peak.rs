//! The multiply-add ceiling for a lane type, measured with the matmul
//! kernel's own register tile run again and again over panels that never
//! leave the L1 cache: each step loads two vectors of B and broadcasts four
//! values of A, and does eight multiply-adds on independent accumulators. Nothing else runs (no packing, no edges, no memory beyond
//! L1), so benchmarks can report the matmul kernels as a fraction of it.
//! (A kernel from registers alone came out slower in V8 than the matmul
//! itself: the engine keeps one of its sixteen vector registers for itself,
//! and any spill costs more than these loads.)

use super::gemm::{tile, Aligned};
use super::lanes::Lanes;

/// Steps in the cached panels (A: 4 × 64 and B: 64 × 8 floats, 3 KB).
const PANEL: usize = 64;

/// Floating-point operations done by [`peak`] for `steps` steps (rounded
/// up to whole panels): eight multiply-adds (two operations each) on four
/// lanes.
pub fn peak_flops(steps: usize) -> f64 {
    (steps.div_ceil(PANEL) * PANEL * 8 * 2 * 4) as f64
}

/// Runs the matmul tile over the cached panels, `steps` steps in all;
/// returns a value that depends on every accumulator, so nothing can be
/// left out.
pub fn peak<L: Lanes>(steps: usize, seed: f32) -> f32 {
    let seed = std::hint::black_box(seed);
    // Cache-line aligned, like the packed panels of the real kernel.
    let (mut abuf, mut bbuf) = (Aligned::default(), Aligned::default());
    let a = abuf.zeroed(4 * PANEL);
    a.iter_mut().enumerate().for_each(|(i, v)| *v = seed + (i % 5) as f32 * 0.01);
    let a: &[f32] = a;
    let b = bbuf.zeroed(8 * PANEL);
    b.iter_mut().enumerate().for_each(|(i, v)| *v = 1.0 - (i % 7) as f32 * 0.01);
    let b: &[f32] = b;
    let mut sum = L::zero();
    for _ in 0..steps.div_ceil(PANEL) {
        // SAFETY: the panels hold 4·PANEL and 8·PANEL floats.
        let acc = unsafe { tile::<L, 4>(std::hint::black_box(PANEL), a.as_ptr(), b.as_ptr()) };
        for row in &acc {
            sum = sum.add(row[0]).add(row[1]);
        }
    }
    sum.hsum()
}
