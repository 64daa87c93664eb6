//! The 2D data sets of the backpropagation chapter, on the plane [−6, 6]².
//!
//! The first six follow TensorFlow Playground's definitions (shapes, radii,
//! noise scales), so its links open the same kind of data; blobs and the
//! three-arm spiral add multi-class problems. Labels are class indices for
//! classification (TensorFlow Playground's −1 is class 0, +1 is class 1) and
//! values in about [−1, 1] for regression.

use crate::rng::Rng;
use std::f64::consts::PI;

/// Half-width of the plane every 2D scene draws.
pub const EXTENT: f32 = 6.0;

/// One point and its label.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Sample2D {
    pub x: f32,
    pub y: f32,
    pub label: f32,
}

/// Classification or regression.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Problem {
    Classification,
    Regression,
}

/// Which data set.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DataSet {
    Circle,
    Xor,
    Gauss,
    Spiral,
    /// `k` Gaussian blobs around a circle, one class each.
    Blobs,
    /// Three interleaved spiral arms.
    Spiral3,
    RegPlane,
    RegGauss,
    /// The reader's own points.
    Custom,
}

impl DataSet {
    /// Number of classes this set produces (`k` is used by blobs).
    pub fn classes(self, k: usize) -> usize {
        match self {
            DataSet::Blobs => k,
            DataSet::Spiral3 => 3,
            DataSet::RegPlane | DataSet::RegGauss => 0,
            _ => 2,
        }
    }

    /// `n` samples with `noise` in [0, 0.5] (TensorFlow Playground's noise
    /// slider divided by 100). Custom sets are not generated.
    pub fn generate(self, n: usize, noise: f64, k: usize, rng: &mut Rng) -> Vec<Sample2D> {
        match self {
            DataSet::Circle => circle(n, noise, rng),
            DataSet::Xor => xor(n, noise, rng),
            DataSet::Gauss => two_gauss(n, noise, rng),
            DataSet::Spiral => spiral(n, noise, 2, rng),
            DataSet::Blobs => blobs(n, noise, k, rng),
            DataSet::Spiral3 => spiral(n, noise, 3, rng),
            DataSet::RegPlane => reg_plane(n, noise, rng),
            DataSet::RegGauss => reg_gauss(n, noise, rng),
            DataSet::Custom => Vec::new(),
        }
    }
}

fn sample(x: f64, y: f64, label: f64) -> Sample2D {
    Sample2D { x: x as f32, y: y as f32, label: label as f32 }
}

fn circle(n: usize, noise: f64, rng: &mut Rng) -> Vec<Sample2D> {
    let radius = 5.0;
    let mut out = Vec::with_capacity(n);
    // Half inside radius 2.5, half in the ring from 3.5 to 5; the label is
    // decided after moving the point by the noise, so noise flips labels.
    for (count, lo, hi) in [(n / 2, 0.0, radius * 0.5), (n - n / 2, radius * 0.7, radius)] {
        for _ in 0..count {
            let r = rng.uniform(lo, hi);
            let angle = rng.uniform(0.0, 2.0 * PI);
            let (x, y) = (r * angle.sin(), r * angle.cos());
            let nx = rng.uniform(-radius, radius) * noise;
            let ny = rng.uniform(-radius, radius) * noise;
            let inside = ((x + nx).powi(2) + (y + ny).powi(2)).sqrt() < radius * 0.5;
            out.push(sample(x, y, if inside { 1.0 } else { 0.0 }));
        }
    }
    out
}

fn xor(n: usize, noise: f64, rng: &mut Rng) -> Vec<Sample2D> {
    let pad = 0.3;
    (0..n)
        .map(|_| {
            let mut x = rng.uniform(-5.0, 5.0);
            x += if x > 0.0 { pad } else { -pad };
            let mut y = rng.uniform(-5.0, 5.0);
            y += if y > 0.0 { pad } else { -pad };
            let nx = rng.uniform(-5.0, 5.0) * noise;
            let ny = rng.uniform(-5.0, 5.0) * noise;
            sample(x, y, if (x + nx) * (y + ny) >= 0.0 { 1.0 } else { 0.0 })
        })
        .collect()
}

/// Variance grows from 0.5 to 4 as noise goes from 0 to 0.5.
fn gauss_variance(noise: f64) -> f64 {
    0.5 + noise / 0.5 * 3.5
}

fn two_gauss(n: usize, noise: f64, rng: &mut Rng) -> Vec<Sample2D> {
    let sd = gauss_variance(noise).sqrt();
    let mut out = Vec::with_capacity(n);
    for (count, c, label) in [(n / 2, 2.0, 1.0), (n - n / 2, -2.0, 0.0)] {
        for _ in 0..count {
            out.push(sample(c + sd * rng.normal(), c + sd * rng.normal(), label));
        }
    }
    out
}

fn blobs(n: usize, noise: f64, k: usize, rng: &mut Rng) -> Vec<Sample2D> {
    let k = k.max(2);
    let sd = (gauss_variance(noise) * 0.5).sqrt();
    let mut out = Vec::with_capacity(n);
    for c in 0..k {
        let count = n / k + usize::from(c < n % k);
        let angle = 2.0 * PI * c as f64 / k as f64 + PI / 2.0;
        let (cx, cy) = (3.5 * angle.cos(), 3.5 * angle.sin());
        for _ in 0..count {
            out.push(sample(cx + sd * rng.normal(), cy + sd * rng.normal(), c as f64));
        }
    }
    out
}

