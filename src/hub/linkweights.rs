//! A small model's trained weights as a compact byte payload that fits
//! inside a shared link.
//!
//! The payload is every parameter of a [`ParamStore`] in the order of its
//! views; the names and shapes are not written, they are implied by the
//! chapter's architecture (the link's settings rebuild it), and a 32-bit
//! fingerprint of them makes a payload of another model a named error.
//!
//! Layout (little-endian), a 20-byte header then the body:
//!
//! | bytes  | field                                                    |
//! |--------|----------------------------------------------------------|
//! | 0..4   | magic `NPWT`                                             |
//! | 4      | version (1)                                              |
//! | 5      | quantisation: 0 = f16, 1 = 8-bit symmetric               |
//! | 6..8   | number of tensors (u16)                                  |
//! | 8..12  | number of values (u32)                                   |
//! | 12..16 | fingerprint of the names and shapes (FNV-1a, u32)        |
//! | 16..20 | checksum of the body (FNV-1a, u32)                       |
//!
//! Body: for f16, every value as IEEE half; for 8-bit, per tensor one f32
//! scale s (its largest magnitude / 127) then one i8 q per value, the value
//! being q·s (symmetric, so no zero point: weights straddle zero).
//!
//! Reading is strict: any mismatch is a [`LinkWeightsError`] naming it, the
//! values are decoded into a scratch buffer first, and the store changes
//! only when the whole payload has passed.

use super::f16;
use crate::nn::ParamStore;
use crate::util::fnv::{fnv1a as fnv, START as FNV_START};
use std::fmt;

/// The first four bytes of every payload.
pub const MAGIC: [u8; 4] = *b"NPWT";
/// The format version this reader writes and accepts.
pub const VERSION: u8 = 1;
/// Header length in bytes.
pub const HEADER: usize = 20;
/// The largest payload written or read (bytes, before compression): the
/// playground's largest network (9 inputs, 8 layers of 32, 6 outputs,
/// 7,910 values) is 15,840 bytes at f16.
pub const MAX_PAYLOAD: usize = 32_768;

/// How the values are stored.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Quant {
    /// IEEE half precision: 2 bytes a value, relative error ≤ 2⁻¹¹.
    F16,
    /// 8 bits a value with one f32 scale per tensor: error ≤ scale/2.
    Q8,
}

impl Quant {
    /// The header's byte.
    pub fn code(self) -> u8 {
        match self {
            Quant::F16 => 0,
            Quant::Q8 => 1,
        }
    }

    /// The name the page uses ("f16" or "q8").
    pub fn name(self) -> &'static str {
        match self {
            Quant::F16 => "f16",
            Quant::Q8 => "q8",
        }
    }

    /// From the page's name.
    pub fn parse(name: &str) -> Option<Quant> {
        match name {
            "f16" => Some(Quant::F16),
            "q8" | "int8" | "8bit" => Some(Quant::Q8),
            _ => None,
        }
    }

    fn from_code(code: u8) -> Option<Quant> {
        match code {
            0 => Some(Quant::F16),
            1 => Some(Quant::Q8),
            _ => None,
        }
    }
}

/// Why a payload was refused (or could not be written).
#[derive(Clone, Debug, PartialEq)]
pub enum LinkWeightsError {
    /// Shorter than its header or than its header says.
    Truncated { expected: usize, found: usize },
    /// Longer than [`MAX_PAYLOAD`] or than its header says.
    TooLarge { size: usize, cap: usize },
    /// Not a weights payload.
    Magic,
    /// A version this page does not read.
    Version(u8),
    /// An unknown quantisation byte.
    Kind(u8),
    /// The payload holds another number of tensors or values.
    Count { expected: usize, found: usize },
    /// The names or shapes of another model.
    Model,
    /// The body does not match its checksum (damaged or edited).
    Checksum,
    /// A NaN or infinity (a value, or an 8-bit tensor's scale).
    NonFinite { tensor: String, index: usize },
}

