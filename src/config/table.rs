//! A typed table of settings and the link codec that every scene shares.

use super::shown::shorten;
use crate::util::{json, percent};

/// Longest link part the decoder reads; the rest is dropped and reported.
pub const MAX_QUERY: usize = 65_536;
/// Most issues a decoded link names; the rest are only counted, so a link of
/// thousands of bad fields costs no more to report than one of a few.
pub const MAX_ISSUES: usize = 16;
/// Suffix that hides a control (TensorFlow Playground's convention).
pub const HIDE_SUFFIX: &str = "_hide";

/// The type and bounds of a field.
#[derive(Clone, Copy, Debug)]
pub enum Kind {
    Bool,
    Int { min: i64, max: i64 },
    Float { min: f64, max: f64 },
    Choice(&'static [&'static str]),
    /// Comma-separated integers, each in [min, max], at most `max_len` of them.
    IntList { min: i64, max: i64, max_len: usize },
    /// Text of `[A-Za-z0-9._-]`, 1 to `max_len` characters.
    Text { max_len: usize },
    /// Base64url data, at most `max_len` characters; empty means none.
    Blob { max_len: usize },
    /// Free text (a prompt, a sentence): any characters but control
    /// characters, at most `max_len` of them, percent-encoded in a link;
    /// may be empty. The page shows it as text, never as markup.
    Words { max_len: usize },
}

/// A setting's value.
#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    Bool(bool),
    Int(i64),
    Float(f64),
    /// Index into the field's choices.
    Choice(usize),
    IntList(Vec<i64>),
    Text(String),
}

/// One row of a table.
#[derive(Clone, Copy, Debug)]
pub struct Field {
    pub name: &'static str,
    pub kind: Kind,
    pub default: fn() -> Value,
}

/// Why a field from a link was not used.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum IssueKind {
    /// No such setting.
    Unknown,
    /// Not a number, not a choice, malformed list or text.
    Invalid,
    /// A number outside its bounds.
    OutOfRange,
    /// The link was longer than [`MAX_QUERY`] and was cut.
    TooLong,
    /// Valid alone but not with the other settings.
    Conflict,
    /// Data (the reader's own points) refused by the rules every input
    /// follows, for the reason named (e.g. `oneClass`).
    Refused(&'static str),
}

impl IssueKind {
    /// Stable name for the page's messages.
    pub fn name(self) -> &'static str {
        match self {
            IssueKind::Unknown => "unknown",
            IssueKind::Invalid => "invalid",
            IssueKind::OutOfRange => "outOfRange",
            IssueKind::TooLong => "tooLong",
            IssueKind::Conflict => "conflict",
            IssueKind::Refused(_) => "refused",
        }
    }
}

/// A field of a link that was not used, named as it was written (shortened,
/// control characters removed; the page shows it as text, never as markup).
#[derive(Clone, Debug, PartialEq)]
pub struct FieldIssue {
    pub field: String,
    pub kind: IssueKind,
}

/// Values for every field of a table, plus the hidden controls.
#[derive(Clone, Debug)]
pub struct Settings {
    pub fields: &'static [Field],
    pub values: Vec<Value>,
    /// Whether each field was given in the link (false: default).
    pub given: Vec<bool>,
    /// Names of hidden controls, in the order of the scene's list.
    pub hidden: Vec<&'static str>,
}

/// The result of reading a link.
#[derive(Clone, Debug)]
pub struct Decoded {
    pub settings: Settings,
    /// The first [`MAX_ISSUES`] problems, in the order of the link.
    pub issues: Vec<FieldIssue>,
    /// Problems beyond those, counted but not named.
    pub more_issues: usize,
}

fn text_ok(s: &str, max_len: usize) -> bool {
    !s.is_empty() && s.len() <= max_len && s.bytes().all(|c| c.is_ascii_alphanumeric() || c == b'.' || c == b'_' || c == b'-')
}

fn blob_ok(s: &str, max_len: usize) -> bool {
    s.len() <= max_len && s.bytes().all(|c| c.is_ascii_alphanumeric() || c == b'-' || c == b'_')
}

