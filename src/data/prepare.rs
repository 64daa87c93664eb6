//! A drawing brought to a 14×14 digit the way MNIST digits were prepared
//! (LeCun et al., 1998): the ink's bounding box scaled, keeping its aspect,
//! to fit a box of 10×10 (20×20 of 28×28), then moved so that its centre of
//! mass sits at the centre of the image. Resampling averages the ink over
//! each target pixel's footprint exactly, from a summed-area table.

use super::digits::{PIXELS, SIDE};

/// Side of the box the ink is scaled into.
const BOX: f64 = 10.0;
/// Coverage below this is not ink (anti-aliasing fringes).
const INK: f32 = 0.05;

/// `pixels` is ink coverage in [0, 1], `w × h` row-major. Returns 196
/// intensities in [0, 1]; all zero for an empty drawing.
pub fn prepare(pixels: &[f32], w: usize, h: usize) -> Vec<f32> {
    let mut out = vec![0.0; PIXELS];
    if w == 0 || h == 0 || pixels.len() < w * h {
        return out;
    }
    // Bounding box and centre of mass of the ink.
    let (mut x0, mut y0, mut x1, mut y1) = (w, h, 0, 0);
    let (mut mass, mut mx, mut my) = (0.0f64, 0.0f64, 0.0f64);
    for y in 0..h {
        for x in 0..w {
            let v = pixels[y * w + x];
            if !(v > INK) {
                continue;
            }
            let v = f64::from(v.min(1.0));
            x0 = x0.min(x);
            x1 = x1.max(x + 1);
            y0 = y0.min(y);
            y1 = y1.max(y + 1);
            mass += v;
            mx += v * (x as f64 + 0.5);
            my += v * (y as f64 + 0.5);
        }
    }
    if mass == 0.0 {
        return out;
    }
    let (cx, cy) = (mx / mass, my / mass);
    let scale = BOX / ((x1 - x0).max(y1 - y0) as f64);
    let table = SummedArea::new(pixels, w, h);
    // Target pixel (tx, ty) covers [tx, tx + 1) × [ty, ty + 1); the source
    // point s maps to (s − c)·scale + SIDE/2.
    let half = SIDE as f64 / 2.0;
    let area = 1.0 / (scale * scale);
    for ty in 0..SIDE {
        for tx in 0..SIDE {
            let sx0 = (tx as f64 - half) / scale + cx;
            let sy0 = (ty as f64 - half) / scale + cy;
            let sum = table.sum(sx0, sy0, sx0 + 1.0 / scale, sy0 + 1.0 / scale);
            out[ty * SIDE + tx] = ((sum / area) as f32).clamp(0.0, 1.0);
        }
    }
    out
}

/// Integral image: `at(x, y)` = Σ of pixels in [0, x) × [0, y).
struct SummedArea {
    s: Vec<f64>,
    w: usize,
    h: usize,
}

impl SummedArea {
    fn new(p: &[f32], w: usize, h: usize) -> Self {
        let mut s = vec![0.0; (w + 1) * (h + 1)];
        for y in 0..h {
            let mut row = 0.0;
            for x in 0..w {
                let v = p[y * w + x];
                row += if v > INK { f64::from(v.min(1.0)) } else { 0.0 };
                s[(y + 1) * (w + 1) + x + 1] = s[y * (w + 1) + x + 1] + row;
            }
        }
        SummedArea { s, w, h }
    }

    fn at_int(&self, x: usize, y: usize) -> f64 {
        self.s[y * (self.w + 1) + x]
    }

    /// The integral at a real point, exact for a piecewise-constant image
    /// (bilinear in the integral); outside the image it continues flat.
    fn at(&self, x: f64, y: f64) -> f64 {
        let x = x.clamp(0.0, self.w as f64);
        let y = y.clamp(0.0, self.h as f64);
        let (ix, iy) = ((x.floor() as usize).min(self.w - 1), (y.floor() as usize).min(self.h - 1));
        let (fx, fy) = (x - ix as f64, y - iy as f64);
        let a = self.at_int(ix, iy);
        let b = self.at_int(ix + 1, iy);
        let c = self.at_int(ix, iy + 1);
        let d = self.at_int(ix + 1, iy + 1);
        a * (1.0 - fx) * (1.0 - fy) + b * fx * (1.0 - fy) + c * (1.0 - fx) * fy + d * fx * fy
    }

    /// Σ over [x0, x1) × [y0, y1).
    fn sum(&self, x0: f64, y0: f64, x1: f64, y1: f64) -> f64 {
        self.at(x1, y1) - self.at(x0, y1) - self.at(x1, y0) + self.at(x0, y0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn canvas(w: usize, h: usize, ink: impl Fn(usize, usize) -> bool) -> Vec<f32> {
        (0..w * h).map(|i| if ink(i % w, i / w) { 1.0 } else { 0.0 }).collect()
    }

    fn centre_of_mass(img: &[f32]) -> (f32, f32) {
        let (mut m, mut x, mut y) = (0.0, 0.0, 0.0);
        for (i, &v) in img.iter().enumerate() {
            m += v;
            x += v * ((i % SIDE) as f32 + 0.5);
            y += v * ((i / SIDE) as f32 + 0.5);
        }
        (x / m, y / m)
    }

    #[test]
    fn empty_drawing_is_blank() {
        assert!(prepare(&vec![0.0; 400], 20, 20).iter().all(|&v| v == 0.0));
        assert!(prepare(&[], 0, 0).iter().all(|&v| v == 0.0));
    }

    #[test]
    fn a_stroke_anywhere_lands_centred_and_ten_tall() {
        // A vertical bar in the top-left corner of a 280×280 drawing.
        let img = canvas(280, 280, |x, y| (20..40).contains(&x) && (10..150).contains(&y));
        let d = prepare(&img, 280, 280);
        let (cx, cy) = centre_of_mass(&d);
        assert!((cx - 7.0).abs() < 0.05 && (cy - 7.0).abs() < 0.05, "centre ({cx}, {cy})");
        let rows: Vec<usize> = (0..SIDE).filter(|r| (0..SIDE).any(|c| d[r * SIDE + c] > 0.5)).collect();
        assert_eq!(rows.len(), 10, "ink spans 10 rows: {rows:?}");
        // Total ink is conserved by the resampling (area scaled by scale²).
        let total: f32 = d.iter().sum();
        let want = 20.0 * 140.0 * (10.0f32 / 140.0).powi(2);
        assert!((total - want).abs() < 0.01 * want, "{total} vs {want}");
    }

    #[test]
    fn shifting_the_drawing_changes_nothing() {
        let a = canvas(200, 200, |x, y| ((x as i32 - 60).pow(2) + (y as i32 - 70).pow(2)) < 900);
        let b = canvas(200, 200, |x, y| ((x as i32 - 130).pow(2) + (y as i32 - 120).pow(2)) < 900);
        let (pa, pb) = (prepare(&a, 200, 200), prepare(&b, 200, 200));
        for (x, y) in pa.iter().zip(&pb) {
            assert!((x - y).abs() < 1e-4);
        }
    }
}
