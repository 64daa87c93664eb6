//! The multiply-add ceiling of a lane type: independent chains
//! `acc = acc · a + b`, held in registers, with no loads or stores at all, so
//! that nothing but the multiply-add units limits them. A matmul kernel
//! cannot do better (it also loads its operands), so benchmarks can report
//! the kernels as a share of this figure.
//!
//! One chain waits for its own previous result (a multiply-add's latency,
//! several cycles), so the units only fill when enough chains run side by
//! side; too many, and the engine spills them to memory. [`CHAINS`] is the
//! count measured best for each build, trying 2, 3, 4, 6, 8, 10, 12 and 14
//! chains (best of 25 rounds, Chromium's V8 on a 2-core AMD EPYC, Zen 4):
//!
//! - relaxed SIMD: 12 chains, 58 GFLOP/s (8 to 14 chains all reach
//!   57–58: two fused multiply-adds a cycle; twelve also fill a machine with
//!   a longer latency or more units). V8 keeps the twelve in `xmm2`–`xmm14`
//!   and the loop is `vfmadd213ps` alone, with no load, store or spill.
//! - SIMD128: 12 chains, 47 GFLOP/s (a multiply then an add, six cycles
//!   for a step, so twice the chains of one fused unit; 14 spill and fall
//!   back). Twelve accumulators, `a`, `b` and one temporary use 15 of the
//!   16 registers (V8 keeps `xmm15` for itself).
//! - no SIMD: 3 chains (twelve scalar ones), 11.7 GFLOP/s; more spill.
//! - native (portable lanes as SSE vectors): 12 chains, 57 GFLOP/s.
//!
//! Each pass of the loop runs `UNROLL` steps of every chain.
//!
//! With `a` below one the chains settle on `b / (1 − a)`: the values stay
//! finite and normal (no overflow, no subnormal slow path) however long the
//! loop runs.

use super::lanes::Lanes;

/// Steps per pass of the unrolled loop.
const UNROLL: usize = 4;

/// Chains for the relaxed-SIMD build (fused multiply-add).
#[cfg(all(target_arch = "wasm32", target_feature = "relaxed-simd"))]
pub const CHAINS: usize = 12;
/// Chains for the SIMD128 build (a multiply, then an add).
#[cfg(all(target_arch = "wasm32", target_feature = "simd128", not(target_feature = "relaxed-simd")))]
pub const CHAINS: usize = 12;
/// Chains for the build without SIMD: each chain is four scalar chains.
#[cfg(all(target_arch = "wasm32", not(target_feature = "simd128")))]
pub const CHAINS: usize = 3;
/// Chains natively (portable lanes, vectorised by the compiler).
#[cfg(not(target_arch = "wasm32"))]
pub const CHAINS: usize = 12;

/// Floating-point operations done by [`peak`] for `steps` steps (rounded
/// up to whole passes): `CHAINS` multiply-adds (two operations each) on
/// four lanes per step.
pub fn peak_flops(steps: usize) -> f64 {
    flops(steps, CHAINS)
}

/// Floating-point operations of [`peak_with`] with `chains` chains.
pub fn flops(steps: usize, chains: usize) -> f64 {
    (steps.div_ceil(UNROLL) * UNROLL * chains * 2 * 4) as f64
}

/// Runs this build's ceiling kernel (`CHAINS` chains) for `steps` steps.
pub fn peak<L: Lanes>(steps: usize, seed: f32) -> f32 {
    peak_with::<L, CHAINS>(steps, seed)
}

/// Runs `N` independent multiply-add chains for `steps` steps (rounded up
/// to whole passes); returns a value that depends on every chain, so none
/// can be left out.
#[inline(never)]
pub fn peak_with<L: Lanes, const N: usize>(steps: usize, seed: f32) -> f32 {
    let seed = std::hint::black_box(seed);
    let a = L::splat(0.5 + seed * 1e-3);
    let b = L::splat(0.5 - seed * 1e-3);
    // Distinct starting values, so no two chains are the same computation
    // (the compiler would keep only one).
    let mut acc = [L::zero(); N];
    for (i, x) in acc.iter_mut().enumerate() {
        *x = L::splat(seed + i as f32 * 0.125);
    }
    for _ in 0..steps.div_ceil(UNROLL) {
        for _ in 0..UNROLL {
            for x in acc.iter_mut() {
                // b + x · a: the accumulator is a factor, so the product
                // cannot be computed once outside the loop.
                *x = b.mul_add(*x, a);
            }
        }
    }
    acc.iter().fold(L::zero(), |s, &x| s.add(x)).hsum()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tensor::lanes::Portable;

    #[test]
    fn chains_stay_finite_and_settle() {
        // Fixed point b / (1 − a) = 1 for each lane of each chain.
        let v = peak_with::<Portable, 12>(100_000, 0.0);
        assert!((v - 48.0).abs() < 1e-3, "{v}");
        let v = peak::<Portable>(1 << 20, 0.5);
        assert!(v.is_finite(), "{v}");
        assert_eq!(flops(5, 12), (8 * 12 * 8) as f64);
    }
}
