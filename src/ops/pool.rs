//! 2-D pooling over each channel of an NCHW batch: max pooling (as in the
//! CNNs after Ranzato et al., 2007, and AlexNet, 2012) and average pooling
//! (LeNet-5's subsampling, 1998), without padding.
//!
//! Shapes (B = batch, C = channels, H/W = input height/width, K = window
//! side, OH/OW = output): x [B, C, H, W], y [B, C, OH, OW] with
//! OH = (H − K) / stride + 1 (rounded down, as PyTorch's default: rows and
//! columns past the last whole window are not read), likewise OW.
//!
//! Max pooling keeps, per output, the index into x of the input it took
//! (`argmax` [B, C, OH, OW]); its backward routes each output's gradient
//! there. Ties go to the first input in row-major order of the window.
//! Average pooling keeps nothing: its backward spreads dy / K² over the
//! window.

use super::shape::{expect, expect_values};

/// The sizes of one pooling layer; build with [`PoolShape::new`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PoolShape {
    pub b: usize,
    pub c: usize,
    pub h: usize,
    pub w: usize,
    /// Window side.
    pub k: usize,
    pub stride: usize,
}

impl PoolShape {
    /// A validated shape (see [`PoolShape::validate`]).
    pub fn new(
        b: usize,
        c: usize,
        h: usize,
        w: usize,
        k: usize,
        stride: usize,
    ) -> Result<Self, String> {
        let s = PoolShape {
            b,
            c,
            h,
            w,
            k,
            stride,
        };
        s.validate().map(|()| s)
    }

    /// The same layer for another batch size.
    pub fn with_batch(self, b: usize) -> Self {
        PoolShape { b, ..self }
    }

    /// Every size positive, the window inside the input, and x small
    /// enough for `argmax` to index it with u32.
    pub fn validate(&self) -> Result<(), String> {
        let named = [
            ("B", self.b),
            ("C", self.c),
            ("H", self.h),
            ("W", self.w),
            ("K", self.k),
            ("stride", self.stride),
        ];
        if let Some((name, _)) = named.iter().find(|d| d.1 == 0) {
            return Err(format!("pool: {name} is zero"));
        }
        if self.k > self.h || self.k > self.w {
            return Err(format!(
                "pool: window {k}×{k} is larger than the input {}×{}",
                self.h,
                self.w,
                k = self.k
            ));
        }
        let n = [self.b, self.c, self.h, self.w]
            .iter()
            .try_fold(1usize, |a, &d| a.checked_mul(d));
        if n.is_none_or(|n| n > u32::MAX as usize) {
            return Err("pool: the input has more floats than argmax can index".into());
        }
        Ok(())
    }

    /// Output height.
    pub fn oh(&self) -> usize {
        (self.h - self.k) / self.stride + 1
    }

    /// Output width.
    pub fn ow(&self) -> usize {
        (self.w - self.k) / self.stride + 1
    }

    /// Floats of x.
    pub fn x_len(&self) -> usize {
        self.b * self.c * self.h * self.w
    }

    /// Floats of y (and entries of argmax).
    pub fn y_len(&self) -> usize {
        self.b * self.c * self.oh() * self.ow()
    }

    #[track_caller]
    fn check(&self, op: &str, x: usize, y: usize) {
        if let Err(e) = self.validate() {
            panic!("{op}: {e}");
        }
        let (b, c, h, w) = (self.b, self.c, self.h, self.w);
        expect(op, "x", x, &[("B", b), ("C", c), ("H", h), ("W", w)]);
        let (oh, ow) = (self.oh(), self.ow());
        expect(op, "y", y, &[("B", b), ("C", c), ("OH", oh), ("OW", ow)]);
    }
}

/// y = the largest input of each window; `argmax` = its index into x.
pub fn max_forward(y: &mut [f32], argmax: &mut [u32], x: &[f32], s: &PoolShape) {
    s.check("max pool", x.len(), y.len());
    expect_values(
        "max pool",
        "argmax",
        argmax.len(),
        &[("B·C·OH·OW", s.y_len())],
    );
    let (plane, (oh, ow)) = (s.h * s.w, (s.oh(), s.ow()));
    for p in 0..s.b * s.c {
        let base = p * plane;
        let (ys, ams) = (
            &mut y[p * oh * ow..(p + 1) * oh * ow],
            &mut argmax[p * oh * ow..(p + 1) * oh * ow],
        );
        for i in 0..oh {
            for j in 0..ow {
                let top = base + i * s.stride * s.w + j * s.stride;
                let (mut best, mut at) = (x[top], top);
                for di in 0..s.k {
                    let row = &x[top + di * s.w..top + di * s.w + s.k];
                    for (dj, &v) in row.iter().enumerate() {
                        if v > best {
                            (best, at) = (v, top + di * s.w + dj);
                        }
                    }
                }
                ys[i * ow + j] = best;
                ams[i * ow + j] = at as u32;
            }
        }
    }
}

/// dx = each dy added at the input its window took (zero elsewhere).
pub fn max_backward(dx: &mut [f32], dy: &[f32], argmax: &[u32], s: &PoolShape) {
    s.check("max pool backward", dx.len(), dy.len());
    expect_values(
        "max pool backward",
        "argmax",
        argmax.len(),
        &[("B·C·OH·OW", s.y_len())],
    );
    dx.fill(0.0);
    for (&g, &at) in dy.iter().zip(argmax) {
        dx[at as usize] += g;
    }
}

/// y = the mean of each window.
pub fn avg_forward(y: &mut [f32], x: &[f32], s: &PoolShape) {
    s.check("avg pool", x.len(), y.len());
    let (plane, (oh, ow)) = (s.h * s.w, (s.oh(), s.ow()));
    let inv = 1.0 / (s.k * s.k) as f32;
    for p in 0..s.b * s.c {
        let base = p * plane;
        let ys = &mut y[p * oh * ow..(p + 1) * oh * ow];
        for i in 0..oh {
            for j in 0..ow {
                let top = base + i * s.stride * s.w + j * s.stride;
                let mut sum = 0.0;
                for di in 0..s.k {
                    sum += x[top + di * s.w..top + di * s.w + s.k].iter().sum::<f32>();
                }
                ys[i * ow + j] = sum * inv;
            }
        }
    }
}

/// dx = each dy / K² added over its window (zero outside every window).
pub fn avg_backward(dx: &mut [f32], dy: &[f32], s: &PoolShape) {
    s.check("avg pool backward", dx.len(), dy.len());
    let (plane, (oh, ow)) = (s.h * s.w, (s.oh(), s.ow()));
    let inv = 1.0 / (s.k * s.k) as f32;
    dx.fill(0.0);
    for p in 0..s.b * s.c {
        let base = p * plane;
        let gs = &dy[p * oh * ow..(p + 1) * oh * ow];
        for i in 0..oh {
            for j in 0..ow {
                let g = gs[i * ow + j] * inv;
                let top = base + i * s.stride * s.w + j * s.stride;
                for di in 0..s.k {
                    for v in &mut dx[top + di * s.w..top + di * s.w + s.k] {
                        *v += g;
                    }
                }
            }
        }
    }
}
