//! Dense layer: Y = X·W + b.
//!
//! Shapes (B = batch, I = inputs, O = outputs), all row-major:
//! X [B×I], W [I×O], b [O], Y [B×O].

use crate::tensor::matmul::{matmul, Base, MatRef};

/// Y = X·W + b.
pub fn forward(x: &[f32], w: &[f32], b: &[f32], y: &mut [f32], batch: usize) {
    let (i, o) = (w.len() / b.len().max(1), b.len());
    assert_eq!(i * o, w.len(), "linear: W holds {} floats, not a multiple of O = {o}", w.len());
    // The bias is added as the product is stored: one pass over Y.
    matmul(MatRef::new(&x[..batch * i], batch, i), MatRef::new(w, i, o), &mut y[..batch * o], Base::Bias(b));
}

/// Given dY, accumulates dW += Xᵀ·dY and db += Σ_rows dY, and writes
/// dX = dY·Wᵀ when `dx` is given (the first layer needs no dX).
pub fn backward(
    x: &[f32],
    w: &[f32],
    dy: &[f32],
    dw: &mut [f32],
    db: &mut [f32],
    dx: Option<&mut [f32]>,
    batch: usize,
) {
    let o = db.len();
    let i = w.len() / o;
    let dyv = MatRef::new(&dy[..batch * o], batch, o);
    matmul(MatRef::new(&x[..batch * i], batch, i).t(), dyv, dw, Base::Keep);
    for row in dy[..batch * o].chunks_exact(o) {
        for (g, &d) in db.iter_mut().zip(row) {
            *g += d;
        }
    }
    if let Some(dx) = dx {
        matmul(dyv, MatRef::new(w, i, o).t(), &mut dx[..batch * i], Base::Zero);
    }
}