impl LinkWeightsError {
    /// A short stable name the page keys its translated message on.
    pub fn code(&self) -> &'static str {
        match self {
            LinkWeightsError::Truncated { .. } => "truncated",
            LinkWeightsError::TooLarge { .. } => "tooLarge",
            LinkWeightsError::Magic => "magic",
            LinkWeightsError::Version(_) => "version",
            LinkWeightsError::Kind(_) => "kind",
            LinkWeightsError::Count { .. } => "count",
            LinkWeightsError::Model => "model",
            LinkWeightsError::Checksum => "checksum",
            LinkWeightsError::NonFinite { .. } => "nonFinite",
        }
    }

    /// The sizes or tensor at fault.
    pub fn detail(&self) -> String {
        match self {
            LinkWeightsError::Truncated { expected, found } => {
                format!("{found} bytes < {expected}")
            }
            LinkWeightsError::TooLarge { size, cap } => format!("{size} bytes > {cap}"),
            LinkWeightsError::Magic | LinkWeightsError::Model | LinkWeightsError::Checksum => {
                String::new()
            }
            LinkWeightsError::Version(v) | LinkWeightsError::Kind(v) => v.to_string(),
            LinkWeightsError::Count { expected, found } => format!("{found} ≠ {expected}"),
            LinkWeightsError::NonFinite { tensor, index } => format!("{tensor}[{index}]"),
        }
    }
}

impl fmt::Display for LinkWeightsError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let d = self.detail();
        match self {
            LinkWeightsError::Truncated { .. } => write!(f, "weights cut short: {d}"),
            LinkWeightsError::TooLarge { .. } => write!(f, "weights too large: {d}"),
            LinkWeightsError::Magic => write!(f, "not a weights payload"),
            LinkWeightsError::Version(_) => write!(f, "unknown weights version: {d}"),
            LinkWeightsError::Kind(_) => write!(f, "unknown quantisation: {d}"),
            LinkWeightsError::Count { .. } => write!(f, "wrong number of weights: {d}"),
            LinkWeightsError::Model => write!(f, "weights of another network"),
            LinkWeightsError::Checksum => write!(f, "weights damaged (checksum)"),
            LinkWeightsError::NonFinite { .. } => write!(f, "weight is NaN or infinite: {d}"),
        }
    }
}

impl std::error::Error for LinkWeightsError {}

/// The fingerprint of a store's names and shapes, in order.
pub fn fingerprint(store: &ParamStore) -> u32 {
    let mut h = FNV_START;
    for v in &store.views {
        h = fnv(h, v.name.as_bytes());
        h = fnv(h, &[0]);
        for &d in &v.shape {
            h = fnv(h, &(d as u32).to_le_bytes());
        }
        h = fnv(h, &[0xff]);
    }
    h
}

/// Payload length for `store` at `kind` (bytes).
pub fn payload_len(store: &ParamStore, kind: Quant) -> usize {
    let values: usize = store.views.iter().map(|v| v.len()).sum();
    HEADER
        + match kind {
            Quant::F16 => 2 * values,
            Quant::Q8 => 4 * store.views.len() + values,
        }
}

/// The payload of `store`'s values. Refuses non-finite values (a diverged
/// network) and payloads past [`MAX_PAYLOAD`].
pub fn encode(store: &ParamStore, kind: Quant) -> Result<Vec<u8>, LinkWeightsError> {
    let size = payload_len(store, kind);
    if size > MAX_PAYLOAD {
        return Err(LinkWeightsError::TooLarge {
            size,
            cap: MAX_PAYLOAD,
        });
    }
    if store.views.len() > usize::from(u16::MAX) {
        return Err(LinkWeightsError::TooLarge {
            size: store.views.len(),
            cap: usize::from(u16::MAX),
        });
    }
    let mut body = Vec::with_capacity(size - HEADER);
    let mut values = 0usize;
    for v in &store.views {
        let xs = &store.data[v.range()];
        if let Some(i) = xs.iter().position(|x| !x.is_finite()) {
            return Err(LinkWeightsError::NonFinite {
                tensor: v.name.clone(),
                index: i,
            });
        }
        values += xs.len();
        match kind {
            Quant::F16 => {
                for &x in xs {
                    body.extend_from_slice(&f16::from_f32(x).to_le_bytes());
                }
            }
            Quant::Q8 => {
                let max = xs.iter().fold(0f32, |m, x| m.max(x.abs()));
                let scale = max / 127.0;
                body.extend_from_slice(&scale.to_le_bytes());
                for &x in xs {
                    let q = if scale > 0.0 {
                        (x / scale).round().clamp(-127.0, 127.0) as i8
                    } else {
                        0
                    };
                    body.push(q as u8);
                }
            }
        }
    }
    let mut out = Vec::with_capacity(size);
    out.extend_from_slice(&MAGIC);
    out.push(VERSION);
    out.push(kind.code());
    out.extend_from_slice(&(store.views.len() as u16).to_le_bytes());
    out.extend_from_slice(&(values as u32).to_le_bytes());
    out.extend_from_slice(&fingerprint(store).to_le_bytes());
    out.extend_from_slice(&fnv(FNV_START, &body).to_le_bytes());
    out.extend_from_slice(&body);
    debug_assert_eq!(out.len(), size);
    Ok(out)
}

