//! The sequence model's whole gradient (one-hot input, RNN or LSTM layer,
//! read-out at the counted steps) against finite differences of its loss,
//! on every task's shape; and the gradient-size curve against finite
//! differences of the loss at the last step with respect to each input.
//! As in `tests/gradcheck.rs`: central differences of step 1e-2,
//! tolerance 2e-3 + 2e-2·|numeric|.

mod fd;
use fd::{close, numeric};

use neuroplay::data::sequences::{CharText, SeqBatch, Sequences};
use neuroplay::models::seq::{Cell, SeqModel};
use neuroplay::models::{Dataset, Model};
use neuroplay::rng::Rng;

fn check(cell: Cell, data: &Sequences, hidden: usize, seed: u64) {
    let mut r = Rng::new(seed);
    let mut m = SeqModel::new(cell, data.inputs, hidden, data.classes, &mut r);
    // Larger weights than the start, so every path carries gradient.
    for v in m.store.data.iter_mut() {
        *v = r.uniform(-0.8, 0.8) as f32;
    }
    let mut batch = SeqBatch::default();
    data.gather(&[0, 1, 2], &mut batch);
    m.store.zero_grad();
    m.gradient(&batch, &mut r);
    let analytic = m.store.grad.clone();
    for i in 0..m.store.data.len() {
        let mut data_v = m.store.data.clone();
        let n = numeric(&mut data_v, i, |w| {
            m.store.data.copy_from_slice(w);
            m.gradient(&batch, &mut Rng::new(0))
        });
        m.store.data.copy_from_slice(&data_v);
        close(analytic[i], n, &format!("{} param {i}", cell.name()));
    }
}

#[test]
fn model_gradients_match_finite_differences() {
    let mut r = Rng::new(5);
    let text = CharText::new("the cat sat on the mat, and the dog sat on the log.");
    let sets = [
        Sequences::memory(4, 3, &mut r),
        Sequences::brackets(4, 4, &mut r),
        Sequences::addition(4, 3, &mut r),
        Sequences::text(4, 5, &text.ids, text.alphabet.len(), &mut r),
    ];
    for (k, s) in sets.iter().enumerate() {
        for cell in [Cell::Rnn, Cell::Lstm] {
            check(cell, s, 3, k as u64);
        }
    }
}

#[test]
fn gradient_sizes_are_the_inputs_gradient() {
    let mut r = Rng::new(9);
    let s = Sequences::memory(1, 4, &mut r);
    let (t, i) = (s.steps, s.inputs);
    let target = s.y[t - 1];
    for cell in [Cell::Rnn, Cell::Lstm] {
        let mut m = SeqModel::new(cell, i, 4, s.classes, &mut r);
        for v in m.store.data.iter_mut() {
            *v = r.uniform(-0.8, 0.8) as f32;
        }
        let mut sizes = vec![0.0; t];
        m.gradient_sizes(&s.x, target, &mut sizes);
        assert!(m.store.grad.iter().all(|&g| g == 0.0));
        let mut x = vec![0.0f32; t * i];
        for (row, &v) in s.x.iter().enumerate() {
            x[row * i + v as usize] = 1.0;
        }
        let k = s.classes;
        for step in 0..t {
            let mut sq = 0.0f64;
            for j in 0..i {
                let g = numeric(&mut x, step * i + j, |x| {
                    m.forward_dense(x, 1, t);
                    -f64::from(m.probabilities()[(t - 1) * k + target as usize]).ln()
                });
                sq += f64::from(g) * f64::from(g);
            }
            close(
                sizes[step],
                sq.sqrt() as f32,
                &format!("{} step {step}", cell.name()),
            );
        }
    }
}
