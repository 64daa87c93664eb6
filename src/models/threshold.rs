//! The McCulloch–Pitts neuron (1943): binary inputs, a weight on each, and a
//! threshold; the unit fires (outputs 1) when the weighted sum reaches the
//! threshold.

/// A logic function a unit may be asked to compute.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Gate {
    And,
    Or,
    /// NOT of the first input (the others are ignored).
    Not,
    Nand,
    /// Exclusive or: an odd number of inputs on.
    Xor,
}

impl Gate {
    pub const ALL: [Gate; 5] = [Gate::And, Gate::Or, Gate::Not, Gate::Nand, Gate::Xor];

    /// Name used in links.
    pub fn name(self) -> &'static str {
        match self {
            Gate::And => "and",
            Gate::Or => "or",
            Gate::Not => "not",
            Gate::Nand => "nand",
            Gate::Xor => "xor",
        }
    }

    /// The wanted output for a row of inputs.
    pub fn target(self, inputs: &[bool]) -> bool {
        let on = inputs.iter().filter(|&&b| b).count();
        match self {
            Gate::And => on == inputs.len(),
            Gate::Or => on > 0,
            Gate::Not => !inputs.first().copied().unwrap_or(false),
            Gate::Nand => on < inputs.len(),
            Gate::Xor => on % 2 == 1,
        }
    }

    /// Weights and threshold that compute this gate on `n` inputs, if a
    /// single unit can.
    pub fn preset(self, n: usize) -> Option<(Vec<f32>, f32)> {
        let mut w = vec![1.0; n];
        match self {
            Gate::And => Some((w, n as f32)),
            Gate::Or => Some((w, 1.0)),
            Gate::Not => {
                w.iter_mut().for_each(|x| *x = 0.0);
                w[0] = -1.0;
                Some((w, 0.0))
            }
            Gate::Nand => Some((vec![-1.0; n], 1.0 - n as f32)),
            Gate::Xor => None,
        }
    }
}

/// One row of a truth table.
#[derive(Clone, Debug, PartialEq)]
pub struct Row {
    pub inputs: Vec<bool>,
    pub sum: f32,
    pub fires: bool,
}

/// Σ wᵢ xᵢ, and whether it reaches the threshold.
pub fn fire(weights: &[f32], threshold: f32, inputs: &[bool]) -> (f32, bool) {
    let sum: f32 = weights.iter().zip(inputs).map(|(w, &x)| if x { *w } else { 0.0 }).sum();
    (sum, sum >= threshold)
}

/// The unit's whole truth table, rows in binary counting order (first input
/// most significant).
pub fn truth_table(weights: &[f32], threshold: f32) -> Vec<Row> {
    let n = weights.len();
    (0..1usize << n)
        .map(|r| {
            let inputs: Vec<bool> = (0..n).map(|i| r >> (n - 1 - i) & 1 == 1).collect();
            let (sum, fires) = fire(weights, threshold, &inputs);
            Row { inputs, sum, fires }
        })
        .collect()
}

/// What an exhaustive search over a grid of settings found.
#[derive(Clone, Debug, PartialEq)]
pub struct Search {
    /// Settings tried.
    pub tried: usize,
    /// Most rows any setting got right, and the first setting that did.
    pub best_rows: usize,
    pub best: (Vec<f32>, f32),
}

/// Tries every weight and threshold in `values` (all combinations) on `n`
/// inputs against `gate`: the evidence that no single unit computes XOR.
pub fn search(gate: Gate, n: usize, values: &[f32]) -> Search {
    let rows = 1usize << n;
    let mut s = Search { tried: 0, best_rows: 0, best: (vec![0.0; n], 0.0) };
    let combos = values.len().pow(n as u32 + 1);
    let mut w = vec![0.0; n];
    for k in 0..combos {
        let mut rest = k;
        for wi in w.iter_mut() {
            *wi = values[rest % values.len()];
            rest /= values.len();
        }
        let t = values[rest % values.len()];
        let right = truth_table(&w, t).iter().filter(|r| r.fires == gate.target(&r.inputs)).count();
        s.tried += 1;
        if right > s.best_rows {
            s.best_rows = right;
            s.best = (w.clone(), t);
            if right == rows {
                break;
            }
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn presets_compute_their_gates_on_two_and_three_inputs() {
        for n in [2, 3] {
            for gate in [Gate::And, Gate::Or, Gate::Not, Gate::Nand] {
                let (w, t) = gate.preset(n).unwrap();
                for row in truth_table(&w, t) {
                    assert_eq!(row.fires, gate.target(&row.inputs), "{gate:?} on {n} inputs, row {:?}", row.inputs);
                }
            }
        }
    }

    #[test]
    fn no_setting_on_the_grid_computes_xor() {
        let grid: Vec<f32> = (-8..=8).map(|i| i as f32 * 0.5).collect();
        let s = search(Gate::Xor, 2, &grid);
        assert_eq!(s.tried, 17usize.pow(3));
        assert_eq!(s.best_rows, 3, "three rows of four at best");
        // The same search finds AND at once.
        assert_eq!(search(Gate::And, 2, &grid).best_rows, 4);
    }
}
