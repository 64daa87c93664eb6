//! A Hugging Face folder as one file: a zip archive of its files, written
//! stored (safetensors hardly compresses, and no compressor is in the wasm
//! build) with the `zip` crate, and read stored or deflated (what `zip -r`
//! and every system's "compress folder" make): the `zip` crate lists the
//! entries and gives their raw bytes, `miniz_oxide` inflates them, and
//! every entry's CRC-32 is checked.
//!
//! Reading is strict and capped: at most [`MAX_ENTRIES`] entries, each at
//! most [`super::tensors::MAX_FILE`] bytes and all of them together at most
//! [`MAX_TOTAL`] (the sizes the headers declare are not trusted: raw
//! reading stops one byte past the cap, and inflating stops as soon as the
//! output passes it, so a zip bomb is refused by name without being
//! expanded), other compression methods refused, and the known file names
//! taken by their last path part (so a folder zipped with its parent
//! directory reads the same). Other files are left aside.

use super::error::HubError;
use super::tensors::MAX_FILE;
use std::io::{Cursor, Read, Write};
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipArchive, ZipWriter};

/// Most entries in an archive read.
pub const MAX_ENTRIES: usize = 64;
/// Most bytes of every known file together.
pub const MAX_TOTAL: usize = MAX_FILE + (8 << 20);

/// The files a folder may hold, in the order they are written.
pub const KNOWN: &[&str] = &[
    "config.json",
    "model.safetensors",
    "README.md",
    "tokenizer.json",
    "generation_config.json",
];

/// A model folder: file names and their bytes.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Folder {
    pub files: Vec<(String, Vec<u8>)>,
}

