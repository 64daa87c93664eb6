//! The hub's bindings: a chapter handle's model leaves as a zip archive of
//! its Hugging Face folder and comes back from one (`hub_calls!`, one line
//! per handle), and the page checks a dropped archive or loose files
//! before it opens the chapter (`hub_inspect`, [`HubDrop`]).

use crate::hub::{self, Folder, HubError};
use serde::Serialize;
use wasm_bindgen::prelude::*;

/// What the page reads of an import: on success the chapter and its
/// settings, on failure the error's code, detail and English message.
#[derive(Serialize, Default)]
#[serde(rename_all = "camelCase")]
pub struct HubAnswer {
    pub ok: bool,
    pub route: String,
    pub settings: String,
    pub architecture: String,
    pub parameters: usize,
    pub code: String,
    pub detail: String,
    pub message: String,
}

impl HubAnswer {
    pub fn refused(e: &HubError) -> HubAnswer {
        HubAnswer {
            code: e.code().into(),
            detail: e.detail(),
            message: e.to_string(),
            ..Default::default()
        }
    }
}

/// Export and import on a chapter's handle (its session in field `s`).
macro_rules! hub_calls {
    ($handle:ty) => {
        #[wasm_bindgen]
        impl $handle {
            /// The model's folder as a zip archive (`half`: f16 tensors),
            /// with the settings of the link `query`.
            pub fn hub_export(&mut self, query: &str, half: bool) -> Result<Vec<u8>, JsError> {
                let p = if half {
                    crate::hub::Precision::F16
                } else {
                    crate::hub::Precision::F32
                };
                crate::hub::export(&mut self.s, query, p)
                    .and_then(|f| f.to_zip())
                    .map_err(|e| JsError::new(&e.to_string()))
            }
            /// Loads the weights of a zip archive made for this chapter:
            /// `{ok, code, detail, message, …}`; on a refusal the model is
            /// unchanged.
            pub fn hub_load(&mut self, zip: &[u8]) -> JsValue {
                let r = crate::hub::Folder::from_zip(zip)
                    .and_then(crate::hub::open)
                    .and_then(|p| crate::hub::load(&mut self.s, &p));
                crate::wasm::results::to_js(&match r {
                    Ok(()) => crate::wasm::hub::HubAnswer {
                        ok: true,
                        ..Default::default()
                    },
                    Err(e) => crate::wasm::hub::HubAnswer::refused(&e),
                })
            }
        }
    };
}

/// Checks a zip archive before its chapter opens: `{ok, route, settings,
/// architecture, parameters}` or `{ok: false, code, detail, message}`.
#[wasm_bindgen]
pub fn hub_inspect(zip: &[u8]) -> JsValue {
    let answer = match Folder::from_zip(zip).and_then(hub::open) {
        Ok(p) => match p.route {
            Some(route) => HubAnswer {
                ok: true,
                route,
                settings: p.settings,
                architecture: p.architecture,
                parameters: p.tensors.iter().map(|t| t.data.len()).sum(),
                ..Default::default()
            },
            None => HubAnswer::refused(&HubError::UnknownArchitecture(format!(
                "{} without a neuroplay chapter in config.json",
                p.architecture
            ))),
        },
        Err(e) => HubAnswer::refused(&e),
    };
    super::results::to_js(&answer)
}

/// Loose files the reader dropped or picked, gathered into one archive.
#[wasm_bindgen]
#[derive(Default)]
pub struct HubDrop {
    files: Vec<(String, Vec<u8>)>,
}

#[wasm_bindgen]
impl HubDrop {
    #[wasm_bindgen(constructor)]
    pub fn new() -> HubDrop {
        HubDrop::default()
    }

    /// Adds one file (its name as given, its bytes).
    pub fn add(&mut self, name: &str, bytes: &[u8]) {
        if self.files.len() <= hub::MAX_ENTRIES {
            self.files.push((name.to_string(), bytes.to_vec()));
        }
    }

    /// The files as a zip archive, or the refusal as `{ok: false, …}`.
    pub fn pack(&mut self) -> Result<Vec<u8>, JsValue> {
        let files = std::mem::take(&mut self.files);
        Folder::from_files(files)
            .and_then(|f| f.to_zip())
            .map_err(|e| super::results::to_js(&HubAnswer::refused(&e)))
    }
}
