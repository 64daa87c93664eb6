//! The shipped text corpora (classical Chinese quatrains, an English novel)
//! and the reader's own text: one document per line, in a small container
//! of our own (magic, version, language, lengths, UTF-8 text, checksum;
//! described in `www/data/README.md`). The loader checks everything and
//! names what is wrong; it never panics. A seeded split puts whole
//! documents into training or validation.

use crate::data::digits::checksum;
use crate::rng::Rng;
use std::fmt;

const MAGIC: &[u8; 4] = b"NPTX";
const HEADER: usize = 16;
/// Largest text a corpus file may hold (protects memory).
pub const MAX_TEXT_BYTES: usize = 4 << 20;
/// Largest text a reader may paste (bytes of UTF-8).
pub const MAX_PASTED_BYTES: usize = 200_000;
/// Fewest characters a pasted text needs to train on.
pub const MIN_PASTED_CHARS: usize = 200;

/// A corpus: its language tag (`zh`, `en`, or `xx` for the reader's own
/// text) and its documents, each a line without its newline.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Corpus {
    pub lang: String,
    pub docs: Vec<String>,
}

/// Why a corpus file (or a pasted text) was refused.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CorpusError {
    /// Shorter than its header and checksum.
    Truncated {
        found: usize,
    },
    BadMagic,
    BadVersion(u16),
    /// The language tag is not two lowercase ASCII letters.
    BadLanguage,
    TooLarge {
        bytes: usize,
    },
    WrongLength {
        expected: usize,
        found: usize,
    },
    BadChecksum,
    /// The text is not UTF-8; `at` is the byte offset of the first bad byte.
    NotUtf8 {
        at: usize,
    },
    /// A control character other than a newline, at character `at`.
    ControlCharacter {
        at: usize,
    },
    /// The header's count of documents disagrees with the lines found.
    WrongDocuments {
        expected: usize,
        found: usize,
    },
    /// Too little text to train on.
    TooShort {
        chars: usize,
    },
}

impl CorpusError {
    /// Stable name for the page's messages.
    pub fn name(&self) -> &'static str {
        match self {
            CorpusError::Truncated { .. } => "truncated",
            CorpusError::BadMagic => "badMagic",
            CorpusError::BadVersion(_) => "badVersion",
            CorpusError::BadLanguage => "badLanguage",
            CorpusError::TooLarge { .. } => "tooLarge",
            CorpusError::WrongLength { .. } => "wrongLength",
            CorpusError::BadChecksum => "badChecksum",
            CorpusError::NotUtf8 { .. } => "notUtf8",
            CorpusError::ControlCharacter { .. } => "controlCharacter",
            CorpusError::WrongDocuments { .. } => "wrongDocuments",
            CorpusError::TooShort { .. } => "tooShort",
        }
    }
}

impl fmt::Display for CorpusError {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        match self {
            CorpusError::Truncated { found } => write!(
                f,
                "the file is truncated ({found} bytes, shorter than its header)"
            ),
            CorpusError::BadMagic => write!(f, "this is not a text corpus (wrong magic)"),
            CorpusError::BadVersion(v) => write!(f, "unknown format version {v}"),
            CorpusError::BadLanguage => write!(f, "the language tag is not two lowercase letters"),
            CorpusError::TooLarge { bytes } => {
                write!(f, "{bytes} bytes of text is more than allowed")
            }
            CorpusError::WrongLength { expected, found } => {
                write!(f, "the file has {found} bytes where its header promises {expected} (truncated or padded)")
            }
            CorpusError::BadChecksum => {
                write!(f, "the checksum does not match: the file is corrupt")
            }
            CorpusError::NotUtf8 { at } => write!(f, "the text is not valid UTF-8 (byte {at})"),
            CorpusError::ControlCharacter { at } => {
                write!(f, "a control character at character {at}")
            }
            CorpusError::WrongDocuments { expected, found } => {
                write!(f, "{found} documents where the header promises {expected}")
            }
            CorpusError::TooShort { chars } => {
                write!(f, "{chars} characters are too few to train on")
            }
        }
    }
}

fn u32_at(b: &[u8], at: usize) -> u32 {
    u32::from_le_bytes([b[at], b[at + 1], b[at + 2], b[at + 3]])
}

