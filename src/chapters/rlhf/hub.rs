//! The RLHF chapter's models as Hugging Face folders.
//!
//! - The policy (the language model after the policy update, or before it
//!   if there was none) as a `GPT2LMHeadModel`: LoRA adapters folded into
//!   c_attn (`Gpt::merge_lora`), so only GPT-2's own names are written,
//!   with the character tokenizer as `tokenizer.json`.
//! - The reward model as a `GPT2ForSequenceClassification`: GPT-2's body
//!   names plus `score.weight` [num_labels = 1, n_embd], one label
//!   (`id2label`), and `pad_token_id` set to `<unk>` (id 0), which the
//!   chapter's texts never contain, so transformers scores the last
//!   position of an unpadded text as the engine does.
//!
//! Import (`RlhfRun::load_policy`) takes the policy's folder back as the
//! pre-trained language model of a fresh run of its settings, the later
//! steps started over; the reward model's folder is for Python and is
//! refused on import with that reason.

use super::run::RlhfRun;
use crate::chapters::gpt::gpt2_config;
use crate::data::hf_json;
use crate::hub::{self, Card, Description, Exportable, HubError, Metric, Package};
use crate::models::gpt::{Gpt, GptConfig};
use crate::models::Dataset;
use crate::nn::ParamStore;
use crate::train::Trainable;
use serde_json::{json, Value};

/// Which model leaves.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Part {
    Policy,
    Reward,
}

/// A model of the run, ready to be written: its plain store (GPT-2's
/// names, adapters merged) and what its card says.
pub struct RlhfFolder {
    pub part: Part,
    pub store: ParamStore,
    config: GptConfig,
    tokenizer: String,
    card: Card,
}

/// `gpt`'s weights with the adapters folded in and only the model's own
/// names (`transformer.*`, and `score.weight` for a reward model).
pub fn plain_store(gpt: &Gpt) -> ParamStore {
    let mut g = gpt.copy();
    g.merge_lora();
    let mut s = ParamStore::default();
    for v in &g.store.views {
        if v.name.starts_with("lora.") {
            continue;
        }
        let p = s.add(v.name.clone(), &v.shape, v.decay);
        p.of_mut(&mut s.data)
            .copy_from_slice(&g.store.data[v.range()]);
    }
    s
}

fn metric(kind: &'static str, name: &str, value: f64) -> Metric {
    Metric {
        kind,
        name: name.into(),
        value,
    }
}

impl RlhfRun {
    /// The policy's or the reward model's folder contents; the reward
    /// model's is refused while there is none.
    pub fn folder(&self, part: Part) -> Result<RlhfFolder, HubError> {
        let s = &self.s;
        let held = s.held.len();
        let acc = s.accuracy.last().map_or(f64::NAN, |a| a.1);
        let rule = s.opts.rule.statement();
        let pairs = format!(
            "{} labelled pairs ({} by the reader's clicks, {} by the rule), every fifth held out ({held})",
            s.pairs.len() + held,
            s.pairs.len() + held - s.by_rule.min(s.pairs.len() + held),
            s.by_rule
        );
        let small = if self.config.own && !self.own_missing() {
            "a text of the reader's own"
        } else {
            "the novel's end"
        };
        let (gpt, card) = match part {
            Part::Policy => {
                let (gpt, what) = match &s.policy {
                    Some(p) => (
                        &p.model.gpt,
                        format!("after {} policy-update steps (REINFORCE with a KL penalty to the language model, β = {})", self.updated, s.opts.beta),
                    ),
                    None => (s.language_model(), "before any policy update (the language model as pre-trained and fine-tuned)".to_string()),
                };
                let last = s
                    .history
                    .last()
                    .copied()
                    .unwrap_or((0, f64::NAN, f64::NAN, f64::NAN));
                let card = Card {
                    title: format!("A {}-layer character GPT-2 tuned by RLHF in a browser tab", gpt.config().n_layer),
                    summary: format!(
                        "GPT-2's architecture at a tiny size, pre-trained on the start of Moby-Dick, fine-tuned on {small}, {what}. LoRA adapters, if any, are merged into c_attn."
                    ),
                    task: "text-generation",
                    tags: vec!["gpt2", "text-generation", "rlhf"],
                    datasets: vec![],
                    data: format!("Moby-Dick (English, shipped with the page): {} pre-training steps, {} fine-tuning steps. Reward model trained on {pairs}; labeller: {rule}.", self.pretrained, self.finetuned),
                    metrics: vec![
                        metric("reward", "mean reward of the last policy step's batch", last.1),
                        metric("kl", "KL to the language model at the last step (nats per completion)", last.2),
                        metric("accuracy", "share of the last step's batch the labeller's rule is satisfied by", last.3),
                        metric("accuracy", "reward model's held-out pair accuracy", acc),
                    ],
                    training: format!(
                        "AdamW, batches of {} windows of {} characters; policy update on 32 prompts of {} characters a step, completions of {} characters.",
                        s.opts.batch, s.opts.context, s.opts.prompt, s.opts.context - s.opts.prompt
                    ),
                    limits: "A tiny model trained for seconds: it imitates the surface of the novel's text and whatever the reward model paid for. No special tokens.".into(),
                    load: POLICY_LOAD.into(),
                    library: "transformers",
                };
                (gpt, card)
            }
            Part::Reward => {
                let Some(rm) = &s.reward else {
                    return Err(HubError::MissingTensor(
                        "score.weight (no reward model yet: train one in step 2)".into(),
                    ));
                };
                let card = Card {
                    title: "A character GPT-2 reward model (GPT2ForSequenceClassification, one score)".into(),
                    summary: "GPT-2's body, initialised from the language model, with a linear head `score.weight` [1, n_embd] on the last position's final-LayerNorm output, trained with the Bradley–Terry loss so that the preferred text of each pair scores higher.".into(),
                    task: "text-classification",
                    tags: vec!["gpt2", "reward-model", "rlhf"],
                    datasets: vec![],
                    data: format!("Pairs of completions of prompts from the end of Moby-Dick by the language model: {pairs}. Labeller: {rule}."),
                    metrics: vec![
                        metric("accuracy", &format!("held-out pair accuracy ({held} pairs)"), acc),
                        metric("loss", "Bradley–Terry loss of the last step", self.s.reward.as_ref().map_or(f64::NAN, |r| r.last_loss)),
                    ],
                    training: format!("AdamW at 0.001, batches of {} pairs, {} steps.", s.opts.batch, self.rewarded),
                    limits: "Scores only differences: a constant added to every score changes nothing. Learnt from a few hundred pairs; it rewards what correlates with the labeller's choices, not the rule itself.".into(),
                    load: REWARD_LOAD.into(),
                    library: "transformers",
                };
                (&rm.model.gpt, card)
            }
        };
        Ok(RlhfFolder {
            part,
            store: plain_store(gpt),
            config: *gpt.config(),
            tokenizer: hf_json::export(&s.tok),
            card,
        })
    }

