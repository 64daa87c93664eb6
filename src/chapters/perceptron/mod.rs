//! The perceptron chapters' session: points in the plane (separable ones,
//! the reader's own, or exclusive-or's four corners), the rule running on
//! them, and what geometry says about them (the widest separating line, if
//! any, and Novikoff's bound).

mod hub;
pub mod settings;

use settings::{MAX_POINTS, PERCEPTRON_FIELDS, PERCEPTRON_HIDEABLE, XOR_FIELDS, XOR_HIDEABLE};
use crate::config::table::{Decoded, Settings};
use crate::data::two_d::{linearly_separable, Sample2D};
use crate::data::{points, separable, Problem};
use crate::models::perceptron::{PerceptronRun, RunStatus};
use crate::rng::{seed_from_text, Rng};
use crate::train::Trainable;

/// Which chapter.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scene {
    Perceptron,
    Xor,
}

/// What the data is, from a link.
#[derive(Clone, Debug, PartialEq)]
pub struct Setup {
    pub points: Vec<Sample2D>,
    /// Add the feature x1·x2 to the unit.
    pub product: bool,
    /// A line known to separate the points (the generator's), for the bound.
    pub known: Option<[f64; 3]>,
}

/// The four corners of exclusive-or, class 1 where x1·x2 > 0.
pub fn xor_corners() -> Vec<Sample2D> {
    [(-3.0, -3.0, 1.0), (3.0, 3.0, 1.0), (-3.0, 3.0, 0.0), (3.0, -3.0, 0.0)]
        .iter()
        .map(|&(x, y, label)| Sample2D { x, y, label })
        .collect()
}

/// The 1957 chapter's entry in the registry.
pub static PERCEPTRON: super::Chapter = super::Chapter {
    route: "perceptron",
    fields: PERCEPTRON_FIELDS,
    hideable: PERCEPTRON_HIDEABLE,
    limits: &[("maxPoints", MAX_POINTS as f64)],
    decode: |query, seed| decode(Scene::Perceptron, query, seed),
};

/// The 1969 chapter's entry in the registry.
pub static XOR: super::Chapter = super::Chapter {
    route: "xor",
    fields: XOR_FIELDS,
    hideable: XOR_HIDEABLE,
    limits: &[],
    decode: |query, seed| decode(Scene::Xor, query, seed),
};

/// Reads a link of either chapter; never fails.
pub fn decode(scene: Scene, query: &str, fallback_seed: &str) -> Decoded {
    match scene {
        Scene::Perceptron => {
            let mut d = Settings::decode(PERCEPTRON_FIELDS, PERCEPTRON_HIDEABLE, &[], query);
            let s = &mut d.settings;
            s.seed_if_missing(fallback_seed);
            let text = s.text("points").to_string();
            if !text.is_empty() && points::decode(&text, Problem::Classification).map_or(true, |p| p.len() < 2) {
                s.reset("points");
                d.issues.push(crate::config::FieldIssue { field: "points".into(), kind: crate::config::IssueKind::Invalid });
            }
            d
        }
        Scene::Xor => Settings::decode(XOR_FIELDS, XOR_HIDEABLE, &[], query),
    }
}

/// The data a decoded link asks for.
pub fn setup(scene: Scene, s: &Settings) -> Setup {
    match scene {
        Scene::Xor => Setup { points: xor_corners(), product: s.choice("features") == "product", known: None },
        Scene::Perceptron => {
            let own = points::decode(s.text("points"), Problem::Classification).unwrap_or_default();
            if own.len() >= 2 {
                return Setup { points: own.into_iter().map(|p| Sample2D { label: p.label.min(1.0), ..p }).collect(), product: false, known: None };
            }
            let mut rng = Rng::for_stream(seed_from_text(s.text("seed")), 1);
            let (pts, line) = linearly_separable(s.int("numPoints") as usize, s.float("margin"), &mut rng);
            Setup { points: pts, product: false, known: Some(line) }
        }
    }
}

/// Which separator Novikoff's bound was measured against: γ depends on it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Separator {
    /// The line the points were generated from.
    Generator,
    /// The widest separating line (the reader's own points).
    Widest,
    /// The plane x1·x2 = 0 of the product feature.
    Product,
}

impl Separator {
    /// Name for the page.
    pub fn name(self) -> &'static str {
        match self {
            Separator::Generator => "generator",
            Separator::Widest => "widest",
            Separator::Product => "product",
        }
    }
}

/// Novikoff's bound (R/γ)² on the number of updates, with R and γ, and the
/// separator γ was measured against.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Bound {
    pub updates: f64,
    pub r: f64,
    pub gamma: f64,
    pub separator: Separator,
}