/// Documents of a UTF-8 text: its lines, blank ones dropped; refuses any
/// control character but the newline (a carriage return before a newline
/// is dropped, so Windows line ends read as lines).
fn documents(text: &str) -> Result<Vec<String>, CorpusError> {
    let mut docs = Vec::new();
    for (at, c) in text.chars().enumerate() {
        if c.is_control() && c != '\n' && c != '\r' && c != '\t' {
            return Err(CorpusError::ControlCharacter { at });
        }
    }
    for line in text.split('\n') {
        let line = line.strip_suffix('\r').unwrap_or(line);
        if line.contains('\r') {
            let at = text.chars().take_while(|&c| c != '\r').count();
            return Err(CorpusError::ControlCharacter { at });
        }
        let line = line.replace('\t', " ");
        if !line.trim().is_empty() {
            docs.push(line);
        }
    }
    Ok(docs)
}

/// Reads a corpus file, checking magic, version, language tag, length,
/// checksum, UTF-8, control characters and the count of documents.
pub fn parse(bytes: &[u8]) -> Result<Corpus, CorpusError> {
    if bytes.len() < HEADER + 4 {
        return Err(CorpusError::Truncated { found: bytes.len() });
    }
    if &bytes[0..4] != MAGIC {
        return Err(CorpusError::BadMagic);
    }
    let version = u16::from_le_bytes([bytes[4], bytes[5]]);
    if version != 1 {
        return Err(CorpusError::BadVersion(version));
    }
    let lang = &bytes[6..8];
    if !lang.iter().all(|c| c.is_ascii_lowercase()) {
        return Err(CorpusError::BadLanguage);
    }
    let len = u32_at(bytes, 8) as usize;
    if len > MAX_TEXT_BYTES {
        return Err(CorpusError::TooLarge { bytes: len });
    }
    let expected = HEADER + len + 4;
    if bytes.len() != expected {
        return Err(CorpusError::WrongLength {
            expected,
            found: bytes.len(),
        });
    }
    if checksum(&bytes[..expected - 4]) != u32_at(bytes, expected - 4) {
        return Err(CorpusError::BadChecksum);
    }
    let text =
        std::str::from_utf8(&bytes[HEADER..HEADER + len]).map_err(|e| CorpusError::NotUtf8 {
            at: e.valid_up_to(),
        })?;
    let docs = documents(text)?;
    let promised = u32_at(bytes, 12) as usize;
    if docs.len() != promised {
        return Err(CorpusError::WrongDocuments {
            expected: promised,
            found: docs.len(),
        });
    }
    Ok(Corpus {
        lang: String::from_utf8_lossy(lang).into_owned(),
        docs,
    })
}

/// Writes a corpus file (the inverse of [`parse`]; tests use it).
pub fn write(c: &Corpus) -> Vec<u8> {
    let text: String = c.docs.iter().map(|d| format!("{d}\n")).collect();
    let mut out = Vec::with_capacity(HEADER + text.len() + 4);
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(&1u16.to_le_bytes());
    let mut lang = [b'x'; 2];
    for (d, s) in lang.iter_mut().zip(c.lang.bytes()) {
        *d = s;
    }
    out.extend_from_slice(&lang);
    out.extend_from_slice(&(text.len() as u32).to_le_bytes());
    out.extend_from_slice(&(c.docs.len() as u32).to_le_bytes());
    out.extend_from_slice(text.as_bytes());
    let sum = checksum(&out);
    out.extend_from_slice(&sum.to_le_bytes());
    out
}

/// The reader's own text: at most [`MAX_PASTED_BYTES`] bytes (longer text
/// is cut at a character boundary), at least [`MIN_PASTED_CHARS`]
/// characters, no control characters but line ends and tabs; each non-blank
/// line a document.
pub fn from_pasted(text: &str) -> Result<Corpus, CorpusError> {
    let mut cut = text.len().min(MAX_PASTED_BYTES);
    while !text.is_char_boundary(cut) {
        cut -= 1;
    }
    let docs = documents(&text[..cut])?;
    let chars: usize = docs.iter().map(|d| d.chars().count() + 1).sum();
    if chars < MIN_PASTED_CHARS {
        return Err(CorpusError::TooShort { chars });
    }
    Ok(Corpus {
        lang: "xx".into(),
        docs,
    })
}

/// Training and validation text: whole documents, one per line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Split {
    pub train: String,
    pub valid: String,
}

