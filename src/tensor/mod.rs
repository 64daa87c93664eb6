//! Kernels: matrix multiply in its three training shapes (A·B, Aᵀ·B, A·Bᵀ),
//! and fast elementwise maths. Each kernel has a WebAssembly SIMD128 path and
//! a portable path that share one algorithm through the [`lanes::Lanes`]
//! trait; both are checked against a naive reference.

pub mod fastmath;
pub mod gemm;
pub mod lanes;
pub mod matmul;
pub mod peak;

pub use matmul::{matmul, matmul_naive, Base, MatRef};

/// `dst` [cols × rows] = `src` [rows × cols]ᵀ, both row-major and whole
/// (layout changes at the edges: exported weights, pictures of filters).
pub fn transpose(dst: &mut [f32], src: &[f32], rows: usize, cols: usize) {
    for r in 0..rows {
        for (c, &x) in src[r * cols..(r + 1) * cols].iter().enumerate() {
            dst[c * rows + r] = x;
        }
    }
}