    /// Loads a policy folder's weights as the pre-trained language model,
    /// after the run was rebuilt for the folder's settings: the later steps
    /// start over. A reward model's folder, another chapter's, a different
    /// tokenizer or a wrong shape is refused and nothing changes.
    pub fn load_policy(&mut self, package: &Package) -> Result<(), HubError> {
        if package.architecture != "GPT2LMHeadModel" {
            return Err(HubError::UnknownArchitecture(format!(
                "{}: the page takes back the policy (GPT2LMHeadModel); the reward model's folder is for Python",
                package.architecture
            )));
        }
        let mut target = RlhfFolder {
            part: Part::Policy,
            store: plain_store(&self.s.pre.model),
            config: *self.s.pre.model.config(),
            tokenizer: hf_json::export(&self.s.tok),
            card: Card::default(),
        };
        hub::load(&mut target, package)?;
        let fresh = target.store;
        self.reset();
        let st = &mut self.s.pre.model.store;
        for v in &fresh.views {
            let r = st.find(&v.name).expect("the same names").range();
            st.data[r].copy_from_slice(&fresh.data[v.range()]);
        }
        Ok(())
    }
}

impl Exportable for RlhfFolder {
    const ROUTE: &'static str = "rlhf";

    fn params(&self) -> &ParamStore {
        &self.store
    }

    fn params_mut(&mut self) -> &mut ParamStore {
        &mut self.store
    }

    fn describe(&mut self) -> Description {
        let mut config = gpt2_config(&self.config);
        let architecture = match self.part {
            Part::Policy => "GPT2LMHeadModel",
            Part::Reward => {
                config.insert("id2label".into(), json!({"0": "LABEL_0"}));
                config.insert("label2id".into(), json!({"LABEL_0": 0}));
                config.insert("pad_token_id".into(), Value::from(0));
                "GPT2ForSequenceClassification"
            }
        };
        Description {
            architecture: architecture.into(),
            model_type: "gpt2".into(),
            config,
            card: self.card.clone(),
            files: vec![(
                "tokenizer.json".to_string(),
                self.tokenizer.clone().into_bytes(),
            )],
        }
    }

    fn check(&self, package: &Package) -> Result<(), HubError> {
        if package.folder.need("tokenizer.json")? != self.tokenizer.as_bytes() {
            return Err(HubError::Tokenizer(
                "the settings rebuild a character vocabulary that differs from the folder's".into(),
            ));
        }
        Ok(())
    }
}

const POLICY_LOAD: &str = r#"from transformers import GPT2LMHeadModel, PreTrainedTokenizerFast
model = GPT2LMHeadModel.from_pretrained(".")  # needs PyTorch
tok = PreTrainedTokenizerFast(tokenizer_file="tokenizer.json")
ids = tok("Call me ", return_tensors="pt").input_ids
print(tok.decode(model.generate(ids, do_sample=True, max_new_tokens=24, bad_words_ids=[[0]])[0]))"#;

const REWARD_LOAD: &str = r#"from transformers import GPT2ForSequenceClassification, PreTrainedTokenizerFast
model = GPT2ForSequenceClassification.from_pretrained(".")  # needs PyTorch
tok = PreTrainedTokenizerFast(tokenizer_file="tokenizer.json")
ids = tok("Call me Ishmael. Some years ago", return_tensors="pt").input_ids
print(model(ids).logits[0, 0].item())  # the reward: higher is preferred"#;
