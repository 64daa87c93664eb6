//! One flat parameter buffer with named views, and its gradient beside it.
//!
//! Every model keeps all its parameters in one `Vec<f32>` and their
//! gradients in another of the same layout (as llm.c's `params_memory` and
//! `grads_memory`), so an optimizer step is one loop over a few runs, the
//! page reads every weight through one typed array, and an export is a walk
//! over the table of (name, offset, shape).
//!
//! Names are the ones the Hugging Face format will use for the model (for
//! the GPT, GPT-2's: `transformer.h.0.attn.c_attn.weight`). Each view says
//! whether weight decay applies to it (matrices yes; biases, gains and
//! embeddings' positions as the model decides) and whether it is frozen.

use std::ops::Range;

/// Where one parameter tensor sits in the flat buffers: a model keeps these
/// as fields and slices both buffers with them.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Param {
    pub offset: usize,
    pub len: usize,
}

impl Param {
    /// Index range in the flat buffers.
    #[inline]
    pub fn range(self) -> std::ops::Range<usize> {
        self.offset..self.offset + self.len
    }

    /// This parameter's floats in `buf` (the values or the gradients).
    #[inline]
    pub fn of(self, buf: &[f32]) -> &[f32] {
        &buf[self.range()]
    }

    /// This parameter's floats in `buf`, mutable.
    #[inline]
    pub fn of_mut(self, buf: &mut [f32]) -> &mut [f32] {
        &mut buf[self.range()]
    }
}

/// A named slice of the parameter buffer.
#[derive(Clone, Debug, PartialEq)]
pub struct ParamView {
    pub name: String,
    pub offset: usize,
    pub shape: Vec<usize>,
    /// Whether weight decay or a regularization penalty applies.
    pub decay: bool,
    /// Whether the optimizer leaves it as it is.
    pub frozen: bool,
}

impl ParamView {
    /// Number of floats.
    pub fn len(&self) -> usize {
        self.shape.iter().product()
    }

    /// Whether the view is empty.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Index range in the flat buffer.
    pub fn range(&self) -> std::ops::Range<usize> {
        self.offset..self.offset + self.len()
    }

    /// The handle a model keeps.
    pub fn param(&self) -> Param {
        Param {
            offset: self.offset,
            len: self.len(),
        }
    }
}

/// The ranges of `views` (in buffer order), with adjacent ones joined.
fn merged<'a>(views: impl Iterator<Item = &'a ParamView>) -> Vec<Range<usize>> {
    let mut out: Vec<Range<usize>> = Vec::new();
    for r in views.map(ParamView::range).filter(|r| !r.is_empty()) {
        match out.last_mut() {
            Some(last) if last.end == r.start => last.end = r.end,
            _ => out.push(r),
        }
    }
    out
}

/// The flat buffers and their views.
#[derive(Clone, Debug, Default)]
pub struct ParamStore {
    /// The values.
    pub data: Vec<f32>,
    /// The gradient of the last step, same layout.
    pub grad: Vec<f32>,
    pub views: Vec<ParamView>,
}

impl ParamStore {
    /// Appends a zeroed, trainable parameter; returns its handle. Names must
    /// be unique.
    pub fn add(&mut self, name: impl Into<String>, shape: &[usize], decay: bool) -> Param {
        let name = name.into();
        assert!(
            self.find(&name).is_none(),
            "parameter {name} is added twice"
        );
        let view = ParamView {
            name,
            offset: self.data.len(),
            shape: shape.to_vec(),
            decay,
            frozen: false,
        };
        let p = view.param();
        self.data.resize(self.data.len() + p.len, 0.0);
        self.grad.resize(self.data.len(), 0.0);
        self.views.push(view);
        p
    }

    /// Total number of floats.
    pub fn len(&self) -> usize {
        self.data.len()
    }

    /// Whether there are no parameters.
    pub fn is_empty(&self) -> bool {
        self.data.is_empty()
    }

    /// The view called `name`.
    pub fn find(&self, name: &str) -> Option<&ParamView> {
        self.views.iter().find(|v| v.name == name)
    }

    /// The floats of view `i`.
    pub fn get(&self, i: usize) -> &[f32] {
        &self.data[self.views[i].range()]
    }

    /// The floats of view `i`, mutable.
    pub fn get_mut(&mut self, i: usize) -> &mut [f32] {
        let r = self.views[i].range();
        &mut self.data[r]
    }

    /// The floats of the parameter called `name`.
    pub fn named(&self, name: &str) -> Option<&[f32]> {
        self.find(name).map(|v| &self.data[v.range()])
    }

    /// Freezes (or thaws) every view whose name starts with `prefix`;
    /// returns how many views matched.
    pub fn set_frozen(&mut self, prefix: &str, frozen: bool) -> usize {
        let mut n = 0;
        for v in self.views.iter_mut().filter(|v| v.name.starts_with(prefix)) {
            v.frozen = frozen;
            n += 1;
        }
        n
    }

    /// Number of floats the optimizer updates.
    pub fn trainable(&self) -> usize {
        self.views
            .iter()
            .filter(|v| !v.frozen)
            .map(ParamView::len)
            .sum()
    }

    /// The stretches of the buffer the optimizer updates: the trainable
    /// views, neighbours merged (one stretch when nothing is frozen).
    pub fn runs(&self) -> Vec<Range<usize>> {
        merged(self.views.iter().filter(|v| !v.frozen))
    }

    /// The trainable views that take weight decay, neighbours merged.
    pub fn decay_runs(&self) -> Vec<Range<usize>> {
        merged(self.views.iter().filter(|v| !v.frozen && v.decay))
    }

    /// A mask over the flat buffer: true where decay or a penalty applies
    /// (and the view is not frozen).
    pub fn decay_mask(&self) -> Vec<bool> {
        let mut mask = vec![false; self.data.len()];
        for v in &self.views {
            mask[v.range()].fill(v.decay && !v.frozen);
        }
        mask
    }

    /// Sets every gradient to zero.
    pub fn zero_grad(&mut self) {
        self.grad.fill(0.0);
    }

    /// Whether every parameter is finite.
    pub fn all_finite(&self) -> bool {
        self.data.iter().all(|x| x.is_finite())
    }

    /// The gradient's Euclidean norm over the trainable views.
    pub fn grad_norm(&self) -> f64 {
        let mut s = 0.0f64;
        for v in self.views.iter().filter(|v| !v.frozen) {
            s += self.grad[v.range()]
                .iter()
                .map(|&g| f64::from(g) * f64::from(g))
                .sum::<f64>();
        }
        s.sqrt()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn runs_merge_neighbours_and_skip_frozen_views() {
        let mut s = ParamStore::default();
        s.add("a.weight", &[2, 3], true);
        s.add("b.weight", &[3], true);
        s.add("b.bias", &[3], false);
        s.add("c.weight", &[2], true);
        assert_eq!(s.runs(), vec![0..14]);
        assert_eq!(s.decay_runs(), vec![0..9, 12..14]);
        assert_eq!(s.set_frozen("b.", true), 2);
        assert_eq!(s.runs(), vec![0..6, 12..14]);
        assert_eq!(s.decay_runs(), vec![0..6, 12..14]);
        assert_eq!(s.trainable(), 8);
        assert_eq!(s.named("c.weight").map(<[f32]>::len), Some(2));
        assert_eq!(s.grad.len(), s.data.len());
    }
}
