//! Matrix multiply C = A·B (or C += A·B) for the shapes training uses.
//!
//! Matrices are strided views, so the three products of a dense layer are one
//! call each without copies: forward `X·W`, weight gradient `Xᵀ·dY` (a
//! transposed view of X), input gradient `dY·Wᵀ` (a transposed view of W).
//!
//! Two register-blocked kernels cover them:
//! - when B's rows are contiguous (A·B and Aᵀ·B), a tile of up to 4 rows by
//!   8 columns of C stays in registers while the k loop broadcasts one element
//!   of A per row and loads B's row segment;
//! - when B is a transposed row-major matrix (A·Bᵀ), each C element is a dot
//!   product of two contiguous rows, four at a time.
//!
//! What C holds before the product is added is a [`Base`]: zero, its own
//! values (accumulate), or a bias row, added as each tile is stored, so a
//! dense layer's `X·W + b` is one pass over its output.
//!
//! C is row-major with rows `ldc` floats apart ([`matmul_ld`]); `ldc` = B's
//! columns for a plain matrix, more when C is a block of columns of a wider
//! one (one attention head's output written straight into its place).
//!
//! Shapes are checked once per call; the inner loops then index without bound
//! checks.

use super::lanes::{Best, Lanes};

/// A read-only strided matrix: element (i, j) is `data[i * rs + j * cs]`.
#[derive(Clone, Copy, Debug)]
pub struct MatRef<'a> {
    pub data: &'a [f32],
    pub rows: usize,
    pub cols: usize,
    pub rs: usize,
    pub cs: usize,
}

impl<'a> MatRef<'a> {
    /// A row-major `rows × cols` matrix.
    pub fn new(data: &'a [f32], rows: usize, cols: usize) -> Self {
        MatRef { data, rows, cols, rs: cols, cs: 1 }
    }

    /// The transposed view (no copy).
    pub fn t(self) -> Self {
        MatRef { data: self.data, rows: self.cols, cols: self.rows, rs: self.cs, cs: self.rs }
    }

    /// Element (i, j), bounds-checked.
    pub fn at(&self, i: usize, j: usize) -> f32 {
        self.data[i * self.rs + j * self.cs]
    }

    fn check(&self, what: &str) {
        if self.rows == 0 || self.cols == 0 {
            return;
        }
        let last = (self.rows - 1) * self.rs + (self.cols - 1) * self.cs;
        assert!(
            last < self.data.len(),
            "{what}: a {}×{} view with strides ({}, {}) needs {} floats, has {}",
            self.rows,
            self.cols,
            self.rs,
            self.cs,
            last + 1,
            self.data.len()
        );
    }
}

/// What C starts from before the product is added.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Base<'a> {
    /// C = A·B.
    Zero,
    /// C += A·B.
    Keep,
    /// C = A·B + b, the same row b (B.cols long) added to every row.
    Bias(&'a [f32]),
}

impl Base<'_> {
    /// `s` added to what element (·, j) of C starts from, `old` its value.
    ///
    /// # Safety
    /// For `Bias(b)`, `j < b.len()` (checked once per call by `matmul`).
    #[inline(always)]
    pub(crate) unsafe fn plus(self, s: f32, old: f32, j: usize) -> f32 {
        match self {
            Base::Zero => s,
            Base::Keep => old + s,
            Base::Bias(b) => *b.get_unchecked(j) + s,
        }
    }

    /// Four lanes of [`Base::plus`]: `acc` added to C's start at `dst`,
    /// columns `j..j + 4`.
    ///
    /// # Safety
    /// `dst` points to 4 floats; for `Bias(b)`, `j + 4 <= b.len()`.
    #[inline(always)]
    pub(crate) unsafe fn plus4<L: Lanes>(self, acc: L, dst: *const f32, j: usize) -> L {
        match self {
            Base::Zero => acc,
            Base::Keep => acc.add(L::load(dst)),
            Base::Bias(b) => acc.add(L::load(b.as_ptr().add(j))),
        }
    }

    fn check(self, n: usize) {
        if let Base::Bias(b) = self {
            assert!(b.len() >= n, "matmul: bias holds {} floats, C has {n} columns", b.len());
        }
    }
}

