//! The GPT as a Hugging Face folder that `transformers` builds a
//! `GPT2LMHeadModel` from: GPT-2's configuration keys, its parameter names
//! and Conv1D layout ([in, out]) as the model already keeps them, the head
//! tied to `wte` (no tensor of its own), `tokenizer.json` for the
//! `tokenizers` library and `generation_config.json` with the page's
//! sampling settings. (The engine's LayerNorm epsilon is GPT-2's 1e-5,
//! `ops::layernorm::EPS`.) On import the tokenizer the settings rebuild must be
//! the one in the folder, byte for byte.

use super::settings::CorpusKind;
use super::GptSession;
use crate::data::hf_json;
use crate::hub::{Card, Description, Exportable, HubError, Metric, Package};
use crate::models::gpt::INIT_STD;
use crate::nn::ParamStore;
use serde_json::{json, Map, Value};

/// GPT-2's configuration keys for a model of these sizes.
pub fn gpt2_config(cfg: &crate::models::gpt::GptConfig) -> Map<String, Value> {
    let v = json!({
        "vocab_size": cfg.vocab,
        "n_positions": cfg.context,
        "n_ctx": cfg.context,
        "n_embd": cfg.n_embd,
        "n_layer": cfg.n_layer,
        "n_head": cfg.n_head,
        "n_inner": null,
        "activation_function": "gelu_new",
        "resid_pdrop": 0.0,
        "embd_pdrop": 0.0,
        "attn_pdrop": 0.0,
        "layer_norm_epsilon": 1e-5,
        "initializer_range": INIT_STD,
        "scale_attn_weights": true,
        "scale_attn_by_inverse_layer_idx": false,
        "reorder_and_upcast_attn": false,
        "tie_word_embeddings": true,
        "use_cache": true,
        "bos_token_id": null,
        "eos_token_id": null,
    });
    match v {
        Value::Object(m) => m,
        _ => Map::new(),
    }
}

impl Exportable for GptSession {
    const ROUTE: &'static str = "gpt";

    fn params(&self) -> &ParamStore {
        &self.trainer.model.store
    }

    fn params_mut(&mut self) -> &mut ParamStore {
        &mut self.trainer.model.store
    }

    fn describe(&mut self) -> Description {
        let valid = self.valid_loss();
        let s = &self.settings;
        let cfg = *self.trainer.model.config();
        let corpus = match s.corpus {
            CorpusKind::Poems => "Tang quatrains (Chinese, shipped with the page)",
            CorpusKind::Moby => "Moby-Dick (English, shipped with the page)",
            CorpusKind::Own => "the reader's own text",
        };
        let generation = json!({
            "do_sample": true,
            "temperature": s.temperature,
            "top_k": s.top_k,
            "top_p": s.top_p,
            "max_new_tokens": s.length,
        });
        let files = vec![
            (
                "tokenizer.json".to_string(),
                hf_json::export(self.tokenizer()).into_bytes(),
            ),
            (
                "generation_config.json".to_string(),
                serde_json::to_vec_pretty(&generation).unwrap_or_default(),
            ),
        ];
        let card = Card {
            title: format!("A {}-layer GPT-2 trained on {}", cfg.n_layer, corpus),
            summary: format!(
                "GPT-2's architecture (pre-LayerNorm blocks of causal self-attention and a GELU MLP, tied output head) \
                 at a small size: {} layers, {} heads, width {}, context {}, a vocabulary of {} tokens (characters \
                 plus {} learned BPE merges).",
                cfg.n_layer, cfg.n_head, cfg.n_embd, cfg.context, cfg.vocab, s.merges
            ),
            task: "text-generation",
            tags: vec!["gpt2", "text-generation"],
            datasets: vec![],
            data: format!(
                "{corpus}: {} training tokens and {} validation tokens under this tokenizer.",
                self.train_ids().len(),
                self.valid_ids().len()
            ),
            metrics: vec![
                Metric { kind: "loss", name: "validation cross-entropy (nats per token)".into(), value: valid },
                Metric { kind: "perplexity", name: "validation perplexity".into(), value: valid.exp() },
                Metric { kind: "loss", name: "bigram baseline, validation".into(), value: self.refs.bigram_valid },
            ],
            training: format!(
                "AdamW at learning rate {} ({} warm-up steps, cosine decay over {}), weight decay {}, clipping at {}, \
                 batches of {} sequences of {} tokens; {} steps ({} tokens).",
                s.learning_rate, s.warmup, s.decay_steps, s.weight_decay, s.clip, s.batch_size, cfg.context,
                self.trainer.steps, self.tokens_trained()
            ),
            limits: "A tiny model trained for minutes on one text: it imitates the text's surface (characters, common \
                     words, line shapes) and knows nothing else. No special tokens: generation runs for a set length."
                .into(),
            load: GPT_LOAD.into(),
            library: "transformers",
        };
        let config = gpt2_config(&cfg);
        Description {
            architecture: "GPT2LMHeadModel".into(),
            model_type: "gpt2".into(),
            config,
            card,
            files,
        }
    }

    fn check(&self, package: &Package) -> Result<(), HubError> {
        let theirs = package.folder.need("tokenizer.json")?;
        let ours = hf_json::export(self.tokenizer());
        if theirs != ours.as_bytes() {
            return Err(HubError::Tokenizer(format!(
                "the settings rebuild a tokenizer of {} tokens that differs from the folder's{}",
                self.tokenizer().vocab_size(),
                if self.settings.corpus == CorpusKind::Own {
                    " (give the page the same text first)"
                } else {
                    ""
                }
            )));
        }
        Ok(())
    }
}

const GPT_LOAD: &str = r#"from transformers import GPT2LMHeadModel, PreTrainedTokenizerFast
model = GPT2LMHeadModel.from_pretrained(".")  # needs PyTorch
tok = PreTrainedTokenizerFast(tokenizer_file="tokenizer.json")
ids = tok("床前", return_tensors="pt").input_ids
print(tok.decode(model.generate(ids, do_sample=True, max_new_tokens=40)[0]))"#;
