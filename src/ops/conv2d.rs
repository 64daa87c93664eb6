//! 2-D convolution (LeCun et al., 1989; LeNet-5, 1998) as im2col + matrix
//! multiply, the lowering Caffe made standard (Jia et al., 2014).
//!
//! Shapes, NCHW and row-major (B = batch, IC/OC = input/output channels,
//! H/W = input height/width, KH/KW = kernel, OH/OW = output):
//! - x [B, IC, H, W], y [B, OC, OH, OW]
//! - weight [OC, IC, KH, KW] (PyTorch's `Conv2d.weight` layout, so a
//!   checkpoint exports without a transpose), bias [OC] or none
//! - col [IC·KH·KW, B·OH·OW]: column (b, n) holds the input patch under
//!   output pixel n of image b (zeros where the patch covers padding)
//! - OH = (H + 2·pad − KH) / stride + 1, likewise OW.
//!
//! Forward: Y [OC × B·OH·OW] = W [OC × IC·KH·KW] · col, one product of the
//! engine's packed matmul for the whole batch, then each image's rows move
//! to y (+ bias) from the scratch `work` [OC, B·OH·OW]. (A product per
//! image, with no scratch, measured 0–34% slower per product on the digits
//! CNN's shapes at batch 32, and its whole training step 4–7% slower per
//! CPU-second: the per-image operands are too thin for the kernel's
//! blocking.) The forward
//! keeps `col` for the backward (the weight gradient needs the patches).
//! The caller owns every buffer and sizes it once per shape
//! ([`Conv2dShape::col_len`], [`Conv2dShape::work_len`]).
//!
//! Backward: dY gathered into `work` as [OC × B·OH·OW]; dW += dY·colᵀ,
//! db += Σ over pixels of dY, and dX = col2im(Wᵀ·dY) through `dcol`, laid
//! out as col.
//!
//! im2col and col2im use plain index arithmetic over flat slices, not
//! ndarray views: `benches/conv.rs` times the same loops written with views
//! on the digits CNN's shapes, and the views cost measurably (im2col 3–11×
//! slower, col2im 1.05–2.2× over two runs: slicing a 5-D view per output
//! row costs more than the row's few floats).

use super::shape::expect;
use crate::tensor::matmul::{matmul, Base, MatRef};

/// The sizes of one convolution. Build it with [`Conv2dShape::new`], which
/// refuses shapes that make no sense; the ops check it again.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Conv2dShape {
    pub b: usize,
    pub ic: usize,
    pub h: usize,
    pub w: usize,
    pub oc: usize,
    pub kh: usize,
    pub kw: usize,
    pub stride: usize,
    pub pad: usize,
}

impl Conv2dShape {
    /// A validated shape (see [`Conv2dShape::validate`] for the rules).
    #[allow(clippy::too_many_arguments)]
    pub fn new(
        b: usize,
        ic: usize,
        h: usize,
        w: usize,
        oc: usize,
        kh: usize,
        kw: usize,
        stride: usize,
        pad: usize,
    ) -> Result<Self, String> {
        let s = Conv2dShape {
            b,
            ic,
            h,
            w,
            oc,
            kh,
            kw,
            stride,
            pad,
        };
        s.validate().map(|()| s)
    }

    /// The same layer for another batch size.
    pub fn with_batch(self, b: usize) -> Self {
        Conv2dShape { b, ..self }
    }