impl Folder {
    /// The bytes of `name`, if present.
    pub fn get(&self, name: &str) -> Option<&[u8]> {
        self.files
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, b)| b.as_slice())
    }

    /// The bytes of `name`, or the error naming it.
    pub fn need(&self, name: &str) -> Result<&[u8], HubError> {
        self.get(name)
            .ok_or_else(|| HubError::MissingFile(name.to_string()))
    }

    /// Adds or replaces a file.
    pub fn put(&mut self, name: &str, bytes: Vec<u8>) {
        match self.files.iter_mut().find(|(n, _)| n == name) {
            Some(f) => f.1 = bytes,
            None => self.files.push((name.to_string(), bytes)),
        }
    }

    /// Loose files as the reader dropped them: known names kept (by their
    /// last path part), the caps applied, a name given twice refused.
    pub fn from_files(files: Vec<(String, Vec<u8>)>) -> Result<Folder, HubError> {
        if files.len() > MAX_ENTRIES {
            return Err(too_large("files", files.len(), MAX_ENTRIES));
        }
        let mut out = Folder::default();
        let mut total = 0usize;
        for (name, bytes) in files {
            let Some(base) = known(&name) else { continue };
            if out.get(base).is_some() {
                return Err(HubError::Zip(format!("{base} is given twice")));
            }
            total += bytes.len();
            if bytes.len() > MAX_FILE || total > MAX_TOTAL {
                return Err(too_large(base, bytes.len(), MAX_FILE));
            }
            out.files.push((base.to_string(), bytes));
        }
        Ok(out)
    }

    /// The folder as a zip archive, files stored, in [`KNOWN`]'s order.
    /// Dates are the zip epoch (1980), so the same folder gives the same bytes.
    pub fn to_zip(&self) -> Result<Vec<u8>, HubError> {
        let mut w = ZipWriter::new(Cursor::new(Vec::new()));
        let opts = SimpleFileOptions::default()
            .compression_method(CompressionMethod::Stored)
            .large_file(false);
        let mut names: Vec<&(String, Vec<u8>)> = self.files.iter().collect();
        names.sort_by_key(|(n, _)| KNOWN.iter().position(|k| k == n).unwrap_or(KNOWN.len()));
        for (name, bytes) in names {
            w.start_file(name.as_str(), opts)
                .map_err(|e| HubError::Zip(e.to_string()))?;
            w.write_all(bytes)
                .map_err(|e| HubError::Zip(e.to_string()))?;
        }
        let cursor = w.finish().map_err(|e| HubError::Zip(e.to_string()))?;
        Ok(cursor.into_inner())
    }

    /// Reads a zip archive (see the module's notes on what is checked).
    pub fn from_zip(bytes: &[u8]) -> Result<Folder, HubError> {
        if bytes.len() > MAX_TOTAL {
            return Err(too_large("archive bytes", bytes.len(), MAX_TOTAL));
        }
        let mut zip =
            ZipArchive::new(Cursor::new(bytes)).map_err(|e| HubError::Zip(e.to_string()))?;
        if zip.len() > MAX_ENTRIES {
            return Err(too_large("archive entries", zip.len(), MAX_ENTRIES));
        }
        let mut out = Folder::default();
        let mut total = 0usize;
        for i in 0..zip.len() {
            let mut entry = zip
                .by_index_raw(i)
                .map_err(|e| HubError::Zip(e.to_string()))?;
            if entry.is_dir() {
                continue;
            }
            let Some(base) = known(entry.name()) else {
                continue;
            };
            if out.get(base).is_some() {
                return Err(HubError::Zip(format!("{base} is given twice")));
            }
            let mut raw = Vec::new();
            (&mut entry)
                .take(MAX_FILE as u64 + 1)
                .read_to_end(&mut raw)
                .map_err(|e| HubError::Zip(format!("{base}: {e}")))?;
            let cap = MAX_FILE.min(MAX_TOTAL - total);
            // DEFLATE is a constant: the crate's own inflater is not built.
            let buf = match entry.compression() {
                CompressionMethod::STORE if raw.len() > cap => {
                    return Err(too_large(base, raw.len(), cap));
                }
                CompressionMethod::STORE => raw,
                m if m == CompressionMethod::DEFLATE => inflate(base, &raw, cap)?,
                other => {
                    return Err(HubError::Unsupported(format!(
                        "{base} is compressed with {other}; store or deflate the files"
                    )))
                }
            };
            if crc32fast::hash(&buf) != entry.crc32() {
                return Err(HubError::Zip(format!(
                    "{base}: the CRC-32 does not match the content"
                )));
            }
            total += buf.len();
            if buf.len() > MAX_FILE || total > MAX_TOTAL {
                return Err(too_large(base, buf.len(), MAX_FILE));
            }
            out.files.push((base.to_string(), buf));
        }
        Ok(out)
    }

    /// Whether `bytes` start as a zip archive does (a local file header);
    /// the page tells a dropped archive from a loose file with it.
    pub fn is_zip(bytes: &[u8]) -> bool {
        bytes.starts_with(b"PK")
    }
}

/// Inflates the raw deflate stream of entry `name`, stopping as soon as
/// the output would pass `cap` bytes.
fn inflate(name: &str, raw: &[u8], cap: usize) -> Result<Vec<u8>, HubError> {
    use miniz_oxide::inflate::{decompress_to_vec_with_limit, TINFLStatus};
    decompress_to_vec_with_limit(raw, cap).map_err(|e| match e.status {
        TINFLStatus::HasMoreOutput => HubError::TooLarge {
            what: format!("{name} (inflated)"),
            size: cap as u64 + 1,
            cap: cap as u64,
        },
        status => HubError::Zip(format!("{name}: the deflated data is damaged ({status:?})")),
    })
}

fn too_large(what: &str, size: usize, cap: usize) -> HubError {
    HubError::TooLarge {
        what: what.to_string(),
        size: size as u64,
        cap: cap as u64,
    }
}

/// The known file name `path` ends with, if any.
fn known(path: &str) -> Option<&'static str> {
    let base = path.rsplit(['/', '\\']).next().unwrap_or(path);
    KNOWN.iter().copied().find(|k| *k == base)
}
