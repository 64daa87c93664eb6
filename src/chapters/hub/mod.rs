//! 2016–2020, the Hub: the story of Transformers and the Hugging Face Hub,
//! and the gallery of ready models (`crate::hub::gallery`, shipped in
//! `www/models/`). The chapter trains nothing itself; its link has only
//! the text switch, and the gallery and the Import button may be hidden.

use super::Chapter;
use crate::config::table::{Field, Kind, Settings, Value};

/// The table: the chapter shows text and cards, nothing to set but the text.
pub static FIELDS: &[Field] = &[Field { name: "hideText", kind: Kind::Bool, default: || Value::Bool(false) }];

/// Controls a link may hide.
pub static HIDEABLE: &[&str] = &["gallery", "import"];

/// The chapter's entry in the registry.
pub static CHAPTER: Chapter = Chapter {
    route: "hub",
    fields: FIELDS,
    hideable: HIDEABLE,
    limits: &[],
    decode: |query, _| Settings::decode(FIELDS, HIDEABLE, &[], query),
};
