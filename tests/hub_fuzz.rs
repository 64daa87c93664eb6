//! Hostile files for the safetensors and zip readers: hand-made faults
//! (a header length past the end, overlapping offsets, huge shapes, bad
//! UTF-8; deflated archives that lie about their sizes, inflate past the
//! caps, are damaged or use another method) and seeded random and mutated
//! inputs, stored and deflated. Every one must end in a clear error or a
//! whole, valid result; none may panic.

use neuroplay::chapters::perceptron::{self as pc, PerceptronSession, Scene};
use neuroplay::chapters::playground::{settings, Session};
use neuroplay::hub::{self, tensors, Folder, HubError, Precision};
use neuroplay::rng::Rng;

fn valid_folder() -> Folder {
    let q = "networkShape=4,3&seed=9";
    let mut s = Session::new(settings::config(&settings::decode(q, "1").settings));
    hub::export(&mut s, q, Precision::F32).unwrap()
}

/// A zip archive of `files` written by hand as `zip -r` writes one: each
/// entry deflated (`method` 8; another number writes the deflated bytes
/// under that method), its CRC-32 and sizes in the local header and the
/// central directory; `declared` replaces every uncompressed size (a lie).
fn deflated_zip(files: &[(String, Vec<u8>)], method: u16, declared: Option<u32>) -> Vec<u8> {
    let (mut out, mut central) = (Vec::new(), Vec::new());
    let u16s = |v: &mut Vec<u8>, xs: &[u16]| xs.iter().for_each(|x| v.extend(x.to_le_bytes()));
    let u32s = |v: &mut Vec<u8>, xs: &[u32]| xs.iter().for_each(|x| v.extend(x.to_le_bytes()));
    for (name, bytes) in files {
        let packed = miniz_oxide::deflate::compress_to_vec(bytes, 6);
        let crc = crc32fast::hash(bytes);
        let size = declared.unwrap_or(bytes.len() as u32);
        let offset = out.len() as u32;
        out.extend(b"PK\x03\x04");
        u16s(&mut out, &[20, 0, method, 0, 0x21]);
        u32s(&mut out, &[crc, packed.len() as u32, size]);
        u16s(&mut out, &[name.len() as u16, 0]);
        out.extend(name.as_bytes());
        out.extend(&packed);
        central.extend(b"PK\x01\x02");
        u16s(&mut central, &[20, 20, 0, method, 0, 0x21]);
        u32s(&mut central, &[crc, packed.len() as u32, size]);
        u16s(&mut central, &[name.len() as u16, 0, 0, 0, 0]);
        u32s(&mut central, &[0, offset]);
        central.extend(name.as_bytes());
    }
    let (at, len) = (out.len() as u32, central.len() as u32);
    out.extend(&central);
    out.extend(b"PK\x05\x06");
    u16s(&mut out, &[0, 0, files.len() as u16, files.len() as u16]);
    u32s(&mut out, &[len, at]);
    u16s(&mut out, &[0]);
    out
}

/// The folder's files under a parent directory, as a compressed folder holds them.
fn in_directory(folder: &Folder) -> Vec<(String, Vec<u8>)> {
    folder
        .files
        .iter()
        .map(|(n, b)| (format!("my-model/{n}"), b.clone()))
        .collect()
}

