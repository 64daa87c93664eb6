//! Where a GPT training step spends its time: every op of one step, called
//! with the shapes `Gpt`'s passes give them (src/models/gpt/pass.rs) on
//! random buffers, timed phase by phase with a caller's clock (natively
//! `Instant`, in the page `performance.now()`), so the same breakdown can
//! be measured in every build. A measurement, used by
//! `examples/gpt_profile.rs` and the benchmark hooks; no test times it.

use crate::ops::{attention, embedding, gelu, layernorm, linear, token_loss};
use crate::rng::Rng;
use crate::tensor::matmul::{matmul, Base, MatRef};

/// One phase: its name, the fastest step's milliseconds and one step's
/// multiply-adds (0 for the elementwise phases).
#[derive(Clone, Debug)]
pub struct Phase {
    pub name: &'static str,
    pub ms: f64,
    pub macs: f64,
}

/// Sizes of the profiled step (B = batch, T = context, V = vocabulary).
#[derive(Clone, Copy, Debug)]
pub struct Sizes {
    pub layers: usize,
    pub width: usize,
    pub heads: usize,
    pub context: usize,
    pub batch: usize,
    pub vocab: usize,
}

/// Per phase, in the order first seen: its milliseconds in the current step, its multiply-adds over
/// all steps, and its fastest step so far (the machine is shared:
/// the fastest of many steps is the figure least disturbed by others).
struct Phases<'c> {
    clock: &'c mut dyn FnMut() -> f64,
    v: Vec<(&'static str, f64, f64, f64)>,
}

impl Phases<'_> {
    /// Runs `f`, adding its time (and `macs` multiply-adds) to `name`.
    fn time(&mut self, name: &'static str, macs: f64, f: impl FnOnce()) {
        let t0 = (self.clock)();
        f();
        let s = (self.clock)() - t0;
        match self.v.iter_mut().find(|p| p.0 == name) {
            Some(p) => {
                p.1 += s;
                p.2 += macs;
            }
            None => self.v.push((name, s, macs, f64::INFINITY)),
        }
    }

    /// Ends a step: keeps each phase's fastest step, starts the next.
    fn step(&mut self) {
        for p in &mut self.v {
            p.3 = p.3.min(p.1);
            p.1 = 0.0;
        }
    }
}

fn random(r: &mut Rng, n: usize, scale: f64) -> Vec<f32> {
    (0..n).map(|_| (r.normal() * scale) as f32).collect()
}

