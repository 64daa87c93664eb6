//! Builds the gallery of ready models (src/hub/gallery.rs) into
//! `www/models/`: one `<id>.zip` per model (its Hugging Face folder) and
//! `index.json`, the cards the `#/hub` chapter shows. `make models` runs it;
//! tests/models.rs checks the shipped files equal what it builds.
//!
//! `cargo run --profile test --example models [-- DIR]` (DIR defaults to
//! www/models); prints each model's size, figures and build time.

use neuroplay::hub::gallery::{self, Sources, GALLERY};
use std::path::PathBuf;
use std::time::Instant;

fn data(name: &str) -> Vec<u8> {
    std::fs::read(format!("{}/www/data/{name}", env!("CARGO_MANIFEST_DIR"))).expect("shipped data")
}

fn main() {
    let dir = std::env::args()
        .nth(1)
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/www/models")));
    std::fs::create_dir_all(&dir).expect("models directory");
    let sources = Sources::parse(
        &data("digits-14x14.bin"),
        &data("moby-dick.bin"),
        &data("tang-quatrains.bin"),
    )
    .expect("shipped data parses");
    let all = Instant::now();
    let mut cards = Vec::new();
    let mut total = 0;
    for e in GALLERY {
        let t = Instant::now();
        let built = (e.build)(e, &sources).unwrap_or_else(|err| panic!("{}: {err}", e.id));
        std::fs::write(dir.join(format!("{}.zip", e.id)), &built.zip).expect("write zip");
        let figures: Vec<String> = built
            .metrics
            .iter()
            .map(|m| format!("{} {:.4}", m.name, m.value))
            .collect();
        println!(
            "{}: {} bytes, {} steps, {} in {:.1} s",
            e.id,
            built.zip.len(),
            built.steps,
            figures.join(", "),
            t.elapsed().as_secs_f64()
        );
        total += built.zip.len();
        cards.push(gallery::card(e, &built));
    }
    let index = gallery::index(cards);
    std::fs::write(dir.join("index.json"), &index).expect("write index");
    println!(
        "{} models, {} bytes of zips, index {} bytes, built in {:.1} s",
        GALLERY.len(),
        total,
        index.len(),
        all.elapsed().as_secs_f64()
    );
}