/// Reads a number written in plain decimal notation (no "inf", "NaN", hex or
/// empty strings). Never rounds silently to a different kind of value: a
/// literal too large for f64 or too small for the engine's f32 (a nonzero
/// literal that would become 0, such as `1e-400`) is out of range, and `-0`
/// reads as 0 (so it is written back as `0`).
fn parse_number(s: &str) -> Result<f64, IssueKind> {
    let t = s.trim();
    if t.is_empty() || !t.bytes().all(|c| c.is_ascii_digit() || b"+-.eE".contains(&c)) {
        return Err(IssueKind::Invalid);
    }
    let x = t.parse::<f64>().map_err(|_| IssueKind::Invalid)?;
    if !x.is_finite() {
        return Err(IssueKind::OutOfRange);
    }
    let mantissa = t.split(['e', 'E']).next().unwrap_or("");
    let nonzero = mantissa.bytes().any(|c| (b'1'..=b'9').contains(&c));
    if nonzero && x.abs() < f64::from(f32::MIN_POSITIVE) {
        return Err(IssueKind::OutOfRange);
    }
    Ok(x + 0.0)
}

/// Parses `raw` as a value of `kind`.
pub fn parse_value(kind: Kind, raw: &str) -> Result<Value, IssueKind> {
    match kind {
        Kind::Bool => match raw {
            "true" | "1" => Ok(Value::Bool(true)),
            "false" | "0" => Ok(Value::Bool(false)),
            _ => Err(IssueKind::Invalid),
        },
        Kind::Int { min, max } => {
            let x = parse_number(raw)?;
            if x.fract() != 0.0 {
                return Err(IssueKind::Invalid);
            }
            if x < min as f64 || x > max as f64 {
                return Err(IssueKind::OutOfRange);
            }
            Ok(Value::Int(x as i64))
        }
        Kind::Float { min, max } => {
            let x = parse_number(raw)?;
            if x < min || x > max {
                return Err(IssueKind::OutOfRange);
            }
            Ok(Value::Float(x))
        }
        Kind::Choice(options) => options.iter().position(|o| *o == raw).map(Value::Choice).ok_or(IssueKind::Invalid),
        Kind::IntList { min, max, max_len } => {
            let t = raw.trim();
            if t.is_empty() {
                return Ok(Value::IntList(Vec::new()));
            }
            let parts: Vec<&str> = t.split(',').collect();
            if parts.len() > max_len {
                return Err(IssueKind::OutOfRange);
            }
            let mut out = Vec::with_capacity(parts.len());
            for p in parts {
                let x = parse_number(p)?;
                if x.fract() != 0.0 {
                    return Err(IssueKind::Invalid);
                }
                if x < min as f64 || x > max as f64 {
                    return Err(IssueKind::OutOfRange);
                }
                out.push(x as i64);
            }
            Ok(Value::IntList(out))
        }
        Kind::Text { max_len } => {
            if text_ok(raw, max_len) {
                Ok(Value::Text(raw.to_string()))
            } else {
                Err(IssueKind::Invalid)
            }
        }
        Kind::Blob { max_len } => {
            if raw.len() > max_len {
                Err(IssueKind::OutOfRange)
            } else if blob_ok(raw, max_len) {
                Ok(Value::Text(raw.to_string()))
            } else {
                Err(IssueKind::Invalid)
            }
        }
        Kind::Words { max_len } => {
            if raw.chars().any(char::is_control) {
                Err(IssueKind::Invalid)
            } else if raw.chars().count() > max_len {
                Err(IssueKind::OutOfRange)
            } else {
                Ok(Value::Text(raw.to_string()))
            }
        }
    }
}

/// Writes a value as it appears in a link.
pub fn format_value(kind: Kind, v: &Value) -> String {
    match (kind, v) {
        (_, Value::Bool(b)) => b.to_string(),
        (_, Value::Int(i)) => i.to_string(),
        (_, Value::Float(x)) => format!("{x}"),
        (Kind::Choice(options), Value::Choice(i)) => options[*i].to_string(),
        (_, Value::Choice(i)) => i.to_string(),
        (_, Value::IntList(l)) => l.iter().map(|x| x.to_string()).collect::<Vec<_>>().join(","),
        (_, Value::Text(s)) => percent::encode(s),
    }
}

fn value_json(kind: Kind, v: &Value) -> String {
    match (kind, v) {
        (_, Value::Bool(b)) => b.to_string(),
        (_, Value::Int(i)) => i.to_string(),
        (_, Value::Float(x)) => {
            let mut s = String::new();
            json::number(&mut s, *x);
            s
        }
        (Kind::Choice(options), Value::Choice(i)) => json::quoted(options[*i]),
        (_, Value::Choice(i)) => i.to_string(),
        (_, Value::IntList(l)) => json::array(l.iter().map(|x| x.to_string())),
        (_, Value::Text(s)) => json::quoted(s),
    }
}

impl Settings {
    /// Every field at its default.
    pub fn defaults(fields: &'static [Field]) -> Self {
        Settings {
            fields,
            values: fields.iter().map(|f| (f.default)()).collect(),
            given: vec![false; fields.len()],
            hidden: Vec::new(),
        }
    }

