//! Why a folder was refused: one typed error with a short code the page
//! translates and a detail that names the file, tensor or field at fault.

use std::fmt;

/// Every way an export or an import can fail. Reading never panics: each
/// check that a hostile file could fail returns one of these.
#[derive(Clone, Debug, PartialEq)]
pub enum HubError {
    /// A file, an entry or a count is past its cap.
    TooLarge { what: String, size: u64, cap: u64 },
    /// The zip archive could not be read (the zip crate's words).
    Zip(String),
    /// A compression method other than stored (or a broken entry).
    Unsupported(String),
    /// The folder lacks a file it needs.
    MissingFile(String),
    /// model.safetensors is malformed (header, offsets, lengths).
    Safetensors(String),
    /// A tensor's element type is not f32 or f16.
    Dtype { tensor: String, dtype: String },
    /// A tensor holds a NaN or an infinity.
    NonFinite { tensor: String, index: usize },
    /// The model lacks a parameter it needs.
    MissingTensor(String),
    /// The file holds a tensor the model does not have.
    ExtraTensor(String),
    /// A tensor's shape differs from the model's.
    Shape {
        tensor: String,
        expected: Vec<usize>,
        found: Vec<usize>,
    },
    /// A JSON file does not parse (its name, serde_json's words).
    Json { file: String, message: String },
    /// config.json lacks a key or holds a wrong value.
    Config(String),
    /// config.json names a model this page cannot hold.
    UnknownArchitecture(String),
    /// The chapter's settings in config.json are refused.
    Settings(String),
    /// tokenizer.json differs from the tokenizer the settings rebuild.
    Tokenizer(String),
}

impl HubError {
    /// A short stable name the page keys its translated message on.
    pub fn code(&self) -> &'static str {
        match self {
            HubError::TooLarge { .. } => "tooLarge",
            HubError::Zip(_) => "zip",
            HubError::Unsupported(_) => "unsupported",
            HubError::MissingFile(_) => "missingFile",
            HubError::Safetensors(_) => "safetensors",
            HubError::Dtype { .. } => "dtype",
            HubError::NonFinite { .. } => "nonFinite",
            HubError::MissingTensor(_) => "missingTensor",
            HubError::ExtraTensor(_) => "extraTensor",
            HubError::Shape { .. } => "shape",
            HubError::Json { .. } => "json",
            HubError::Config(_) => "config",
            HubError::UnknownArchitecture(_) => "architecture",
            HubError::Settings(_) => "settings",
            HubError::Tokenizer(_) => "tokenizer",
        }
    }

    /// The file, tensor or field at fault, for the page's message.
    pub fn detail(&self) -> String {
        match self {
            HubError::TooLarge { what, size, cap } => format!("{what}: {size} > {cap}"),
            HubError::Dtype { tensor, dtype } => format!("{tensor}: {dtype}"),
            HubError::NonFinite { tensor, index } => format!("{tensor}[{index}]"),
            HubError::Shape {
                tensor,
                expected,
                found,
            } => {
                format!("{tensor}: {found:?} ≠ {expected:?}")
            }
            HubError::Json { file, message } => format!("{file}: {message}"),
            HubError::Zip(s)
            | HubError::Unsupported(s)
            | HubError::MissingFile(s)
            | HubError::Safetensors(s)
            | HubError::MissingTensor(s)
            | HubError::ExtraTensor(s)
            | HubError::Config(s)
            | HubError::UnknownArchitecture(s)
            | HubError::Settings(s)
            | HubError::Tokenizer(s) => s.clone(),
        }
    }
}

impl fmt::Display for HubError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let d = self.detail();
        match self {
            HubError::TooLarge { .. } => write!(f, "too large: {d}"),
            HubError::Zip(_) => write!(f, "not a readable zip archive: {d}"),
            HubError::Unsupported(_) => write!(f, "unsupported zip entry: {d}"),
            HubError::MissingFile(_) => write!(f, "missing file: {d}"),
            HubError::Safetensors(_) => write!(f, "model.safetensors is malformed: {d}"),
            HubError::Dtype { .. } => write!(f, "tensor type is not F32 or F16: {d}"),
            HubError::NonFinite { .. } => write!(f, "tensor holds a NaN or infinity: {d}"),
            HubError::MissingTensor(_) => write!(f, "missing tensor: {d}"),
            HubError::ExtraTensor(_) => write!(f, "tensor the model does not have: {d}"),
            HubError::Shape { .. } => write!(f, "wrong tensor shape: {d}"),
            HubError::Json { .. } => write!(f, "not valid JSON: {d}"),
            HubError::Config(_) => write!(f, "config.json: {d}"),
            HubError::UnknownArchitecture(_) => write!(f, "unknown architecture: {d}"),
            HubError::Settings(_) => write!(f, "settings refused: {d}"),
            HubError::Tokenizer(_) => write!(f, "tokenizer.json does not match: {d}"),
        }
    }
}

impl std::error::Error for HubError {}
