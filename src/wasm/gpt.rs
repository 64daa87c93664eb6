//! The attention chapter's handle, owned by the page's worker: the session
//! (texts, tokenizer, model, trainer), a generation under way, and the
//! last principal axes of the embeddings (so their picture moves smoothly).

use super::results::{f32_array, to_js};
use crate::chapters::gpt::probe::Generation;
use crate::chapters::gpt::scramble::scramble;
use crate::chapters::gpt::{settings, GptSession, Texts};
use crate::data::corpus::{from_pasted, parse, CorpusError};
use crate::data::hf_json;
use crate::models::gpt::Sampling;
use serde::Serialize;
use wasm_bindgen::prelude::*;

fn corpus_error(which: &str, e: CorpusError) -> JsError {
    JsError::new(&format!("corpus:{}: {which}: {e}", e.name()))
}

/// Sets `key` of a plain object to `value`.
fn set(obj: &JsValue, key: &str, value: &JsValue) {
    let _ = js_sys::Reflect::set(obj, &JsValue::from_str(key), value);
}

/// The data, tokenizer and model, for the page's labels.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Info {
    corpus: &'static str,
    has_own_text: bool,
    vocab: usize,
    chars: usize,
    merges: usize,
    merges_wanted: usize,
    train_tokens: usize,
    valid_tokens: usize,
    train_chars: usize,
    valid_chars: usize,
    params: usize,
    /// Values, gradients and Adam's two moments, 4 bytes each.
    param_bytes: usize,
    workspace_bytes: usize,
    layers: usize,
    width: usize,
    heads: usize,
    context: usize,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct MergeRow<'a> {
    left: &'a str,
    right: &'a str,
    token: &'a str,
    count: u32,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Figures {
    step: f64,
    tokens_trained: f64,
    train_loss: f64,
    valid_loss: f64,
    unigram_train: f64,
    unigram_valid: f64,
    bigram_train: f64,
    bigram_valid: f64,
}

#[derive(Serialize)]
struct Tokenized<'a> {
    ids: Vec<u32>,
    tokens: Vec<&'a str>,
    counts: Vec<u32>,
}

#[derive(Serialize)]
struct Candidate<'a> {
    id: u32,
    token: &'a str,
    p: f32,
}

#[derive(Serialize)]
struct GenToken<'a> {
    id: u32,
    token: &'a str,
    top: Vec<Candidate<'a>>,
}

/// One attention chapter session.
#[wasm_bindgen]
pub struct GptLab {
    s: GptSession,
    gen: Option<Generation>,
    /// The last principal axes of the token and position embeddings.
    axes: [Vec<f32>; 2],
}

#[wasm_bindgen]
impl GptLab {
    /// A session for a link on the bytes of the two shipped corpora. A
    /// damaged file is refused with `corpus:<reason>: <file>: <explanation>`.
    #[wasm_bindgen(constructor)]
    pub fn new(query: &str, poems: &[u8], moby: &[u8]) -> Result<GptLab, JsError> {
        let poems = parse(poems).map_err(|e| corpus_error("tang-quatrains.bin", e))?;
        let moby = parse(moby).map_err(|e| corpus_error("moby-dick.bin", e))?;
        let d = settings::decode(query, "1");
        let texts = Texts {
            poems,
            moby,
            own: None,
        };
        Ok(GptLab {
            s: GptSession::new(settings::config(&d.settings), texts),
            gen: None,
            axes: Default::default(),
        })
    }

    /// Moves to a new link: 1 if the text or tokenizer changed, plus 2 if
    /// the model was rebuilt.
    pub fn apply(&mut self, query: &str) -> u32 {
        let d = settings::decode(query, "1");
        let flags = self.s.apply(settings::config(&d.settings));
        if flags & 2 != 0 {
            self.axes = Default::default();
        }
        flags
    }

    /// Takes the reader's own text (capped, checked); refused with
    /// `corpus:<reason>: <explanation>`.
    pub fn set_own_text(&mut self, text: &str) -> Result<(), JsError> {
        let c = from_pasted(text).map_err(|e| corpus_error("your text", e))?;
        self.s.set_own_text(c);
        self.axes = Default::default();
        Ok(())
    }

