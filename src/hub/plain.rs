//! Folders written by other programs, without a chapter: a GPT-2 (the keys
//! and names `transformers` writes for `GPT2LMHeadModel`) and a dense
//! network (`NeuroplayMlp`: `layer_sizes`, `activation`,
//! `output_activation`, weights [in × out]). Each is built at the sizes
//! config.json gives, within the engine's caps, and loaded strictly.

use super::error::HubError;
use super::package::Package;
use super::tensors::{self, Tensor};
use crate::models::gpt::{Gpt, GptConfig, MAX_CONTEXT, MAX_EMBD, MAX_HEADS, MAX_LAYERS, MAX_VOCAB};
use crate::models::{Mlp, MlpSpec};
use crate::nn::Init;
use crate::ops::Activation;
use crate::rng::Rng;
use serde_json::Value;

/// Most layers and widest layer of an imported dense network.
pub const MAX_MLP_LAYERS: usize = 16;
pub const MAX_MLP_WIDTH: usize = 1024;

/// A GPT-2 from its folder. Refuses what the engine's GPT does not compute:
/// an activation other than `gelu_new`, another LayerNorm epsilon, an
/// untied head, an inner width other than 4·n_embd.
pub fn gpt(p: &Package) -> Result<Gpt, HubError> {
    if p.model_type != "gpt2" && p.architecture != "GPT2LMHeadModel" {
        return Err(HubError::UnknownArchitecture(p.architecture.clone()));
    }
    let cfg = GptConfig {
        vocab: p.size("vocab_size", MAX_VOCAB)?,
        context: p.size("n_positions", MAX_CONTEXT)?,
        n_layer: p.size("n_layer", MAX_LAYERS)?,
        n_head: p.size("n_head", MAX_HEADS)?,
        n_embd: p.size("n_embd", MAX_EMBD)?,
    };
    cfg.validate().map_err(HubError::Config)?;
    let act = p
        .config
        .get("activation_function")
        .and_then(Value::as_str)
        .unwrap_or("gelu_new");
    if act != "gelu_new" {
        return Err(HubError::Config(format!(
            "activation_function {act:?}: this engine computes gelu_new"
        )));
    }
    let eps = p
        .config
        .get("layer_norm_epsilon")
        .and_then(Value::as_f64)
        .unwrap_or(1e-5);
    if (eps - 1e-5).abs() > 1e-12 {
        return Err(HubError::Config(format!(
            "layer_norm_epsilon {eps}: this engine uses 1e-05"
        )));
    }
    if p.config.get("tie_word_embeddings").and_then(Value::as_bool) == Some(false) {
        return Err(HubError::Config(
            "tie_word_embeddings is false: the head must be the token embedding".into(),
        ));
    }
    match p.config.get("n_inner") {
        None | Some(Value::Null) => {}
        Some(v) if v.as_u64() == Some(4 * cfg.n_embd as u64) => {}
        Some(v) => {
            return Err(HubError::Config(format!(
                "n_inner {v}: this engine uses 4·n_embd"
            )))
        }
    }
    let mut model = Gpt::new(cfg, &mut Rng::new(0)).map_err(HubError::Config)?;
    // transformers may also save the attention masks (buffers, not
    // parameters) and the tied head; the head must equal the embedding.
    let wte = p.tensor("transformer.wte.weight")?;
    let mut kept: Vec<Tensor> = Vec::with_capacity(p.tensors.len());
    for t in &p.tensors {
        let buffer = t.name.starts_with("transformer.h.")
            && (t.name.ends_with(".attn.bias") || t.name.ends_with(".attn.masked_bias"));
        if buffer {
            continue;
        }
        if t.name == "lm_head.weight" {
            if t.shape != wte.shape || t.data != wte.data {
                return Err(HubError::Config(
                    "lm_head.weight differs from transformer.wte.weight (untied head)".into(),
                ));
            }
            continue;
        }
        kept.push(t.clone());
    }
    tensors::load(&mut model.store, &kept)?;
    Ok(model)
}

fn activation(p: &Package, key: &str) -> Result<Activation, HubError> {
    let name = p.text(key)?;
    Activation::ALL
        .iter()
        .copied()
        .find(|a| a.name() == name)
        .ok_or_else(|| {
            HubError::Config(format!(
                "{key} {name:?} is not one of this engine's activations"
            ))
        })
}

/// A dense network from its folder, and whether a softmax follows the last
/// layer (`output_activation: "softmax"`).
pub fn mlp(p: &Package) -> Result<(Mlp, bool), HubError> {
    let sizes = p
        .config
        .get("layer_sizes")
        .and_then(Value::as_array)
        .ok_or_else(|| HubError::Config("layer_sizes is missing or not a list".into()))?;
    if sizes.len() < 2 || sizes.len() > MAX_MLP_LAYERS + 1 {
        return Err(HubError::Config(format!(
            "layer_sizes has {} entries, not 2..={}",
            sizes.len(),
            MAX_MLP_LAYERS + 1
        )));
    }
    let mut widths = Vec::with_capacity(sizes.len());
    for v in sizes {
        match v.as_u64() {
            Some(n) if n >= 1 && n <= MAX_MLP_WIDTH as u64 => widths.push(n as usize),
            _ => {
                return Err(HubError::Config(format!(
                    "layer_sizes entry {v} is not in 1..={MAX_MLP_WIDTH}"
                )))
            }
        }
    }
    let layout = p
        .config
        .get("weight_layout")
        .and_then(Value::as_str)
        .unwrap_or("in_out");
    if layout != "in_out" {
        return Err(HubError::Config(format!(
            "weight_layout {layout:?}: weights must be [in, out]"
        )));
    }
    let softmax = p.text("output_activation")? == "softmax";
    let output_activation = if softmax {
        Activation::Linear
    } else {
        activation(p, "output_activation")?
    };
    let spec = MlpSpec {
        inputs: widths[0],
        hidden: widths[1..widths.len() - 1].to_vec(),
        outputs: widths[widths.len() - 1],
        activation: activation(p, "activation")?,
        output_activation,
        init: Init::Zero,
    };
    let mut net = Mlp::new(spec, &mut Rng::new(0));
    tensors::load(&mut net.store, &p.tensors)?;
    Ok((net, softmax))
}
