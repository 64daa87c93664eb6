//! The RLHF chapter's bindings: the run the worker trains phase by phase,
//! the pairs the reader labels, and what the page draws (curves as typed
//! arrays, everything else by name).

use super::results::{f32_array, to_js};
use crate::chapters::rlhf::{settings, Choice, Part, Phase, RlhfRun};
use crate::hub::{self, Precision};
use crate::data::corpus::parse;
use crate::models::Dataset;
use serde::Serialize;
use wasm_bindgen::prelude::*;

/// Where the run stands.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct State {
    phase: &'static str,
    pretrained: usize,
    finetuned: usize,
    rewarded: usize,
    updated: usize,
    dpo: usize,
    /// Labelled pairs the reward model trains on, and those held out.
    pairs: usize,
    held: usize,
    has_tuned: bool,
    has_reward: bool,
    has_policy: bool,
    /// Parameters of the GPT, and those the fine-tuning trains.
    params: usize,
    trainable: usize,
    vocab: usize,
    beta: f32,
    rule: &'static str,
    /// The fine-tuning text: `end` (the novel's) or `own`; whether the
    /// settings ask for an own text that was not given yet; its length;
    /// the characters of it the pre-training text never has.
    small: &'static str,
    own_missing: bool,
    small_chars: usize,
    new_chars: String,
    /// The reader's preferences as the link should carry them; while they
    /// wait for their model: its steps and their count; how many replayed;
    /// how many links' preferences were dropped (each one a note).
    prefs: String,
    prefs_waiting: bool,
    prefs_pre: u64,
    prefs_ft: u64,
    prefs_count: usize,
    prefs_replayed: usize,
    prefs_dropped: u32,
}

/// Two completions of one prompt.
#[derive(Serialize)]
struct Pair {
    prompt: String,
    first: String,
    second: String,
}

#[derive(Serialize)]
struct Sample {
    prompt: String,
    completion: String,
}

/// One RLHF chapter run.
#[wasm_bindgen]
pub struct RlhfLab {
    s: RlhfRun,
}

#[wasm_bindgen]
impl RlhfLab {
    /// A run for a link on the bytes of the shipped novel. A damaged file
    /// is refused with `corpus:<reason>: …`.
    #[wasm_bindgen(constructor)]
    pub fn new(query: &str, moby: &[u8]) -> Result<RlhfLab, JsError> {
        let c = parse(moby)
            .map_err(|e| JsError::new(&format!("corpus:{}: moby-dick.bin: {e}", e.name())))?;
        let text = c.docs.join("\n");
        let d = settings::decode(query, "1");
        let s = RlhfRun::new(settings::config(&d.settings), &text).map_err(|e| JsError::new(&e))?;
        Ok(RlhfLab { s })
    }

    /// Moves to a new link; returns 2 if the run started over.
    pub fn apply(&mut self, query: &str) -> u32 {
        let d = settings::decode(query, "1");
        u32::from(self.s.apply(settings::config(&d.settings))) << 1
    }

    /// Chooses what the play button trains: `pretrain`, `finetune`,
    /// `reward`, `policy` or `dpo`; false for any other name.
    pub fn set_phase(&mut self, name: &str) -> bool {
        match Phase::from_name(name) {
            Some(p) => {
                self.s.phase = p;
                true
            }
            None => false,
        }
    }

    /// `{phase, pretrained, finetuned, rewarded, updated, dpo, pairs, held,
    /// hasTuned, hasReward, hasPolicy, params, trainable, vocab, beta, rule}`.
    pub fn state(&self) -> JsValue {
        let r = &self.s;
        let lm = r.s.language_model();
        let waiting = r.pending_prefs();
        to_js(&State {
            phase: r.phase.name(),
            pretrained: r.pretrained,
            finetuned: r.finetuned,
            rewarded: r.rewarded,
            updated: r.updated,
            dpo: r.dpo,
            pairs: r.s.pairs.len(),
            held: r.s.held.len(),
            has_tuned: r.s.tuned.is_some(),
            has_reward: r.s.reward.is_some(),
            has_policy: r.s.policy.is_some(),
            params: lm.store.len(),
            trainable: lm.store.trainable(),
            vocab: r.s.tok.vocab_size(),
            beta: r.s.opts.beta,
            rule: r.s.opts.rule.name(),
            small: if r.config.own && !r.own_missing() { "own" } else { "end" },
            own_missing: r.own_missing(),
            small_chars: r.small().chars().count(),
            new_chars: r.new_characters().into_iter().collect(),
            prefs: r.prefs_value(),
            prefs_waiting: waiting.is_some(),
            prefs_pre: waiting.as_ref().map_or(0, |w| w.0),
            prefs_ft: waiting.as_ref().map_or(0, |w| w.1),
            prefs_count: waiting.as_ref().map_or(0, |w| crate::chapters::rlhf::prefs::choices(&w.2)),
            prefs_replayed: r.prefs_replayed,
            prefs_dropped: r.prefs_dropped,
        })
    }

