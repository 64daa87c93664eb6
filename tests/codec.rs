//! The link codec: TensorFlow Playground's links open with their meanings,
//! every setting round-trips, and no input, however broken, makes it fail.

use neuroplay::train::Trainable;
use neuroplay::chapters::playground::settings::{config, decode, FIELDS, HIDEABLE, MAX_LAYERS, MAX_NEURONS};
use neuroplay::config::{IssueKind, Kind, Value};
use neuroplay::data::{DataSet, Feature, Problem};
use neuroplay::nn::Regularization;
use neuroplay::ops::Activation;
use neuroplay::chapters::playground::Session;
use neuroplay::rng::Rng;

const TF_DEFAULT: &str = "#activation=tanh&batchSize=10&dataset=circle&regDataset=reg-plane&learningRate=0.03&regularizationRate=0&noise=0&networkShape=4,2&seed=0.53087&showTestData=false&discretize=false&percTrainData=50&x=true&y=true&xTimesY=false&xSquared=false&ySquared=false&cosX=false&sinX=false&cosY=false&sinY=false&collectStats=false&problem=classification&initZero=false&hideText=false";

#[test]
fn tensorflow_playground_default_link() {
    let d = decode(TF_DEFAULT, "0.1");
    assert!(d.issues.is_empty(), "{:?}", d.issues);
    let c = config(&d.settings);
    assert_eq!(c.activation, Activation::Tanh);
    assert_eq!(c.dataset, DataSet::Circle);
    assert_eq!(c.hidden, vec![4, 2]);
    assert_eq!(c.features, vec![Feature::X, Feature::Y]);
    assert_eq!(c.seed, "0.53087");
    assert_eq!(c.batch_size, 10);
    assert_eq!(c.num_samples, 500);
    assert!((c.learning_rate - 0.03).abs() < 1e-9);
}

#[test]
fn tensorflow_playground_link_with_everything_changed() {
    let link = "activation=relu&batchSize=30&dataset=spiral&regDataset=reg-gauss&learningRate=0.1&regularizationRate=0.001&noise=35&networkShape=8,8,5&seed=0.71468&showTestData=true&discretize=true&percTrainData=70&x=true&y=false&xTimesY=true&xSquared=true&ySquared=true&cosX=false&sinX=true&cosY=false&sinY=true&collectStats=false&problem=regression&initZero=true&hideText=true&regularization=L2&tutorial=dp-reducing-loss&noise_hide=true&batchSize_hide=true&numHiddenLayers_hide=true";
    let d = decode(link, "0.1");
    assert!(d.issues.is_empty(), "{:?}", d.issues);
    let s = &d.settings;
    let c = config(s);
    assert_eq!(c.activation, Activation::Relu);
    assert_eq!(c.problem, Problem::Regression);
    assert_eq!(c.dataset, DataSet::RegGauss);
    assert_eq!(c.hidden, vec![8, 8, 5]);
    assert_eq!(c.regularization, Regularization::L2);
    assert_eq!(c.features, vec![Feature::X, Feature::XSquared, Feature::YSquared, Feature::XTimesY, Feature::SinX, Feature::SinY]);
    assert_eq!(c.percent_train, 70);
    assert!((c.noise - 0.35).abs() < 1e-12);
    assert_eq!(c.num_samples, 1200, "regression default, as TensorFlow Playground");
    assert!(s.bool("showTestData") && s.bool("discretize") && s.bool("hideText"));
    assert_eq!(s.hidden, vec!["noise", "batchSize", "numHiddenLayers"]);
}