    /// `{corpus, hasOwnText, vocab, chars, merges, mergesWanted,
    /// trainTokens, validTokens, trainChars, validChars, params,
    /// paramBytes, workspaceBytes, layers, width, heads, context}`.
    pub fn info(&self) -> JsValue {
        let st = &self.s.settings;
        let tok = self.s.tokenizer();
        let m = self.s.model();
        to_js(&Info {
            corpus: match st.corpus {
                settings::CorpusKind::Poems => "poems",
                settings::CorpusKind::Moby => "moby",
                settings::CorpusKind::Own => "own",
            },
            has_own_text: self.s.has_own_text(),
            vocab: tok.vocab_size(),
            chars: tok.char_count(),
            merges: tok.merges().len(),
            merges_wanted: st.merges,
            train_tokens: self.s.train_ids().len(),
            valid_tokens: self.s.valid_ids().len(),
            train_chars: self.s.split().train.chars().count(),
            valid_chars: self.s.split().valid.chars().count(),
            params: m.store.len(),
            param_bytes: 16 * m.store.len(),
            workspace_bytes: 4 * m.config().workspace(st.batch_size, st.context),
            layers: st.layers,
            width: st.width,
            heads: st.heads,
            context: st.context,
        })
    }

    /// The merges from number `from` on: `[{left, right, token, count}]`.
    pub fn merges(&self, from: u32) -> JsValue {
        let tok = self.s.tokenizer();
        let rows: Vec<MergeRow> = tok.merges()[(from as usize).min(tok.merges().len())..]
            .iter()
            .map(|m| MergeRow {
                left: tok.token(m.left),
                right: tok.token(m.right),
                token: tok.token(m.result),
                count: m.count,
            })
            .collect();
        to_js(&rows)
    }

    /// How often each token occurs in the training text, by id.
    pub fn token_counts(&self) -> Vec<u32> {
        self.s.token_counts().to_vec()
    }

    /// A sentence the model never trained on: the start of the first
    /// validation document, up to its first full stop past 20 characters
    /// (else up to a space past 80 characters; at most 120 characters).
    pub fn offered_sentence(&self) -> String {
        let doc = self.s.split().valid.lines().next().unwrap_or("");
        let mut out = String::new();
        for (i, c) in doc.chars().enumerate() {
            if i >= 120 || (i >= 80 && c == ' ') {
                break;
            }
            out.push(c);
            if i >= 20 && matches!(c, '。' | '.' | '!' | '?' | '！' | '？') {
                break;
            }
        }
        out
    }

    /// Every token's text, by id.
    pub fn vocab(&self) -> JsValue {
        to_js(&self.s.tokenizer().tokens())
    }

    /// `text` (at most 2,000 characters) as tokens: `{ids, tokens, counts}`
    /// with each token's count in the training text.
    pub fn tokenize(&self, text: &str) -> JsValue {
        let text: String = text.chars().take(2000).collect();
        let tok = self.s.tokenizer();
        let ids = tok.encode(&text);
        let counts = ids
            .iter()
            .map(|&i| self.s.token_counts().get(i as usize).copied().unwrap_or(0))
            .collect();
        let tokens = ids.iter().map(|&i| tok.token(i)).collect();
        to_js(&Tokenized {
            ids,
            tokens,
            counts,
        })
    }

    /// The tokenizer as Hugging Face `tokenizer.json` text.
    pub fn export_tokenizer(&self) -> String {
        hf_json::export(self.s.tokenizer())
    }

    /// The chart's figures (and a new training-loss average): `{step,
    /// tokensTrained, trainLoss, validLoss, unigramTrain, unigramValid,
    /// bigramTrain, bigramValid}`.
    pub fn figures(&mut self) -> JsValue {
        let f = self.s.figures();
        to_js(&Figures {
            step: f.step as f64,
            tokens_trained: f.tokens_trained as f64,
            train_loss: f.train_loss,
            valid_loss: f.valid_loss,
            unigram_train: f.refs.unigram_train,
            unigram_valid: f.refs.unigram_valid,
            bigram_train: f.refs.bigram_train,
            bigram_valid: f.refs.bigram_valid,
        })
    }

    /// Optimizer steps taken.
    pub fn steps(&self) -> f64 {
        self.s.steps() as f64
    }

    /// Tokens trained on.
    pub fn tokens_trained(&self) -> f64 {
        self.s.tokens_trained() as f64
    }

    /// What the model writes now: `n` tokens after a newline.
    pub fn sample_now(&self, n: u32, seed: u32) -> String {
        self.s.sample_now((n as usize).min(1000), u64::from(seed))
    }

