//! Rosenblatt's perceptron (1957) and its learning rule, one example at a
//! time: predict sign(w·x + b); on a mistake, w ← w + y·x and b ← b + y.
//! Starting from zero, on data a line separates with margin γ (for points
//! within radius R), the rule makes at most (R/γ)² updates (Novikoff, 1962).
//! On data no line separates, it never settles; with exact arithmetic on a
//! finite set its weights come back to an earlier state, and the run is
//! found to cycle (it goes on, as the rule would).

use std::collections::HashMap;

/// Where a run stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RunStatus {
    /// Still making mistakes.
    Running,
    /// A whole epoch passed without a mistake.
    Converged { epoch: u64, updates: u64 },
}

/// A cycle found: the weights at the start of epoch `epoch` equal those at
/// the start of epoch `epoch − period`, so the run repeats forever.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Cycle {
    pub epoch: u64,
    pub period: u64,
}

/// One step of the rule: which example, its score w·x + b before the step
/// (a mistake when y·score ≤ 0), and whether the weights moved.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Step {
    pub index: usize,
    pub mistake: bool,
    pub score: f64,
}

/// A perceptron learning examples in a fixed order, epoch after epoch.
pub struct PerceptronRun {
    /// Features, `[n × dim]`, and labels ±1.
    x: Vec<f64>,
    y: Vec<f64>,
    dim: usize,
    pub w: Vec<f64>,
    pub b: f64,
    cursor: usize,
    mistakes_this_epoch: u64,
    pub epoch: u64,
    pub updates: u64,
    pub steps: u64,
    pub status: RunStatus,
    /// The first cycle found, if any.
    pub cycle: Option<Cycle>,
    pub last: Option<Step>,
    /// The weights and bias before the last step (equal to `w`, `b` when it
    /// was no mistake), so the update w ← w + y·x can be shown whole.
    pub before_w: Vec<f64>,
    pub before_b: f64,
    seen: HashMap<Vec<u64>, u64>,
}

impl PerceptronRun {
    /// A run from zero weights on `x` ([n × dim]) with labels `y` (±1).
    pub fn new(x: Vec<f64>, y: Vec<f64>, dim: usize) -> Self {
        let mut r = PerceptronRun {
            x: Vec::new(),
            y: Vec::new(),
            dim,
            w: vec![0.0; dim],
            b: 0.0,
            cursor: 0,
            mistakes_this_epoch: 0,
            epoch: 0,
            updates: 0,
            steps: 0,
            status: RunStatus::Running,
            cycle: None,
            last: None,
            before_w: vec![0.0; dim],
            before_b: 0.0,
            seen: HashMap::new(),
        };
        r.set_data(x, y);
        r
    }

    /// New examples, keeping the weights: the rule goes on from where it is
    /// (the reader moved, added or removed a point). The last step read the
    /// old examples, so it is forgotten.
    pub fn set_data(&mut self, x: Vec<f64>, y: Vec<f64>) {
        assert_eq!(x.len(), y.len() * self.dim);
        self.x = x;
        self.y = y;
        self.last = None;
        self.cursor = 0;
        self.mistakes_this_epoch = 0;
        self.seen.clear();
        self.status = RunStatus::Running;
        self.cycle = None;
        self.remember();
    }

    /// Weights and bias from elsewhere (an imported model or a link): the
    /// rule goes on from them over the same examples, its cycle record and
    /// status starting afresh. `w` must have one value per feature.
    pub fn set_weights(&mut self, w: &[f64], b: f64) {
        assert_eq!(w.len(), self.dim);
        self.w.copy_from_slice(w);
        self.b = b;
        self.before_w.copy_from_slice(w);
        self.before_b = b;
        let (x, y) = (std::mem::take(&mut self.x), std::mem::take(&mut self.y));
        self.set_data(x, y);
    }

    /// Features per example.
    pub fn dim(&self) -> usize {
        self.dim
    }

    /// Number of examples.
    pub fn len(&self) -> usize {
        self.y.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.y.is_empty()
    }

    /// Example `i`: its features and its label (±1).
    pub fn example(&self, i: usize) -> (&[f64], f64) {
        (&self.x[i * self.dim..(i + 1) * self.dim], self.y[i])
    }

    /// w·x + b for example `i`.
    pub fn score(&self, i: usize) -> f64 {
        let xi = &self.x[i * self.dim..(i + 1) * self.dim];
        xi.iter().zip(&self.w).map(|(a, b)| a * b).sum::<f64>() + self.b
    }

    fn state_key(&self) -> Vec<u64> {
        self.w.iter().chain(std::iter::once(&self.b)).map(|v| v.to_bits()).collect()
    }

    fn remember(&mut self) {
        let key = self.state_key();
        self.seen.insert(key, self.epoch);
    }

    /// One example; None once the run has converged.
    pub fn step(&mut self) -> Option<Step> {
        if self.status != RunStatus::Running || self.y.is_empty() {
            return None;
        }
        let i = self.cursor;
        let y = self.y[i];
        let score = self.score(i);
        let mistake = y * score <= 0.0;
        self.before_w.clone_from(&self.w);
        self.before_b = self.b;
        if mistake {
            for (w, x) in self.w.iter_mut().zip(&self.x[i * self.dim..(i + 1) * self.dim]) {
                *w += y * x;
            }
            self.b += y;
            self.updates += 1;
            self.mistakes_this_epoch += 1;
        }
        self.steps += 1;
        self.cursor += 1;
        let step = Step { index: i, mistake, score };
        self.last = Some(step);
        if self.cursor == self.y.len() {
            self.cursor = 0;
            self.epoch += 1;
            if self.mistakes_this_epoch == 0 {
                self.status = RunStatus::Converged { epoch: self.epoch, updates: self.updates };
            } else if self.cycle.is_none() {
                match self.seen.get(&self.state_key()) {
                    Some(&earlier) => {
                        self.cycle = Some(Cycle { epoch: self.epoch, period: self.epoch - earlier });
                        self.seen.clear();
                    }
                    None => self.remember(),
                }
            }
            self.mistakes_this_epoch = 0;
        }
        Some(step)
    }

