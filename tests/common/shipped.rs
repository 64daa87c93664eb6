//! The data files shipped with the page, read the way the chapters'
//! tests need them.
#![allow(dead_code)]

use neuroplay::data::corpus::parse;
use neuroplay::data::digits::{parse as parse_digits, Digits};

/// The file `www/data/<name>` as bytes.
pub fn shipped(name: &str) -> Vec<u8> {
    std::fs::read(format!("{}/www/data/{name}", env!("CARGO_MANIFEST_DIR"))).unwrap()
}

/// Moby-Dick as one text, its documents joined by newlines (what the
/// RLHF chapter's worker hands the session).
pub fn moby_text() -> String {
    parse(&shipped("moby-dick.bin")).unwrap().docs.join("\n")
}

/// The 10,000 digits at 14×14.
pub fn digits() -> Digits {
    parse_digits(&shipped("digits-14x14.bin")).unwrap()
}

/// A session clock that stands still (the tests time nothing).
pub fn clock() -> f64 {
    0.0
}
