//! The tokenizer in Hugging Face's `tokenizer.json` format, for the
//! `tokenizers` library (`Tokenizer.from_file`), version 0.20 or later
//! (checked once by hand with 0.23.3: the same ids on 2,000 characters of
//! each corpus with 200 merges, unseen characters included).
//!
//! Choices, so that `tokenizers` gives the engine's ids exactly:
//! - `normalizer: null`: no Unicode normalisation, no lowercasing (the
//!   engine reads characters as they come);
//! - `pre_tokenizer: null`: the whole text is one pre-token, so merges may
//!   cross spaces and newlines, as they were learned;
//! - model `BPE` with `unk_token: "<unk>"` (id 0), `fuse_unk: false` (each
//!   unseen character is its own `<unk>`), `byte_fallback: false`, no
//!   continuing-subword prefix or end-of-word suffix, no dropout;
//! - merges as pairs of strings (`[["a", "b"], …]`, the format of
//!   `tokenizers` 0.20), because tokens may contain spaces and the older
//!   `"a b"` form could not tell them apart;
//! - `added_tokens: []`: `<unk>` is only the model's unknown token, so the
//!   literal text "<unk>" is read as five characters, as the engine does;
//! - `post_processor: null` (no special tokens added) and the `Fuse`
//!   decoder (tokens joined with nothing between them).

use super::tokenizer::{Tokenizer, UNK};
use crate::util::json;

/// The whole `tokenizer.json` text.
pub fn export(t: &Tokenizer) -> String {
    let mut vocab = String::from("{");
    for (id, tok) in t.tokens().iter().enumerate() {
        if id > 0 {
            vocab.push(',');
        }
        json::string(&mut vocab, tok);
        vocab.push(':');
        vocab.push_str(&id.to_string());
    }
    vocab.push('}');
    let pairs = t.merges().iter().map(|m| {
        json::array([
            json::quoted(t.token(m.left)),
            json::quoted(t.token(m.right)),
        ])
    });
    let mut model = String::new();
    let mut o = json::Object::new(&mut model);
    o.str("type", "BPE")
        .raw("dropout", "null")
        .str("unk_token", UNK)
        .raw("continuing_subword_prefix", "null")
        .raw("end_of_word_suffix", "null")
        .raw("fuse_unk", "false")
        .raw("byte_fallback", "false")
        .raw("ignore_merges", "false")
        .raw("vocab", &vocab)
        .raw("merges", &json::array(pairs));
    o.end();
    let mut out = String::new();
    let mut o = json::Object::new(&mut out);
    o.str("version", "1.0")
        .raw("truncation", "null")
        .raw("padding", "null")
        .raw("added_tokens", "[]")
        .raw("normalizer", "null")
        .raw("pre_tokenizer", "null")
        .raw("post_processor", "null")
        .raw("decoder", "{\"type\":\"Fuse\"}")
        .raw("model", &model);
    o.end();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_known_small_tokenizer() {
        let mut t = Tokenizer::characters("a b");
        t.add_merge(1, 2, 1);
        assert_eq!(
            export(&t),
            concat!(
                r#"{"version":"1.0","truncation":null,"padding":null,"added_tokens":[],"normalizer":null,"#,
                r#""pre_tokenizer":null,"post_processor":null,"decoder":{"type":"Fuse"},"#,
                r#""model":{"type":"BPE","dropout":null,"unk_token":"\u003cunk\u003e","continuing_subword_prefix":null,"#,
                r#""end_of_word_suffix":null,"fuse_unk":false,"byte_fallback":false,"ignore_merges":false,"#,
                r#""vocab":{"\u003cunk\u003e":0,"a":1," ":2,"b":3,"a ":4},"merges":[["a"," "]]}}"#
            )
        );
    }
}