#[test]
fn deflated_archives_read_and_bombs_are_refused_by_name() {
    let folder = valid_folder();
    let zip = deflated_zip(&in_directory(&folder), 8, None);
    let back = Folder::from_zip(&zip).expect("a deflated archive reads");
    assert_eq!(back, folder);
    assert!(hub::open(back).is_ok());
    println!(
        "deflated: {} bytes, stored: {} bytes",
        zip.len(),
        folder.to_zip().unwrap().len()
    );

    // A bomb: 80 MB of zeros in a few kB, its header claiming 1,000 bytes.
    let bomb = vec![("model.safetensors".to_string(), vec![0u8; 80 << 20])];
    for declared in [Some(1000), None] {
        let zip = deflated_zip(&bomb, 8, declared);
        assert!(zip.len() < 200_000, "{}", zip.len());
        let e = Folder::from_zip(&zip).unwrap_err();
        assert_eq!(e.code(), "tooLarge", "{e}");
        assert!(
            e.to_string().contains("model.safetensors (inflated)"),
            "{e}"
        );
        println!("bomb ({} bytes, declared {declared:?}): {e}", zip.len());
    }
    // Many entries that each fit but together pass the total cap.
    let big = vec![7u8; (tensors::MAX_FILE / 2) + 1];
    let many: Vec<(String, Vec<u8>)> = [
        "config.json",
        "model.safetensors",
        "README.md",
        "tokenizer.json",
    ]
    .iter()
    .map(|n| (n.to_string(), big.clone()))
    .collect();
    assert_eq!(
        Folder::from_zip(&deflated_zip(&many, 8, None))
            .unwrap_err()
            .code(),
        "tooLarge"
    );

    // Damaged data, a wrong CRC, another method: each named.
    let mut damaged = zip.clone();
    let at = damaged
        .windows(17)
        .position(|w| w == b"model.safetensors")
        .unwrap()
        + 17;
    for b in &mut damaged[at..at + 40] {
        *b ^= 0x5a;
    }
    let e = Folder::from_zip(&damaged).unwrap_err();
    assert_eq!(e.code(), "zip", "{e}");
    println!("damaged: {e}");
    let mut files = in_directory(&folder);
    let crc_lie = {
        let mut z = deflated_zip(&files, 8, None);
        let i = z.windows(4).position(|w| w == b"PK\x01\x02").unwrap();
        z[i + 16] ^= 1;
        z
    };
    let e = Folder::from_zip(&crc_lie).unwrap_err();
    assert!(e.to_string().contains("CRC-32"), "{e}");
    files.truncate(1);
    let e = Folder::from_zip(&deflated_zip(&files, 12, None)).unwrap_err();
    assert_eq!(e.code(), "unsupported", "{e}");
    println!("bzip2: {e}");
}

/// An archive the Info-ZIP `zip -r` wrote (the perceptron's folder in a
/// directory, deflated, with its extra fields for times and owners) reads
/// whole and loads.
#[test]
fn an_archive_made_by_zip_r_imports() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/perceptron-zip-r.zip"
    );
    let folder = Folder::from_zip(&std::fs::read(path).unwrap()).expect("zip -r's archive reads");
    let names: Vec<&str> = folder.files.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(names, ["README.md", "model.safetensors", "config.json"]);
    let package = hub::open(folder).expect("opens");
    assert_eq!(package.route.as_deref(), Some("perceptron"));
    let mut s = PerceptronSession::new(pc::setup(
        Scene::Perceptron,
        &pc::decode(Scene::Perceptron, &package.settings, "").settings,
    ));
    hub::load(&mut s, &package).expect("loads");
    let w = &package.tensor("weight").unwrap().data;
    assert_eq!(s.run.w, w.iter().map(|&v| f64::from(v)).collect::<Vec<_>>());
}

/// A safetensors file from a header text and a data length.
fn file(header: &str, data: usize) -> Vec<u8> {
    let mut v = (header.len() as u64).to_le_bytes().to_vec();
    v.extend_from_slice(header.as_bytes());
    v.resize(v.len() + data, 0);
    v
}

fn message(r: Result<Vec<tensors::Tensor>, HubError>) -> String {
    let e = r.unwrap_err();
    assert!(!e.to_string().is_empty() && !e.code().is_empty());
    e.to_string()
}

