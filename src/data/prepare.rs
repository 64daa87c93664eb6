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
/// Longest side of a drawing accepted (a pad of 1,000 CSS pixels on a
/// screen of four device pixels to one is 4,000).
pub const MAX_SIDE: usize = 4096;
/// Most pixels of a drawing accepted: the summed-area table takes eight
/// bytes a pixel, 32 MB at this cap.
pub const MAX_AREA: usize = 1 << 22;

/// Why a drawing was refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PrepareError {
    /// A side over [`MAX_SIDE`], or w × h over [`MAX_AREA`] (or beyond
    /// what the machine's word can count).
    TooLarge { w: usize, h: usize },
    /// Fewer pixels than w × h.
    Short { expected: usize, found: usize },
}

impl PrepareError {
    /// Stable name for the page.
    pub fn name(self) -> &'static str {
        match self {
            PrepareError::TooLarge { .. } => "tooLarge",
            PrepareError::Short { .. } => "short",
        }
    }
}

impl std::fmt::Display for PrepareError {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        match self {
            PrepareError::TooLarge { w, h } => write!(f, "a drawing of {w}×{h} pixels is larger than {MAX_SIDE}×{MAX_SIDE} or {MAX_AREA} pixels"),
            PrepareError::Short { expected, found } => write!(f, "{found} pixels where {expected} were announced"),
        }
    }
}

/// `pixels` is ink coverage in [0, 1], `w × h` row-major. Returns 196
/// intensities in [0, 1]; all zero for an empty drawing (or a size of 0).
/// Sizes are checked before any work: a product that overflows or passes
/// the caps, or a buffer shorter than w × h, is refused.
pub fn prepare(pixels: &[f32], w: usize, h: usize) -> Result<Vec<f32>, PrepareError> {
    let mut out = vec![0.0; PIXELS];
    let area = w.checked_mul(h).filter(|&a| a <= MAX_AREA && w <= MAX_SIDE && h <= MAX_SIDE);
    let Some(area) = area else {
        return Err(PrepareError::TooLarge { w, h });
    };
    if pixels.len() < area {
        return Err(PrepareError::Short { expected: area, found: pixels.len() });
    }
    if area == 0 {
        return Ok(out);
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
        return Ok(out);
    }
    let (cx, cy) = (mx / mass, my / mass);
    let scale = BOX / ((x1 - x0).max(y1 - y0) as f64);
    let table = SummedArea::new(pixels, w, h);
    // Target pixel (tx, ty) covers [tx, tx + 1) × [ty, ty + 1); the source
    // point s maps to (s − c)·scale + SIDE/2.
    let half = SIDE as f64 / 2.0;
    let footprint = 1.0 / (scale * scale);
    for ty in 0..SIDE {
        for tx in 0..SIDE {
            let sx0 = (tx as f64 - half) / scale + cx;
            let sy0 = (ty as f64 - half) / scale + cy;
            let sum = table.sum(sx0, sy0, sx0 + 1.0 / scale, sy0 + 1.0 / scale);
            out[ty * SIDE + tx] = ((sum / footprint) as f32).clamp(0.0, 1.0);
        }
    }
    Ok(out)
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
        assert!(prepare(&vec![0.0; 400], 20, 20).unwrap().iter().all(|&v| v == 0.0));
        assert!(prepare(&[], 0, 0).unwrap().iter().all(|&v| v == 0.0));
    }

    #[test]
    fn sizes_are_checked_before_the_work() {
        // 65536 × 65537 overflows a 32-bit word (as in wasm); here it is
        // over the cap, and a product that overflows this machine's word
        // is refused the same way.
        assert_eq!(prepare(&[1.0; 16], 65536, 65537), Err(PrepareError::TooLarge { w: 65536, h: 65537 }));
        assert_eq!(prepare(&[1.0; 16], usize::MAX / 2, 3), Err(PrepareError::TooLarge { w: usize::MAX / 2, h: 3 }));
        assert_eq!(prepare(&[1.0; 16], 1, MAX_SIDE + 1).unwrap_err().name(), "tooLarge");
        assert_eq!(prepare(&[1.0; 16], 2048, 2049).unwrap_err().name(), "tooLarge");
        assert_eq!(prepare(&[1.0; 16], 4, 5), Err(PrepareError::Short { expected: 20, found: 16 }));
        assert!(prepare(&[0.0; 16], 4, 4).is_ok());
    }

    #[test]
    fn a_stroke_anywhere_lands_centred_and_ten_tall() {
        // A vertical bar in the top-left corner of a 280×280 drawing.
        let img = canvas(280, 280, |x, y| (20..40).contains(&x) && (10..150).contains(&y));
        let d = prepare(&img, 280, 280).unwrap();
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
        let (pa, pb) = (prepare(&a, 200, 200).unwrap(), prepare(&b, 200, 200).unwrap());
        for (x, y) in pa.iter().zip(&pb) {
            assert!((x - y).abs() < 1e-4);
        }
    }
}
