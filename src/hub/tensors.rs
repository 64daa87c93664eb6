//! model.safetensors: writing every parameter by name, and reading a file
//! strictly, with caps, into owned f32 tensors.
//!
//! The format (Hugging Face, 2022): 8 bytes of little-endian header length
//! N, N bytes of JSON `{name: {dtype, shape, data_offsets: [begin, end]},
//! "__metadata__": {..}}`, then the tensors' bytes, little-endian, row-major,
//! packed without gaps. The `safetensors` crate writes it and validates the
//! header (UTF-8, JSON, contiguous offsets, lengths agreeing with shapes);
//! this file adds the caps, the element types the engine holds (F32, F16)
//! and a check that every value is finite, so a file is taken whole or not
//! at all.

use super::error::HubError;
use super::f16;
use crate::nn::ParamStore;
use safetensors::tensor::{Dtype, SafeTensors, View};
use std::borrow::Cow;

/// Largest model.safetensors read (bytes).
pub const MAX_FILE: usize = 64 << 20;
/// Largest JSON header read (bytes).
pub const MAX_HEADER: usize = 1 << 20;
/// Most tensors in one file.
pub const MAX_TENSORS: usize = 4096;
/// Most dimensions of one tensor.
pub const MAX_RANK: usize = 4;
/// Most floats in all tensors together.
pub const MAX_ELEMENTS: usize = 16 << 20;
/// Longest tensor name (bytes).
pub const MAX_NAME: usize = 256;

/// How the floats are stored.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Precision {
    F32,
    F16,
}

impl Precision {
    /// The name used in config.json's `torch_dtype`.
    pub fn torch_name(self) -> &'static str {
        match self {
            Precision::F32 => "float32",
            Precision::F16 => "float16",
        }
    }
}

/// One tensor read from a file, its values as f32.
#[derive(Clone, Debug, PartialEq)]
pub struct Tensor {
    pub name: String,
    pub shape: Vec<usize>,
    pub data: Vec<f32>,
}

/// A tensor's bytes ready for the writer.
struct Bytes {
    dtype: Dtype,
    shape: Vec<usize>,
    data: Vec<u8>,
}

impl View for &Bytes {
    fn dtype(&self) -> Dtype {
        self.dtype
    }
    fn shape(&self) -> &[usize] {
        &self.shape
    }
    fn data(&self) -> Cow<'_, [u8]> {
        Cow::Borrowed(&self.data)
    }
    fn data_len(&self) -> usize {
        self.data.len()
    }
}

/// Every view of `store` as a named tensor, with `{"format": "pt"}` as the
/// metadata (what `transformers` checks before loading). Refuses a
/// non-finite value, naming the tensor.
pub fn write(store: &ParamStore, precision: Precision) -> Result<Vec<u8>, HubError> {
    let tensors: Vec<(String, Bytes)> = store
        .views
        .iter()
        .map(|v| {
            let values = &store.data[v.range()];
            if let Some(i) = values.iter().position(|x| !x.is_finite()) {
                return Err(HubError::NonFinite {
                    tensor: v.name.clone(),
                    index: i,
                });
            }
            let data = match precision {
                Precision::F32 => values.iter().flat_map(|x| x.to_le_bytes()).collect(),
                Precision::F16 => values
                    .iter()
                    .flat_map(|&x| f16::from_f32(x).to_le_bytes())
                    .collect(),
            };
            let dtype = match precision {
                Precision::F32 => Dtype::F32,
                Precision::F16 => Dtype::F16,
            };
            Ok((
                v.name.clone(),
                Bytes {
                    dtype,
                    shape: v.shape.clone(),
                    data,
                },
            ))
        })
        .collect::<Result<_, _>>()?;
    // The map type is the crate's own (hashbrown without std): collected
    // into whatever the signature asks for.
    let meta = [("format".to_string(), "pt".to_string())]
        .into_iter()
        .collect();
    safetensors::serialize(tensors.iter().map(|(n, b)| (n.as_str(), b)), Some(meta))
        .map_err(|e| HubError::Safetensors(e.to_string()))
}

fn too_large(what: &str, size: usize, cap: usize) -> HubError {
    HubError::TooLarge {
        what: what.to_string(),
        size: size as u64,
        cap: cap as u64,
    }
}

