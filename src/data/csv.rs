//! The reader's own data as CSV: one point per line, `x, y, label`.
//!
//! Separators may be commas, semicolons, tabs or spaces; a first line that is
//! not numeric is taken as a header; blank lines and lines starting with `#`
//! are skipped. The points follow the rules every input follows
//! ([`super::validate`]: the plane, class labels 0–5 or −1/+1 not mixed,
//! targets within ±10, at most 2,000 points, two classes at least). A
//! malformed file is refused whole, with the line and the reason; nothing is
//! half-loaded.

use super::two_d::{Problem, Sample2D};
use super::validate::{Points, Reject};

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
    /// Found this many fields instead of 3.
    FieldCount(usize),
    /// Field number (1-based) is not a finite number.
    NotANumber(usize),
    /// Refused by the rules every input follows.
    Refused(Reject),
}

impl CsvReason {
    /// Stable name for the page's messages.
    pub fn name(&self) -> &'static str {
        match self {
            CsvReason::TooLarge => "tooLarge",
            CsvReason::FieldCount(_) => "fieldCount",
            CsvReason::NotANumber(_) => "notANumber",
            CsvReason::Refused(r) => r.name(),
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
    let mut points = Points::new(problem, 0);
    let mut seen_data = false;
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
        points.push(x, y, l).map_err(|r| err(n, CsvReason::Refused(r)))?;
    }
    points.finish().map_err(|r| err(0, CsvReason::Refused(r)))
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
        let refused = |line, r| Err(err(line, CsvReason::Refused(r)));
        assert_eq!(parse("1,2,1\n7,0,1\n", c), refused(2, Reject::OutsidePlane));
        assert_eq!(parse("1,2,0.5\n", c), refused(1, Reject::BadClass));
        assert_eq!(parse("1,2,-1\n1,2,3\n", c), refused(2, Reject::MixedLabels));
        assert_eq!(parse("1,2,1\n1,3,1\n", c), refused(0, Reject::OneClass));
        assert_eq!(parse("\n# nothing\n", c), refused(0, Reject::Empty));
        assert_eq!(parse("1,2,NaN\n", c), Err(err(1, CsvReason::NotANumber(3))));
        assert_eq!(parse("1,2,11\n", Problem::Regression), refused(1, Reject::BadValue));
        let many: String = (0..super::super::validate::MAX_POINTS + 1).map(|i| format!("0,0,{}\n", i % 2)).collect();
        assert_eq!(parse(&many, c), refused(super::super::validate::MAX_POINTS + 1, Reject::TooManyPoints));
    }
}
