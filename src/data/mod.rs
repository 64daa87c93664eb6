//! Data sets: 2D generators, input features, the reader's own points (CSV
//! and link form), the shipped digits and the preparation of drawn ones, the text corpora.

pub mod corpus;
pub mod bpe;
pub mod csv;
pub mod digits;
pub mod features;
pub mod hf_json;
pub mod points;
pub mod prepare;
pub mod separable;
pub mod sequences;
pub mod shift;
pub mod tokenizer;
pub mod two_d;
pub mod validate;

pub use features::Feature;
pub use two_d::{DataSet, Problem, Sample2D};
