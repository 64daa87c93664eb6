//! The network's plan as the page shows it before training: every layer's
//! output shape and parameter count, from the input to the class scores.

use crate::models::cnn::{CnnSpec, Pool};

/// What a row of the plan is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Step {
    Input,
    Conv,
    MaxPool,
    AvgPool,
    Dense,
}

impl Step {
    /// Stable name for the page.
    pub fn name(self) -> &'static str {
        match self {
            Step::Input => "input",
            Step::Conv => "conv",
            Step::MaxPool => "maxPool",
            Step::AvgPool => "avgPool",
            Step::Dense => "dense",
        }
    }
}

/// One row: `shape` is [C, H, W] for maps and [N] for dense layers;
/// `kernel` and `window` are the filter and pooling sides (0 elsewhere).
#[derive(Clone, Debug, PartialEq)]
pub struct Row {
    pub step: Step,
    pub shape: Vec<usize>,
    pub params: usize,
    pub kernel: usize,
    pub window: usize,
}

/// The rows of a spec's network, or why it cannot be built.
pub fn plan(spec: &CnnSpec) -> Result<Vec<Row>, String> {
    let layers = spec.layers()?;
    let row = |step, shape: Vec<usize>, params, kernel, window| Row {
        step,
        shape,
        params,
        kernel,
        window,
    };
    let mut rows = vec![row(
        Step::Input,
        vec![spec.channels, spec.side, spec.side],
        0,
        0,
        0,
    )];
    for (l, (c, p)) in layers.iter().enumerate() {
        rows.push(row(
            Step::Conv,
            vec![c.oc, c.oh(), c.ow()],
            c.weight_len() + c.oc,
            c.kh,
            0,
        ));
        if let Some(p) = p {
            let step = if matches!(spec.conv[l].pool, Pool::Max(_)) {
                Step::MaxPool
            } else {
                Step::AvgPool
            };
            rows.push(row(step, vec![p.c, p.oh(), p.ow()], 0, 0, p.k));
        }
    }
    let sizes = spec.dense_sizes(&layers);
    for w in sizes.windows(2) {
        rows.push(row(Step::Dense, vec![w[1]], w[0] * w[1] + w[1], 0, 0));
    }
    Ok(rows)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_preset_plan_adds_up_to_its_parameters() {
        let rows = plan(&CnnSpec::digits()).unwrap();
        let shapes: Vec<_> = rows
            .iter()
            .map(|r| (r.step, r.shape.clone(), r.params))
            .collect();
        assert_eq!(
            shapes,
            [
                (Step::Input, vec![1, 14, 14], 0),
                (Step::Conv, vec![16, 14, 14], 416),
                (Step::MaxPool, vec![16, 7, 7], 0),
                (Step::Conv, vec![32, 7, 7], 4640),
                (Step::MaxPool, vec![32, 3, 3], 0),
                (Step::Dense, vec![10], 2890),
            ]
        );
        assert_eq!(
            rows.iter().map(|r| r.params).sum::<usize>(),
            CnnSpec::digits().params()
        );
    }
}
