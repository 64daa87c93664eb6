//! The backpropagation chapter's handle, owned by the page's worker.

use crate::config::playground as settings;
use crate::playground::Session;
use crate::util::json;
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

    /// `[train loss, test loss, train accuracy, test accuracy, test RMSE,
    /// test R², classes, confusion (classes² counts)…]`.
    pub fn evaluate(&mut self) -> Vec<f64> {
        let m = self.s.evaluate();
        let mut v = vec![m.train_loss, m.test_loss, m.train_accuracy, m.test_accuracy, m.test_rmse, m.test_r2, m.classes as f64];
        v.extend(m.confusion.iter().map(|&c| f64::from(c)));
        v
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
    pub fn params(&self) -> Vec<f32> {
        self.s.params().to_vec()
    }

    /// `[{"name","offset","shape"}…]` for [`Playground::params`].
    pub fn param_layout(&self) -> String {
        json::array(self.s.param_views().iter().map(|v| {
            let mut s = String::new();
            let mut o = json::Object::new(&mut s);
            o.str("name", &v.name).num("offset", v.offset as f64);
            o.raw("shape", &json::array(v.shape.iter().map(|d| d.to_string())));
            o.end();
            s
        }))
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
    pub fn grid_big(&mut self) -> Vec<f32> {
        self.s.grid().big.clone()
    }

    /// All thumbnails from the last [`Playground::grid`], `[nodes × t²]`.
    pub fn grid_nodes(&mut self) -> Vec<f32> {
        self.s.grid().nodes.clone()
    }

    pub fn grid_channels(&self) -> u32 {
        self.s.grid().channels as u32
    }
}

worker_calls!(Playground);
