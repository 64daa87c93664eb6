//! One set of rules for the reader's own points, whichever way they come in
//! (a link's `points=`, a pasted or uploaded CSV file, a click on the
//! plot), checked point by point as they are read, so that a bad input is
//! refused before any work is done with it:
//!
//! - at most [`MAX_POINTS`] points, and at least one;
//! - every point inside the plane [−6, 6]²;
//! - classification: labels are whole class numbers 0–5, or TensorFlow
//!   Playground's −1/+1 (−1 is class 0), never the two styles mixed, and
//!   at least two classes;
//! - regression: targets within ±[`MAX_TARGET`].

use super::two_d::{Problem, Sample2D, EXTENT};

/// Most points a link or a file may carry.
pub const MAX_POINTS: usize = 2000;
/// Most classes the reader's own data may have.
pub const MAX_CLASSES: usize = 6;
/// Largest regression target, either sign.
pub const MAX_TARGET: f64 = 10.0;

/// Why points were refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Reject {
    /// No points at all.
    Empty,
    TooManyPoints,
    OutsidePlane,
    /// Not a whole number 0–5 or −1.
    BadClass,
    /// A regression target beyond ±MAX_TARGET.
    BadValue,
    /// −1/+1 labels mixed with class numbers 0 or 2 and above.
    MixedLabels,
    /// Classification with a single class.
    OneClass,
}

impl Reject {
    /// Stable name for the page's messages.
    pub fn name(self) -> &'static str {
        match self {
            Reject::Empty => "empty",
            Reject::TooManyPoints => "tooManyPoints",
            Reject::OutsidePlane => "outsidePlane",
            Reject::BadClass => "badClass",
            Reject::BadValue => "badValue",
            Reject::MixedLabels => "mixedLabels",
            Reject::OneClass => "oneClass",
        }
    }
}

/// Points being read, checked one at a time.
#[derive(Clone, Debug)]
pub struct Points {
    problem: Problem,
    points: Vec<Sample2D>,
    /// Labels seen: −1, 0, and 2 or more.
    minus_one: bool,
    zero: bool,
    above_one: bool,
}

impl Points {
    /// An empty set for `problem`, with room for `expected` points (capped).
    pub fn new(problem: Problem, expected: usize) -> Self {
        Points {
            problem,
            points: Vec::with_capacity(expected.min(MAX_POINTS)),
            minus_one: false,
            zero: false,
            above_one: false,
        }
    }

    /// Number of points taken so far.
    pub fn len(&self) -> usize {
        self.points.len()
    }

    /// Whether no point was taken yet.
    pub fn is_empty(&self) -> bool {
        self.points.is_empty()
    }

    /// Takes one point, or says why it cannot be taken (the points taken
    /// before are kept, but the caller refuses the whole input).
    pub fn push(&mut self, x: f64, y: f64, label: f64) -> Result<(), Reject> {
        if self.points.len() == MAX_POINTS {
            return Err(Reject::TooManyPoints);
        }
        let e = f64::from(EXTENT);
        if !(x.abs() <= e && y.abs() <= e) {
            return Err(Reject::OutsidePlane);
        }
        match self.problem {
            Problem::Classification => {
                if !(label.fract() == 0.0 && label >= -1.0 && label < MAX_CLASSES as f64) {
                    return Err(Reject::BadClass);
                }
                self.minus_one |= label == -1.0;
                self.zero |= label == 0.0;
                self.above_one |= label >= 2.0;
                if self.minus_one && (self.zero || self.above_one) {
                    return Err(Reject::MixedLabels);
                }
            }
            Problem::Regression => {
                if !(label.abs() <= MAX_TARGET) {
                    return Err(Reject::BadValue);
                }
            }
        }
        self.points.push(Sample2D {
            x: x as f32,
            y: y as f32,
            label: label as f32,
        });
        Ok(())
    }

    /// The points (TensorFlow Playground's −1 read as class 0), or why the
    /// set as a whole is refused: none, or a single class.
    pub fn finish(mut self) -> Result<Vec<Sample2D>, Reject> {
        if self.points.is_empty() {
            return Err(Reject::Empty);
        }
        if self.problem == Problem::Classification {
            if self.minus_one {
                for p in &mut self.points {
                    p.label = p.label.max(0.0);
                }
            }
            let first = self.points[0].label;
            if self.points.iter().all(|p| p.label == first) {
                return Err(Reject::OneClass);
            }
        }
        Ok(self.points)
    }
}

/// Checks a whole set of points at once (the page's click editor).
pub fn check(points: &[Sample2D], problem: Problem) -> Result<(), Reject> {
    let mut v = Points::new(problem, points.len());
    for p in points {
        v.push(f64::from(p.x), f64::from(p.y), f64::from(p.label))?;
    }
    v.finish().map(|_| ())
}