/// `arms` spirals of radius 5 turning 1.75 times, evenly rotated.
fn spiral(n: usize, noise: f64, arms: usize, rng: &mut Rng) -> Vec<Sample2D> {
    let mut out = Vec::with_capacity(n);
    for arm in 0..arms {
        let count = n / arms + usize::from(arm < n % arms);
        let delta = 2.0 * PI * arm as f64 / arms as f64;
        // Two arms: TensorFlow Playground's first arm is its positive class.
        let label = if arms == 2 { 1.0 - arm as f64 } else { arm as f64 };
        for i in 0..count {
            let f = i as f64 / count as f64;
            let r = f * 5.0;
            let t = 1.75 * f * 2.0 * PI + delta;
            let x = r * t.sin() + rng.uniform(-1.0, 1.0) * noise;
            let y = r * t.cos() + rng.uniform(-1.0, 1.0) * noise;
            out.push(sample(x, y, label));
        }
    }
    out
}

/// Regression points uniform on the plane, each labelled by `f` at a
/// position moved by the noise (so noise blurs the target, not the inputs).
fn uniform_labelled(n: usize, noise: f64, rng: &mut Rng, f: impl Fn(f64, f64) -> f64) -> Vec<Sample2D> {
    let radius = 6.0;
    (0..n)
        .map(|_| {
            let x = rng.uniform(-radius, radius);
            let y = rng.uniform(-radius, radius);
            let nx = rng.uniform(-radius, radius) * noise;
            let ny = rng.uniform(-radius, radius) * noise;
            sample(x, y, f(x + nx, y + ny))
        })
        .collect()
}

fn reg_plane(n: usize, noise: f64, rng: &mut Rng) -> Vec<Sample2D> {
    // (x + y) mapped from [−10, 10] to [−1, 1].
    uniform_labelled(n, noise, rng, |x, y| (x + y) / 10.0)
}

fn reg_gauss(n: usize, noise: f64, rng: &mut Rng) -> Vec<Sample2D> {
    const BUMPS: [(f64, f64, f64); 6] =
        [(-4.0, 2.5, 1.0), (0.0, 2.5, -1.0), (4.0, 2.5, 1.0), (-4.0, -2.5, -1.0), (0.0, -2.5, 1.0), (4.0, -2.5, -1.0)];
    uniform_labelled(n, noise, rng, |x, y| {
        // The bump with the largest magnitude wins; each falls from 1 at its
        // centre to 0 at distance 2.
        let mut best = 0.0f64;
        for (cx, cy, sign) in BUMPS {
            let d = ((x - cx).powi(2) + (y - cy).powi(2)).sqrt();
            let v = sign * (1.0 - d / 2.0).clamp(0.0, 1.0);
            if v.abs() > best.abs() {
                best = v;
            }
        }
        best
    })
}

/// `n` points in [−5, 5]² on both sides of a random line, none closer to it
/// than `margin` (class 1 on the positive side). Returns the points and the
/// line as (a, b, c) with a·x + b·y + c = 0 and (a, b) of unit length.
pub fn linearly_separable(n: usize, margin: f64, rng: &mut Rng) -> (Vec<Sample2D>, [f64; 3]) {
    loop {
        let angle = rng.uniform(0.0, 2.0 * PI);
        let (a, b) = (angle.cos(), angle.sin());
        let c = rng.uniform(-1.5, 1.5);
        let mut out = Vec::with_capacity(n);
        let mut tries = 0;
        while out.len() < n && tries < 100 * n {
            tries += 1;
            let (x, y) = (rng.uniform(-5.0, 5.0), rng.uniform(-5.0, 5.0));
            let d = a * x + b * y + c;
            if d.abs() >= margin {
                out.push(sample(x, y, if d > 0.0 { 1.0 } else { 0.0 }));
            }
        }
        let ones = out.iter().filter(|p| p.label == 1.0).count();
        if out.len() == n && ones >= 2 && n - ones >= 2 {
            return (out, [a, b, c]);
        }
    }
}

/// Shuffles `data` and splits it: the first `percent_train`% train, the rest
/// test. Returns the split point.
pub fn shuffle_split(data: &mut [Sample2D], percent_train: u32, rng: &mut Rng) -> usize {
    rng.shuffle(data);
    data.len() * percent_train as usize / 100
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_set_stays_in_the_plane_with_valid_labels() {
        let mut rng = Rng::new(9);
        for set in [
            DataSet::Circle,
            DataSet::Xor,
            DataSet::Gauss,
            DataSet::Spiral,
            DataSet::Blobs,
            DataSet::Spiral3,
            DataSet::RegPlane,
            DataSet::RegGauss,
        ] {
            for noise in [0.0, 0.25, 0.5] {
                let d = set.generate(301, noise, 4, &mut rng);
                assert_eq!(d.len(), 301, "{set:?}");
                let k = set.classes(4);
                for s in &d {
                    assert!(s.x.is_finite() && s.y.is_finite());
                    if k > 0 {
                        assert!(s.label >= 0.0 && (s.label as usize) < k && s.label.fract() == 0.0);
                    } else {
                        assert!(s.label.abs() <= 1.2 + 1e-6 || noise > 0.0);
                    }
                }
                if k > 0 {
                    for c in 0..k {
                        assert!(d.iter().any(|s| s.label as usize == c), "{set:?} lacks class {c}");
                    }
                }
            }
        }
    }

    #[test]
    fn noiseless_circle_is_labelled_by_radius() {
        let d = DataSet::Circle.generate(200, 0.0, 0, &mut Rng::new(1));
        for s in d {
            let r = (s.x * s.x + s.y * s.y).sqrt();
            assert_eq!(s.label == 1.0, r < 2.5);
        }
    }
}