fn random_value(kind: Kind, r: &mut Rng) -> Value {
    match kind {
        Kind::Bool => Value::Bool(r.below(2) == 1),
        Kind::Int { min, max } => Value::Int(min + r.below((max - min + 1).min(1 << 30) as usize) as i64),
        Kind::Float { min, max } => Value::Float([min, max, r.uniform(min, max), 0.03, 1e-5][r.below(5)].clamp(min, max)),
        Kind::Choice(options) => Value::Choice(r.below(options.len())),
        Kind::IntList { min, max, max_len } => {
            Value::IntList((0..r.below(max_len + 1)).map(|_| min + r.below((max - min + 1) as usize) as i64).collect())
        }
        Kind::Text { max_len } => {
            let chars = b"abcXYZ0189._-";
            Value::Text((0..1 + r.below(max_len)).map(|_| chars[r.below(chars.len())] as char).collect())
        }
        Kind::Blob { .. } => Value::Text(String::new()),
        Kind::Words { max_len } => {
            let chars: Vec<char> = "a春 <>&=%#?+é'\"".chars().collect();
            Value::Text((0..r.below(max_len.min(60) + 1)).map(|_| chars[r.below(chars.len())]).collect())
        }
    }
}

#[test]
fn every_setting_round_trips() {
    let mut r = Rng::new(2024);
    for _ in 0..2000 {
        let mut s = decode("", "0.1").settings;
        for f in FIELDS {
            s.set(f.name, random_value(f.kind, &mut r));
        }
        s.hidden = HIDEABLE.iter().copied().filter(|_| r.below(4) == 0).collect();
        // Keep the combination consistent, as the page does.
        if s.choice("problem") == "regression" {
            s.set("loss", Value::Choice(0));
        }
        for ds in ["dataset", "regDataset"] {
            if s.choice(ds) == "custom" {
                s.set(ds, Value::Choice(0));
            }
        }
        let link = s.encode();
        let back = decode(&link, "other");
        assert!(back.issues.is_empty(), "{link}: {:?}", back.issues);
        assert_eq!(back.settings.values, s.values, "{link}");
        assert_eq!(back.settings.hidden, s.hidden);
        assert_eq!(back.settings.encode(), link);
    }
}

/// Links made of separators, markup, escapes, numbers and real names.
fn garbage(r: &mut Rng) -> String {
    let pieces = [
        "&", "=", "==", ",", "%", "%3C", "%zz", "%e4%bd", "<script>alert(1)</script>", "\"'", "networkShape", "seed",
        "learningRate", "batchSize", "dataset", "1e308", "-1", "NaN", "Infinity", "0x10", "9999999999999999999",
        "true", "false", "_hide", "x", "points", "AAAA", "custom", "spiral", "4,2", ",,,", "1,2,3,4,5,6,7,8,9",
        "你好", "\u{0}", "\n", "#", "?", "/", "problem", "regression", "loss", "crossEntropy", " ", "+", ".",
    ];
    (0..r.below(30)).map(|_| pieces[r.below(pieces.len())]).collect()
}

fn check_sane(link: &str) {
    let d = decode(link, "0.1");
    // The canonical form of whatever was read reads back clean and equal.
    let canon = d.settings.encode();
    let again = decode(&canon, "0.2");
    assert!(again.issues.is_empty(), "{link:?} → {canon}: {:?}", again.issues);
    assert_eq!(again.settings.values, d.settings.values);
    let c = config(&d.settings);
    assert!(c.hidden.len() <= MAX_LAYERS && c.hidden.iter().all(|&n| (1..=MAX_NEURONS).contains(&n)));
    assert!(c.learning_rate.is_finite() && c.batch_size >= 1);
    for i in &d.issues {
        assert!(i.field.chars().count() <= 40 && !i.field.contains('\0'));
    }
    // JSON for the page never carries raw markup.
    let json = d.to_json();
    assert!(!json.contains('<') && !json.contains('>'), "{json}");
}

#[test]
fn generated_garbage_never_breaks_the_codec() {
    let mut r = Rng::new(99);
    for _ in 0..20_000 {
        check_sane(&garbage(&mut r));
    }
}

