//! Whether a network has collapsed rather than exploded: a hidden layer
//! none of whose units passes a gradient on any example (ReLUs that all
//! output zero, or units saturated where their activation is flat), so
//! neither it nor anything before it can learn again; an output saturated
//! wherever it is off its target (a tanh output stuck at ±1, the wrong
//! sign), so nothing learns at all; or outputs that are the same for every example (the
//! network answers one thing whatever it is shown). All are read off the
//! activations of an evaluation pass that runs anyway, at a cost below
//! that of the forward pass (a layer is skipped once each of its units has
//! passed a gradient); the buffers grow once and are reused.

use crate::ops::Activation;

/// A slope below this passes no gradient worth the name: a step of even
/// the largest learning rate (10) moves the weights behind it by less than
/// a thousandth of the error.
const FLAT: f32 = 1e-4;
/// An output this close to its target has nothing left to learn there.
const ON_TARGET: f32 = 1e-3;

/// Activity seen over one pass. [`Health::start`], then per chunk of rows
/// [`Health::observe_layer`] for every layer and
/// [`Health::observe_outputs`].
#[derive(Clone, Debug, Default)]
pub struct Health {
    /// Widths of the layers after the inputs (hidden layers, then outputs).
    widths: Vec<usize>,
    /// Per unit (layers concatenated): its activation's slope was nonzero
    /// on some example, so a gradient could pass it.
    flowing: Vec<bool>,
    /// Per layer: units seen flowing so far.
    flowing_count: Vec<usize>,
    /// Per output: smallest and largest value seen.
    lo: Vec<f32>,
    hi: Vec<f32>,
    examples: usize,
    /// Outputs seen off their target.
    off_target: usize,
}

/// What a pass says of the network's health.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Verdict {
    /// The first hidden layer (0-based) none of whose units passed a
    /// gradient on any example (for ReLU: all output 0 everywhere).
    pub dead_layer: Option<usize>,
    /// Some outputs are off their targets, and where they are, none passed
    /// a gradient (a tanh output at ±1): nothing learns any more.
    pub saturated_output: bool,
    /// Every output the same (to 1e-6 of its size) on every example, over
    /// at least two examples.
    pub constant_output: bool,
}

impl Health {
    /// Clears the record for layers of these widths (hidden, then output).
    pub fn start(&mut self, widths: &[usize]) {
        self.widths.clear();
        self.widths.extend_from_slice(widths);
        self.flowing.clear();
        self.flowing.resize(widths.iter().sum(), false);
        self.flowing_count.clear();
        self.flowing_count.resize(widths.len(), 0);
        let outputs = widths.last().copied().unwrap_or(0);
        self.lo.clear();
        self.lo.resize(outputs, f32::INFINITY);
        self.hi.clear();
        self.hi.resize(outputs, f32::NEG_INFINITY);
        self.examples = 0;
        self.off_target = 0;
    }

    /// Hidden layer `l`'s pre-activations `z` and outputs `a` for `rows`
    /// examples, both [rows × width], under activation `act`.
    pub fn observe_hidden(&mut self, l: usize, act: Activation, z: &[f32], a: &[f32], rows: usize) {
        let n = self.widths[l];
        if self.flowing_count[l] == n {
            return;
        }
        let offset: usize = self.widths[..l].iter().sum();
        let flowing = &mut self.flowing[offset..offset + n];
        for (zr, ar) in z[..rows * n]
            .chunks_exact(n)
            .zip(a[..rows * n].chunks_exact(n))
        {
            for ((seen, &z), &a) in flowing.iter_mut().zip(zr).zip(ar) {
                *seen = *seen || act.df(z, a).abs() > FLAT;
            }
        }
        self.flowing_count[l] = flowing.iter().filter(|&&f| f).count();
    }

    /// The output layer's pre-activations `z` and outputs `out` for `rows`
    /// examples, [rows × outputs], under activation `act`; with the
    /// squared loss's `targets` [rows × outputs], only outputs off their
    /// target count for saturation, so a network that is sure and right is
    /// not stuck.
    pub fn observe_outputs(
        &mut self,
        act: Activation,
        z: &[f32],
        out: &[f32],
        targets: Option<&[f32]>,
        rows: usize,
    ) {
        let k = self.lo.len();
        let last = self.widths.len() - 1;
        let offset = self.flowing.len() - k;
        for (i, (&z, &o)) in z[..rows * k].iter().zip(&out[..rows * k]).enumerate() {
            let j = i % k;
            self.lo[j] = self.lo[j].min(o);
            self.hi[j] = self.hi[j].max(o);
            if targets.is_some_and(|t| (o - t[i]).abs() <= ON_TARGET) {
                continue;
            }
            self.off_target += 1;
            let seen = &mut self.flowing[offset + j];
            if !*seen && act.df(z, o).abs() > FLAT {
                *seen = true;
                self.flowing_count[last] += 1;
            }
        }
        self.examples += rows;
    }

    /// The verdict on what was observed (nothing over an empty set).
    pub fn verdict(&self) -> Verdict {
        let layers = self.widths.len();
        if self.examples == 0 || layers == 0 {
            return Verdict::default();
        }
        let dead_layer = self.flowing_count[..layers - 1]
            .iter()
            .position(|&c| c == 0);
        let saturated_output = self.off_target > 0 && self.flowing_count[layers - 1] == 0;
        let constant_output = self.examples >= 2
            && self.lo.iter().zip(&self.hi).all(|(&lo, &hi)| {
                lo.is_finite()
                    && hi.is_finite()
                    && hi - lo <= 1e-6 * lo.abs().max(hi.abs()).max(1.0)
            });
        Verdict {
            dead_layer,
            saturated_output,
            constant_output,
        }
    }
}
