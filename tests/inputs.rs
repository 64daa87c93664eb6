//! One set of rules for every way the reader's points come in: a link's
//! `points=`, a pasted or uploaded CSV file, and the click editor's check
//! give the same answer on the same points.

use neuroplay::config::IssueKind;
use neuroplay::data::csv::{self, CsvReason};
use neuroplay::data::points::{self, DecodeError};
use neuroplay::data::validate::{self, Reject, MAX_POINTS};
use neuroplay::data::{Problem, Sample2D};
use neuroplay::util::base64url;

/// The link form of points, written byte by byte (not through the encoder,
/// which would clamp what a hostile link need not).
fn link(points: &[(f64, f64, f64)], problem: Problem) -> String {
    let mut bytes = Vec::new();
    for &(x, y, l) in points {
        let l = if problem == Problem::Regression {
            l * 1000.0
        } else {
            l
        };
        for v in [x * 1000.0, y * 1000.0, l] {
            bytes.extend_from_slice(&(v.round() as i16).to_le_bytes());
        }
    }
    base64url::encode(&bytes)
}

fn csv_text(points: &[(f64, f64, f64)]) -> String {
    points
        .iter()
        .map(|(x, y, l)| format!("{x},{y},{l}\n"))
        .collect()
}

fn cases() -> Vec<(
    &'static str,
    Problem,
    Vec<(f64, f64, f64)>,
    Result<usize, Reject>,
)> {
    use Problem::{Classification as C, Regression as R};
    let alternating = |n: usize| {
        (0..n)
            .map(|i| ((i % 11) as f64 * 0.5 - 2.5, 1.0, (i % 2) as f64))
            .collect::<Vec<_>>()
    };
    vec![
        (
            "two classes",
            C,
            vec![(1.0, 1.0, 1.0), (-2.0, 0.5, 0.0)],
            Ok(2),
        ),
        (
            "classes 0 and 2",
            C,
            vec![(1.0, 1.0, 2.0), (-2.0, 0.5, 0.0)],
            Ok(2),
        ),
        (
            "−1/+1, TensorFlow Playground's style",
            C,
            vec![(1.0, 1.0, 1.0), (-2.0, 0.5, -1.0)],
            Ok(2),
        ),
        (
            "a single class",
            C,
            vec![(1.0, 1.0, 1.0), (2.0, 2.0, 1.0), (3.0, 3.0, 1.0)],
            Err(Reject::OneClass),
        ),
        ("one point", C, vec![(1.0, 1.0, 0.0)], Err(Reject::OneClass)),
        (
            "−1, 0 and 1 mixed",
            C,
            vec![(1.0, 1.0, -1.0), (2.0, 2.0, 0.0), (3.0, 3.0, 1.0)],
            Err(Reject::MixedLabels),
        ),
        (
            "−1 and 3 mixed",
            C,
            vec![(1.0, 1.0, -1.0), (2.0, 2.0, 3.0)],
            Err(Reject::MixedLabels),
        ),
        (
            "class 6",
            C,
            vec![(1.0, 1.0, 0.0), (2.0, 2.0, 6.0)],
            Err(Reject::BadClass),
        ),
        (
            "class −2",
            C,
            vec![(1.0, 1.0, 0.0), (2.0, 2.0, -2.0)],
            Err(Reject::BadClass),
        ),
        (
            "outside the plane",
            C,
            vec![(1.0, 1.0, 0.0), (6.5, 0.0, 1.0)],
            Err(Reject::OutsidePlane),
        ),
        (
            "on the edge of the plane",
            C,
            vec![(6.0, -6.0, 0.0), (-6.0, 6.0, 1.0)],
            Ok(2),
        ),
        (
            "targets of ±10",
            R,
            vec![(0.0, 0.0, 10.0), (1.0, 1.0, -10.0)],
            Ok(2),
        ),
        (
            "a target of 32.767",
            R,
            vec![(0.0, 0.0, 1.0), (1.0, 1.0, 32.767)],
            Err(Reject::BadValue),
        ),
        (
            "a target of −10.5",
            R,
            vec![(0.0, 0.0, -10.5)],
            Err(Reject::BadValue),
        ),
        ("one regression point", R, vec![(0.0, 0.0, 0.5)], Ok(1)),
        ("no points", C, vec![], Err(Reject::Empty)),
        ("2,000 points", C, alternating(MAX_POINTS), Ok(MAX_POINTS)),
        (
            "2,001 points",
            C,
            alternating(MAX_POINTS + 1),
            Err(Reject::TooManyPoints),
        ),
    ]
}

#[test]
fn a_link_a_file_and_a_click_follow_the_same_rules() {
    for (name, problem, pts, want) in cases() {
        let by_csv = csv::parse(&csv_text(&pts), problem)
            .map(|p| p.len())
            .map_err(|e| match e.reason {
                CsvReason::Refused(r) => r,
                other => panic!("{name}: CSV refused for {other:?}"),
            });
        let by_link = points::decode(&link(&pts, problem), problem)
            .map(|p| p.len())
            .map_err(|e| match e {
                DecodeError::Refused(r) => r,
                DecodeError::Malformed => panic!("{name}: link malformed"),
            });
        let samples: Vec<Sample2D> = pts
            .iter()
            .map(|&(x, y, l)| Sample2D {
                x: x as f32,
                y: y as f32,
                label: l as f32,
            })
            .collect();
        let by_click = validate::check(&samples, problem).map(|()| samples.len());
        println!("{name}: csv {by_csv:?}, link {by_link:?}, click {by_click:?}");
        assert_eq!(by_csv, want, "{name}: CSV");
        assert_eq!(by_link, want, "{name}: link");
        assert_eq!(by_click, want, "{name}: click");
    }
}

#[test]
fn minus_one_reads_as_class_zero_on_every_path() {
    let pts = [(1.0, 1.0, 1.0), (-2.0, 0.5, -1.0)];
    let c = Problem::Classification;
    let a = csv::parse(&csv_text(&pts), c).unwrap();
    let b = points::decode(&link(&pts, c), c).unwrap();
    assert_eq!(a, b);
    assert_eq!(a[1].label, 0.0);
}

#[test]
fn a_refused_link_names_the_reason() {
    use neuroplay::chapters::playground::settings::{config, decode};
    let one_class = link(&[(1.0, 1.0, 1.0), (2.0, 2.0, 1.0)], Problem::Classification);
    let d = decode(&format!("dataset=custom&points={one_class}"), "1");
    assert_eq!(d.issues.len(), 1);
    assert_eq!(
        (d.issues[0].field.as_str(), d.issues[0].kind),
        ("points", IssueKind::Refused("oneClass"))
    );
    assert!(
        d.to_json()
            .contains(r#""problem":"refused","reason":"oneClass""#),
        "{}",
        d.to_json()
    );
    assert!(
        config(&d.settings).points.is_empty(),
        "refused points are not used"
    );
    let d = decode("problem=regression&regDataset=custom&points=AAAA", "1");
    assert_eq!(d.issues[0].kind, IssueKind::Refused("malformed"));
    // No points at all is a state, not an error: the reader is about to click.
    assert!(decode("dataset=custom&points=", "1").issues.is_empty());
}
