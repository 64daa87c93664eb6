//! Forward/backward pairs. Each op's backward sits beside its forward and
//! takes what the forward kept; each has a finite-difference check in
//! `tests/gradcheck.rs`.

pub mod activation;
pub mod linear;
pub mod loss;

pub use activation::Activation;