impl Corpus {
    /// Puts about `valid_share` of the documents (at least one, and at
    /// least one left for training when there are two; a lone document is
    /// cut, its last `valid_share` of characters for validation) into validation,
    /// chosen by a shuffle seeded with `seed`; each part keeps the corpus
    /// order and ends every document with a newline.
    pub fn split(&self, valid_share: f64, seed: u64) -> Split {
        let n = self.docs.len();
        if n == 1 {
            // One document (a pasted text without line breaks): its last
            // part is the validation text.
            let d = &self.docs[0];
            let chars = d.chars().count();
            let cut = d
                .char_indices()
                .nth(chars - ((chars as f64 * valid_share).round() as usize).clamp(1, chars))
                .map_or(d.len(), |(i, _)| i);
            return Split {
                train: format!("{}\n", &d[..cut]),
                valid: format!("{}\n", &d[cut..]),
            };
        }
        let mut order: Vec<usize> = (0..n).collect();
        Rng::new(seed).shuffle(&mut order);
        let k = ((n as f64 * valid_share).round() as usize)
            .clamp(usize::from(n > 0), n.saturating_sub(1).max(1));
        let mut in_valid = vec![false; n];
        for &i in order.iter().take(k.min(n)) {
            in_valid[i] = true;
        }
        let (mut train, mut valid) = (String::new(), String::new());
        for (d, &v) in self.docs.iter().zip(&in_valid) {
            let part = if v { &mut valid } else { &mut train };
            part.push_str(d);
            part.push('\n');
        }
        Split { train, valid }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Corpus {
        Corpus {
            lang: "zh".into(),
            docs: vec![
                "春眠不覺曉，處處聞啼鳥。".into(),
                "Call me Ishmael.".into(),
                "x".into(),
            ],
        }
    }

    #[test]
    fn round_trip_and_split() {
        let c = parse(&write(&sample())).unwrap();
        assert_eq!(c, sample());
        let s = c.split(0.34, 1);
        assert_eq!(s.train.lines().count() + s.valid.lines().count(), 3);
        assert_eq!(s.valid.lines().count(), 1);
        assert_eq!(s, c.split(0.34, 1), "the same seed, the same split");
    }

    #[test]
    fn every_kind_of_damage_is_named() {
        let good = write(&sample());
        assert_eq!(
            parse(&good[..10]),
            Err(CorpusError::Truncated { found: 10 })
        );
        assert!(matches!(
            parse(&good[..good.len() - 3]),
            Err(CorpusError::WrongLength { .. })
        ));
        let mut bad = good.clone();
        bad[0] = b'X';
        assert_eq!(parse(&bad), Err(CorpusError::BadMagic));
        let mut bad = good.clone();
        bad[4] = 9;
        assert_eq!(parse(&bad), Err(CorpusError::BadVersion(9)));
        let mut bad = good.clone();
        bad[6] = b'Z';
        assert_eq!(parse(&bad), Err(CorpusError::BadLanguage));
        let mut bad = good.clone();
        bad[11] = 0x7f;
        assert!(matches!(parse(&bad), Err(CorpusError::TooLarge { .. })));
        let mut bad = good.clone();
        bad[20] ^= 0x40;
        assert_eq!(parse(&bad), Err(CorpusError::BadChecksum));
        // Damage with a matching checksum: broken UTF-8, a control
        // character, a wrong count of documents.
        let reseal = |mut b: Vec<u8>| {
            let n = b.len() - 4;
            let sum = checksum(&b[..n]);
            b[n..].copy_from_slice(&sum.to_le_bytes());
            b
        };
        let mut bad = good.clone();
        bad[17] = 0xff;
        assert_eq!(parse(&reseal(bad)), Err(CorpusError::NotUtf8 { at: 0 }));
        let mut bad = good.clone();
        let at = bad.len() - 6;
        bad[at] = 0x07;
        assert!(matches!(
            parse(&reseal(bad)),
            Err(CorpusError::ControlCharacter { .. })
        ));
        let mut bad = good.clone();
        bad[12] = 7;
        assert_eq!(
            parse(&reseal(bad)),
            Err(CorpusError::WrongDocuments {
                expected: 7,
                found: 3
            })
        );
    }

    #[test]
    fn pasted_text_is_capped_and_checked() {
        assert!(matches!(
            from_pasted("short"),
            Err(CorpusError::TooShort { .. })
        ));
        let long = "ab\r\n".repeat(100_000);
        let c = from_pasted(&long).unwrap();
        let bytes: usize = c.docs.iter().map(|d| d.len() + 2).sum();
        assert!(bytes <= MAX_PASTED_BYTES, "{bytes}");
        assert!(c.docs.iter().all(|d| d == "ab"));
        assert!(matches!(
            from_pasted(&format!("{}\u{1b}[31m", "a".repeat(300))),
            Err(CorpusError::ControlCharacter { at: 300 })
        ));
        // A cut inside a character stays on a boundary.
        let wide = "春".repeat(MAX_PASTED_BYTES);
        assert_eq!(
            from_pasted(&wide).unwrap().docs[0].chars().count(),
            MAX_PASTED_BYTES / 3
        );
    }
}
