//! The chapters, one folder each (its settings table, its session), and the
//! one registry that lists them: a link's route is looked up here and
//! nowhere else, so only these names ever pick a chapter.
//!
//! Adding a chapter: a folder here with its table and session and a
//! `CHAPTER` entry, one line in [`CHAPTERS`], its bindings in `src/wasm/`
//! (if it trains, a handle with `worker_calls!`), and on the page a scene
//! folder plus one line in `www/js/chapters.js`.

pub mod cnn;
pub mod dbn;
pub mod digits;
pub mod gpt;
pub mod hub;
pub mod lstm;
pub mod neuron;
pub mod perceptron;
pub mod playground;
pub mod rlhf;

use crate::config::table::{schema_json, Decoded, Field};

/// What the engine knows of a chapter: its route, its settings table, the
/// controls a link may hide, the caps it enforces, and its link reader.
pub struct Chapter {
    pub route: &'static str,
    pub fields: &'static [Field],
    pub hideable: &'static [&'static str],
    /// Caps beyond the fields' own bounds (layers, points, bytes), by name,
    /// published to the page so it never copies them.
    pub limits: &'static [(&'static str, f64)],
    /// Reads a link (never fails); the seed to use when the link has none.
    pub decode: fn(query: &str, fallback_seed: &str) -> Decoded,
}

impl Chapter {
    /// The settings table, hideable controls and limits as JSON.
    pub fn schema(&self) -> String {
        schema_json(self.fields, self.hideable, self.limits)
    }
}

/// Every chapter, in the order of the story.
pub static CHAPTERS: &[&Chapter] =
    &[&neuron::CHAPTER, &perceptron::PERCEPTRON, &perceptron::XOR, &playground::CHAPTER, &cnn::CHAPTER, &lstm::CHAPTER, &digits::CHAPTER, &dbn::CHAPTER, &gpt::CHAPTER, &rlhf::CHAPTER, &hub::CHAPTER];

/// The chapter at `route`; only the registry's own names match.
pub fn find(route: &str) -> Option<&'static Chapter> {
    CHAPTERS.iter().copied().find(|c| c.route == route)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn routes_are_unique_and_only_registered_names_match() {
        for (i, a) in CHAPTERS.iter().enumerate() {
            assert!(CHAPTERS[i + 1..].iter().all(|b| b.route != a.route), "{} twice", a.route);
            assert!(a.schema().contains("\"limits\""));
        }
        for name in ["constructor", "__proto__", "toString", "", "Playground", "playground "] {
            assert!(find(name).is_none(), "{name}");
        }
        assert_eq!(find("digits").map(|c| c.route), Some("digits"));
    }
}
