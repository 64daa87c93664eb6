//! The 2006 chapter: restricted Boltzmann machines trained by contrastive
//! divergence, their dreams, greedy pretraining of a deep belief net, and
//! whether pretraining helps a network learn from few labels.

pub mod compare;
mod hub;
mod session;
pub mod settings;

pub use session::{top_half, Activity, CurvePoint, DbnSession, CHAINS, SHOWN, STRIP};

/// The chapter's entry in the registry.
pub static CHAPTER: super::Chapter = super::Chapter {
    route: "dbn",
    fields: settings::FIELDS,
    hideable: settings::HIDEABLE,
    limits: settings::LIMITS,
    decode: settings::decode,
};
