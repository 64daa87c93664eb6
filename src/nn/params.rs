//! One flat parameter buffer with named views.
//!
//! Every model keeps all its parameters in one `Vec<f32>`, so an optimizer
//! step is a single loop, the page reads every weight through one typed array,
//! and an export is a table of (name, offset, shape).

/// A named slice of the parameter buffer.
#[derive(Clone, Debug, PartialEq)]
pub struct ParamView {
    pub name: String,
    pub offset: usize,
    pub shape: Vec<usize>,
    /// Whether regularization applies (weights yes, biases no).
    pub decay: bool,
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
}

/// The flat buffer and its views.
#[derive(Clone, Debug, Default)]
pub struct ParamStore {
    pub data: Vec<f32>,
    pub views: Vec<ParamView>,
}

impl ParamStore {
    /// Appends a zeroed parameter; returns its view index.
    pub fn add(&mut self, name: impl Into<String>, shape: &[usize], decay: bool) -> usize {
        let view = ParamView { name: name.into(), offset: self.data.len(), shape: shape.to_vec(), decay };
        self.data.resize(self.data.len() + view.len(), 0.0);
        self.views.push(view);
        self.views.len() - 1
    }

    /// Total number of floats.
    pub fn len(&self) -> usize {
        self.data.len()
    }

    /// Whether there are no parameters.
    pub fn is_empty(&self) -> bool {
        self.data.is_empty()
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

    /// A mask over the flat buffer: true where regularization applies.
    pub fn decay_mask(&self) -> Vec<bool> {
        let mut mask = vec![false; self.data.len()];
        for v in &self.views {
            mask[v.range()].fill(v.decay);
        }
        mask
    }

    /// Whether every parameter is finite.
    pub fn all_finite(&self) -> bool {
        self.data.iter().all(|x| x.is_finite())
    }
}
