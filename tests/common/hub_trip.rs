//! What the export/import tests share: a folder taken through the zip a
//! page would download and back, and its JSON and card read.
#![allow(dead_code)]

use neuroplay::hub::{self, Exportable, Folder, Package, Precision};
use serde_json::Value;

/// Export, zip, unzip, open: the package a fresh page would read.
pub fn round_trip<E: Exportable>(model: &mut E, query: &str, p: Precision) -> (Folder, Package) {
    let folder = hub::export(model, query, p).expect("export");
    let zip = folder.to_zip().expect("zip");
    let back = Folder::from_zip(&zip).expect("unzip");
    assert_eq!(back, folder, "the zip holds the folder as written");
    assert_eq!(folder.to_zip().unwrap(), zip, "the same folder gives the same bytes");
    let package = hub::open(back).expect("open");
    assert_eq!(package.route.as_deref(), Some(E::ROUTE));
    (folder, package)
}

/// The folder's config.json.
pub fn config(folder: &Folder) -> Value {
    serde_json::from_slice(folder.get("config.json").unwrap()).unwrap()
}

/// The folder's model card.
pub fn card(folder: &Folder) -> String {
    String::from_utf8(folder.get("README.md").unwrap().to_vec()).unwrap()
}