    /// Index of field `name`. Panics on a name not in the table (a bug).
    pub fn index(&self, name: &str) -> usize {
        self.fields.iter().position(|f| f.name == name).unwrap_or_else(|| panic!("no setting named {name}"))
    }

    /// The value of field `name`.
    pub fn get(&self, name: &str) -> &Value {
        &self.values[self.index(name)]
    }

    /// Sets field `name` (the value must suit its kind).
    pub fn set(&mut self, name: &str, v: Value) {
        let i = self.index(name);
        self.values[i] = v;
        self.given[i] = true;
    }

    /// A link without a seed takes `fallback` (the page's fresh seed) when
    /// it is a valid value of the seed field; a link's own seed stays.
    pub fn seed_if_missing(&mut self, fallback: &str) {
        let i = self.index("seed");
        if !self.given[i] {
            if let Ok(v) = parse_value(self.fields[i].kind, fallback) {
                self.set("seed", v);
            }
        }
    }

    /// Puts field `name` back to its default.
    pub fn reset(&mut self, name: &str) {
        let i = self.index(name);
        self.values[i] = (self.fields[i].default)();
        self.given[i] = false;
    }

    pub fn bool(&self, name: &str) -> bool {
        matches!(self.get(name), Value::Bool(true))
    }

    pub fn int(&self, name: &str) -> i64 {
        match self.get(name) {
            Value::Int(i) => *i,
            v => panic!("{name} is {v:?}, not an integer"),
        }
    }

    pub fn float(&self, name: &str) -> f64 {
        match self.get(name) {
            Value::Float(x) => *x,
            Value::Int(i) => *i as f64,
            v => panic!("{name} is {v:?}, not a number"),
        }
    }

    /// The chosen option's name.
    pub fn choice(&self, name: &str) -> &'static str {
        let i = self.index(name);
        match (self.fields[i].kind, &self.values[i]) {
            (Kind::Choice(options), Value::Choice(c)) => options[*c],
            (_, v) => panic!("{name} is {v:?}, not a choice"),
        }
    }

    pub fn list(&self, name: &str) -> &[i64] {
        match self.get(name) {
            Value::IntList(l) => l,
            v => panic!("{name} is {v:?}, not a list"),
        }
    }

    pub fn text(&self, name: &str) -> &str {
        match self.get(name) {
            Value::Text(s) => s,
            v => panic!("{name} is {v:?}, not text"),
        }
    }

    /// Reads a link's `name=value&…` part. Never fails; see [`Decoded`].
    pub fn decode(fields: &'static [Field], hideable: &'static [&'static str], ignored: &[&str], query: &str) -> Decoded {
        let mut settings = Settings::defaults(fields);
        let mut issues = Vec::new();
        let mut more = 0;
        // Names only the first few problems (shortening a name is work too).
        let mut note = |issues: &mut Vec<FieldIssue>, key: &str, kind: IssueKind| {
            if issues.len() < MAX_ISSUES {
                issues.push(FieldIssue { field: shorten(key), kind });
            } else {
                more += 1;
            }
        };
        let mut q = query.strip_prefix('#').unwrap_or(query);
        q = q.strip_prefix('?').unwrap_or(q);
        if q.len() > MAX_QUERY {
            let mut cut = MAX_QUERY;
            while !q.is_char_boundary(cut) {
                cut -= 1;
            }
            // Drop the field the cut went through: it is incomplete.
            let head = &q[..cut];
            q = head.rfind('&').map_or("", |i| &head[..i]);
            issues.push(FieldIssue { field: String::new(), kind: IssueKind::TooLong });
        }
        let mut hidden = vec![false; hideable.len()];
        for pair in q.split('&').filter(|p| !p.is_empty()) {
            let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
            let key = percent::decode(k);
            let raw = percent::decode(v);
            if let Some(control) = key.strip_suffix(HIDE_SUFFIX) {
                match (hideable.iter().position(|h| *h == control), raw.as_str()) {
                    (Some(i), "true") => hidden[i] = true,
                    (Some(i), "false") => hidden[i] = false,
                    (Some(_), _) => note(&mut issues, &key, IssueKind::Invalid),
                    (None, _) => note(&mut issues, &key, IssueKind::Unknown),
                }
                continue;
            }
            match fields.iter().position(|f| f.name == key) {
                Some(i) => match parse_value(fields[i].kind, &raw) {
                    Ok(v) => {
                        settings.values[i] = v;
                        settings.given[i] = true;
                    }
                    Err(kind) => {
                        // A later valid copy of the field may still win; a
                        // bad one after a good one puts the default back.
                        settings.values[i] = (fields[i].default)();
                        settings.given[i] = false;
                        note(&mut issues, &key, kind);
                    }
                },
                None if ignored.contains(&key.as_str()) => {}
                None => note(&mut issues, &key, IssueKind::Unknown),
            }
        }
        settings.hidden = hideable.iter().zip(&hidden).filter(|(_, &h)| h).map(|(n, _)| *n).collect();
        Decoded { settings, issues, more_issues: more }
    }

    /// Writes the link's `name=value&…` part: every field in table order
    /// (empty blobs left out), then `control_hide=true` for hidden controls.
    pub fn encode(&self) -> String {
        let mut parts = Vec::with_capacity(self.fields.len() + self.hidden.len());
        for (f, v) in self.fields.iter().zip(&self.values) {
            if matches!(f.kind, Kind::Blob { .. }) && matches!(v, Value::Text(s) if s.is_empty()) {
                continue;
            }
            parts.push(format!("{}={}", f.name, format_value(f.kind, v)));
        }
        for h in &self.hidden {
            parts.push(format!("{h}{HIDE_SUFFIX}=true"));
        }
        parts.join("&")
    }

    /// The values as a JSON object, with `hidden` controls as a list.
    pub fn to_json(&self) -> String {
        let mut out = String::new();
        let mut o = json::Object::new(&mut out);
        for (f, v) in self.fields.iter().zip(&self.values) {
            o.raw(f.name, &value_json(f.kind, v));
        }
        o.raw("_hidden", &json::array(self.hidden.iter().map(|h| json::quoted(h))));
        o.end();
        out
    }
}

