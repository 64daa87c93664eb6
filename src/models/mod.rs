//! One model per chapter.

pub mod mlp;

pub use mlp::{Mlp, MlpSpec};
