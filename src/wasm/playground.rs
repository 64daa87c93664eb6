//! The backpropagation chapter's handle, owned by the page's worker.

use crate::chapters::playground::settings;
use crate::chapters::playground::Session;
use super::results::{f32_array, layout, to_js, PlaygroundFigures};
use wasm_bindgen::prelude::*;

/// One playground session.
#[wasm_bindgen]
pub struct Playground {
    s: Session,
}

#[wasm_bindgen]
impl Playground {
    /// A session for a link (any link: bad fields fall back to defaults).
    #[wasm_bindgen(constructor)]
    pub fn new(query: &str) -> Playground {
        let d = settings::decode(query, "0.12345");
        Playground { s: Session::new(settings::config(&d.settings)) }
    }

    /// Moves to a new link; returns 1 if the data was rebuilt plus 2 if the
    /// network was.
    pub fn apply(&mut self, query: &str) -> u32 {
        let d = settings::decode(query, "0.12345");
        let a = self.s.apply(settings::config(&d.settings));
        u32::from(a.data) | (u32::from(a.model) << 1)
    }

    /// The figures now: `{trainLoss, testLoss, trainAccuracy, testAccuracy,
    /// testRmse, testR2, classes, confusion, finite, deadLayer,
    /// saturatedOutput, constantOutput}`.
    pub fn evaluate(&mut self) -> JsValue {
        let m = self.s.evaluate();
        to_js(&PlaygroundFigures {
            train_loss: m.train_loss,
            test_loss: m.test_loss,
            train_accuracy: m.train_accuracy,
            test_accuracy: m.test_accuracy,
            test_rmse: m.test_rmse,
            test_r2: m.test_r2,
            classes: m.classes,
            confusion: &m.confusion,
            finite: m.finite,
            dead_layer: m.dead_layer.map(|l| l + 1),
            saturated_output: m.saturated_output,
            constant_output: m.constant_output,
        })
    }

    /// Every point as `[x, y, label, …]`; train points first.
    pub fn points(&self) -> Vec<f32> {
        self.s.points().0.iter().flat_map(|p| [p.x, p.y, p.label]).collect()
    }

    /// Index of the first test point in [`Playground::points`].
    pub fn split(&self) -> u32 {
        self.s.points().1 as u32
    }

    /// Layer widths, inputs first.
    pub fn sizes(&self) -> Vec<u32> {
        self.s.sizes().iter().map(|&n| n as u32).collect()
    }

    /// All parameters, flat.
    pub fn params(&self) -> js_sys::Float32Array {
        f32_array(self.s.params())
    }

    /// `[{name, offset, shape, decay, frozen}…]` for [`Playground::params`].
    pub fn param_layout(&self) -> JsValue {
        layout(self.s.store())
    }

    /// Sets one parameter; false if the index or value is refused.
    pub fn set_param(&mut self, index: u32, value: f32) -> bool {
        self.s.set_param(index as usize, value)
    }

    /// Computes the large map (`node` < 0: the outputs) and all thumbnails.
    pub fn grid(&mut self, density: u32, thumb: u32, node: i32) {
        let node = usize::try_from(node).ok();
        self.s.compute_grid(density as usize, thumb as usize, node);
    }

    /// The large map from the last [`Playground::grid`], `[channels × d²]`.
    pub fn grid_big(&mut self) -> js_sys::Float32Array {
        f32_array(&self.s.grid().big)
    }

    /// All thumbnails from the last [`Playground::grid`], `[nodes × t²]`.
    pub fn grid_nodes(&mut self) -> js_sys::Float32Array {
        f32_array(&self.s.grid().nodes)
    }

    pub fn grid_channels(&self) -> u32 {
        self.s.grid().channels as u32
    }
}

worker_calls!(Playground);
hub_calls!(Playground);
link_weights_calls!(Playground);
