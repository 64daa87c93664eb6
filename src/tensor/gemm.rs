//! Cache-blocked matrix multiply for the larger products (digit networks,
//! batches of 32 and more): A and B are copied into contiguous panels (any
//! strides, so the three training shapes share one kernel), and a 4×8
//! register tile of C accumulates over a block of k.
//!
//! Blocking: panels of B (KC × NR) stay in L1 while the A block (MC × KC)
//! stays in L2. The tile needs 8 accumulators, 2 B vectors and one broadcast
//! A value: 11 of the 16 vector registers WebAssembly engines have.

use super::lanes::Lanes;
use super::matmul::{Base, MatRef};
use std::cell::RefCell;

/// Rows and columns of the register tile.
const MR: usize = 4;
const NR: usize = 8;
const KC: usize = 256;
const MC: usize = 96;
const NC: usize = 512;

/// A buffer whose contents start on a 64-byte boundary (a cache line), so
/// that no vector load of a panel straddles two lines.
#[derive(Default)]
struct Aligned {
    v: Vec<f32>,
    start: usize,
}

impl Aligned {
    /// `len` floats (contents unspecified: the packing writes every one,
    /// padding included), reusing the allocation when it is large enough.
    fn get(&mut self, len: usize) -> &mut [f32] {
        if self.v.len() < len + 16 {
            self.v.resize(len + 16, 0.0);
        }
        let addr = self.v.as_ptr() as usize;
        self.start = (64 - addr % 64) % 64 / 4;
        &mut self.v[self.start..self.start + len]
    }
}

thread_local! {
    // Packed panels, grown once and reused: no allocation per call.
    static PACKED: RefCell<(Aligned, Aligned)> = RefCell::new((Aligned::default(), Aligned::default()));
}

/// Copies A[i0.., p0..] (mc × kc) as row panels of MR: panel r holds, for
/// each p, the MR values of its rows (zero past the last row). Each layout
/// reads along its contiguous direction: a row-major A row by row, a
/// transposed one (Xᵀ of a weight gradient) MR consecutive floats per p.
fn pack_a<'b, const MR: usize>(a: &MatRef, i0: usize, mc: usize, p0: usize, kc: usize, buf: &'b mut Aligned) -> &'b [f32] {
    let panels = mc.div_ceil(MR);
    let out = buf.get(panels * MR * kc);
    for pi in 0..panels {
        let dst = &mut out[pi * MR * kc..(pi + 1) * MR * kc];
        let rows = MR.min(mc - pi * MR);
        let first = (i0 + pi * MR) * a.rs + p0 * a.cs;
        if a.rs == 1 && rows == MR {
            for (p, d) in dst.chunks_exact_mut(MR).enumerate() {
                let at = first + p * a.cs;
                d.copy_from_slice(&a.data[at..at + MR]);
            }
            continue;
        }
        if rows < MR {
            dst.fill(0.0);
        }
        for r in 0..rows {
            let base = first + r * a.rs;
            if a.cs == 1 {
                let src = &a.data[base..base + kc];
                for (d, &v) in dst.chunks_exact_mut(MR).zip(src) {
                    d[r] = v;
                }
            } else {
                for (p, d) in dst.chunks_exact_mut(MR).enumerate() {
                    d[r] = a.data[base + p * a.cs];
                }
            }
        }
    }
    out
}

/// Copies B[p0.., j0..] (kc × nc) as column panels of NR: panel c holds,
/// for each p, the NR values of its columns (zero past the last column).
/// A row-major B is read row by row; a transposed one (Wᵀ of an input
/// gradient) column by column, along its contiguous direction.
fn pack_b<'b>(b: &MatRef, p0: usize, kc: usize, j0: usize, nc: usize, buf: &'b mut Aligned) -> &'b [f32] {
    let panels = nc.div_ceil(NR);
    let out = buf.get(panels * NR * kc);
    for pj in 0..panels {
        let dst = &mut out[pj * NR * kc..(pj + 1) * NR * kc];
        let cols = NR.min(nc - pj * NR);
        if cols < NR {
            dst.fill(0.0);
        }
        if b.cs == 1 {
            for p in 0..kc {
                let base = (p0 + p) * b.rs + j0 + pj * NR;
                let row = &mut dst[p * NR..p * NR + cols];
                if cols == NR {
                    // A copy of constant length compiles to two vector
                    // moves; one of variable length would be a
                    // `memory.copy` call per row.
                    let full: &mut [f32; NR] = row.try_into().expect("NR floats");
                    full.copy_from_slice(&b.data[base..base + NR]);
                } else {
                    row.copy_from_slice(&b.data[base..base + cols]);
                }
            }
        } else {
            for c in 0..cols {
                let base = p0 * b.rs + (j0 + pj * NR + c) * b.cs;
                if b.rs == 1 {
                    let src = &b.data[base..base + kc];
                    for (d, &v) in dst.chunks_exact_mut(NR).zip(src) {
                        d[c] = v;
                    }
                } else {
                    for (p, d) in dst.chunks_exact_mut(NR).enumerate() {
                        d[c] = b.data[base + p * b.rs];
                    }
                }
            }
        }
    }
    out
}

