//! One model per chapter.

pub mod mlp;
pub mod perceptron;
pub mod threshold;

pub use mlp::{Mlp, MlpSpec};
