//! The reader's own data as CSV: one point per line, `x, y, label`.
//!
//! Separators may be commas, semicolons, tabs or spaces; a first line that is
//! not numeric is taken as a header; blank lines and lines starting with `#`
//! are skipped. Classification labels are class indices 0–5, or −1/+1 as in
//! TensorFlow Playground (−1 becomes class 0). A malformed file is refused
//! whole, with the line and the reason; nothing is half-loaded.

use super::points::{MAX_CLASSES, MAX_POINTS};
use super::two_d::{Problem, Sample2D, EXTENT};

/// Largest file accepted, in bytes.
pub const MAX_BYTES: usize = 1 << 20;

/// Why a CSV file was refused: the 1-based line (0 for the whole file).
#[derive(Clone, Debug, PartialEq)]
pub struct CsvError {
    pub line: usize,
    pub reason: CsvReason,
}

/// What was wrong.
#[derive(Clone, Debug, PartialEq)]
pub enum CsvReason {
    TooLarge,
    Empty,
    TooManyPoints,
    /// Found this many fields instead of 3.
    FieldCount(usize),
    /// Field number (1-based) is not a finite number.
    NotANumber(usize),
    OutsidePlane,
    /// Classification labels must be whole numbers 0–5 or −1/+1.
    BadClass,
    /// Regression values must lie in [−10, 10].
    BadValue,
    /// −1/+1 labels mixed with class indices 2 and above.
    MixedLabels,
    /// Classification data needs at least two classes.
    OneClass,
}

impl CsvReason {
    /// Stable name for the page's messages.
    pub fn name(&self) -> &'static str {
        match self {
            CsvReason::TooLarge => "tooLarge",
            CsvReason::Empty => "empty",
            CsvReason::TooManyPoints => "tooManyPoints",
            CsvReason::FieldCount(_) => "fieldCount",
            CsvReason::NotANumber(_) => "notANumber",
            CsvReason::OutsidePlane => "outsidePlane",
            CsvReason::BadClass => "badClass",
            CsvReason::BadValue => "badValue",
            CsvReason::MixedLabels => "mixedLabels",
            CsvReason::OneClass => "oneClass",
        }
    }

    /// The number a reason carries (field count or field index), else 0.
    pub fn detail(&self) -> usize {
        match self {
            CsvReason::FieldCount(n) | CsvReason::NotANumber(n) => *n,
            _ => 0,
        }
    }
}

fn err(line: usize, reason: CsvReason) -> CsvError {
    CsvError { line, reason }
}

/// Parses a whole file.
pub fn parse(text: &str, problem: Problem) -> Result<Vec<Sample2D>, CsvError> {
    if text.len() > MAX_BYTES {
        return Err(err(0, CsvReason::TooLarge));
    }
    let mut out = Vec::new();
    let mut seen_data = false;
    let mut minus_one_line = 0;
    let mut big_class_line = 0;
    for (i, line) in text.lines().enumerate() {
        let n = i + 1;
        let t = line.trim().trim_start_matches('\u{feff}');
        if t.is_empty() || t.starts_with('#') {
            continue;
        }
        let fields: Vec<&str> = t.split(|c: char| c == ',' || c == ';' || c.is_whitespace()).filter(|f| !f.is_empty()).collect();
        let nums: Vec<Option<f64>> = fields.iter().map(|f| f.parse::<f64>().ok().filter(|x| x.is_finite())).collect();
        if !seen_data && nums.iter().all(|x| x.is_none()) {
            // A header line.
            seen_data = true;
            continue;
        }
        seen_data = true;
        if fields.len() != 3 {
            return Err(err(n, CsvReason::FieldCount(fields.len())));
        }
        if let Some(bad) = nums.iter().position(|x| x.is_none()) {
            return Err(err(n, CsvReason::NotANumber(bad + 1)));
        }
        let (x, y, l) = (nums[0].unwrap_or(0.0), nums[1].unwrap_or(0.0), nums[2].unwrap_or(0.0));
        if x.abs() > f64::from(EXTENT) || y.abs() > f64::from(EXTENT) {
            return Err(err(n, CsvReason::OutsidePlane));
        }
        let label = match problem {
            Problem::Classification => {
                if l.fract() != 0.0 || l < -1.0 || l >= MAX_CLASSES as f64 {
                    return Err(err(n, CsvReason::BadClass));
                }
                if l == -1.0 {
                    minus_one_line = n;
                } else if l >= 2.0 {
                    big_class_line = n;
                }
                if minus_one_line > 0 && big_class_line > 0 {
                    return Err(err(n, CsvReason::MixedLabels));
                }
                l
            }
            Problem::Regression => {
                if l.abs() > 10.0 {
                    return Err(err(n, CsvReason::BadValue));
                }
                l
            }
        };
        if out.len() == MAX_POINTS {
            return Err(err(n, CsvReason::TooManyPoints));
        }
        out.push(Sample2D { x: x as f32, y: y as f32, label: label as f32 });
    }
    if out.is_empty() {
        return Err(err(0, CsvReason::Empty));
    }
    if problem == Problem::Classification {
        if minus_one_line > 0 {
            // TensorFlow Playground's −1/+1: −1 is class 0.
            for p in &mut out {
                if p.label < 0.0 {
                    p.label = 0.0;
                }
            }
        }
        let first = out[0].label;
        if out.iter().all(|p| p.label == first) {
            return Err(err(0, CsvReason::OneClass));
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_headers_comments_and_separators() {
        let pts = parse("x,y,label\n# a comment\n1, 2, 1\n\n-3;4;0\n0.5\t-0.5\t2\n", Problem::Classification).unwrap();
        assert_eq!(pts.len(), 3);
        assert_eq!(pts[1], Sample2D { x: -3.0, y: 4.0, label: 0.0 });
        let tf = parse("1,1,1\n-1,-1,-1\n", Problem::Classification).unwrap();
        assert_eq!(tf[1].label, 0.0);
    }

    #[test]
    fn refuses_with_line_and_reason() {
        let c = Problem::Classification;
        assert_eq!(parse("1,2,1\n3,4\n", c), Err(err(2, CsvReason::FieldCount(2))));
        assert_eq!(parse("1,2,1\n3,abc,1\n", c), Err(err(2, CsvReason::NotANumber(2))));
        assert_eq!(parse("1,2,1\n7,0,1\n", c), Err(err(2, CsvReason::OutsidePlane)));
        assert_eq!(parse("1,2,0.5\n", c), Err(err(1, CsvReason::BadClass)));
        assert_eq!(parse("1,2,-1\n1,2,3\n", c), Err(err(2, CsvReason::MixedLabels)));
        assert_eq!(parse("1,2,1\n1,3,1\n", c), Err(err(0, CsvReason::OneClass)));
        assert_eq!(parse("\n# nothing\n", c), Err(err(0, CsvReason::Empty)));
        assert_eq!(parse("1,2,NaN\n", c), Err(err(1, CsvReason::NotANumber(3))));
        assert_eq!(parse("1,2,11\n", Problem::Regression), Err(err(1, CsvReason::BadValue)));
        let many: String = (0..MAX_POINTS + 1).map(|i| format!("0,0,{}\n", i % 2)).collect();
        assert_eq!(parse(&many, c), Err(err(MAX_POINTS + 1, CsvReason::TooManyPoints)));
    }
}
