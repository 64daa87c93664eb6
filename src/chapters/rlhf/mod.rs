//! The RLHF chapter (`#/rlhf`): the three steps behind ChatGPT driven one
//! call at a time, as the page drives them. [`session::RlhfSession`] holds
//! the models; [`run::RlhfRun`] adds the phase the play button trains and
//! its step budgets; the settings table is in [`settings`].

pub mod hub;
pub mod prefs;
pub mod run;
pub mod session;
pub mod settings;

pub use hub::{plain_store, Part, RlhfFolder};
pub use run::{Phase, RlhfRun, MAX_OWN_CHARS, MIN_OWN_CHARS};
pub use session::{Choice, RlhfOptions, RlhfSession};

/// The chapter's entry in the registry.
pub static CHAPTER: super::Chapter = super::Chapter {
    route: "rlhf",
    fields: settings::FIELDS,
    hideable: settings::HIDEABLE,
    limits: settings::LIMITS,
    decode: settings::decode,
};
