//! Causal multi-head self-attention (Vaswani et al., 2017), as GPT-2's
//! blocks compute it after their `c_attn` projection.
//!
//! Shapes (B = batch, T = time, C = channels, NH = heads, hs = C/NH):
//! qkv [B,T,3C] (q | k | v concatenated along the channels, GPT-2's layout;
//! head h reads channels h·hs..(h+1)·hs of each third), out [B,T,C] (heads
//! side by side), att [B,NH,T,T].
//!
//! For each (b, h): att = softmax(mask(Q·Kᵀ/√hs)) with the causal mask
//! (position t sees positions ≤ t), then out_h = att·V. Kept for backward
//! AND for drawing: `att`, the softmax rows, exactly zero above the
//! diagonal (plus the input qkv).
//!
//! Every product of every (b, h) goes through the engine's matmul on
//! strided views of qkv (rows 3C apart) and writes straight into its place
//! (C's rows `ldc` apart): a head's output into its columns of `out`, dQ,
//! dK, dV into theirs of `dqkv`, no copies of results.
//!
//! Causal blocks: the rows go in blocks of [`BLOCK`] queries, and block
//! [i0, i1) needs only keys 0..i1, so the scores, the weighted sums of V
//! and their gradients skip the blocks above the diagonal (a bit over half
//! of the T² work at T = 64; the parts of a block above the diagonal are
//! computed and then zeroed or never read). K (and V in backward) is first
//! copied as a transposed [hs,T] panel into `scratch`, so that Q·Kᵀ and
//! dout·Vᵀ run on the register-tiled kernel (B's rows contiguous) rather
//! than as dot products of length hs: T·hs copies against T²·hs/2
//! multiply-adds.

use super::shape::expect;
use crate::tensor::fastmath;
use crate::tensor::lanes::Best;
use crate::tensor::matmul::{kernel_ld, Base, MatRef};

/// Queries per causal block: two of the kernel's 4-row tiles, and key
/// counts i1 that stay multiples of its 8-column tile.
pub const BLOCK: usize = 8;

/// Panics unless the heads divide the channels; returns hs = C/NH.
#[track_caller]
fn head_size(op: &str, c: usize, nh: usize) -> usize {
    assert!(
        nh > 0 && c.is_multiple_of(nh),
        "{op}: C = {c} is not divisible by NH = {nh}"
    );
    c / nh
}

/// C = base + A·B with C's rows `ldc` apart, on the direct (unpacked)
/// kernels: attention's products are small (k = hs or a block's keys), and
/// their B operands already have contiguous rows.
fn product(a: MatRef, b: MatRef, c: &mut [f32], ldc: usize) {
    kernel_ld::<Best>(a, b, c, ldc, Base::Zero, false);
}

/// Rows `from..to` of a matrix of `width` columns (rows `rs` apart, data
/// starting at its first element): a view of `to − from` rows.
fn rows(data: &[f32], rs: usize, width: usize, from: usize, to: usize) -> MatRef<'_> {
    MatRef {
        data: &data[from * rs..],
        rows: to - from,
        cols: width,
        rs,
        cs: 1,
    }
}

/// Copies the T×hs view `src` (rows `rs` apart) transposed into `dst`
/// [hs,T].
fn transpose(dst: &mut [f32], src: &[f32], rs: usize, t: usize, hs: usize) {
    for j in 0..t {
        let row = &src[j * rs..j * rs + hs];
        for (d, &x) in row.iter().enumerate() {
            dst[d * t + j] = x;
        }
    }
}

/// Eight partial sums side by side, so that the compiler keeps them in
/// two vector registers (one running sum would chain every addition).
const LANES: usize = 8;

/// Σ x·y over two equally long slices, in eight partial sums.
#[inline]
fn dot8(x: &[f32], y: &[f32]) -> f32 {
    let mut acc = [0.0f32; LANES];
    let (xs, ys) = (x.chunks_exact(LANES), y.chunks_exact(LANES));
    let tail: f32 = xs.remainder().iter().zip(ys.remainder()).map(|(&a, &b)| a * b).sum();
    for (cx, cy) in xs.zip(ys) {
        for l in 0..LANES {
            acc[l] += cx[l] * cy[l];
        }
    }
    acc.iter().sum::<f32>() + tail
}

