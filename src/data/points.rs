//! The reader's own points in link form: base64url of 6 bytes per point,
//! x and y as little-endian i16 thousandths, then the label as i16 (a class
//! index for classification, thousandths for regression).

use super::two_d::{Problem, Sample2D, EXTENT};
use crate::util::base64url;

/// Most points a link or a file may carry.
pub const MAX_POINTS: usize = 2000;
/// Most classes the reader's own data may have.
pub const MAX_CLASSES: usize = 6;

fn q(v: f32) -> i16 {
    (v * 1000.0).round().clamp(-32767.0, 32767.0) as i16
}

/// Encodes points for a link.
pub fn encode(points: &[Sample2D], problem: Problem) -> String {
    let mut bytes = Vec::with_capacity(points.len() * 6);
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

/// Decodes points from a link, or says why they cannot be used.
pub fn decode(text: &str, problem: Problem) -> Result<Vec<Sample2D>, String> {
    let bytes = base64url::decode(text)?;
    if bytes.len() % 6 != 0 {
        return Err("truncated point list".into());
    }
    if bytes.len() / 6 > MAX_POINTS {
        return Err(format!("more than {MAX_POINTS} points"));
    }
    let mut out = Vec::with_capacity(bytes.len() / 6);
    for c in bytes.chunks_exact(6) {
        let v = |i: usize| i16::from_le_bytes([c[i], c[i + 1]]);
        let (x, y) = (f32::from(v(0)) / 1000.0, f32::from(v(2)) / 1000.0);
        if x.abs() > EXTENT || y.abs() > EXTENT {
            return Err("a point lies outside the plane".into());
        }
        let label = match problem {
            Problem::Classification => {
                let l = v(4);
                if !(0..MAX_CLASSES as i16).contains(&l) {
                    return Err("a class label is out of range".into());
                }
                f32::from(l)
            }
            Problem::Regression => f32::from(v(4)) / 1000.0,
        };
        out.push(Sample2D { x, y, label });
    }
    Ok(out)
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
        assert!(decode("AAAA", Problem::Classification).is_err());
        assert!(decode("!!", Problem::Classification).is_err());
    }
}