/// Runs `steps` training steps of `s` op by op; each phase's fastest step
/// (`clock` in milliseconds).
pub fn profile(s: Sizes, steps: usize, clock: &mut dyn FnMut() -> f64) -> Vec<Phase> {
    let Sizes { layers: l, width: c, heads: nh, context: t, batch: b, vocab: v } = s;
    let hs = c / nh;
    let (n, nc) = (b * t, b * t * c);
    let nf = n as f64;
    let mut r = Rng::new(1);
    let ids: Vec<u32> = (0..n).map(|_| r.below(v) as u32).collect();
    let targets: Vec<u32> = (0..n).map(|_| r.below(v) as u32).collect();
    let wte = random(&mut r, v * c, 0.02);
    let wpe = random(&mut r, t * c, 0.02);
    let gain = vec![1.0f32; c];
    let zero_c = vec![0.0f32; 4 * c];
    let w_attn = random(&mut r, c * 3 * c, 0.02);
    let w_proj = random(&mut r, c * c, 0.02);
    let w_fc = random(&mut r, c * 4 * c, 0.02);
    let w_fcp = random(&mut r, 4 * c * c, 0.02);
    let mut g = [
        vec![0.0f32; v * c],
        vec![0.0f32; t * c],
        vec![0.0f32; c * 3 * c],
        vec![0.0f32; c * c],
        vec![0.0f32; c * 4 * c],
        vec![0.0f32; 4 * c * c],
        vec![0.0f32; 4 * c],
        vec![0.0f32; c],
        vec![0.0f32; c],
    ];
    let z = |k: usize| vec![0.0f32; k];
    let (mut enc, mut ln, mut mean, mut rstd) = (z(nc), z(nc), z(n), z(n));
    let (mut qkv, mut atty, mut att, mut res2) = (z(3 * nc), z(nc), z(b * nh * t * t), z(nc));
    let (mut fch, mut fchg, mut res3, mut logits) = (z(4 * nc), z(4 * nc), z(nc), z(n * v));
    let (mut dres, mut dln, mut datty, mut dqkv) = (z(nc), z(nc), z(nc), z(3 * nc));
    let (mut dfchg, mut dfch, mut scratch) = (z(4 * nc), z(4 * nc), z(t * (t + hs)));
    let mut losses = z(n);
    let mut p = Phases { clock, v: Vec::new() };
    let (cf, tf) = (c as f64, t as f64);
    for _ in 0..steps {
        p.time("embedding fwd", 0.0, || {
            embedding::forward(&mut enc, &ids, &wte, &wpe, b, t, c, v, t)
        });
        for _ in 0..l {
            p.time("layernorm fwd", 0.0, || {
                layernorm::forward(&mut ln, &mut mean, &mut rstd, &enc, &gain, &zero_c[..c], b, t, c)
            });
            p.time("linear fwd", nf * 3.0 * cf * cf, || {
                linear::forward(&mut qkv, &ln, &w_attn, Some(&zero_c[..3 * c]), n, c, 3 * c)
            });
            // Causal attention needs about half of the T² products.
            let att_macs = b as f64 * nh as f64 * tf * tf * hs as f64;
            p.time("attention fwd", att_macs, || {
                attention::forward(&mut atty, &mut att, &mut scratch[..t * hs], &qkv, b, t, c, nh)
            });
            p.time("linear fwd", nf * cf * cf, || {
                linear::forward(&mut res2, &atty, &w_proj, Some(&zero_c[..c]), n, c, c)
            });
            p.time("residual add", 0.0, || {
                res2.iter_mut().zip(&enc).for_each(|(d, &s)| *d += s)
            });
            p.time("layernorm fwd", 0.0, || {
                layernorm::forward(&mut ln, &mut mean, &mut rstd, &res2, &gain, &zero_c[..c], b, t, c)
            });
            p.time("linear fwd", nf * 4.0 * cf * cf, || {
                linear::forward(&mut fch, &ln, &w_fc, Some(&zero_c), n, c, 4 * c)
            });
            p.time("gelu fwd", 0.0, || gelu::forward(&mut fchg, &fch, 4 * nc));
            p.time("linear fwd", nf * 4.0 * cf * cf, || {
                linear::forward(&mut res3, &fchg, &w_fcp, Some(&zero_c[..c]), n, 4 * c, c)
            });
            p.time("residual add", 0.0, || {
                res3.iter_mut().zip(&res2).for_each(|(d, &s)| *d += s)
            });
        }
        p.time("layernorm fwd", 0.0, || {
            layernorm::forward(&mut ln, &mut mean, &mut rstd, &res3, &gain, &zero_c[..c], b, t, c)
        });
        p.time("head fwd", nf * cf * v as f64, || {
            let wm = MatRef::new(&wte, v, c);
            matmul(MatRef::new(&ln, n, c), wm.t(), &mut logits, Base::Zero)
        });
        p.time("token loss", 0.0, || {
            token_loss::forward_backward(&mut logits, Some(&mut losses), &targets, b, t, v);
        });
        p.time("head bwd", 2.0 * nf * cf * v as f64, || {
            let dl = MatRef::new(&logits, n, v);
            matmul(dl, MatRef::new(&wte, v, c), &mut dln, Base::Zero);
            matmul(dl.t(), MatRef::new(&ln, n, c), &mut g[0], Base::Keep);
        });
        let [gte, gpe, gattn, gproj, gfc, gfcp, gb, gw, gbc] = &mut g;
        p.time("layernorm bwd", 0.0, || {
            layernorm::backward(&mut dres, gw, gbc, &dln, &res3, &gain, &mean, &rstd, b, t, c)
        });
        for _ in 0..l {
            p.time("linear bwd", 2.0 * nf * 4.0 * cf * cf, || {
                linear::backward(Some(&mut dfchg), gfcp, Some(&mut gb[..c]), &dres, &fchg, &w_fcp, n, 4 * c, c)
            });
            p.time("gelu bwd", 0.0, || gelu::backward(&mut dfch, &fch, &dfchg, 4 * nc));
            p.time("linear bwd", 2.0 * nf * 4.0 * cf * cf, || {
                linear::backward(Some(&mut dln), gfc, Some(&mut gb[..]), &dfch, &ln, &w_fc, n, c, 4 * c)
            });
            p.time("layernorm bwd", 0.0, || {
                layernorm::backward(&mut dres, gw, gbc, &dln, &res2, &gain, &mean, &rstd, b, t, c)
            });
            p.time("linear bwd", 2.0 * nf * cf * cf, || {
                linear::backward(Some(&mut datty), gproj, Some(&mut gb[..c]), &dres, &atty, &w_proj, n, c, c)
            });
            let att_macs = 2.0 * b as f64 * nh as f64 * tf * tf * hs as f64;
            p.time("attention bwd", att_macs, || {
                attention::backward(&mut dqkv, &mut scratch, &datty, &qkv, &att, b, t, c, nh)
            });
            p.time("linear bwd", 2.0 * nf * 3.0 * cf * cf, || {
                linear::backward(Some(&mut dln), gattn, Some(&mut gb[..3 * c]), &dqkv, &ln, &w_attn, n, c, 3 * c)
            });
            p.time("layernorm bwd", 0.0, || {
                layernorm::backward(&mut dres, gw, gbc, &dln, &enc, &gain, &mean, &rstd, b, t, c)
            });
        }
        p.time("embedding bwd", 0.0, || {
            embedding::backward(gte, gpe, &dres, &ids, b, t, c, v, t)
        });
        p.step();
    }
    p.v.into_iter().map(|x| Phase { name: x.0, ms: x.3, macs: x.2 / steps as f64 }).collect()
}

/// The phases as a text table (milliseconds, share, GFLOP/s) with the
/// total and the tokens per second it amounts to (`tokens` per step).
pub fn table(phases: &[Phase], tokens: usize) -> String {
    let total: f64 = phases.iter().map(|p| p.ms).sum();
    let mut s = format!("{:<16}{:>10}{:>8}{:>10}\n", "phase (fastest)", "ms/step", "share", "GFLOP/s");
    for p in phases {
        let gf = if p.macs > 0.0 { format!("{:.1}", 2.0 * p.macs / p.ms / 1e6) } else { "-".into() };
        s += &format!("{:<16}{:>10.3}{:>7.1}%{:>10}\n", p.name, p.ms, 100.0 * p.ms / total, gf);
    }
    s += &format!("{:<16}{:>10.3} ms/step = {:.0} tokens/s\n", "ops total", total, tokens as f64 / total * 1e3);
    s
}
