//! Opening a folder: config.json read and checked, model.safetensors read
//! strictly, the chapter and its settings found. What comes out is whole
//! and consistent, or an error naming the first fault.

use super::archive::Folder;
use super::error::HubError;
use super::tensors::{self, Tensor};
use super::FORMAT;
use serde_json::Value;

/// Largest config.json read (bytes).
pub const MAX_CONFIG: usize = 256 << 10;

/// Chapters whose models travel as folders (one line per chapter).
pub static WITH_MODELS: &[&str] = &["playground", "digits", "cnn", "gpt", "dbn", "lstm", "perceptron", "rlhf"];

/// Architectures read without a `neuroplay` section (folders written by
/// other programs): loaded natively by [`crate::hub`]'s callers that know them.
pub static PLAIN: &[&str] = &["GPT2LMHeadModel", "NeuroplayMlp"];

/// A checked folder.
#[derive(Clone, Debug)]
pub struct Package {
    /// The chapter that made it (None for a plain architecture).
    pub route: Option<String>,
    /// The chapter's settings as a canonical link (empty when plain).
    pub settings: String,
    /// The training seed as the settings give it (empty when plain).
    pub seed: String,
    /// `architectures[0]`.
    pub architecture: String,
    /// `model_type` ("" when absent).
    pub model_type: String,
    /// The whole config.json.
    pub config: Value,
    /// Every tensor, checked finite and within the caps.
    pub tensors: Vec<Tensor>,
    /// The files as read (the GPT's tokenizer is checked against them).
    pub folder: Folder,
}

impl Package {
    /// A whole-number key of config.json, checked to lie in 1..=max.
    pub fn size(&self, key: &str, max: usize) -> Result<usize, HubError> {
        let v = self
            .config
            .get(key)
            .ok_or_else(|| HubError::Config(format!("{key} is missing")))?;
        match v.as_u64() {
            Some(n) if n >= 1 && n <= max as u64 => Ok(n as usize),
            _ => Err(HubError::Config(format!(
                "{key} = {v} is not a whole number in 1..={max}"
            ))),
        }
    }

    /// A text key of config.json.
    pub fn text(&self, key: &str) -> Result<&str, HubError> {
        self.config
            .get(key)
            .and_then(Value::as_str)
            .ok_or_else(|| HubError::Config(format!("{key} is missing or not text")))
    }

    /// The tensor called `name`.
    pub fn tensor(&self, name: &str) -> Result<&Tensor, HubError> {
        self.tensors
            .iter()
            .find(|t| t.name == name)
            .ok_or_else(|| HubError::MissingTensor(name.to_string()))
    }
}

/// Parses a JSON file of the folder, naming it on failure.
pub fn json(folder: &Folder, name: &str) -> Result<Value, HubError> {
    let bytes = folder.need(name)?;
    if bytes.len() > MAX_CONFIG && name == "config.json" {
        return Err(HubError::TooLarge {
            what: name.into(),
            size: bytes.len() as u64,
            cap: MAX_CONFIG as u64,
        });
    }
    serde_json::from_slice(bytes).map_err(|e| HubError::Json {
        file: name.into(),
        message: e.to_string(),
    })
}

/// Reads and checks a folder (see the module's notes).
pub fn open(folder: Folder) -> Result<Package, HubError> {
    let config = json(&folder, "config.json")?;
    if !config.is_object() {
        return Err(HubError::Config("the file is not a JSON object".into()));
    }
    let architecture = config
        .get("architectures")
        .and_then(|a| a.get(0))
        .and_then(Value::as_str)
        .ok_or_else(|| HubError::Config("architectures is missing or not a list of names".into()))?
        .to_string();
    let model_type = config
        .get("model_type")
        .and_then(Value::as_str)
        .unwrap_or("")
        .to_string();
    let (route, settings, seed) = match config.get("neuroplay") {
        Some(section) => chapter_of(section)?,
        None if PLAIN.contains(&architecture.as_str()) => (None, String::new(), String::new()),
        None => return Err(HubError::UnknownArchitecture(architecture)),
    };
    let tensors = tensors::read(folder.need("model.safetensors")?)?;
    Ok(Package {
        route,
        settings,
        seed,
        architecture,
        model_type,
        config,
        tensors,
        folder,
    })
}

/// The chapter, canonical settings and seed of a `neuroplay` section.
fn chapter_of(section: &Value) -> Result<(Option<String>, String, String), HubError> {
    let format = section.get("format").and_then(Value::as_u64);
    if format != Some(u64::from(FORMAT)) {
        return Err(HubError::Config(format!(
            "neuroplay.format is {format:?}, this page reads {FORMAT}"
        )));
    }
    let route = section
        .get("chapter")
        .and_then(Value::as_str)
        .ok_or_else(|| HubError::Config("neuroplay.chapter is missing".into()))?;
    let chapter = crate::chapters::find(route)
        .filter(|c| WITH_MODELS.contains(&c.route))
        .ok_or_else(|| HubError::UnknownArchitecture(format!("chapter {route:?}")))?;
    let query = section
        .get("settings")
        .and_then(Value::as_str)
        .ok_or_else(|| HubError::Config("neuroplay.settings is missing".into()))?;
    let decoded = (chapter.decode)(query, "");
    if let Some(issue) = decoded.issues.first() {
        let field = if issue.field.is_empty() {
            "(the whole link)"
        } else {
            &issue.field
        };
        return Err(HubError::Settings(format!(
            "{field}: {}",
            issue.kind.name()
        )));
    }
    let s = &decoded.settings;
    let seed = s
        .fields
        .iter()
        .any(|f| f.name == "seed")
        .then(|| s.text("seed").to_string())
        .unwrap_or_default();
    Ok((Some(chapter.route.to_string()), s.encode(), seed))
}
