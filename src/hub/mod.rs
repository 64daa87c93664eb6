//! Models leave as Hugging Face folders and come back from them.
//!
//! A folder is what a model repository on the Hub holds: `config.json`
//! (the architecture and its sizes, plus a `neuroplay` section with the
//! chapter, its settings as a link and the seed), `model.safetensors`
//! (every parameter by its name), a `README.md` model card, and for the
//! GPT `tokenizer.json` and `generation_config.json`. It travels as one
//! zip archive.
//!
//! A chapter plugs in with one small `impl` of [`Exportable`] (its store
//! of named parameters and a [`Description`] of the model); [`export`]
//! writes the folder and [`load`] puts a checked folder's weights back.
//! Reading is strict: a hostile or mismatched file is a [`HubError`] that
//! names the problem, never a panic, and nothing is half-loaded.

mod archive;
mod card;
pub mod gallery;
mod error;
pub mod f16;
pub mod linkweights;
mod package;
pub mod plain;
pub mod tensors;

pub use archive::{Folder, KNOWN, MAX_ENTRIES};
pub use card::{Card, Metric};
pub use error::HubError;
pub use package::{open, Package, WITH_MODELS};
pub use tensors::{Precision, Tensor};

use crate::nn::ParamStore;
use serde_json::{Map, Value};

/// What a chapter says of its model for config.json and the card.
#[derive(Clone, Debug, Default)]
pub struct Description {
    /// `architectures[0]` in config.json (`GPT2LMHeadModel` for the GPT).
    pub architecture: String,
    /// `model_type` in config.json.
    pub model_type: String,
    /// The architecture's own keys (sizes, activation, layout).
    pub config: Map<String, Value>,
    /// The model card's facts.
    pub card: Card,
    /// Extra files (tokenizer.json, generation_config.json).
    pub files: Vec<(String, Vec<u8>)>,
}

/// A chapter's trained model, as the hub sees it.
pub trait Exportable {
    /// The chapter's route (its name in the registry and in config.json).
    const ROUTE: &'static str;
    /// The parameters, named as exported.
    fn params(&self) -> &ParamStore;
    /// The parameters, for loading.
    fn params_mut(&mut self) -> &mut ParamStore;
    /// The architecture, its sizes and the card's facts (measured now).
    fn describe(&mut self) -> Description;
    /// Checks the folder's extra files against the session (the GPT's
    /// tokenizer); the default takes any.
    fn check(&self, _package: &Package) -> Result<(), HubError> {
        Ok(())
    }
    /// Brings [`Exportable::params`] up to date before it is read (a
    /// chapter whose exported names or layouts differ from its own keeps
    /// them in a separate store and fills it here); the default does nothing.
    fn sync_out(&mut self) {}
    /// Puts what [`load`] wrote into [`Exportable::params_mut`] back into
    /// the chapter's models (the reverse of [`Exportable::sync_out`]).
    fn sync_in(&mut self) {}
}

/// The `neuroplay` section's format version.
pub const FORMAT: u32 = 1;

/// Writes `model`'s folder. `query` is the chapter's link (its settings),
/// read back through the chapter's own decoder so the folder holds the
/// canonical form and the seed.
pub fn export<E: Exportable>(
    model: &mut E,
    query: &str,
    precision: Precision,
) -> Result<Folder, HubError> {
    export_with_card(model, query, precision).map(|(folder, _)| folder)
}

/// [`export`], also returning the card's facts as measured for the folder
/// (the gallery lists its figures without measuring twice).
pub fn export_with_card<E: Exportable>(
    model: &mut E,
    query: &str,
    precision: Precision,
) -> Result<(Folder, Card), HubError> {
    let chapter =
        crate::chapters::find(E::ROUTE).ok_or_else(|| HubError::Settings(E::ROUTE.to_string()))?;
    let decoded = (chapter.decode)(query, "");
    let settings = decoded.settings.encode();
    let seed = decoded
        .settings
        .fields
        .iter()
        .position(|f| f.name == "seed")
        .map(|_| decoded.settings.text("seed").to_string())
        .unwrap_or_default();
    model.sync_out();
    let safetensors = tensors::write(model.params(), precision)?;
    let d = model.describe();
    let mut config = Map::new();
    config.insert(
        "architectures".into(),
        Value::from(vec![d.architecture.clone()]),
    );
    config.insert("model_type".into(), Value::from(d.model_type.clone()));
    for (k, v) in &d.config {
        config.insert(k.clone(), v.clone());
    }
    config.insert("torch_dtype".into(), Value::from(precision.torch_name()));
    config.insert(
        "neuroplay".into(),
        serde_json::json!({
            "format": FORMAT,
            "chapter": E::ROUTE,
            "settings": settings,
            "seed": seed,
            "parameters": model.params().len(),
        }),
    );
    let config = serde_json::to_string_pretty(&Value::Object(config))
        .map_err(|e| HubError::Config(e.to_string()))?;
    let mut folder = Folder::default();
    folder.put("config.json", config.into_bytes());
    folder.put("model.safetensors", safetensors);
    folder.put(
        "README.md",
        card::render(
            &d,
            E::ROUTE,
            &settings,
            &seed,
            model.params().len(),
            precision,
        )
        .into_bytes(),
    );
    for (name, bytes) in d.files {
        folder.put(&name, bytes);
    }
    Ok((folder, d.card))
}

/// Puts a package's weights into `model`, after checking that it was made
/// by this chapter, that its extra files agree and that every tensor is
/// there with the model's shape. On an error the model is unchanged.
pub fn load<E: Exportable>(model: &mut E, package: &Package) -> Result<(), HubError> {
    if package.route.as_deref() != Some(E::ROUTE) {
        return Err(HubError::UnknownArchitecture(format!(
            "{} is not a model of the {} chapter",
            package.architecture,
            E::ROUTE
        )));
    }
    model.check(package)?;
    model.sync_out();
    tensors::load(model.params_mut(), &package.tensors)?;
    model.sync_in();
    Ok(())
}
