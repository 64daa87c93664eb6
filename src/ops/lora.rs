//! A low-rank adapter beside a frozen linear layer (LoRA; Hu et al., 2021):
//! the layer's output gains s·(X·A)·B, with A [I×R] and B [R×O] of rank
//! R ≪ min(I, O) and s = α/R, so fine-tuning trains R·(I + O) numbers
//! instead of I·O. B starts at zero, so the adapted model starts as the
//! base model.
//!
//! Shapes (N = rows, I = inputs, O = outputs, R = rank): x [N,I],
//! y [N,O] (added into), h = X·A [N,R], a [I,R], b [R,O].
//! Kept for backward: h = s·X·A (and the input x the base layer keeps).

use super::shape::expect;
use crate::tensor::matmul::{matmul, Base, MatRef};

/// Checks the buffers both passes share.
#[track_caller]
fn check(op: &str, h: usize, x: usize, a: usize, b: usize, n: usize, i: usize, r: usize, o: usize) {
    expect(op, "h", h, &[("N", n), ("R", r)]);
    expect(op, "x", x, &[("N", n), ("I", i)]);
    expect(op, "a", a, &[("I", i), ("R", r)]);
    expect(op, "b", b, &[("R", r), ("O", o)]);
}

/// y += scale·(x·a)·b, keeping h = scale·x·a for backward.
#[allow(clippy::too_many_arguments)]
pub fn forward(
    y: &mut [f32],
    h: &mut [f32],
    x: &[f32],
    a: &[f32],
    b: &[f32],
    scale: f32,
    n: usize,
    i: usize,
    r: usize,
    o: usize,
) {
    check(
        "lora forward",
        h.len(),
        x.len(),
        a.len(),
        b.len(),
        n,
        i,
        r,
        o,
    );
    expect("lora forward", "y", y.len(), &[("N", n), ("O", o)]);
    matmul(MatRef::new(x, n, i), MatRef::new(a, i, r), h, Base::Zero);
    h.iter_mut().for_each(|v| *v *= scale);
    matmul(MatRef::new(h, n, r), MatRef::new(b, r, o), y, Base::Keep);
}

/// Gradients of y += scale·(x·a)·b with h = scale·x·a kept:
/// db += hᵀ·dy, dh = scale·dy·bᵀ, da += xᵀ·dh, and dx += dh·aᵀ (added into
/// dx, which already holds the base layer's input gradient). `dh` [N,R] is
/// scratch.
#[allow(clippy::too_many_arguments)]
pub fn backward(
    dx: &mut [f32],
    da: &mut [f32],
    db: &mut [f32],
    dh: &mut [f32],
    dy: &[f32],
    h: &[f32],
    x: &[f32],
    a: &[f32],
    b: &[f32],
    scale: f32,
    n: usize,
    i: usize,
    r: usize,
    o: usize,
) {
    check(
        "lora backward",
        h.len(),
        x.len(),
        a.len(),
        b.len(),
        n,
        i,
        r,
        o,
    );
    expect("lora backward", "dy", dy.len(), &[("N", n), ("O", o)]);
    expect("lora backward", "dx", dx.len(), &[("N", n), ("I", i)]);
    expect("lora backward", "da", da.len(), &[("I", i), ("R", r)]);
    expect("lora backward", "db", db.len(), &[("R", r), ("O", o)]);
    expect("lora backward", "dh", dh.len(), &[("N", n), ("R", r)]);
    let dyv = MatRef::new(dy, n, o);
    matmul(MatRef::new(h, n, r).t(), dyv, db, Base::Keep);
    matmul(dyv, MatRef::new(b, r, o).t(), dh, Base::Zero);
    dh.iter_mut().for_each(|v| *v *= scale);
    let dhv = MatRef::new(dh, n, r);
    matmul(MatRef::new(x, n, i).t(), dhv, da, Base::Keep);
    matmul(dhv, MatRef::new(a, i, r).t(), dx, Base::Keep);
}