fn u32_at(bytes: &[u8], at: usize) -> u32 {
    u32::from_le_bytes([bytes[at], bytes[at + 1], bytes[at + 2], bytes[at + 3]])
}

/// The payload's quantisation, after checking its header only.
pub fn kind_of(bytes: &[u8]) -> Result<Quant, LinkWeightsError> {
    if bytes.len() < HEADER {
        return Err(LinkWeightsError::Truncated {
            expected: HEADER,
            found: bytes.len(),
        });
    }
    if bytes[..4] != MAGIC {
        return Err(LinkWeightsError::Magic);
    }
    if bytes[4] != VERSION {
        return Err(LinkWeightsError::Version(bytes[4]));
    }
    Quant::from_code(bytes[5]).ok_or(LinkWeightsError::Kind(bytes[5]))
}

/// Puts the payload's values into `store`, after checking everything; on
/// an error `store` is unchanged. Returns the quantisation read.
pub fn decode(store: &mut ParamStore, bytes: &[u8]) -> Result<Quant, LinkWeightsError> {
    if bytes.len() > MAX_PAYLOAD {
        return Err(LinkWeightsError::TooLarge {
            size: bytes.len(),
            cap: MAX_PAYLOAD,
        });
    }
    let kind = kind_of(bytes)?;
    let tensors = usize::from(u16::from_le_bytes([bytes[6], bytes[7]]));
    let values = u32_at(bytes, 8) as usize;
    if tensors != store.views.len() {
        return Err(LinkWeightsError::Count {
            expected: store.views.len(),
            found: tensors,
        });
    }
    let own: usize = store.views.iter().map(|v| v.len()).sum();
    if values != own {
        return Err(LinkWeightsError::Count {
            expected: own,
            found: values,
        });
    }
    if u32_at(bytes, 12) != fingerprint(store) {
        return Err(LinkWeightsError::Model);
    }
    let expected = payload_len(store, kind);
    if bytes.len() < expected {
        return Err(LinkWeightsError::Truncated {
            expected,
            found: bytes.len(),
        });
    }
    if bytes.len() > expected {
        return Err(LinkWeightsError::TooLarge {
            size: bytes.len(),
            cap: expected,
        });
    }
    let body = &bytes[HEADER..];
    if fnv(FNV_START, body) != u32_at(bytes, 16) {
        return Err(LinkWeightsError::Checksum);
    }
    let mut scratch = vec![0f32; store.data.len()];
    let mut at = 0usize;
    for v in &store.views {
        let out = &mut scratch[v.range()];
        let bad = |index| LinkWeightsError::NonFinite {
            tensor: v.name.clone(),
            index,
        };
        match kind {
            Quant::F16 => {
                for (i, o) in out.iter_mut().enumerate() {
                    let x = f16::to_f32(u16::from_le_bytes([body[at], body[at + 1]]));
                    at += 2;
                    if !x.is_finite() {
                        return Err(bad(i));
                    }
                    *o = x;
                }
            }
            Quant::Q8 => {
                let scale = f32::from_bits(u32_at(body, at));
                at += 4;
                if !scale.is_finite() || scale < 0.0 {
                    return Err(bad(0));
                }
                for o in out.iter_mut() {
                    *o = f32::from(body[at] as i8) * scale;
                    at += 1;
                }
            }
        }
    }
    for v in &store.views {
        store.data[v.range()].copy_from_slice(&scratch[v.range()]);
    }
    Ok(kind)
}