/// What geometry says about the points.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Facts {
    /// The widest separating line (a, b, c: a·x + b·y + c = 0, unit normal)
    /// and its margin; None when no line separates the classes.
    pub widest: Option<([f64; 3], f64)>,
    /// Novikoff's bound; None without a separator.
    pub bound: Option<Bound>,
    /// The convex hull of each class in the plane (class 0, class 1),
    /// counter-clockwise: a line separates the classes exactly when they do
    /// not meet.
    pub hulls: [Vec<(f64, f64)>; 2],
}

/// The rule running on a setup.
pub struct PerceptronSession {
    pub setup: Setup,
    pub run: PerceptronRun,
    pub facts: Facts,
    /// The weights as the hub exports them (see `hub`), filled on export.
    hub: crate::nn::ParamStore,
}

fn features(points: &[Sample2D], product: bool) -> (Vec<f64>, Vec<f64>, usize) {
    let dim = if product { 3 } else { 2 };
    let mut x = Vec::with_capacity(points.len() * dim);
    for p in points {
        let (a, b) = (f64::from(p.x), f64::from(p.y));
        x.extend([a, b]);
        if product {
            x.push(a * b);
        }
    }
    (x, points.iter().map(|p| if p.label >= 1.0 { 1.0 } else { -1.0 }).collect(), dim)
}

impl PerceptronSession {
    pub fn new(setup: Setup) -> Self {
        let (x, y, dim) = features(&setup.points, setup.product);
        let run = PerceptronRun::new(x, y, dim);
        let mut s = PerceptronSession { setup, run, facts: Facts::default(), hub: crate::nn::ParamStore::default() };
        s.study();
        s
    }

    /// New points: keeps the weights when only the points changed (the
    /// reader dragging or adding), else starts over. Returns whether it
    /// started over.
    pub fn apply(&mut self, setup: Setup) -> bool {
        if setup == self.setup {
            return false;
        }
        if setup.product != self.setup.product || setup.known.is_some() {
            *self = PerceptronSession::new(setup);
            return true;
        }
        let (x, y, _) = features(&setup.points, setup.product);
        self.setup = setup;
        self.run.set_data(x, y);
        self.study();
        false
    }

    fn study(&mut self) {
        let class = |c: f32| -> Vec<(f64, f64)> {
            self.setup.points.iter().filter(|p| (p.label >= 1.0) == (c >= 1.0)).map(|p| (f64::from(p.x), f64::from(p.y))).collect()
        };
        let (zero, one) = (class(0.0), class(1.0));
        let widest = separable::max_margin(&zero, &one).map(|((a, b), c, m)| ([a, b, c], m));
        // The bound needs any separator: the generator's line when known,
        // else the widest one, or for the product feature x1·x2 = 0.
        let separator = if self.setup.product {
            Some(([0.0, 0.0, 1.0, 0.0].to_vec(), Separator::Product))
        } else if let Some(l) = self.setup.known {
            Some((l.to_vec(), Separator::Generator))
        } else {
            widest.map(|(l, _)| (l.to_vec(), Separator::Widest))
        };
        let bound = separator.and_then(|(u, separator)| {
            self.run.novikoff_bound(&u).map(|(updates, r, gamma)| Bound { updates, r, gamma, separator })
        });
        self.facts = Facts { widest, bound, hulls: [separable::hull(&zero), separable::hull(&one)] };
    }

    /// `ready` while the rule still runs; `converged`; or `cycle` once the
    /// weights came back to an earlier epoch's: the rule would go round
    /// forever, and the proof is on screen, so the chapter stops there.
    pub fn status(&self) -> &'static str {
        match self.run.status {
            RunStatus::Running if self.run.is_empty() => "noData",
            RunStatus::Running if self.run.cycle.is_some() => "cycle",
            RunStatus::Running => "ready",
            RunStatus::Converged { .. } => "converged",
        }
    }

    /// One step of the rule, unless the run has ended (converged, or found
    /// to cycle).
    fn step(&mut self) -> bool {
        self.run.cycle.is_none() && self.run.step().is_some()
    }
}

/// The rule's steps are one example each.
impl Trainable for PerceptronSession {
    fn train_batches(&mut self, steps: usize) -> usize {
        (0..steps).take_while(|_| self.step()).count()
    }

    fn train_epochs(&mut self, epochs: usize) -> usize {
        let target = self.run.epoch + epochs as u64;
        let mut n = 0;
        while self.run.epoch < target && self.step() {
            n += 1;
        }
        n
    }

    /// Starts over from zero weights.
    fn reset(&mut self) {
        *self = PerceptronSession::new(self.setup.clone());
    }

    fn batches_per_epoch(&self) -> usize {
        self.run.len().max(1)
    }

    fn epoch(&self) -> u64 {
        self.run.epoch
    }

    fn examples(&self) -> u64 {
        self.run.steps
    }

    fn status_name(&self) -> &'static str {
        self.status()
    }
}