/// Products with at least this many multiply-adds go through the packed,
/// cache-blocked kernel; smaller ones (the 2D playground's) use the direct
/// kernels below, free of packing.
pub const PACKED_FROM: usize = 32 * 1024;

/// `C = base + A·B`; C is row-major `A.rows × B.cols`.
pub fn matmul(a: MatRef, b: MatRef, c: &mut [f32], base: Base) {
    matmul_with::<Best>(a, b, c, base)
}

/// [`matmul`] into a C whose rows are `ldc` floats apart (`ldc` ≥ B.cols):
/// element (i, j) of C is `c[i * ldc + j]`; the floats between rows are
/// left as they were.
pub fn matmul_ld(a: MatRef, b: MatRef, c: &mut [f32], ldc: usize, base: Base) {
    let (m, k, n) = (a.rows, a.cols, b.cols);
    kernel_ld::<Best>(a, b, c, ldc, base, m * n * k >= PACKED_FROM && m >= 4 && n >= 8)
}

/// [`matmul`] on an explicit lane type (tests run every path the machine has).
pub fn matmul_with<L: Lanes>(a: MatRef, b: MatRef, c: &mut [f32], base: Base) {
    let (m, k, n) = (a.rows, a.cols, b.cols);
    matmul_kernel::<L>(a, b, c, base, m * n * k >= PACKED_FROM && m >= 4 && n >= 8)
}

/// [`matmul`] forcing one of the two kernels (tests and benchmarks compare
/// them): `packed` true for the cache-blocked one.
pub fn matmul_kernel<L: Lanes>(a: MatRef, b: MatRef, c: &mut [f32], base: Base, packed: bool) {
    kernel_ld::<L>(a, b, c, b.cols, base, packed)
}

/// [`matmul_kernel`] into C rows `ldc` floats apart.
pub fn kernel_ld<L: Lanes>(a: MatRef, b: MatRef, c: &mut [f32], ldc: usize, base: Base, packed: bool) {
    let (m, k, n) = (a.rows, a.cols, b.cols);
    assert_eq!(k, b.rows, "matmul: A is {}×{}, B is {}×{}", a.rows, a.cols, b.rows, b.cols);
    assert!(ldc >= n, "matmul: C's rows are {ldc} floats apart, B has {n} columns");
    let need = if m == 0 || n == 0 { 0 } else { (m - 1) * ldc + n };
    assert!(c.len() >= need, "matmul: C holds {} floats, needs {}×{} with rows {} apart", c.len(), m, n, ldc);
    a.check("matmul A");
    b.check("matmul B");
    base.check(n);
    if m == 0 || n == 0 {
        return;
    }
    if k == 0 || (!packed && b.cs != 1 && !(a.cs == 1 && b.rs == 1)) {
        strided(a, b, c, ldc, base);
    } else if packed {
        super::gemm::gemm::<L>(a, b, c, ldc, base);
    } else if b.cs == 1 {
        // SAFETY: shapes, strides and the bias were checked above.
        unsafe { tiles_b_rows::<L>(a, b, c, ldc, base) }
    } else {
        // SAFETY: as above.
        unsafe { dots::<L>(a, b, c, ldc, base) }
    }
}

/// Reference product, accumulated in f64: the yardstick for the kernels.
pub fn matmul_naive(a: MatRef, b: MatRef, c: &mut [f32], base: Base) {
    assert_eq!(a.cols, b.rows);
    let n = b.cols;
    for i in 0..a.rows {
        for j in 0..n {
            let mut s = match base {
                Base::Zero => 0.0,
                Base::Keep => f64::from(c[i * n + j]),
                Base::Bias(b) => f64::from(b[j]),
            };
            for p in 0..a.cols {
                s += f64::from(a.at(i, p)) * f64::from(b.at(p, j));
            }
            c[i * n + j] = s as f32;
        }
    }
}

fn strided(a: MatRef, b: MatRef, c: &mut [f32], ldc: usize, base: Base) {
    let n = b.cols;
    for i in 0..a.rows {
        for j in 0..n {
            let mut s = 0.0f32;
            for p in 0..a.cols {
                s += a.at(i, p) * b.at(p, j);
            }
            let cij = &mut c[i * ldc + j];
            // SAFETY: the bias was checked to hold n floats.
            *cij = unsafe { base.plus(s, *cij, j) };
        }
    }
}

