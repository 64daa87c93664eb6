//! The shipped corpora load, and hold what www/data/README.md says.

use neuroplay::data::corpus::parse;

fn load(name: &str) -> neuroplay::data::corpus::Corpus {
    let path = format!("{}/www/data/{name}", env!("CARGO_MANIFEST_DIR"));
    parse(&std::fs::read(path).expect("corpus file")).expect("valid corpus")
}

#[test]
fn shipped_corpora_load_with_their_documents() {
    let zh = load("tang-quatrains.bin");
    assert_eq!((zh.lang.as_str(), zh.docs.len()), ("zh", 3000));
    // Five- and seven-character quatrains alternate: 24 and 32 characters.
    assert_eq!(zh.docs[0].chars().count(), 24);
    assert_eq!(zh.docs[1].chars().count(), 32);
    assert!(zh
        .docs
        .iter()
        .all(|d| [24, 32].contains(&d.chars().count())));
    let en = load("moby-dick.bin");
    assert_eq!((en.lang.as_str(), en.docs.len()), ("en", 523));
    assert!(en.docs[0].starts_with("Call me Ishmael."));
    let s = en.split(0.1, 7);
    assert_eq!(s.valid.lines().count(), 52);
}