/// The 4×8 tile: acc += A panel · B panel over kc.
#[inline(always)]
unsafe fn tile<L: Lanes, const MR: usize>(kc: usize, ap: *const f32, bp: *const f32) -> [[L; 2]; MR] {
    let mut acc = [[L::zero(); 2]; MR];
    for p in 0..kc {
        let b0 = L::load(bp.add(p * NR));
        let b1 = L::load(bp.add(p * NR + 4));
        for (r, row) in acc.iter_mut().enumerate() {
            let a = L::load_splat(ap.add(p * MR + r));
            row[0] = row[0].mul_add(a, b0);
            row[1] = row[1].mul_add(a, b1);
        }
    }
    acc
}

/// C = base + A·B through packed panels; C is row-major m × n with rows
/// `ldc` apart. Shapes (and the bias) were checked by the caller.
pub fn gemm<L: Lanes>(a: MatRef, b: MatRef, c: &mut [f32], ldc: usize, base: Base) {
    gemm_mr::<L, MR>(a, b, c, ldc, base)
}

/// [`gemm`] with a tile of `MR` rows. Four is fastest in V8 for both SIMD
/// builds (measured against 3, 5 and 6 rows at 512 × 512: 6 and 5 spill).
fn gemm_mr<L: Lanes, const MR: usize>(a: MatRef, b: MatRef, c: &mut [f32], ldc: usize, base: Base) {
    let (m, k, n) = (a.rows, a.cols, b.cols);
    PACKED.with(|cell| {
        let mut guard = cell.borrow_mut();
        let (abuf, bbuf) = &mut *guard;
        for j0 in (0..n).step_by(NC) {
            let nc = NC.min(n - j0);
            for p0 in (0..k).step_by(KC) {
                let kc = KC.min(k - p0);
                let bpack = pack_b(&b, p0, kc, j0, nc, bbuf);
                // The first block of k starts from `base`, the others add to C.
                let start = if p0 == 0 { base } else { Base::Keep };
                for i0 in (0..m).step_by(MC) {
                    let mc = MC.min(m - i0);
                    let apack = pack_a::<MR>(&a, i0, mc, p0, kc, abuf);
                    for pj in 0..nc.div_ceil(NR) {
                        for pi in 0..mc.div_ceil(MR) {
                            // SAFETY: the panels hold MR·kc and NR·kc floats.
                            let acc = unsafe { tile::<L, MR>(kc, apack.as_ptr().add(pi * MR * kc), bpack.as_ptr().add(pj * NR * kc)) };
                            let (ri, cj) = (i0 + pi * MR, j0 + pj * NR);
                            let rows = MR.min(m - ri);
                            let cols = NR.min(n - cj);
                            write_tile(&acc, c, ldc, ri, cj, rows, cols, start);
                        }
                    }
                }
            }
        }
    });
}

#[inline(always)]
#[allow(clippy::too_many_arguments)]
fn write_tile<L: Lanes, const MR: usize>(acc: &[[L; 2]; MR], c: &mut [f32], ldc: usize, ri: usize, cj: usize, rows: usize, cols: usize, base: Base) {
    if cols == NR {
        for (r, row) in acc.iter().enumerate().take(rows) {
            let at = (ri + r) * ldc + cj;
            let dst = &mut c[at..at + NR];
            // SAFETY: dst holds NR = 8 floats, a bias at least cj + 8.
            unsafe {
                let p = dst.as_mut_ptr();
                let (v0, v1) = (base.plus4(row[0], p, cj), base.plus4(row[1], p.add(4), cj + 4));
                v0.store(p);
                v1.store(p.add(4));
            }
        }
        return;
    }
    let mut tmp = [0.0f32; NR];
    for (r, row) in acc.iter().enumerate().take(rows) {
        // SAFETY: tmp holds 8 floats.
        unsafe {
            row[0].store(tmp.as_mut_ptr());
            row[1].store(tmp.as_mut_ptr().add(4));
        }
        let at = (ri + r) * ldc + cj;
        for (q, (d, &v)) in c[at..at + cols].iter_mut().zip(&tmp).enumerate() {
            // SAFETY: a bias holds at least cj + cols floats.
            *d = unsafe { base.plus(v, *d, cj + q) };
        }
    }
}