#[test]
fn hand_made_faults_are_named() {
    let mut past = file("{}", 0);
    past[..8].copy_from_slice(&1000u64.to_le_bytes());
    assert!(message(tensors::read(&past)).contains("runs past the end"));
    let mut huge = file("{}", 0);
    huge[..8].copy_from_slice(&u64::MAX.to_le_bytes());
    assert!(message(tensors::read(&huge)).contains("too large"));
    assert!(message(tensors::read(b"abc")).contains("shorter than"));

    let overlap = r#"{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},"b":{"dtype":"F32","shape":[2],"data_offsets":[4,12]}}"#;
    println!("overlap: {}", message(tensors::read(&file(overlap, 12))));
    let gap = r#"{"a":{"dtype":"F32","shape":[1],"data_offsets":[0,4]},"b":{"dtype":"F32","shape":[1],"data_offsets":[8,12]}}"#;
    println!("gap: {}", message(tensors::read(&file(gap, 12))));
    let out = r#"{"a":{"dtype":"F32","shape":[4],"data_offsets":[0,16]}}"#;
    println!("out of range: {}", message(tensors::read(&file(out, 8))));
    let shape = r#"{"a":{"dtype":"F32","shape":[4294967296,4294967296,16],"data_offsets":[0,16]}}"#;
    println!("huge shape: {}", message(tensors::read(&file(shape, 16))));
    let rank = r#"{"a":{"dtype":"F32","shape":[1,1,1,1,1],"data_offsets":[0,4]}}"#;
    assert!(message(tensors::read(&file(rank, 4))).contains("dimensions"));
    let mut utf8 = file(
        r#"{"a":{"dtype":"F32","shape":[1],"data_offsets":[0,4]}}"#,
        4,
    );
    utf8[10] = 0xff;
    println!("bad UTF-8: {}", message(tensors::read(&utf8)));
    let inf = file(
        r#"{"a":{"dtype":"F32","shape":[1],"data_offsets":[0,4]}}"#,
        4,
    );
    let mut inf = inf.clone();
    let n = inf.len();
    inf[n - 4..].copy_from_slice(&f32::INFINITY.to_le_bytes());
    assert!(message(tensors::read(&inf)).contains("a[0]"));
    // A valid file reads whole.
    let ok = file(
        r#"{"a":{"dtype":"F16","shape":[2],"data_offsets":[0,4]}}"#,
        4,
    );
    assert_eq!(tensors::read(&ok).unwrap()[0].data, vec![0.0, 0.0]);

    // Zip: not a zip, truncated, a compressed entry.
    assert_eq!(
        Folder::from_zip(b"PK\x03\x04 nothing else")
            .unwrap_err()
            .code(),
        "zip"
    );
    let zip = valid_folder().to_zip().unwrap();
    assert_eq!(
        Folder::from_zip(&zip[..zip.len() / 2]).unwrap_err().code(),
        "zip"
    );
    let mut deflated = zip.clone();
    // Local header and central directory entry both name the method.
    for i in 0..deflated.len() - 4 {
        if deflated[i..i + 4] == *b"PK\x01\x02" {
            deflated[i + 10] = 8;
        }
        if deflated[i..i + 4] == *b"PK\x03\x04" {
            deflated[i + 8] = 8;
        }
    }
    let e = Folder::from_zip(&deflated).unwrap_err();
    println!("deflated entry: {e}");
}

/// Random bytes, then the valid files with bytes flipped, cut short or
/// spliced: no panic; anything accepted is whole and finite.
#[test]
fn random_and_mutated_inputs_never_panic() {
    let folder = valid_folder();
    let st = folder.get("model.safetensors").unwrap().to_vec();
    let zip = folder.to_zip().unwrap();
    let deflated = deflated_zip(&in_directory(&folder), 8, None);
    let mut rng = Rng::new(15);
    let (mut refused, mut accepted) = (0usize, 0usize);
    let mut check = |bytes: &[u8]| {
        match tensors::read(bytes) {
            Ok(ts) => {
                accepted += 1;
                assert!(ts.iter().all(|t| t.data.iter().all(|x| x.is_finite())));
                assert!(ts
                    .iter()
                    .all(|t| t.data.len() == t.shape.iter().product::<usize>()));
            }
            Err(e) => {
                refused += 1;
                assert!(!e.to_string().is_empty());
            }
        }
        match Folder::from_zip(bytes) {
            Ok(f) => {
                let _ = hub::open(f);
            }
            Err(e) => assert!(!e.to_string().is_empty()),
        }
    };
    for _ in 0..2000 {
        let len = rng.below(200) as usize;
        let bytes: Vec<u8> = (0..len).map(|_| rng.below(256) as u8).collect();
        check(&bytes);
    }
    for base in [&st, &zip, &deflated] {
        for round in 0..3000 {
            let mut b = base.clone();
            match round % 4 {
                0 => {
                    for _ in 0..1 + rng.below(4) {
                        let i = rng.below(b.len());
                        b[i] = rng.below(256) as u8;
                    }
                }
                1 => b.truncate(rng.below(b.len())),
                2 => {
                    // Flip a byte in the first 200 (headers, offsets, names).
                    let i = rng.below(200.min(b.len()));
                    b[i] ^= 1 << rng.below(8);
                }
                _ => {
                    let i = rng.below(b.len());
                    let extra: Vec<u8> = (0..rng.below(16)).map(|_| rng.below(256) as u8).collect();
                    b.splice(i..i, extra);
                }
            }
            check(&b);
        }
    }
    println!("{refused} refused, {accepted} accepted (mutations that left a valid file)");
    assert_eq!(refused + accepted, 11000);
    assert!(refused > 10000, "most mutations break the file");
}