    /// Every size positive; the kernel fits in the padded input; padding at
    /// most half the kernel (PyTorch's rule: no output pixel sees padding
    /// alone); the column buffer's size fits in memory arithmetic.
    pub fn validate(&self) -> Result<(), String> {
        let named = [
            ("B", self.b),
            ("IC", self.ic),
            ("H", self.h),
            ("W", self.w),
            ("OC", self.oc),
            ("KH", self.kh),
            ("KW", self.kw),
            ("stride", self.stride),
        ];
        if let Some((name, _)) = named.iter().find(|d| d.1 == 0) {
            return Err(format!("conv2d: {name} is zero"));
        }
        let (ph, pw) = (self.h + 2 * self.pad, self.w + 2 * self.pad);
        if self.kh > ph || self.kw > pw {
            return Err(format!(
                "conv2d: kernel {}×{} is larger than the padded input {ph}×{pw} ({}×{} with padding {})",
                self.kh, self.kw, self.h, self.w, self.pad
            ));
        }
        if 2 * self.pad > self.kh || 2 * self.pad > self.kw {
            return Err(format!(
                "conv2d: padding {} is more than half the kernel {}×{}",
                self.pad, self.kh, self.kw
            ));
        }
        let sizes = [self.b, self.ic, self.kh, self.kw, self.oh(), self.ow()];
        if sizes
            .iter()
            .try_fold(1usize, |acc, &d| acc.checked_mul(d))
            .is_none_or(|n| n > isize::MAX as usize / 4)
        {
            return Err("conv2d: the column buffer would not fit in memory".into());
        }
        Ok(())
    }

    /// Output height.
    pub fn oh(&self) -> usize {
        (self.h + 2 * self.pad - self.kh) / self.stride + 1
    }

    /// Output width.
    pub fn ow(&self) -> usize {
        (self.w + 2 * self.pad - self.kw) / self.stride + 1
    }

    /// Rows of an image's column block: IC·KH·KW.
    pub fn patch(&self) -> usize {
        self.ic * self.kh * self.kw
    }

    /// Output pixels per channel: OH·OW.
    pub fn pixels(&self) -> usize {
        self.oh() * self.ow()
    }

    /// Floats of x.
    pub fn x_len(&self) -> usize {
        self.b * self.ic * self.h * self.w
    }

    /// Floats of y.
    pub fn y_len(&self) -> usize {
        self.b * self.oc * self.pixels()
    }

    /// Floats of the weight.
    pub fn weight_len(&self) -> usize {
        self.oc * self.patch()
    }

    /// Floats of the column buffer the forward keeps (and of the
    /// backward's `dcol`).
    pub fn col_len(&self) -> usize {
        self.b * self.patch() * self.pixels()
    }

    /// Floats of the product scratch `work`: OC·B·OH·OW, as y.
    pub fn work_len(&self) -> usize {
        self.y_len()
    }

    #[track_caller]
    fn check(&self, op: &str) {
        if let Err(e) = self.validate() {
            panic!("{op}: {e}");
        }
    }

