//! The models, one file each, all behind the [`Model`] interface where they
//! train by gradient.

pub mod cnn;
pub mod gpt;
pub mod gpt_profile;
pub mod mlp;
pub mod model;
pub mod perceptron;
pub mod rbm;
pub mod seq;
pub mod rlhf;
pub mod threshold;

pub use mlp::{Mlp, MlpSpec};
pub use model::{Dataset, Model};
