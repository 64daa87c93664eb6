//! Parameters, initialisation, optimizers, schedules and regularization.

pub mod init;
pub mod optim;
pub mod params;
pub mod regularize;
pub mod schedule;

pub use init::Init;
pub use optim::{Optimizer, OptimizerKind};
pub use params::{Param, ParamStore, ParamView};
pub use regularize::Regularization;
pub use schedule::{clip_by_norm, Schedule};
