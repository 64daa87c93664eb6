//! A scalar head on the last position of each sequence, as Hugging Face's
//! `GPT2ForSequenceClassification` with one label: r[b] = x[b,T−1,:]·w,
//! no bias (its `score.weight` [1,C]). A reward model reads the final
//! LayerNorm's output with it.
//!
//! Shapes (B = batch, T = time, C = channels): x [B,T,C], w [C], r [B].
//! Kept for backward: nothing beyond x and w.

use super::shape::expect;

/// r[b] = x[b,T−1,:]·w.
pub fn forward(r: &mut [f32], x: &[f32], w: &[f32], b: usize, t: usize, c: usize) {
    expect("score_head forward", "r", r.len(), &[("B", b)]);
    expect(
        "score_head forward",
        "x",
        x.len(),
        &[("B", b), ("T", t), ("C", c)],
    );
    expect("score_head forward", "w", w.len(), &[("C", c)]);
    for (i, out) in r.iter_mut().enumerate() {
        let row = &x[(i * t + t - 1) * c..][..c];
        *out = row.iter().zip(w).map(|(&a, &b)| a * b).sum();
    }
}

/// dx = dr[b]·w at each last position and 0 elsewhere (overwritten);
/// dw += Σ_b dr[b]·x[b,T−1,:].
#[allow(clippy::too_many_arguments)]
pub fn backward(
    dx: &mut [f32],
    dw: &mut [f32],
    dr: &[f32],
    x: &[f32],
    w: &[f32],
    b: usize,
    t: usize,
    c: usize,
) {
    expect(
        "score_head backward",
        "dx",
        dx.len(),
        &[("B", b), ("T", t), ("C", c)],
    );
    expect("score_head backward", "dw", dw.len(), &[("C", c)]);
    expect("score_head backward", "dr", dr.len(), &[("B", b)]);
    expect(
        "score_head backward",
        "x",
        x.len(),
        &[("B", b), ("T", t), ("C", c)],
    );
    expect("score_head backward", "w", w.len(), &[("C", c)]);
    dx.fill(0.0);
    for (i, &g) in dr.iter().enumerate() {
        let at = (i * t + t - 1) * c;
        for (d, &wv) in dx[at..at + c].iter_mut().zip(w) {
            *d = g * wv;
        }
        for (dwv, &xv) in dw.iter_mut().zip(&x[at..at + c]) {
            *dwv += g * xv;
        }
    }
}