impl Decoded {
    /// `{"query": canonical link part, "values": {...}, "issues": [...],
    /// "moreIssues": n}`: at most [`MAX_ISSUES`] (and the few a chapter adds)
    /// named, the rest counted.
    pub fn to_json(&self) -> String {
        let mut out = String::new();
        let mut o = json::Object::new(&mut out);
        o.str("query", &self.settings.encode());
        o.raw("values", &self.settings.to_json());
        let issues = self.issues.iter().map(|i| {
            let mut s = String::new();
            let mut io = json::Object::new(&mut s);
            io.str("field", &i.field).str("problem", i.kind.name());
            if let IssueKind::Refused(reason) = i.kind {
                io.str("reason", reason);
            }
            io.end();
            s
        });
        o.raw("issues", &json::array(issues));
        o.num("moreIssues", self.more_issues as f64);
        o.end();
        out
    }
}

/// The table as JSON, for the page to build its controls from:
/// `{"fields": [{"name", "kind", "default", bounds…}], "hideable": [...],
/// "limits": {name: number…}}`; the limits are the caps the engine enforces
/// beyond the fields' own bounds, so the page never copies them.
pub fn schema_json(fields: &'static [Field], hideable: &'static [&'static str], limits: &[(&str, f64)]) -> String {
    let items = fields.iter().map(|f| {
        let mut s = String::new();
        let mut o = json::Object::new(&mut s);
        o.str("name", f.name);
        match f.kind {
            Kind::Bool => {
                o.str("kind", "bool");
            }
            Kind::Int { min, max } => {
                o.str("kind", "int").num("min", min as f64).num("max", max as f64);
            }
            Kind::Float { min, max } => {
                o.str("kind", "float").num("min", min).num("max", max);
            }
            Kind::Choice(options) => {
                o.str("kind", "choice").raw("options", &json::array(options.iter().map(|x| json::quoted(x))));
            }
            Kind::IntList { min, max, max_len } => {
                o.str("kind", "intList").num("min", min as f64).num("max", max as f64).num("maxLen", max_len as f64);
            }
            Kind::Text { max_len } => {
                o.str("kind", "text").num("maxLen", max_len as f64);
            }
            Kind::Blob { max_len } => {
                o.str("kind", "blob").num("maxLen", max_len as f64);
            }
            Kind::Words { max_len } => {
                o.str("kind", "words").num("maxLen", max_len as f64);
            }
        }
        o.raw("default", &value_json(f.kind, &(f.default)()));
        o.end();
        s
    });
    let mut out = String::new();
    let mut o = json::Object::new(&mut out);
    o.raw("fields", &json::array(items));
    o.raw("hideable", &json::array(hideable.iter().map(|h| json::quoted(h))));
    let mut caps = String::new();
    let mut c = json::Object::new(&mut caps);
    for (name, value) in limits {
        c.num(name, *value);
    }
    c.end();
    o.raw("limits", &caps);
    o.end();
    out
}
