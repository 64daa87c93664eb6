//! Every shareable setting: a typed table per scene, its link codec and its
//! validation. A link is `name=value&name=value…` (TensorFlow Playground's
//! form); parsing never fails: a bad or unknown field keeps its default and is
//! reported by name, so the page can say which ones it could not use.

mod shown;
pub mod table;

pub use table::{Decoded, Field, FieldIssue, IssueKind, Kind, Settings, Value};