/// C tile of `MR` rows by `NV`×4 columns at (i0, j0), B rows contiguous;
/// C's rows `ldc` apart.
#[inline(always)]
unsafe fn tile<L: Lanes, const MR: usize, const NV: usize>(
    a: &MatRef,
    b: &MatRef,
    c: *mut f32,
    ldc: usize,
    i0: usize,
    j0: usize,
    base: Base,
) {
    let mut acc = [[L::zero(); NV]; MR];
    let ap = a.data.as_ptr();
    let bp = b.data.as_ptr().add(j0);
    let mut arow = [0usize; MR];
    for (r, o) in arow.iter_mut().enumerate() {
        *o = (i0 + r) * a.rs;
    }
    for p in 0..a.cols {
        let brow = bp.add(p * b.rs);
        let mut bv = [L::zero(); NV];
        for (v, x) in bv.iter_mut().enumerate() {
            *x = L::load(brow.add(4 * v));
        }
        let pc = p * a.cs;
        for r in 0..MR {
            let av = L::splat(*ap.add(arow[r] + pc));
            for v in 0..NV {
                acc[r][v] = acc[r][v].mul_add(av, bv[v]);
            }
        }
    }
    for r in 0..MR {
        let crow = c.add((i0 + r) * ldc + j0);
        for v in 0..NV {
            let dst = crow.add(4 * v);
            base.plus4(acc[r][v], dst, j0 + 4 * v).store(dst);
        }
    }
}

/// Columns j0..n (fewer than 4) of rows i0..i0+mr, scalar.
#[inline(always)]
#[allow(clippy::too_many_arguments)]
unsafe fn tail_columns(a: &MatRef, b: &MatRef, c: *mut f32, n: usize, ldc: usize, rows: std::ops::Range<usize>, j0: usize, base: Base) {
    let ap = a.data.as_ptr();
    let bp = b.data.as_ptr();
    for i in rows {
        for j in j0..n {
            let mut s = 0.0f32;
            for p in 0..a.cols {
                s += *ap.add(i * a.rs + p * a.cs) * *bp.add(p * b.rs + j);
            }
            let dst = c.add(i * ldc + j);
            *dst = base.plus(s, *dst, j);
        }
    }
}

unsafe fn tiles_b_rows<L: Lanes>(a: MatRef, b: MatRef, c: &mut [f32], ldc: usize, base: Base) {
    let (m, n) = (a.rows, b.cols);
    let cp = c.as_mut_ptr();
    let n8 = n / 8 * 8;
    let n4 = n / 4 * 4;
    let mut i0 = 0;
    while i0 + 4 <= m {
        let mut j0 = 0;
        while j0 < n8 {
            tile::<L, 4, 2>(&a, &b, cp, ldc, i0, j0, base);
            j0 += 8;
        }
        if j0 < n4 {
            tile::<L, 4, 1>(&a, &b, cp, ldc, i0, j0, base);
            j0 += 4;
        }
        if j0 < n {
            tail_columns(&a, &b, cp, n, ldc, i0..i0 + 4, j0, base);
        }
        i0 += 4;
    }
    while i0 < m {
        let mut j0 = 0;
        while j0 < n8 {
            tile::<L, 1, 2>(&a, &b, cp, ldc, i0, j0, base);
            j0 += 8;
        }
        if j0 < n4 {
            tile::<L, 1, 1>(&a, &b, cp, ldc, i0, j0, base);
            j0 += 4;
        }
        if j0 < n {
            tail_columns(&a, &b, cp, n, ldc, i0..i0 + 1, j0, base);
        }
        i0 += 1;
    }
}

