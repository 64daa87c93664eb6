//! The shipped handwritten digits: 14×14 MNIST images with labels, in a
//! small binary format of our own (described in `www/data/README.md`). The
//! loader checks everything and says what is wrong; it never panics.

use std::fmt;

/// Side of an image.
pub const SIDE: usize = 14;
/// Pixels in an image.
pub const PIXELS: usize = SIDE * SIDE;
/// Most images per split the loader accepts (protects memory).
pub const MAX_IMAGES: usize = 100_000;
const MAGIC: &[u8; 4] = b"NPDG";
const HEADER: usize = 16;

/// Images as bytes (0 = no ink, 255 = full ink) and labels 0–9.
#[derive(Clone, Debug, Default)]
pub struct Digits {
    pub train_images: Vec<u8>,
    pub train_labels: Vec<u8>,
    pub test_images: Vec<u8>,
    pub test_labels: Vec<u8>,
}

/// Why a digits file was refused.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DigitsError {
    /// Shorter than its header.
    Truncated { found: usize },
    BadMagic,
    BadVersion(u16),
    BadShape { rows: u8, cols: u8 },
    TooMany { train: u32, test: u32 },
    /// No training images or no test images: nothing to learn from, or
    /// nothing to measure it on.
    Empty { train: u32, test: u32 },
    WrongLength { expected: usize, found: usize },
    BadLabel { index: usize, label: u8 },
    BadChecksum,
}

impl DigitsError {
    /// Stable name for the page's messages.
    pub fn name(&self) -> &'static str {
        match self {
            DigitsError::Truncated { .. } => "truncated",
            DigitsError::BadMagic => "badMagic",
            DigitsError::BadVersion(_) => "badVersion",
            DigitsError::BadShape { .. } => "badShape",
            DigitsError::TooMany { .. } => "tooMany",
            DigitsError::Empty { .. } => "empty",
            DigitsError::WrongLength { .. } => "wrongLength",
            DigitsError::BadLabel { .. } => "badLabel",
            DigitsError::BadChecksum => "badChecksum",
        }
    }
}

impl fmt::Display for DigitsError {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        match self {
            DigitsError::Truncated { found } => write!(f, "the file is truncated ({found} bytes, shorter than its header)"),
            DigitsError::BadMagic => write!(f, "this is not a digits file (wrong magic)"),
            DigitsError::BadVersion(v) => write!(f, "unknown format version {v}"),
            DigitsError::BadShape { rows, cols } => write!(f, "images are {rows}×{cols}, not 14×14"),
            DigitsError::TooMany { train, test } => write!(f, "{train} + {test} images is more than allowed"),
            DigitsError::Empty { train, test } => {
                write!(f, "{train} training and {test} test images: both sets need at least one")
            }
            DigitsError::WrongLength { expected, found } => {
                write!(f, "the file has {found} bytes where its header promises {expected} (truncated or padded)")
            }
            DigitsError::BadLabel { index, label } => write!(f, "image {index} has label {label}, not a digit"),
            DigitsError::BadChecksum => write!(f, "the checksum does not match: the file is corrupt"),
        }
    }
}

/// FNV-1a, 32 bits.
pub fn checksum(bytes: &[u8]) -> u32 {
    crate::util::fnv::fnv1a(crate::util::fnv::START, bytes)
}

fn u32_at(b: &[u8], at: usize) -> u32 {
    u32::from_le_bytes([b[at], b[at + 1], b[at + 2], b[at + 3]])
}

