//! neuroplay: the engine of a neural-network playground that retells the
//! history of the field as live chapters.
//!
//! The engine is plain Rust: no DOM, no JavaScript types. It is compiled
//! natively for tests and benchmarks and to `wasm32-unknown-unknown` with
//! SIMD128 for the browser, where `src/wasm/` is the only bridge.
//!
//! Layers, bottom up:
//! - [`tensor`]: matrix kernels (a SIMD128 path and a portable path) and fast
//!   elementwise maths;
//! - [`ops`]: forward/backward pairs (linear layer, activations, losses);
//! - [`nn`]: the flat parameter buffer, initialisation, optimizers,
//!   regularization;
//! - [`models`]: one model per chapter;
//! - [`data`]: data sets and their parsers;
//! - [`config`]: the typed settings table and the link codec every chapter
//!   shares;
//! - [`train`]: the one trainer for every [`models::Model`];
//! - [`hub`]: models exported as Hugging Face folders and read back;
//! - [`chapters`]: one folder per chapter (its settings table and its
//!   session) and the registry that lists them.

pub mod chapters;
pub mod config;
pub mod data;
pub mod hub;
pub mod models;
pub mod nn;
pub mod ops;
pub mod rng;
pub mod tensor;
pub mod train;
pub mod util;

#[cfg(target_arch = "wasm32")]
pub mod wasm;
