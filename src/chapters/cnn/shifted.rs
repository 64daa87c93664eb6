//! The translation experiment: the test digits moved by a few whole pixels,
//! which a dense network has never seen at those places and a CNN, sharing
//! its filters across the image and pooling their answers, mostly has.

use crate::data::digits::SIDE;
use crate::data::shift::{direction, shift};
use crate::models::cnn::Images;

/// The distances tried, in pixels (0: the test set as it is, the control).
pub const SHIFTS: &[usize] = &[0, 1, 2, 3];

/// Test accuracy per distance of [`SHIFTS`]; a list is empty for a model
/// that is not trained (the baselines when the comparison is off).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ShiftResult {
    pub shifts: Vec<usize>,
    pub cnn: Vec<f64>,
    pub dense: Vec<f64>,
    pub softmax: Vec<f64>,
}

/// `images` (14×14, one channel) each moved by `d` pixels: image `i` right,
/// down, left or up as [`direction`] says.
pub fn shifted_images(images: &Images, d: usize) -> Images {
    let mut out = images.clone();
    for (i, dst) in out.x.chunks_exact_mut(SIDE * SIDE).enumerate() {
        let (dx, dy) = direction(i);
        let d = d as isize;
        shift(images.image(i), dst, SIDE, dx * d, dy * d);
    }
    out
}
