//! Parameters, initialisation, optimizers and regularization.

pub mod init;
pub mod optim;
pub mod params;
pub mod regularize;

pub use init::Init;
pub use optim::{Optimizer, OptimizerKind};
pub use params::{ParamStore, ParamView};
pub use regularize::Regularization;