/// The softmax of `row` scaled by `scale`, in place: exp((x − max)·scale)
/// normalised. Three passes the compiler vectorises (maximum and sum in
/// eight lanes, the exponentials with `fastmath::exp`, branch-free).
#[inline]
fn softmax(row: &mut [f32], scale: f32) {
    let mut lanes = [f32::NEG_INFINITY; LANES];
    let chunks = row.chunks_exact(LANES);
    // Compared, not `f32::max` (a library call in wasm).
    let mut max = chunks
        .remainder()
        .iter()
        .fold(f32::NEG_INFINITY, |m, &x| if x > m { x } else { m });
    for ch in chunks {
        for l in 0..LANES {
            lanes[l] = if ch[l] > lanes[l] { ch[l] } else { lanes[l] };
        }
    }
    for &m in &lanes {
        max = if m > max { m } else { max };
    }
    for x in row.iter_mut() {
        *x = fastmath::exp((*x - max) * scale);
    }
    let mut acc = [0.0f32; LANES];
    let chunks = row.chunks_exact(LANES);
    let tail: f32 = chunks.remainder().iter().sum();
    for ch in chunks {
        for l in 0..LANES {
            acc[l] += ch[l];
        }
    }
    let inv = 1.0 / (acc.iter().sum::<f32>() + tail);
    row.iter_mut().for_each(|x| *x *= inv);
}

/// The block of queries starting at `i0`: its end, min(i0 + BLOCK, T).
fn block_end(i0: usize, t: usize) -> usize {
    (i0 + BLOCK).min(t)
}

/// out = causal attention of qkv; att keeps the weights. `scratch` holds
/// T×hs floats (one head's K, transposed).
#[allow(clippy::too_many_arguments)]
pub fn forward(
    out: &mut [f32],
    att: &mut [f32],
    scratch: &mut [f32],
    qkv: &[f32],
    b: usize,
    t: usize,
    c: usize,
    nh: usize,
) {
    let op = "attention";
    let hs = head_size(op, c, nh);
    expect(op, "qkv", qkv.len(), &[("B", b), ("T", t), ("3C", 3 * c)]);
    expect(op, "out", out.len(), &[("B", b), ("T", t), ("C", c)]);
    expect(
        op,
        "att",
        att.len(),
        &[("B", b), ("NH", nh), ("T", t), ("T", t)],
    );
    expect(op, "scratch", scratch.len(), &[("T", t), ("hs", hs)]);
    if t == 0 {
        return;
    }
    let scale = 1.0 / (hs as f32).sqrt();
    let kt = scratch;
    for bi in 0..b {
        let qkv_b = &qkv[bi * t * 3 * c..(bi + 1) * t * 3 * c];
        let out_b = &mut out[bi * t * c..(bi + 1) * t * c];
        for h in 0..nh {
            let a = &mut att[(bi * nh + h) * t * t..(bi * nh + h + 1) * t * t];
            let (q, k, v) = (&qkv_b[h * hs..], &qkv_b[c + h * hs..], &qkv_b[2 * c + h * hs..]);
            transpose(kt, k, 3 * c, t, hs);
            for i0 in (0..t).step_by(BLOCK) {
                let i1 = block_end(i0, t);
                // Scores of queries i0..i1 against keys 0..i1.
                let ktv = MatRef { data: &kt[..], rows: hs, cols: i1, rs: t, cs: 1 };
                product(rows(q, 3 * c, hs, i0, i1), ktv, &mut a[i0 * t..], t);
                for i in i0..i1 {
                    let row = &mut a[i * t..(i + 1) * t];
                    let (seen, masked) = row.split_at_mut(i + 1);
                    softmax(seen, scale);
                    masked.fill(0.0);
                }
                // out rows i0..i1 = att[i0..i1, 0..i1]·V[0..i1].
                let p = MatRef { data: &a[i0 * t..], rows: i1 - i0, cols: i1, rs: t, cs: 1 };
                product(p, rows(v, 3 * c, hs, 0, i1), &mut out_b[i0 * c + h * hs..], c);
            }
        }
    }
}

