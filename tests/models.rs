//! The gallery's shipped files are what `make models` builds: every model
//! of src/hub/gallery.rs is trained again from its settings link and seed
//! for its budget, and its zip must equal `www/models/<id>.zip` byte for
//! byte, as must `www/models/index.json`. Each shipped model also opens
//! in its chapter with the card's settings.

use neuroplay::hub::gallery::{self, Sources, GALLERY};
use neuroplay::hub::{open, Folder};
use std::time::Instant;

const HINT: &str = "run `make models` and commit www/models/";

fn read(path: &str) -> Vec<u8> {
    let full = format!("{}/{path}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(&full).unwrap_or_else(|e| panic!("{full}: {e}; {HINT}"))
}

#[test]
fn shipped_gallery_models_are_rebuilt_byte_for_byte() {
    let sources = Sources::parse(
        &read("www/data/digits-14x14.bin"),
        &read("www/data/moby-dick.bin"),
        &read("www/data/tang-quatrains.bin"),
    )
    .unwrap();
    let all = Instant::now();
    let mut cards = Vec::new();
    let mut total = 0;
    for e in GALLERY {
        assert!(
            neuroplay::hub::WITH_MODELS.contains(&e.route),
            "{}: {} has no export",
            e.id,
            e.route
        );
        let t = Instant::now();
        let built = (e.build)(e, &sources).unwrap_or_else(|err| panic!("{}: {err}", e.id));
        let shipped = read(&format!("www/models/{}.zip", e.id));
        assert!(
            shipped == built.zip,
            "www/models/{}.zip ({} bytes) differs from the model built now ({} bytes); {HINT}",
            e.id,
            shipped.len(),
            built.zip.len()
        );
        let package = open(Folder::from_zip(&shipped).unwrap()).unwrap();
        assert_eq!(package.route.as_deref(), Some(e.route));
        println!(
            "{}: {} bytes, {} steps, same bytes, built in {:.1} s",
            e.id,
            shipped.len(),
            built.steps,
            t.elapsed().as_secs_f64()
        );
        total += shipped.len();
        cards.push(gallery::card(e, &built));
    }
    let index = gallery::index(cards);
    let shipped = String::from_utf8(read("www/models/index.json")).unwrap();
    assert!(
        shipped == index,
        "www/models/index.json differs from the cards built now; {HINT}"
    );
    println!(
        "{} models, {total} bytes, all rebuilt in {:.1} s",
        GALLERY.len(),
        all.elapsed().as_secs_f64()
    );
    assert!(
        total + index.len() < 3 << 20,
        "the gallery stays under 3 MB"
    );
}

#[test]
fn ids_are_unique_file_names() {
    for (i, e) in GALLERY.iter().enumerate() {
        assert!(
            e.id.bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-'),
            "{}",
            e.id
        );
        assert!(
            GALLERY[i + 1..].iter().all(|o| o.id != e.id),
            "{} twice",
            e.id
        );
        assert_eq!(gallery::find(e.id).map(|f| f.id), Some(e.id));
    }
    assert!(gallery::find("nope").is_none());
}

#[test]
fn a_half_precision_entry_states_the_figures_of_the_weights_it_ships() {
    use neuroplay::chapters::playground::{settings as pg_settings, Session};
    use neuroplay::hub::{export_with_card, load, Precision};
    let xor = gallery::find("playground-xor").unwrap();
    let half = gallery::Entry {
        precision: Precision::F16,
        ..*xor
    };
    let sources = Sources::parse(
        &read("www/data/digits-14x14.bin"),
        &read("www/data/moby-dick.bin"),
        &read("www/data/tang-quatrains.bin"),
    )
    .unwrap();
    let built = (half.build)(&half, &sources).unwrap();
    let package = open(Folder::from_zip(&built.zip).unwrap()).unwrap();
    let mut fresh = Session::new(pg_settings::config(
        &pg_settings::decode(&package.settings, "").settings,
    ));
    load(&mut fresh, &package).unwrap();
    let (_, card) = export_with_card(&mut fresh, half.settings, Precision::F16).unwrap();
    let values = |m: &[neuroplay::hub::Metric]| m.iter().map(|x| x.value).collect::<Vec<_>>();
    assert_eq!(values(&card.metrics), values(&built.metrics));
    println!(
        "f16 xor: {} bytes, figures {:?}",
        built.zip.len(),
        values(&built.metrics)
    );
}
