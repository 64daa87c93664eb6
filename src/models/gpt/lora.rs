//! Low-rank adapters on every block's c_attn (LoRA; Hu et al., 2021): the
//! query/key/value projection W [C,3C] becomes W + (α/r)·A·B with A [C,r]
//! and B [r,3C] trained and W frozen. The adapters are views of the
//! model's own ParamStore, named `lora.h.{i}.attn.c_attn.A` and `.B`, after
//! GPT-2's views (whose names stay as they are); the op is `ops::lora`.
//!
//! A starts normal(0, 1/√C) and B at zero, so the adapted model starts as
//! the base model and the first steps move B.

use super::Gpt;
use crate::nn::Param;
use crate::ops::lora;
use crate::rng::Rng;
use crate::tensor::matmul::{matmul, Base, MatRef};

/// Largest rank offered.
pub const MAX_RANK: usize = 64;

/// The adapters of every block and their workspace.
#[derive(Clone, Debug)]
pub(super) struct Lora {
    pub rank: usize,
    pub scale: f32,
    /// Per block: (A, B).
    pub ab: Vec<(Param, Param)>,
    /// Per block, s·x·A of the last pass [L,N,r].
    pub h: Vec<f32>,
    /// Backward scratch [N,r].
    pub dh: Vec<f32>,
}

impl Lora {
    /// Makes the workspace hold N = `n` rows per block.
    pub fn reserve(&mut self, n: usize) {
        let (l, r) = (self.ab.len(), self.rank);
        if self.dh.len() < n * r {
            self.h.resize(l * n * r, 0.0);
            self.dh.resize(n * r, 0.0);
        }
    }
}

impl Gpt {
    /// Adds rank-`rank` adapters with α = `alpha` to every block's c_attn,
    /// draws A from `rng` (B = 0), and freezes every other parameter; returns
    /// the number of trainable floats. Refuses a second set or a rank
    /// outside 1..=min(MAX_RANK, C).
    pub fn add_lora(&mut self, rank: usize, alpha: f32, rng: &mut Rng) -> Result<usize, String> {
        let c = self.config.n_embd;
        if self.lora.is_some() {
            return Err("Gpt::add_lora: the model has adapters already".into());
        }
        if rank == 0 || rank > MAX_RANK.min(c) {
            return Err(format!(
                "Gpt::add_lora: rank {rank} is outside 1..={}",
                MAX_RANK.min(c)
            ));
        }
        for v in self.store.views.iter_mut() {
            v.frozen = true;
        }
        let ab: Vec<(Param, Param)> = (0..self.config.n_layer)
            .map(|i| {
                let name = format!("lora.h.{i}.attn.c_attn");
                let a = self.store.add(format!("{name}.A"), &[c, rank], true);
                let b = self.store.add(format!("{name}.B"), &[rank, 3 * c], true);
                (a, b)
            })
            .collect();
        let std = 1.0 / (c as f64).sqrt();
        for &(a, _) in &ab {
            for x in a.of_mut(&mut self.store.data) {
                *x = (rng.normal() * std) as f32;
            }
        }
        self.lora = Some(Lora {
            rank,
            scale: alpha / rank as f32,
            ab,
            h: Vec::new(),
            dh: Vec::new(),
        });
        Ok(self.store.trainable())
    }

    /// Folds the adapters into the base weights, W ← W + (α/r)·A·B, and
    /// sets every B to zero, so the model computes the same function with
    /// inert adapters and its `transformer.*` views alone are a plain GPT-2
    /// (what an export writes). Returns whether there were adapters.
    pub fn merge_lora(&mut self) -> bool {
        let Some(lo) = &self.lora else { return false };
        let (c, r, scale) = (self.config.n_embd, lo.rank, lo.scale);
        for (blk, &(a, b)) in self.blocks.iter().zip(&lo.ab) {
            let data = &mut self.store.data;
            b.of_mut(data).iter_mut().for_each(|x| *x *= scale);
            let (lo_part, hi_part) = data.split_at_mut(a.offset);
            let w = &mut lo_part[blk.attn_w.range()];
            let (av, bv) = (&hi_part[..a.len], &hi_part[b.offset - a.offset..][..b.len]);
            matmul(
                MatRef::new(av, c, r),
                MatRef::new(bv, r, 3 * c),
                w,
                Base::Keep,
            );
            b.of_mut(data).fill(0.0);
        }
        true
    }

    /// The adapters' rank, if the model has them.
    pub fn lora_rank(&self) -> Option<usize> {
        self.lora.as_ref().map(|l| l.rank)
    }

    /// Adds block `l`'s adapter output into `qkv` [N,3C] for input `x`
    /// [N,C] (training pass; keeps h for backward).
    pub(super) fn lora_forward(
        lo: &mut Lora,
        w: &[f32],
        l: usize,
        qkv: &mut [f32],
        x: &[f32],
        n: usize,
        c: usize,
    ) {
        let r = lo.rank;
        let (a, b) = lo.ab[l];
        let h = &mut lo.h[l * n * r..(l + 1) * n * r];
        lora::forward(qkv, h, x, a.of(w), b.of(w), lo.scale, n, c, r, 3 * c);
    }

    /// Block `l`'s adapter gradients from `dqkv`, and its share of `dx`.
    #[allow(clippy::too_many_arguments)]
    pub(super) fn lora_backward(
        lo: &mut Lora,
        w: &[f32],
        g: &mut [f32],
        l: usize,
        dx: &mut [f32],
        dqkv: &[f32],
        x: &[f32],
        n: usize,
        c: usize,
    ) {
        let r = lo.rank;
        let (a, b) = lo.ab[l];
        let h = &lo.h[l * n * r..(l + 1) * n * r];
        let dh = &mut lo.dh[..n * r];
        let (ga, gb) = super::pass::pair(g, a, b);
        lora::backward(
            dx,
            ga,
            gb,
            dh,
            dqkv,
            h,
            x,
            a.of(w),
            b.of(w),
            lo.scale,
            n,
            c,
            r,
            3 * c,
        );
    }
}