#[test]
fn truncated_and_mutated_links_still_open() {
    let mut r = Rng::new(5);
    let base = format!("{}&points=AAAAAAAA&optimizer=adam", &TF_DEFAULT[1..]);
    for cut in 0..base.len() {
        if base.is_char_boundary(cut) {
            check_sane(&base[..cut]);
        }
    }
    let bytes = base.as_bytes();
    for _ in 0..5000 {
        let mut b = bytes.to_vec();
        for _ in 0..1 + r.below(4) {
            let i = r.below(b.len());
            b[i] = b"&=,%<>x0.-9"[r.below(11)];
        }
        check_sane(&String::from_utf8_lossy(&b));
    }
}

#[test]
fn hostile_link_names_every_bad_field_and_keeps_defaults() {
    let link = "networkShape=1000000,99999999&batchSize=1e308&learningRate=NaN&noise=-5&dataset=%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E&%3Cscript%3E=1&seed=%3Cb%3E&activation=tanh&problem=classification&x=maybe&playButton_hide=yes&bogus_hide=true";
    let d = decode(link, "0.1");
    let named: Vec<(&str, IssueKind)> = d.issues.iter().map(|i| (i.field.as_str(), i.kind)).collect();
    assert_eq!(
        named,
        vec![
            ("networkShape", IssueKind::OutOfRange),
            ("batchSize", IssueKind::OutOfRange),
            ("learningRate", IssueKind::Invalid),
            ("noise", IssueKind::OutOfRange),
            ("dataset", IssueKind::Invalid),
            ("<script>", IssueKind::Unknown),
            ("seed", IssueKind::Invalid),
            ("x", IssueKind::Invalid),
            ("playButton_hide", IssueKind::Invalid),
            ("bogus_hide", IssueKind::Unknown),
        ]
    );
    let c = config(&d.settings);
    assert_eq!(c.hidden, vec![4, 2]);
    assert_eq!(c.batch_size, 10);
    assert_eq!(c.dataset, DataSet::Circle);
    assert_eq!(c.seed, "0.1", "the fallback seed replaces a bad one");
    assert!(!d.to_json().contains('<'));
}

#[test]
fn oversized_link_is_cut_and_reported() {
    let link = format!("activation=relu&seed={}", "a".repeat(100_000));
    let d = decode(&link, "0.1");
    assert!(d.issues.iter().any(|i| i.kind == IssueKind::TooLong));
    assert_eq!(config(&d.settings).activation, Activation::Relu);
}

#[test]
fn conflicting_settings_are_reported() {
    let d = decode("problem=regression&loss=crossEntropy", "0.1");
    assert_eq!(d.issues.len(), 1);
    assert_eq!(d.issues[0].kind, IssueKind::Conflict);
    assert_eq!(d.settings.choice("loss"), "squared");
}

#[test]
fn sessions_open_from_garbage_links() {
    // Whatever a link says, the engine builds and trains a step without
    // panicking, inside its caps.
    let mut r = Rng::new(7);
    for _ in 0..300 {
        let d = decode(&garbage(&mut r), "0.3");
        let mut c = config(&d.settings);
        c.num_samples = c.num_samples.min(100);
        let mut s = Session::new(c);
        s.train_batches(3);
        let _ = s.evaluate();
        let _ = s.compute_grid(10, 4, None);
    }
}

#[test]
fn a_link_of_thousands_of_bad_fields_names_a_few_and_counts_the_rest() {
    use neuroplay::config::table::{MAX_ISSUES, MAX_QUERY};
    // 66,000 characters: cut at MAX_QUERY, 32,768 unknown fields before it.
    let link = "a&".repeat(33_000);
    let d = decode(&link, "0.1");
    assert_eq!(d.issues.len(), MAX_ISSUES);
    assert_eq!(d.issues[0].kind, IssueKind::TooLong);
    assert_eq!(d.issues.len() + d.more_issues, 1 + MAX_QUERY / 2);
    let json = d.to_json();
    assert!(json.contains(&format!("\"moreIssues\":{}", d.more_issues)), "{}", &json[json.len() - 80..]);
    // A megabyte costs no more than the cut: the same count of problems.
    let big = decode(&"learningRate=x&".repeat(70_000), "0.1");
    assert_eq!(big.issues.len(), MAX_ISSUES);
    assert!(big.more_issues < MAX_QUERY / 15);
}

