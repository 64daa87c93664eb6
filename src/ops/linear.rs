//! Dense layer: Y = X·W (+ b).
//!
//! Shapes (B = rows, I = inputs, O = outputs), all row-major:
//! X [B×I], W [I×O], b [O] or none, Y [B×O].

use super::shape::expect;
use crate::tensor::matmul::{matmul, Base, MatRef};

/// Y = X·W + b (the bias is added as the product is stored: one pass over Y).
pub fn forward(
    y: &mut [f32],
    x: &[f32],
    w: &[f32],
    b: Option<&[f32]>,
    rows: usize,
    inputs: usize,
    outputs: usize,
) {
    expect("linear", "x", x.len(), &[("B", rows), ("I", inputs)]);
    expect("linear", "w", w.len(), &[("I", inputs), ("O", outputs)]);
    expect("linear", "y", y.len(), &[("B", rows), ("O", outputs)]);
    let base = match b {
        Some(b) => {
            expect("linear", "b", b.len(), &[("O", outputs)]);
            Base::Bias(b)
        }
        None => Base::Zero,
    };
    matmul(
        MatRef::new(x, rows, inputs),
        MatRef::new(w, inputs, outputs),
        y,
        base,
    );
}

/// Given dY, accumulates dW += Xᵀ·dY and db += Σ_rows dY (when the layer has
/// a bias), and writes dX = dY·Wᵀ when `dx` is given (a first layer needs
/// none).
#[allow(clippy::too_many_arguments)]
pub fn backward(
    dx: Option<&mut [f32]>,
    dw: &mut [f32],
    db: Option<&mut [f32]>,
    dy: &[f32],
    x: &[f32],
    w: &[f32],
    rows: usize,
    inputs: usize,
    outputs: usize,
) {
    expect(
        "linear backward",
        "x",
        x.len(),
        &[("B", rows), ("I", inputs)],
    );
    expect(
        "linear backward",
        "w",
        w.len(),
        &[("I", inputs), ("O", outputs)],
    );
    expect(
        "linear backward",
        "dw",
        dw.len(),
        &[("I", inputs), ("O", outputs)],
    );
    expect(
        "linear backward",
        "dy",
        dy.len(),
        &[("B", rows), ("O", outputs)],
    );
    let dyv = MatRef::new(dy, rows, outputs);
    matmul(MatRef::new(x, rows, inputs).t(), dyv, dw, Base::Keep);
    if let Some(db) = db {
        expect("linear backward", "db", db.len(), &[("O", outputs)]);
        for row in dy.chunks_exact(outputs) {
            for (g, &d) in db.iter_mut().zip(row) {
                *g += d;
            }
        }
    }
    if let Some(dx) = dx {
        expect(
            "linear backward",
            "dx",
            dx.len(),
            &[("B", rows), ("I", inputs)],
        );
        matmul(dyv, MatRef::new(w, inputs, outputs).t(), dx, Base::Zero);
    }
}