/// A·Bᵀ with both operands' rows contiguous: C[i, j] = A[i, :] · Bt[j, :].
unsafe fn dots<L: Lanes>(a: MatRef, b: MatRef, c: &mut [f32], ldc: usize, base: Base) {
    let (m, k, n) = (a.rows, a.cols, b.cols);
    let k4 = k / 4 * 4;
    let ap = a.data.as_ptr();
    let bp = b.data.as_ptr();
    let cp = c.as_mut_ptr();
    // Row j of Bt starts at j * b.cs.
    for i in 0..m {
        let arow = ap.add(i * a.rs);
        let mut j = 0;
        while j + 4 <= n {
            let rows = [bp.add(j * b.cs), bp.add((j + 1) * b.cs), bp.add((j + 2) * b.cs), bp.add((j + 3) * b.cs)];
            let mut acc = [L::zero(); 4];
            let mut p = 0;
            while p < k4 {
                let av = L::load(arow.add(p));
                for q in 0..4 {
                    acc[q] = acc[q].mul_add(av, L::load(rows[q].add(p)));
                }
                p += 4;
            }
            let mut s = [acc[0].hsum(), acc[1].hsum(), acc[2].hsum(), acc[3].hsum()];
            while p < k {
                let av = *arow.add(p);
                for q in 0..4 {
                    s[q] += av * *rows[q].add(p);
                }
                p += 1;
            }
            for (q, &v) in s.iter().enumerate() {
                let dst = cp.add(i * ldc + j + q);
                *dst = base.plus(v, *dst, j + q);
            }
            j += 4;
        }
        while j < n {
            let brow = bp.add(j * b.cs);
            let mut acc = L::zero();
            let mut p = 0;
            while p < k4 {
                acc = acc.mul_add(L::load(arow.add(p)), L::load(brow.add(p)));
                p += 4;
            }
            let mut s = acc.hsum();
            while p < k {
                s += *arow.add(p) * *brow.add(p);
                p += 1;
            }
            let dst = cp.add(i * ldc + j);
            *dst = base.plus(s, *dst, j);
            j += 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::lanes::Portable;
    use super::*;
    use crate::rng::Rng;

    fn random(r: &mut Rng, len: usize) -> Vec<f32> {
        (0..len).map(|_| r.uniform(-1.0, 1.0) as f32).collect()
    }

    #[test]
    fn three_shapes_match_naive_on_odd_sizes() {
        let mut r = Rng::new(3);
        for &(m, k, n) in &[(1, 1, 1), (1, 7, 1), (5, 3, 9), (4, 8, 8), (13, 17, 11), (10, 2, 4), (3, 1, 33), (70, 300, 45)] {
            let x = random(&mut r, m * k);
            let w = random(&mut r, k * n);
            let xv = MatRef::new(&x, m, k);
            let wv = MatRef::new(&w, k, n);
            let mut want = vec![0.0; m * n];
            matmul_naive(xv, wv, &mut want, Base::Zero);
            let mut got = vec![0.0; m * n];
            matmul_with::<Portable>(xv, wv, &mut got, Base::Zero);
            for (g, w) in got.iter().zip(&want) {
                assert!((g - w).abs() < 1e-5 * (k as f32).sqrt() * 4.0);
            }
            // Xᵀ·(X·W) exercises the transposed-A path, (X·W)·Wᵀ the dot path.
            let mut xt = vec![0.0; k * n];
            let mut xt_ref = vec![0.0; k * n];
            matmul_with::<Portable>(xv.t(), MatRef::new(&want, m, n), &mut xt, Base::Zero);
            matmul_naive(xv.t(), MatRef::new(&want, m, n), &mut xt_ref, Base::Zero);
            for (g, w) in xt.iter().zip(&xt_ref) {
                assert!((g - w).abs() < 1e-4 * (m as f32).sqrt());
            }
            let mut yt = vec![1.0; m * k];
            let mut yt_ref = vec![1.0; m * k];
            matmul_with::<Portable>(MatRef::new(&want, m, n), wv.t(), &mut yt, Base::Keep);
            matmul_naive(MatRef::new(&want, m, n), wv.t(), &mut yt_ref, Base::Keep);
            for (g, w) in yt.iter().zip(&yt_ref) {
                assert!((g - w).abs() < 1e-4);
            }
        }
    }

    #[test]
    #[should_panic(expected = "needs")]
    fn short_buffers_are_refused() {
        let a = vec![0.0; 5];
        let b = vec![0.0; 6];
        let mut c = vec![0.0; 6];
        matmul(MatRef::new(&a, 2, 3), MatRef::new(&b, 3, 2), &mut c, Base::Zero);
    }

    #[test]
    #[should_panic(expected = "bias holds")]
    fn short_bias_is_refused() {
        let a = vec![0.0; 6];
        let b = vec![0.0; 6];
        let mut c = vec![0.0; 4];
        matmul(MatRef::new(&a, 2, 3), MatRef::new(&b, 3, 2), &mut c, Base::Bias(&[1.0]));
    }
}

#[cfg(test)]
mod packed_tests {
    use super::super::lanes::Portable;
    use super::*;
    use crate::rng::Rng;

    /// Both kernels against the reference, on every shape class: 1×n, n×1,
    /// sizes off the 4×8 tile and the 256/96/512 blocks, all three layouts,
    /// and every base (overwrite, accumulate, bias row).
    #[test]
    fn packed_kernel_matches_naive_on_random_shapes() {
        let mut r = Rng::new(11);
        let mut shapes = vec![(1, 1, 1), (1, 300, 9), (9, 300, 1), (4, 256, 8), (97, 257, 513), (5, 600, 3), (100, 3, 100)];
        for _ in 0..30 {
            shapes.push((1 + r.below(130), 1 + r.below(300), 1 + r.below(130)));
        }
        for (m, k, n) in shapes {
            let a: Vec<f32> = (0..m * k).map(|_| r.uniform(-1.0, 1.0) as f32).collect();
            let b: Vec<f32> = (0..k * n).map(|_| r.uniform(-1.0, 1.0) as f32).collect();
            let bias: Vec<f32> = (0..n).map(|_| r.uniform(-1.0, 1.0) as f32).collect();
            for (av, bv) in [
                (MatRef::new(&a, m, k), MatRef::new(&b, k, n)),
                (MatRef::new(&a, k, m).t(), MatRef::new(&b, k, n)),
                (MatRef::new(&a, m, k), MatRef::new(&b, n, k).t()),
            ] {
                for base in [Base::Zero, Base::Keep, Base::Bias(&bias)] {
                    let mut want = vec![0.25; m * n];
                    matmul_naive(av, bv, &mut want, base);
                    for packed in [false, true] {
                        let mut got = vec![0.25; m * n];
                        matmul_kernel::<Portable>(av, bv, &mut got, base, packed);
                        let tol = 1e-4 * (k as f32).sqrt();
                        for (g, w) in got.iter().zip(&want) {
                            assert!((g - w).abs() <= tol, "{m}×{k}×{n} {base:?} packed={packed}: {g} vs {w}");
                        }
                    }
                }
            }
        }
    }

    /// A C with rows wider than B's columns: every kernel writes exactly
    /// its m × n block and leaves the floats between rows alone.
    #[test]
    fn row_stride_of_c_is_kept_by_every_kernel() {
        let mut r = Rng::new(12);
        for &(m, k, n, extra) in &[(1, 3, 5, 2), (9, 16, 17, 7), (64, 16, 16, 48), (40, 64, 24, 8), (3, 5, 2, 1)] {
            let ldc = n + extra;
            let a: Vec<f32> = (0..m * k).map(|_| r.uniform(-1.0, 1.0) as f32).collect();
            let b: Vec<f32> = (0..k * n).map(|_| r.uniform(-1.0, 1.0) as f32).collect();
            for (av, bv) in [
                (MatRef::new(&a, m, k), MatRef::new(&b, k, n)),
                (MatRef::new(&a, k, m).t(), MatRef::new(&b, k, n)),
                (MatRef::new(&a, m, k), MatRef::new(&b, n, k).t()),
            ] {
                let mut want = vec![0.5; m * n];
                matmul_naive(av, bv, &mut want, Base::Keep);
                for packed in [false, true] {
                    let mut got = vec![0.5; (m - 1) * ldc + n];
                    kernel_ld::<Portable>(av, bv, &mut got, ldc, Base::Keep, packed);
                    for i in 0..m {
                        for j in 0..ldc {
                            let Some(&g) = got.get(i * ldc + j) else { continue };
                            let w = if j < n { want[i * n + j] } else { 0.5 };
                            assert!((g - w).abs() <= 1e-4 * (k as f32).sqrt(), "{m}×{k}×{n} ldc {ldc} packed={packed} ({i}, {j}): {g} vs {w}");
                        }
                    }
                }
            }
        }
    }
}