    /// Index of the next example.
    pub fn cursor(&self) -> usize {
        self.cursor
    }

    /// Novikoff's bound (R/γ)² on the number of updates, for a separator
    /// `u` (weights then bias, any scale) of these examples; None if `u`
    /// does not separate them.
    pub fn novikoff_bound(&self, u: &[f64]) -> Option<(f64, f64, f64)> {
        let norm = u.iter().map(|v| v * v).sum::<f64>().sqrt();
        if norm == 0.0 || self.y.is_empty() {
            return None;
        }
        let (mut r2, mut gamma) = (0.0f64, f64::INFINITY);
        for i in 0..self.y.len() {
            let xi = &self.x[i * self.dim..(i + 1) * self.dim];
            r2 = r2.max(xi.iter().map(|v| v * v).sum::<f64>() + 1.0);
            let s: f64 = xi.iter().zip(u).map(|(a, b)| a * b).sum::<f64>() + u[self.dim];
            gamma = gamma.min(self.y[i] * s / norm);
        }
        (gamma > 0.0).then(|| (r2 / (gamma * gamma), r2.sqrt(), gamma))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run_to_end(r: &mut PerceptronRun, cap: usize) {
        for _ in 0..cap {
            if r.step().is_none() {
                break;
            }
        }
    }

    #[test]
    fn rule_moves_only_on_mistakes() {
        let mut r = PerceptronRun::new(vec![1.0, 0.0, -1.0, 0.0], vec![1.0, -1.0], 2);
        let s = r.step().unwrap();
        assert!(s.mistake, "zero weights score 0, which counts as a mistake");
        assert_eq!((r.w.clone(), r.b), (vec![1.0, 0.0], 1.0));
        let s = r.step().unwrap();
        // Score of (−1, 0) is −1 + 1 = 0: still a mistake; w ← w − x, b ← b − 1.
        assert!(s.mistake);
        assert_eq!((r.w.clone(), r.b), (vec![2.0, 0.0], 0.0));
        // What the step read and the weights it started from.
        assert_eq!((s.index, s.score), (1, 0.0));
        assert_eq!((r.before_w.clone(), r.before_b), (vec![1.0, 0.0], 1.0));
        assert_eq!(r.example(1), (&[-1.0, 0.0][..], -1.0));
        // New examples (one fewer): the weights stay, the last step, which
        // read the old ones, is forgotten.
        r.set_data(vec![1.0, 0.0], vec![1.0]);
        assert_eq!((r.w.clone(), r.last), (vec![2.0, 0.0], None));
        run_to_end(&mut r, 100);
        assert_eq!(r.status, RunStatus::Converged { epoch: 2, updates: 2 });
    }

    #[test]
    fn separable_data_converges_within_the_bound() {
        let mut rng = crate::rng::Rng::new(5);
        let (mut x, mut y) = (Vec::new(), Vec::new());
        while y.len() < 60 {
            let (a, b) = (rng.uniform(-5.0, 5.0), rng.uniform(-5.0, 5.0));
            let d = 0.6 * a - 0.8 * b + 0.5;
            if d.abs() >= 0.4 {
                x.extend([a, b]);
                y.push(d.signum());
            }
        }
        let mut r = PerceptronRun::new(x, y.clone(), 2);
        let (bound, _, _) = r.novikoff_bound(&[0.6, -0.8, 0.5]).unwrap();
        run_to_end(&mut r, 1_000_000);
        let RunStatus::Converged { updates, .. } = r.status else { panic!("{:?}", r.status) };
        assert!(updates as f64 <= bound, "{updates} updates, bound {bound}");
        for (i, yi) in y.iter().enumerate() {
            assert!(yi * r.score(i) > 0.0, "example {i} is on the wrong side");
        }
    }

    #[test]
    fn xor_cycles_and_the_product_feature_fixes_it() {
        let corners = [(-3.0, -3.0), (3.0, 3.0), (-3.0, 3.0), (3.0, -3.0)];
        let labels = vec![1.0, 1.0, -1.0, -1.0];
        let plain: Vec<f64> = corners.iter().flat_map(|&(a, b)| [a, b]).collect();
        let mut r = PerceptronRun::new(plain, labels.clone(), 2);
        run_to_end(&mut r, 10_000);
        assert_eq!(r.status, RunStatus::Running, "it never settles");
        assert!(r.cycle.is_some(), "and the cycle is found");
        let product: Vec<f64> = corners.iter().flat_map(|&(a, b)| [a, b, a * b]).collect();
        let mut r = PerceptronRun::new(product, labels, 3);
        let (bound, _, _) = r.novikoff_bound(&[0.0, 0.0, 1.0, 0.0]).unwrap();
        run_to_end(&mut r, 10_000);
        let RunStatus::Converged { updates, .. } = r.status else { panic!("{:?}", r.status) };
        assert!(updates as f64 <= bound);
    }
}
