//! The RLHF chapter's engine side (`#/rlhf`): the three steps behind
//! ChatGPT driven one call at a time, as the page will drive them. The
//! page itself (settings table, bindings, scene) is not built yet, so the
//! chapter is not in the registry; [`session::RlhfSession`] is what it
//! will hold.

pub mod session;

pub use session::{Choice, RlhfOptions, RlhfSession};