    fn x_dims(&self) -> [(&'static str, usize); 4] {
        [("B", self.b), ("IC", self.ic), ("H", self.h), ("W", self.w)]
    }

    fn y_dims(&self) -> [(&'static str, usize); 4] {
        [
            ("B", self.b),
            ("OC", self.oc),
            ("OH", self.oh()),
            ("OW", self.ow()),
        ]
    }

    fn w_dims(&self) -> [(&'static str, usize); 4] {
        [
            ("OC", self.oc),
            ("IC", self.ic),
            ("KH", self.kh),
            ("KW", self.kw),
        ]
    }

    fn col_dims(&self) -> [(&'static str, usize); 6] {
        [
            ("IC", self.ic),
            ("KH", self.kh),
            ("KW", self.kw),
            ("B", self.b),
            ("OH", self.oh()),
            ("OW", self.ow()),
        ]
    }

    fn work_dims(&self) -> [(&'static str, usize); 4] {
        [
            ("OC", self.oc),
            ("B", self.b),
            ("OH", self.oh()),
            ("OW", self.ow()),
        ]
    }
}

/// The output columns `lo..hi` whose input column `ow·stride + kj − pad`
/// lies inside 0..W (for stride 1 the valid run is contiguous).
#[inline]
fn valid_run(s: &Conv2dShape, kj: usize) -> (usize, usize) {
    let lo = s.pad.saturating_sub(kj).min(s.ow());
    let hi = (s.w + s.pad).saturating_sub(kj).min(s.ow());
    (lo, hi.max(lo))
}

/// One image's patches into a column buffer whose rows are `ld` floats
/// apart, starting at the image's first column: row (c, ki, kj), columns
/// 0..OH·OW, from `x` [IC, H, W].
fn patches(col: &mut [f32], ld: usize, x: &[f32], s: &Conv2dShape) {
    let (oh, ow, n) = (s.oh(), s.ow(), s.pixels());
    for c in 0..s.ic {
        let plane = &x[c * s.h * s.w..(c + 1) * s.h * s.w];
        for ki in 0..s.kh {
            for kj in 0..s.kw {
                let row = (c * s.kh + ki) * s.kw + kj;
                let dst = &mut col[row * ld..row * ld + n];
                let (lo, hi) = valid_run(s, kj);
                for (r, out) in dst.chunks_exact_mut(ow).enumerate().take(oh) {
                    let ih = (r * s.stride + ki).wrapping_sub(s.pad);
                    if ih >= s.h {
                        out.fill(0.0);
                        continue;
                    }
                    let src = &plane[ih * s.w..(ih + 1) * s.w];
                    if s.stride == 1 {
                        out[..lo].fill(0.0);
                        out[lo..hi].copy_from_slice(&src[lo + kj - s.pad..hi + kj - s.pad]);
                        out[hi..].fill(0.0);
                    } else {
                        for (q, o) in out.iter_mut().enumerate() {
                            let iw = (q * s.stride + kj).wrapping_sub(s.pad);
                            *o = if iw < s.w { src[iw] } else { 0.0 };
                        }
                    }
                }
            }
        }
    }
}

/// The transpose of [`patches`]: adds every entry of one image's columns
/// (rows `ld` floats apart) to the input pixel it was copied from, into
/// `dx` [IC, H, W].
fn unpatch(dx: &mut [f32], col: &[f32], ld: usize, s: &Conv2dShape) {
    let (oh, ow, n) = (s.oh(), s.ow(), s.pixels());
    for c in 0..s.ic {
        let plane = &mut dx[c * s.h * s.w..(c + 1) * s.h * s.w];
        for ki in 0..s.kh {
            for kj in 0..s.kw {
                let row = (c * s.kh + ki) * s.kw + kj;
                let src = &col[row * ld..row * ld + n];
                let (lo, hi) = valid_run(s, kj);
                for (r, from) in src.chunks_exact(ow).enumerate().take(oh) {
                    let ih = (r * s.stride + ki).wrapping_sub(s.pad);
                    if ih >= s.h {
                        continue;
                    }
                    let dst = &mut plane[ih * s.w..(ih + 1) * s.w];
                    if s.stride == 1 {
                        let d = &mut dst[lo + kj - s.pad..hi + kj - s.pad];
                        for (o, &g) in d.iter_mut().zip(&from[lo..hi]) {
                            *o += g;
                        }
                    } else {
                        for (q, &g) in from.iter().enumerate() {
                            let iw = (q * s.stride + kj).wrapping_sub(s.pad);
                            if iw < s.w {
                                dst[iw] += g;
                            }
                        }
                    }
                }
            }
        }
    }
}

/// One image's patches: `col` [IC·KH·KW, OH·OW] from `x` [IC, H, W].
pub fn im2col(col: &mut [f32], x: &[f32], s: &Conv2dShape) {
    let n = s.pixels();
    expect(
        "im2col",
        "col",
        col.len(),
        &[("IC·KH·KW", s.patch()), ("OH·OW", n)],
    );
    expect(
        "im2col",
        "x",
        x.len(),
        &[("IC", s.ic), ("H", s.h), ("W", s.w)],
    );
    patches(col, n, x, s);
}

/// The transpose of [`im2col`] for one image: adds every entry of `col`
/// [IC·KH·KW, OH·OW] to the input pixel it was copied from, into `dx`
/// [IC, H, W].
pub fn col2im(dx: &mut [f32], col: &[f32], s: &Conv2dShape) {
    let n = s.pixels();
    expect(
        "col2im",
        "col",
        col.len(),
        &[("IC·KH·KW", s.patch()), ("OH·OW", n)],
    );
    expect(
        "col2im",
        "dx",
        dx.len(),
        &[("IC", s.ic), ("H", s.h), ("W", s.w)],
    );
    unpatch(dx, col, n, s);
}

/// y = conv(x, weight) + bias; keeps the patches in `col` for the
/// backward; `work` holds the product before it moves to y.
#[allow(clippy::too_many_arguments)]
pub fn forward(
    y: &mut [f32],
    col: &mut [f32],
    work: &mut [f32],
    x: &[f32],
    weight: &[f32],
    bias: Option<&[f32]>,
    s: &Conv2dShape,
) {
    s.check("conv2d");
    expect("conv2d", "x", x.len(), &s.x_dims());
    expect("conv2d", "weight", weight.len(), &s.w_dims());
    expect("conv2d", "y", y.len(), &s.y_dims());
    expect("conv2d", "col", col.len(), &s.col_dims());
    expect("conv2d", "work", work.len(), &s.work_dims());
    if let Some(b) = bias {
        expect("conv2d", "bias", b.len(), &[("OC", s.oc)]);
    }
    let (k, n, bn) = (s.patch(), s.pixels(), s.b * s.pixels());
    for (b, x_b) in x.chunks_exact(s.ic * s.h * s.w).enumerate() {
        patches(&mut col[b * n..], bn, x_b, s);
    }
    let (wm, cols) = (MatRef::new(weight, s.oc, k), MatRef::new(col, k, bn));
    matmul(wm, cols, work, Base::Zero);
    // Row oc of the product holds channel oc of every image in turn.
    for (b, y_b) in y.chunks_exact_mut(s.oc * n).enumerate() {
        for (o, dst) in y_b.chunks_exact_mut(n).enumerate() {
            let src = &work[o * bn + b * n..o * bn + (b + 1) * n];
            match bias {
                Some(bias) => {
                    for (d, &v) in dst.iter_mut().zip(src) {
                        *d = v + bias[o];
                    }
                }
                None => dst.copy_from_slice(src),
            }
        }
    }
}

/// Given dy, accumulates dweight += dY·colᵀ and dbias += Σ dY over pixels,
/// and writes dx (when given; a first layer needs none) through `dcol`
/// [IC·KH·KW, B·OH·OW]; `work` [OC, B·OH·OW] holds dY regrouped by channel.
#[allow(clippy::too_many_arguments)]
pub fn backward(
    dx: Option<&mut [f32]>,
    dweight: &mut [f32],
    dbias: Option<&mut [f32]>,
    dcol: &mut [f32],
    work: &mut [f32],
    dy: &[f32],
    col: &[f32],
    weight: &[f32],
    s: &Conv2dShape,
) {
    let op = "conv2d backward";
    s.check(op);
    expect(op, "dy", dy.len(), &s.y_dims());
    expect(op, "col", col.len(), &s.col_dims());
    expect(op, "work", work.len(), &s.work_dims());
    expect(op, "weight", weight.len(), &s.w_dims());
    expect(op, "dweight", dweight.len(), &s.w_dims());
    let (k, n, bn) = (s.patch(), s.pixels(), s.b * s.pixels());
    for (b, dy_b) in dy.chunks_exact(s.oc * n).enumerate() {
        for (o, src) in dy_b.chunks_exact(n).enumerate() {
            work[o * bn + b * n..o * bn + (b + 1) * n].copy_from_slice(src);
        }
    }
    let dyv = MatRef::new(work, s.oc, bn);
    matmul(dyv, MatRef::new(col, k, bn).t(), dweight, Base::Keep);
    if let Some(db) = dbias {
        expect(op, "dbias", db.len(), &[("OC", s.oc)]);
        for (g, row) in db.iter_mut().zip(work.chunks_exact(bn)) {
            *g += row.iter().sum::<f32>();
        }
    }
    if let Some(dx) = dx {
        expect(op, "dx", dx.len(), &s.x_dims());
        expect(op, "dcol", dcol.len(), &s.col_dims());
        matmul(MatRef::new(weight, s.oc, k).t(), dyv, dcol, Base::Zero);
        dx.fill(0.0);
        for (b, dx_b) in dx.chunks_exact_mut(s.ic * s.h * s.w).enumerate() {
            unpatch(dx_b, &dcol[b * n..], bn, s);
        }
    }
}