    /// One curve as numbers: `preStep`, `preLoss` (pre-training);
    /// `ftStep`, `tuned`, `scratch` (validation loss on the small text);
    /// `rmStep`, `accuracy` (reward model, held-out pairs); `polStep`,
    /// `reward`, `kl`, `share` (policy update); `dpoStep`, `dpoLoss`,
    /// `dpoShare`. Unknown names give an empty array.
    pub fn series(&self, name: &str) -> js_sys::Float32Array {
        let r = &self.s;
        let s = &r.s;
        let v: Vec<f32> = match name {
            "preStep" => r.pre_losses.iter().map(|x| x.0 as f32).collect(),
            "preLoss" => r.pre_losses.iter().map(|x| x.1 as f32).collect(),
            "ftStep" => s.curves.iter().map(|x| x.0 as f32).collect(),
            "tuned" => s.curves.iter().map(|x| x.1 as f32).collect(),
            "scratch" => s.curves.iter().map(|x| x.2 as f32).collect(),
            "rmStep" => s.accuracy.iter().map(|x| x.0 as f32).collect(),
            "accuracy" => s.accuracy.iter().map(|x| x.1 as f32).collect(),
            "polStep" => s.history.iter().map(|x| x.0 as f32).collect(),
            "reward" => s.history.iter().map(|x| x.1 as f32).collect(),
            "kl" => s.history.iter().map(|x| x.2 as f32).collect(),
            "share" => s.history.iter().map(|x| x.3 as f32).collect(),
            "dpoStep" => s.dpo_history.iter().map(|x| x.0 as f32).collect(),
            "dpoLoss" => s.dpo_history.iter().map(|x| x.1 as f32).collect(),
            "dpoShare" => s.dpo_history.iter().map(|x| x.2 as f32).collect(),
            _ => Vec::new(),
        };
        f32_array(&v)
    }

    /// Two completions of one prompt by the language model, for the
    /// reader: `{prompt, first, second}`.
    pub fn offer(&mut self) -> JsValue {
        let (prompt, first, second) = self.s.s.offer_pair();
        to_js(&Pair {
            prompt,
            first,
            second,
        })
    }

    /// The reader's choice on the last offered pair: `first`, `second` or
    /// `same`; returns whether a pair was added.
    pub fn label(&mut self, choice: &str) -> bool {
        let c = match choice {
            "first" => Choice::First,
            "second" => Choice::Second,
            _ => Choice::Same,
        };
        self.s.s.label(c)
    }

    /// The reader's own fine-tuning text (see `RlhfRun::set_own`); returns
    /// the characters kept, or refuses with `corpus:<reason>: …`.
    pub fn set_own_text(&mut self, text: &str) -> Result<u32, JsError> {
        self.s
            .set_own(text)
            .map(|n| n as u32)
            .map_err(|e| JsError::new(&format!("corpus:own: {e}")))
    }

    /// Lets the rule label the link's number of pairs; returns how many
    /// were added.
    pub fn auto_label(&mut self) -> u32 {
        self.s.auto_label() as u32
    }

    /// `[{prompt, completion}]` for the first `n` prompts, by the updated
    /// policy (`policy`) or the language model, drawn from `seed`.
    pub fn samples(&mut self, policy: bool, n: u32, seed: u32) -> JsValue {
        let v: Vec<Sample> = self
            .s
            .s
            .samples(policy, (n as usize).min(16), u64::from(seed))
            .into_iter()
            .map(|(prompt, completion)| Sample { prompt, completion })
            .collect();
        to_js(&v)
    }

    /// `[{prompt, completion}]` by `pretrained` or `scratch` (the model
    /// trained from scratch on the small text), for the same prompts and
    /// seed as [`RlhfLab::samples`]; empty while there is no such model.
    pub fn samples_of(&mut self, which: &str, n: u32, seed: u32) -> JsValue {
        let v: Vec<Sample> = self
            .s
            .s
            .samples_of(which, (n as usize).min(16), u64::from(seed))
            .into_iter()
            .map(|(prompt, completion)| Sample { prompt, completion })
            .collect();
        to_js(&v)
    }
}

/// Export and import (see `chapters::rlhf::hub`): the policy as a
/// GPT2LMHeadModel folder, the reward model as a
/// GPT2ForSequenceClassification folder; import takes a policy folder
/// back as the pre-trained language model of its settings.
#[wasm_bindgen]
impl RlhfLab {
    /// The policy's folder as a zip archive (`half`: f16 tensors).
    pub fn hub_export(&mut self, query: &str, half: bool) -> Result<Vec<u8>, JsError> {
        self.export(Part::Policy, query, half)
    }

    /// The reward model's folder as a zip archive; an error while there
    /// is no reward model.
    pub fn hub_export_reward(&mut self, query: &str, half: bool) -> Result<Vec<u8>, JsError> {
        self.export(Part::Reward, query, half)
    }

    /// Loads a policy folder: `{ok, code, detail, message, …}`; on a
    /// refusal the run is unchanged.
    pub fn hub_load(&mut self, zip: &[u8]) -> JsValue {
        let r = hub::Folder::from_zip(zip)
            .and_then(hub::open)
            .and_then(|p| self.s.load_policy(&p));
        to_js(&match r {
            Ok(()) => super::hub::HubAnswer {
                ok: true,
                ..Default::default()
            },
            Err(e) => super::hub::HubAnswer::refused(&e),
        })
    }
}

impl RlhfLab {
    fn export(&mut self, part: Part, query: &str, half: bool) -> Result<Vec<u8>, JsError> {
        let p = if half { Precision::F16 } else { Precision::F32 };
        self.s
            .folder(part)
            .and_then(|mut f| hub::export(&mut f, query, p))
            .and_then(|f| f.to_zip())
            .map_err(|e| JsError::new(&e.to_string()))
    }
}

worker_calls!(RlhfLab);