    /// The attention of every head for `text`: `{ids, tokens, layers,
    /// heads, weights}` with weights a Float32Array [L,NH,T,T].
    pub fn attention(&mut self, text: &str) -> JsValue {
        let a = self.s.attention_maps(text);
        let tok = self.s.tokenizer();
        #[derive(Serialize)]
        struct Maps<'a> {
            ids: &'a [u32],
            tokens: Vec<&'a str>,
            layers: usize,
            heads: usize,
        }
        let obj = to_js(&Maps {
            ids: &a.ids,
            tokens: a.ids.iter().map(|&i| tok.token(i)).collect(),
            layers: a.layers,
            heads: a.heads,
        });
        set(&obj, "weights", &f32_array(&a.weights).into());
        obj
    }

    /// Each token of `text` and the loss of each but the first: `{ids,
    /// tokens, losses}` (losses[i] is token i + 1's).
    pub fn token_losses(&mut self, text: &str) -> JsValue {
        let (ids, losses) = self.s.token_losses(text);
        let tok = self.s.tokenizer();
        #[derive(Serialize)]
        struct Losses<'a> {
            ids: &'a [u32],
            tokens: Vec<&'a str>,
            losses: Vec<f32>,
        }
        to_js(&Losses {
            ids: &ids,
            tokens: ids.iter().map(|&i| tok.token(i)).collect(),
            losses,
        })
    }

    /// Token (or position) embeddings on their two principal components:
    /// `{coords, share}` with coords a Float32Array [N,2].
    pub fn projection(&mut self, positions: bool) -> JsValue {
        let k = usize::from(positions);
        let p = self.s.projection(positions, &self.axes[k]);
        self.axes[k] = p.axes.clone();
        let obj = to_js(&Share { share: p.share });
        set(&obj, "coords", &f32_array(&p.coords).into());
        obj
    }

    /// The `k` tokens nearest token `id` (cosine similarity of their
    /// embeddings): `[{id, token, p}]` with p the similarity.
    pub fn neighbours(&self, id: u32, k: u32) -> JsValue {
        let tok = self.s.tokenizer();
        let rows: Vec<Candidate> = self
            .s
            .neighbours(id, (k as usize).min(50))
            .into_iter()
            .map(|(id, p)| Candidate {
                id,
                token: tok.token(id),
                p,
            })
            .collect();
        to_js(&rows)
    }

    /// Starts a generation after `prompt` with the current weights; returns
    /// the prompt's `{ids, tokens}`. Sizes come clamped to the caps.
    pub fn gen_start(
        &mut self,
        prompt: &str,
        temperature: f32,
        top_k: u32,
        top_p: f32,
        length: u32,
        seed: u32,
    ) -> JsValue {
        let prompt: String = prompt.chars().take(settings::MAX_PROMPT).collect();
        let sampling = Sampling {
            temperature: if temperature.is_finite() {
                temperature.clamp(0.0, 2.0)
            } else {
                0.0
            },
            top_k: top_k as usize,
            top_p: if top_p.is_finite() {
                top_p.clamp(0.01, 1.0)
            } else {
                1.0
            },
        };
        let length = (length as usize).clamp(1, settings::MAX_LENGTH);
        let (g, ids) = self
            .s
            .generation(&prompt, sampling, length, u64::from(seed));
        self.gen = Some(g);
        let tok = self.s.tokenizer();
        to_js(&Tokenized {
            tokens: ids.iter().map(|&i| tok.token(i)).collect(),
            counts: Vec::new(),
            ids,
        })
    }

    /// Up to `n` more tokens of the generation under way: `[{id, token,
    /// top: [{id, token, p}]}]` (empty when none is under way).
    pub fn gen_next(&mut self, n: u32) -> JsValue {
        let Some(g) = &mut self.gen else {
            return to_js(&Vec::<u32>::new());
        };
        let made = g.next(n as usize);
        let tok = self.s.tokenizer();
        let rows: Vec<GenToken> = made
            .iter()
            .map(|m| GenToken {
                id: m.id,
                token: tok.token(m.id),
                top: m
                    .top
                    .iter()
                    .map(|&(id, p)| Candidate {
                        id,
                        token: tok.token(id),
                        p,
                    })
                    .collect(),
            })
            .collect();
        if g.left() == 0 {
            self.gen = None;
        }
        to_js(&rows)
    }

    /// Tokens the generation under way has still to make (0: none).
    pub fn gen_left(&self) -> u32 {
        self.gen.as_ref().map_or(0, |g| g.left() as u32)
    }

    /// Stops the generation under way.
    pub fn gen_stop(&mut self) {
        self.gen = None;
    }
}

#[derive(Serialize)]
struct Share {
    share: [f64; 2],
}

/// `text` with the letters inside every word (the characters inside every
/// Chinese phrase) shuffled, first and last kept; seeded.
#[wasm_bindgen]
pub fn gpt_scramble(text: &str, seed: u32) -> String {
    let text: String = text.chars().take(settings::MAX_PROMPT).collect();
    scramble(&text, u64::from(seed))
}

worker_calls!(GptLab);
hub_calls!(GptLab);