/// Reads a digits file, checking magic, version, shape, counts (neither set
/// empty, neither too large), length, labels and checksum.
pub fn parse(bytes: &[u8]) -> Result<Digits, DigitsError> {
    if bytes.len() < HEADER + 4 {
        return Err(DigitsError::Truncated { found: bytes.len() });
    }
    if &bytes[0..4] != MAGIC {
        return Err(DigitsError::BadMagic);
    }
    let version = u16::from_le_bytes([bytes[4], bytes[5]]);
    if version != 1 {
        return Err(DigitsError::BadVersion(version));
    }
    let (rows, cols) = (bytes[6], bytes[7]);
    if usize::from(rows) != SIDE || usize::from(cols) != SIDE {
        return Err(DigitsError::BadShape { rows, cols });
    }
    let (train, test) = (u32_at(bytes, 8), u32_at(bytes, 12));
    if train as usize > MAX_IMAGES || test as usize > MAX_IMAGES {
        return Err(DigitsError::TooMany { train, test });
    }
    if train == 0 || test == 0 {
        return Err(DigitsError::Empty { train, test });
    }
    let n = train as usize + test as usize;
    let expected = HEADER + n + n * PIXELS + 4;
    if bytes.len() != expected {
        return Err(DigitsError::WrongLength { expected, found: bytes.len() });
    }
    let body = &bytes[..expected - 4];
    if checksum(body) != u32_at(bytes, expected - 4) {
        return Err(DigitsError::BadChecksum);
    }
    let labels = &bytes[HEADER..HEADER + n];
    if let Some((index, &label)) = labels.iter().enumerate().find(|(_, &l)| l > 9) {
        return Err(DigitsError::BadLabel { index, label });
    }
    let px = &bytes[HEADER + n..HEADER + n + n * PIXELS];
    let t = train as usize;
    Ok(Digits {
        train_labels: labels[..t].to_vec(),
        test_labels: labels[t..].to_vec(),
        train_images: px[..t * PIXELS].to_vec(),
        test_images: px[t * PIXELS..].to_vec(),
    })
}

/// Writes a digits file (the inverse of [`parse`]; tests use it).
pub fn write(d: &Digits) -> Vec<u8> {
    let (t, s) = (d.train_labels.len(), d.test_labels.len());
    let mut out = Vec::with_capacity(HEADER + (t + s) * (PIXELS + 1) + 4);
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(&1u16.to_le_bytes());
    out.extend_from_slice(&[SIDE as u8, SIDE as u8]);
    out.extend_from_slice(&(t as u32).to_le_bytes());
    out.extend_from_slice(&(s as u32).to_le_bytes());
    out.extend_from_slice(&d.train_labels);
    out.extend_from_slice(&d.test_labels);
    out.extend_from_slice(&d.train_images);
    out.extend_from_slice(&d.test_images);
    let sum = checksum(&out);
    out.extend_from_slice(&sum.to_le_bytes());
    out
}

/// Bytes to intensities in [0, 1].
pub fn to_f32(bytes: &[u8], out: &mut Vec<f32>) {
    out.clear();
    out.extend(bytes.iter().map(|&b| f32::from(b) / 255.0));
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Digits {
        Digits {
            train_images: (0..3 * PIXELS).map(|i| (i % 256) as u8).collect(),
            train_labels: vec![1, 2, 3],
            test_images: vec![7; PIXELS],
            test_labels: vec![9],
        }
    }

    #[test]
    fn round_trip() {
        let d = parse(&write(&sample())).unwrap();
        assert_eq!(d.train_labels, vec![1, 2, 3]);
        assert_eq!(d.test_images, vec![7; PIXELS]);
    }

    #[test]
    fn every_kind_of_damage_is_named() {
        let good = write(&sample());
        assert!(matches!(parse(&good[..10]), Err(DigitsError::Truncated { found: 10 })));
        let cut = &good[..good.len() - 100];
        assert!(matches!(parse(cut), Err(DigitsError::WrongLength { .. })));
        let mut bad = good.clone();
        bad[0] = b'X';
        assert!(matches!(parse(&bad), Err(DigitsError::BadMagic)));
        let mut bad = good.clone();
        bad[4] = 7;
        assert!(matches!(parse(&bad), Err(DigitsError::BadVersion(7))));
        let mut bad = good.clone();
        bad[6] = 28;
        assert!(matches!(parse(&bad), Err(DigitsError::BadShape { rows: 28, cols: 14 })));
        let mut bad = good.clone();
        bad[11] = 0xff;
        assert!(matches!(parse(&bad), Err(DigitsError::TooMany { .. })));
        let mut bad = good.clone();
        let at = bad.len() - 50;
        bad[at] ^= 0x55;
        assert!(matches!(parse(&bad), Err(DigitsError::BadChecksum)));
        // Valid files with an empty set.
        for (t, s) in [(0, 0), (0, 1), (3, 0)] {
            let d = Digits {
                train_images: vec![1; t * PIXELS],
                train_labels: vec![1; t],
                test_images: vec![2; s * PIXELS],
                test_labels: vec![2; s],
            };
            let e = parse(&write(&d)).unwrap_err();
            assert_eq!(e, DigitsError::Empty { train: t as u32, test: s as u32 });
            assert_eq!(e.name(), "empty");
        }
        // A bad label with a matching checksum.
        let mut d = sample();
        d.train_labels[1] = 12;
        assert!(matches!(parse(&write(&d)), Err(DigitsError::BadLabel { index: 1, label: 12 })));
    }
}
