//! The reader's own points in link form: base64url of 6 bytes per point,
//! x and y as little-endian i16 thousandths, then the label as i16 (a class
//! index for classification, thousandths for regression).

use super::two_d::{Problem, Sample2D};
use super::validate::{Points, Reject};
use crate::util::base64url;

pub use super::validate::{MAX_CLASSES, MAX_POINTS};

/// Why a link's points were not used.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DecodeError {
    /// Not base64url, or not whole points of 6 bytes.
    Malformed,
    /// Well formed, but refused by the rules every input follows.
    Refused(Reject),
}

impl DecodeError {
    /// Stable name for the page's messages.
    pub fn name(self) -> &'static str {
        match self {
            DecodeError::Malformed => "malformed",
            DecodeError::Refused(r) => r.name(),
        }
    }
}

fn q(v: f32) -> i16 {
    (v * 1000.0).round().clamp(-32767.0, 32767.0) as i16
}

/// Encodes points for a link.
pub fn encode(points: &[Sample2D], problem: Problem) -> String {
    let mut bytes = Vec::with_capacity(points.len().min(MAX_POINTS) * 6);
    for p in points.iter().take(MAX_POINTS) {
        let label = match problem {
            Problem::Classification => p.label as i16,
            Problem::Regression => q(p.label),
        };
        for v in [q(p.x), q(p.y), label] {
            bytes.extend_from_slice(&v.to_le_bytes());
        }
    }
    base64url::encode(&bytes)
}

/// Decodes points from a link under the same rules as a CSV file
/// ([`super::validate`]); too many points are refused from the text's
/// length, before it is decoded. An empty text is no points (`Empty`).
pub fn decode(text: &str, problem: Problem) -> Result<Vec<Sample2D>, DecodeError> {
    // 4 characters carry 3 bytes; a point is 6 bytes.
    if text.len() / 8 > MAX_POINTS {
        return Err(DecodeError::Refused(Reject::TooManyPoints));
    }
    let bytes = base64url::decode(text).map_err(|_| DecodeError::Malformed)?;
    if bytes.len() % 6 != 0 {
        return Err(DecodeError::Malformed);
    }
    let mut points = Points::new(problem, bytes.len() / 6);
    for c in bytes.chunks_exact(6) {
        // Thousandths divided in f32, as the points were always read.
        let v = |i: usize| f32::from(i16::from_le_bytes([c[i], c[i + 1]]));
        let label = match problem {
            Problem::Classification => v(4),
            Problem::Regression => v(4) / 1000.0,
        };
        let (x, y) = (v(0) / 1000.0, v(2) / 1000.0);
        points.push(f64::from(x), f64::from(y), f64::from(label)).map_err(DecodeError::Refused)?;
    }
    points.finish().map_err(DecodeError::Refused)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_quantised_to_thousandths() {
        let pts = vec![
            Sample2D { x: 1.2344, y: -5.9999, label: 2.0 },
            Sample2D { x: 0.0, y: 6.0, label: 0.0 },
        ];
        let back = decode(&encode(&pts, Problem::Classification), Problem::Classification).unwrap();
        assert_eq!(back.len(), 2);
        assert!((back[0].x - 1.234).abs() < 1e-6 && (back[0].y + 6.0).abs() < 1e-6 && back[0].label == 2.0);
        let reg = vec![Sample2D { x: 0.5, y: 0.5, label: -0.75 }];
        assert_eq!(decode(&encode(&reg, Problem::Regression), Problem::Regression).unwrap()[0].label, -0.75);
        assert_eq!(decode("AAAA", Problem::Classification), Err(DecodeError::Malformed));
        assert_eq!(decode("!!", Problem::Classification), Err(DecodeError::Malformed));
    }
}