/// Reads a whole model.safetensors: every tensor F32 or F16, finite, within
/// the caps; in the file's order of offsets. Any fault is an error that
/// names it; nothing is returned half-read.
pub fn read(bytes: &[u8]) -> Result<Vec<Tensor>, HubError> {
    if bytes.len() > MAX_FILE {
        return Err(too_large("model.safetensors bytes", bytes.len(), MAX_FILE));
    }
    let Some(head) = bytes.get(..8) else {
        return Err(HubError::Safetensors(format!(
            "{} bytes is shorter than the 8-byte header length",
            bytes.len()
        )));
    };
    let n = u64::from_le_bytes(head.try_into().unwrap_or([0; 8]));
    if n > MAX_HEADER as u64 {
        return Err(HubError::TooLarge {
            what: "safetensors header bytes".into(),
            size: n,
            cap: MAX_HEADER as u64,
        });
    }
    if 8 + n > bytes.len() as u64 {
        return Err(HubError::Safetensors(format!(
            "the header length {n} runs past the end of the file ({} bytes)",
            bytes.len()
        )));
    }
    let st = SafeTensors::deserialize(bytes).map_err(|e| HubError::Safetensors(e.to_string()))?;
    if st.len() > MAX_TENSORS {
        return Err(too_large("tensors", st.len(), MAX_TENSORS));
    }
    let mut views: Vec<_> = st.iter().collect();
    // The crate's offsets are validated contiguous; their order is the file's.
    views.sort_by_key(|(_, v)| v.data().as_ptr() as usize);
    let mut total = 0usize;
    for (name, v) in &views {
        if name.len() > MAX_NAME {
            return Err(too_large("tensor name bytes", name.len(), MAX_NAME));
        }
        if v.shape().len() > MAX_RANK {
            return Err(too_large(
                &format!("{name} dimensions"),
                v.shape().len(),
                MAX_RANK,
            ));
        }
        let count = v
            .shape()
            .iter()
            .try_fold(1usize, |a, &d| a.checked_mul(d))
            .unwrap_or(usize::MAX);
        total = total.saturating_add(count);
        if total > MAX_ELEMENTS {
            return Err(too_large("floats in all tensors", total, MAX_ELEMENTS));
        }
        if !matches!(v.dtype(), Dtype::F32 | Dtype::F16) {
            return Err(HubError::Dtype {
                tensor: name.to_string(),
                dtype: format!("{:?}", v.dtype()),
            });
        }
    }
    let mut out = Vec::with_capacity(views.len());
    for (name, v) in views {
        let data: Vec<f32> = match v.dtype() {
            Dtype::F16 => v
                .data()
                .chunks_exact(2)
                .map(|c| f16::to_f32(u16::from_le_bytes([c[0], c[1]])))
                .collect(),
            _ => v
                .data()
                .chunks_exact(4)
                .map(|c| f32::from_le_bytes([c[0], c[1], c[2], c[3]]))
                .collect(),
        };
        if let Some(i) = data.iter().position(|x| !x.is_finite()) {
            return Err(HubError::NonFinite {
                tensor: name.to_string(),
                index: i,
            });
        }
        out.push(Tensor {
            name: name.to_string(),
            shape: v.shape().to_vec(),
            data,
        });
    }
    Ok(out)
}

/// Puts `tensors` into `store`: exactly the store's names, each with the
/// store's shape. Checks everything before it writes a single value, so a
/// refused file leaves the model as it was.
pub fn load(store: &mut ParamStore, tensors: &[Tensor]) -> Result<(), HubError> {
    let mut order = Vec::with_capacity(store.views.len());
    for v in &store.views {
        let t = tensors
            .iter()
            .find(|t| t.name == v.name)
            .ok_or_else(|| HubError::MissingTensor(v.name.clone()))?;
        if t.shape != v.shape {
            return Err(HubError::Shape {
                tensor: v.name.clone(),
                expected: v.shape.clone(),
                found: t.shape.clone(),
            });
        }
        order.push((v.range(), &t.data));
    }
    if let Some(t) = tensors.iter().find(|t| store.find(&t.name).is_none()) {
        return Err(HubError::ExtraTensor(t.name.clone()));
    }
    for (range, data) in order {
        store.data[range].copy_from_slice(data);
    }
    Ok(())
}