#[test]
fn nothing_is_coerced_silently() {
    // A nonzero literal that would read as 0 (or below f32's range, where
    // the engine computes) is refused and named, not rounded to 0.
    for lit in ["1e-400", "-1e-400", "0.0001e-320", "1e-39"] {
        let d = decode(&format!("learningRate={lit}&noise={lit}"), "0.1");
        let named: Vec<(&str, IssueKind)> = d.issues.iter().map(|i| (i.field.as_str(), i.kind)).collect();
        assert_eq!(named, vec![("learningRate", IssueKind::OutOfRange), ("noise", IssueKind::OutOfRange)], "{lit}");
        assert_eq!(d.settings.float("learningRate"), 0.03, "the default stays");
    }
    // Zero written any way is zero; tiny but representable values stay.
    for (lit, want) in [("0", 0.0), ("0.000", 0.0), ("0e-400", 0.0), ("1e-30", 1e-30), ("1e-5", 1e-5)] {
        let d = decode(&format!("learningRate={lit}"), "0.1");
        assert!(d.issues.is_empty(), "{lit}: {:?}", d.issues);
        assert_eq!(d.settings.float("learningRate"), want);
    }
    // A literal too large for any number is out of range, not "invalid".
    assert_eq!(decode("learningRate=1e400", "0.1").issues[0].kind, IssueKind::OutOfRange);
    // -0 is read as 0 and written back as 0.
    let d = decode("learningRate=-0&regularizationRate=-0.0&noise=-0&networkShape=4,-0", "0.1");
    assert_eq!(d.issues.len(), 1, "{:?}", d.issues);
    let link = d.settings.encode();
    assert!(link.contains("learningRate=0&") && link.contains("regularizationRate=0&") && link.contains("noise=0&"), "{link}");
    assert!(!link.contains("-0"), "{link}");
    assert!(!d.to_json().contains("-0"));
}

#[test]
fn invisible_characters_in_a_name_are_shown_not_dropped() {
    let d = decode("%00=1&a%01b=2&%E2%80%AEevil=3", "0.1");
    let names: Vec<&str> = d.issues.iter().map(|i| i.field.as_str()).collect();
    assert_eq!(names, vec!["\\u0000", "a\\u0001b", "\\u202Eevil"]);
    // Long names are cut to 40 characters, before an escape, not through it.
    let d = decode(&format!("{}=1&{}=1", "%00".repeat(50), "x".repeat(38) + "%00"), "0.1");
    assert_eq!(d.issues[0].field, format!("{}…", "\\u0000".repeat(6)));
    assert_eq!(d.issues[1].field, format!("{}…", "x".repeat(38)));
    for i in &d.issues {
        assert!(i.field.chars().count() <= 40);
    }
    // A field with no name at all is still reported (the page names it).
    let d = decode("=5&seed=1", "0.1");
    assert_eq!((d.issues[0].field.as_str(), d.issues[0].kind), ("", IssueKind::Unknown));
}

/// The attention chapter's table, free text included, round-trips too.
#[test]
fn gpt_settings_round_trip() {
    use neuroplay::chapters::gpt::settings as gpt;
    let mut r = Rng::new(14);
    for _ in 0..500 {
        let mut s = gpt::decode("", "1").settings;
        for f in gpt::FIELDS {
            s.set(f.name, random_value(f.kind, &mut r));
        }
        // The page keeps heads dividing the width and the workspace small.
        s.set("heads", Value::Int(4));
        s.set("width", Value::Int(64));
        s.set("batchSize", Value::Int(8));
        s.hidden = gpt::HIDEABLE.iter().copied().filter(|_| r.below(4) == 0).collect();
        let d = gpt::decode(&s.encode(), "9");
        assert!(d.issues.is_empty(), "{:?} from {}", d.issues, s.encode());
        assert_eq!(d.settings.values, s.values, "{}", s.encode());
        assert_eq!(d.settings.hidden, s.hidden);
    }
}
