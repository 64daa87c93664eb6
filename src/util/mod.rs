//! Small helpers with no better home: JSON writing, percent-decoding, base64.

pub mod base64url;
pub mod fnv;
pub mod json;
pub mod percent;
