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
