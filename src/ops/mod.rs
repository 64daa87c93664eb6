//! Forward/backward pairs. Each op states its dimensions in its signature
//! and checks its buffers against them ([`shape::expect`]); each op's
//! backward sits beside its forward and takes what the forward kept; each
//! has a finite-difference check in `tests/gradcheck*.rs`.

pub mod activation;
pub mod attention;
pub mod attention_cached;
pub mod bernoulli;
pub mod bradley_terry;
pub mod conv2d;
pub mod embedding;
pub mod free_energy;
pub mod gelu;
pub mod layernorm;
pub mod linear;
pub mod lora;
pub mod loss;
pub mod lstm;
pub mod pool;
pub mod rnn;
pub mod score_head;
pub mod shape;
pub mod token_loss;

pub use activation::Activation;