/// Given dout, writes (not accumulates) dqkv from the kept `att` and
/// `qkv`. `scratch` holds T×(T+hs) floats: dL/d(att) of one head, then its
/// V transposed.
///
/// With P = att and dP = dout_h·Vᵀ: dV = Pᵀ·dout_h; through the softmax
/// dS = P ⊙ (dP − rowsum(P ⊙ dP)) / √hs; dQ = dS·K, dK = dSᵀ·Q. P and dS
/// are zero above the diagonal, so row j of dV and dK sums over i ≥ j only
/// (from its block's first row on).
#[allow(clippy::too_many_arguments)]
pub fn backward(
    dqkv: &mut [f32],
    scratch: &mut [f32],
    dout: &[f32],
    qkv: &[f32],
    att: &[f32],
    b: usize,
    t: usize,
    c: usize,
    nh: usize,
) {
    let op = "attention backward";
    let hs = head_size(op, c, nh);
    expect(op, "dqkv", dqkv.len(), &[("B", b), ("T", t), ("3C", 3 * c)]);
    expect(op, "dout", dout.len(), &[("B", b), ("T", t), ("C", c)]);
    expect(op, "qkv", qkv.len(), &[("B", b), ("T", t), ("3C", 3 * c)]);
    expect(
        op,
        "att",
        att.len(),
        &[("B", b), ("NH", nh), ("T", t), ("T", t)],
    );
    expect(op, "scratch", scratch.len(), &[("T", t), ("T+hs", t + hs)]);
    if t == 0 {
        return;
    }
    let scale = 1.0 / (hs as f32).sqrt();
    let (datt, vt) = scratch.split_at_mut(t * t);
    let c3 = 3 * c;
    for bi in 0..b {
        let dout_b = &dout[bi * t * c..(bi + 1) * t * c];
        let qkv_b = &qkv[bi * t * c3..(bi + 1) * t * c3];
        let dqkv_b = &mut dqkv[bi * t * c3..(bi + 1) * t * c3];
        for h in 0..nh {
            let p = &att[(bi * nh + h) * t * t..(bi * nh + h + 1) * t * t];
            let (q, k, v) = (&qkv_b[h * hs..], &qkv_b[c + h * hs..], &qkv_b[2 * c + h * hs..]);
            let dout_h = &dout_b[h * hs..];
            transpose(vt, v, c3, t, hs);
            for i0 in (0..t).step_by(BLOCK) {
                let i1 = block_end(i0, t);
                // dV rows i0..i1 = Pᵀ[i0..i1, i0..T]·dout_h[i0..T].
                let pt = MatRef { data: &p[i0 * t + i0..], rows: i1 - i0, cols: t - i0, rs: 1, cs: t };
                let dv = &mut dqkv_b[i0 * c3 + 2 * c + h * hs..];
                product(pt, rows(dout_h, c, hs, i0, t), dv, c3);
                // dP rows i0..i1 = dout_h[i0..i1]·Vᵀ[:, 0..i1], then
                // through the softmax into dS (in place), zero above the
                // diagonal.
                let vtv = MatRef { data: &vt[..], rows: hs, cols: i1, rs: t, cs: 1 };
                product(rows(dout_h, c, hs, i0, i1), vtv, &mut datt[i0 * t..], t);
                for i in i0..i1 {
                    let drow = &mut datt[i * t..i * t + i1];
                    let prow = &p[i * t..i * t + i + 1];
                    let (seen, masked) = drow.split_at_mut(i + 1);
                    let dot = dot8(seen, prow);
                    for (d, &pp) in seen.iter_mut().zip(prow) {
                        *d = pp * (*d - dot) * scale;
                    }
                    masked.fill(0.0);
                }
                // dQ rows i0..i1 = dS[i0..i1, 0..i1]·K[0..i1].
                let ds = MatRef { data: &datt[i0 * t..], rows: i1 - i0, cols: i1, rs: t, cs: 1 };
                product(ds, rows(k, c3, hs, 0, i1), &mut dqkv_b[i0 * c3 + h * hs..], c3);
            }
            // dK rows j0..j1 = dSᵀ[j0..j1, j0..T]·Q[j0..T], once every row
            // of dS is known.
            for j0 in (0..t).step_by(BLOCK) {
                let j1 = block_end(j0, t);
                let dst = MatRef { data: &datt[j0 * t + j0..], rows: j1 - j0, cols: t - j0, rs: 1, cs: t };
                let dk = &mut dqkv_b[j0 * c3 + c + h * hs..];
                product(dst, rows(q, c3, hs, j0, t), dk, c3);
            }
        }
    }
}
