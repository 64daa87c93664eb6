//! The decision boundary and every neuron's heatmap, from one call: the
//! network runs over a grid of points covering the plane, in chunks, and
//! every node's output is kept.

use super::Session;
use super::settings::LossKind;
use crate::data::{features, Feature};
use crate::ops::loss;
use crate::train::eval_chunk as CHUNK;

/// The grid covers [−GRID_EXTENT, GRID_EXTENT]².
pub const GRID_EXTENT: f32 = 6.0;
/// Largest density of the large heatmap.
pub const MAX_DENSITY: usize = 256;
/// Largest density of the thumbnails.
pub const MAX_THUMB: usize = 64;

/// Grid buffers, reused from frame to frame.
#[derive(Default)]
pub struct Grid {
    inputs_for: Option<(Vec<Feature>, usize, usize)>,
    big_x: Vec<f32>,
    small_x: Vec<f32>,
    /// Large heatmap, `[channels × density²]`, row 0 at the top (x2 = +6).
    pub big: Vec<f32>,
    pub channels: usize,
    pub density: usize,
    /// Every node's heatmap, `[nodes × thumb²]`: input features, hidden
    /// neurons layer by layer, then outputs (probabilities under softmax).
    pub nodes: Vec<f32>,
    pub thumb: usize,
    probs: Vec<f32>,
}

/// Points of a `d × d` grid, row-major from the top-left corner.
pub fn grid_points(d: usize) -> impl Iterator<Item = (f32, f32)> {
    let step = 2.0 * GRID_EXTENT / (d.max(2) - 1) as f32;
    (0..d * d).map(move |i| {
        let (r, c) = (i / d, i % d);
        (
            -GRID_EXTENT + c as f32 * step,
            GRID_EXTENT - r as f32 * step,
        )
    })
}

impl Session {
    /// Computes the large heatmap at `density` for `node` (None: the
    /// outputs) and all node thumbnails at `thumb`; densities are capped.
    pub fn compute_grid(&mut self, density: usize, thumb: usize, node: Option<usize>) -> &Grid {
        let density = density.clamp(2, MAX_DENSITY);
        let thumb = thumb.clamp(2, MAX_THUMB);
        let mut g = std::mem::take(&mut self.grid);
        let feats = &self.config.features;
        let cached =
            matches!(&g.inputs_for, Some((f, d, t)) if f == feats && *d == density && *t == thumb);
        if !cached {
            features::fill(feats, grid_points(density), &mut g.big_x);
            features::fill(feats, grid_points(thumb), &mut g.small_x);
            g.inputs_for = Some((feats.clone(), density, thumb));
        }
        let sizes = self.trainer.model.sizes().to_vec();
        let total_nodes: usize = sizes.iter().sum();
        let outputs = sizes[sizes.len() - 1];
        let node = node.filter(|&n| n < total_nodes);
        g.density = density;
        g.thumb = thumb;
        g.channels = if node.is_some() { 1 } else { outputs };
        g.big.resize(g.channels * density * density, 0.0);
        g.nodes.resize(total_nodes * thumb * thumb, 0.0);

        let big_x = std::mem::take(&mut g.big_x);
        let mut probs = std::mem::take(&mut g.probs);
        let channels = g.channels;
        self.run_grid(
            &big_x,
            density * density,
            &mut probs,
            |start, rows, layer_out| {
                // layer_out(n) gives node n's values for this chunk, strided.
                for ch in 0..channels {
                    let id = node.unwrap_or(total_nodes - outputs + ch);
                    let dst = &mut g.big[ch * density * density + start..][..rows];
                    layer_out(id, dst);
                }
            },
        );
        g.big_x = big_x;

        let small_x = std::mem::take(&mut g.small_x);
        let t2 = thumb * thumb;
        self.run_grid(&small_x, t2, &mut probs, |start, rows, layer_out| {
            for id in 0..total_nodes {
                layer_out(id, &mut g.nodes[id * t2 + start..][..rows]);
            }
        });
        g.small_x = small_x;
        g.probs = probs;
        self.grid = g;
        &self.grid
    }

    /// The buffers of the last [`Session::compute_grid`].
    pub fn grid(&self) -> &Grid {
        &self.grid
    }

    /// Runs the network over `n` grid rows of `x` in chunks; for each chunk
    /// calls `sink(start, rows, read)` where `read(node, dst)` copies that
    /// node's values for the chunk into `dst`.
    fn run_grid(
        &mut self,
        x: &[f32],
        n: usize,
        probs: &mut Vec<f32>,
        mut sink: impl FnMut(usize, usize, &dyn Fn(usize, &mut [f32])),
    ) {
        let f = self.config.features.len();
        let net = &mut self.trainer.model;
        let sizes = net.sizes().to_vec();
        let layers = sizes.len() - 1;
        let softmax = self.config.loss == LossKind::CrossEntropy;
        let k = sizes[layers];
        let mut start = 0;
        while start < n {
            let rows = CHUNK.min(n - start);
            let xc = &x[start * f..(start + rows) * f];
            net.forward(xc, rows);
            if softmax {
                probs.resize(rows * k, 0.0);
                loss::softmax(net.activations(layers - 1, rows), &mut probs[..rows * k], rows, k);
            }
            let net = &*net;
            let probs = &*probs;
            let read = |id: usize, dst: &mut [f32]| {
                if id < f {
                    for (r, d) in dst.iter_mut().enumerate() {
                        *d = xc[r * f + id];
                    }
                    return;
                }
                let mut base = f;
                for l in 0..layers {
                    let w = sizes[l + 1];
                    if id < base + w {
                        let j = id - base;
                        let src: &[f32] = if l + 1 == layers && softmax {
                            &probs[..rows * k]
                        } else {
                            net.activations(l, rows)
                        };
                        for (r, d) in dst.iter_mut().enumerate() {
                            *d = src[r * w + j];
                        }
                        return;
                    }
                    base += w;
                }
            };
            sink(start, rows, &read);
            start += rows;
        }
    }
}
