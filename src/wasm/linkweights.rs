//! Trained weights inside a shared link: a chapter handle's parameters as
//! the compact payload of [`crate::hub::linkweights`] and back
//! (`link_weights_calls!`, one line per handle whose session is `s` and
//! implements [`crate::hub::Exportable`]).

use crate::hub::linkweights::LinkWeightsError;
use serde::Serialize;

/// What the page reads of a payload call: on success the quantisation and
/// the number of bytes and values; on a refusal the error's code (which
/// the page translates), detail and English message.
#[derive(Serialize, Default)]
#[serde(rename_all = "camelCase")]
pub struct WeightsAnswer {
    pub ok: bool,
    pub kind: String,
    pub bytes: usize,
    pub values: usize,
    pub code: String,
    pub detail: String,
    pub message: String,
}

impl WeightsAnswer {
    pub fn refused(e: &LinkWeightsError) -> WeightsAnswer {
        WeightsAnswer {
            code: e.code().into(),
            detail: e.detail(),
            message: e.to_string(),
            ..Default::default()
        }
    }
}

/// `weights_payload(kind)` and `load_weights_payload(bytes)` on a handle.
macro_rules! link_weights_calls {
    ($handle:ty) => {
        #[wasm_bindgen]
        impl $handle {
            /// The trained weights as a payload (`kind`: "f16" or "q8"), at
            /// most `linkweights::MAX_PAYLOAD` bytes; a refusal throws
            /// `{ok: false, code, detail, message}`.
            pub fn weights_payload(&mut self, kind: &str) -> Result<Vec<u8>, JsValue> {
                use crate::hub::linkweights::{self, LinkWeightsError, Quant};
                use crate::wasm::linkweights::WeightsAnswer;
                let q = Quant::parse(kind).ok_or_else(|| {
                    crate::wasm::results::to_js(&WeightsAnswer::refused(&LinkWeightsError::Kind(255)))
                })?;
                crate::hub::Exportable::sync_out(&mut self.s);
                linkweights::encode(crate::hub::Exportable::params(&self.s), q)
                    .map_err(|e| crate::wasm::results::to_js(&WeightsAnswer::refused(&e)))
            }
            /// Loads a payload made for this network: `{ok, kind, bytes,
            /// values}`; a refusal throws `{ok: false, code, detail,
            /// message}` and leaves the model unchanged.
            pub fn load_weights_payload(&mut self, bytes: &[u8]) -> Result<JsValue, JsValue> {
                use crate::wasm::linkweights::WeightsAnswer;
                crate::hub::Exportable::sync_out(&mut self.s);
                let store = crate::hub::Exportable::params_mut(&mut self.s);
                match crate::hub::linkweights::decode(store, bytes) {
                    Ok(q) => {
                        let values = store.data.len();
                        crate::hub::Exportable::sync_in(&mut self.s);
                        Ok(crate::wasm::results::to_js(&WeightsAnswer {
                            ok: true,
                            kind: q.name().into(),
                            bytes: bytes.len(),
                            values,
                            ..Default::default()
                        }))
                    }
                    Err(e) => Err(crate::wasm::results::to_js(&WeightsAnswer::refused(&e))),
                }
            }
        }
    };
}
