//! Image batches for the CNN, and the shipped digits as a data set of them.

use crate::data::digits::{to_f32, PIXELS};
use crate::models::Dataset;

/// Images and their labels: `x` [N, C·H·W] (NCHW, one image after
/// another), `y` [N] class indices, `pixels` = C·H·W.
#[derive(Clone, Debug, Default)]
pub struct Images {
    pub x: Vec<f32>,
    pub y: Vec<u32>,
    pub pixels: usize,
}

impl Images {
    /// The shipped digits (bytes 0–255, labels 0–9) as intensities in
    /// [0, 1], one channel of 14×14.
    pub fn from_digits(images: &[u8], labels: &[u8]) -> Self {
        let mut x = Vec::new();
        to_f32(images, &mut x);
        Images {
            x,
            y: labels.iter().map(|&l| u32::from(l)).collect(),
            pixels: PIXELS,
        }
    }

    /// Number of images.
    pub fn len(&self) -> usize {
        self.y.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.y.is_empty()
    }

    /// Image `i`, C·H·W floats.
    pub fn image(&self, i: usize) -> &[f32] {
        &self.x[i * self.pixels..(i + 1) * self.pixels]
    }
}

impl Dataset<Images> for Images {
    fn len(&self) -> usize {
        self.y.len()
    }

    /// Copies the images at `indices` into `batch`, reusing its buffers.
    fn gather(&self, indices: &[u32], batch: &mut Images) {
        batch.pixels = self.pixels;
        batch.x.clear();
        batch.y.clear();
        for &i in indices {
            batch.x.extend_from_slice(self.image(i as usize));
            batch.y.push(self.y[i as usize]);
        }
    }
}
