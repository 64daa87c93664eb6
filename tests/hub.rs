//! Export → import round trips for every chapter that trains a model: the
//! folder goes through a zip archive, the settings rebuild a fresh
//! session, the weights are put back, and the model predicts exactly what
//! it predicted before. Also the folder's layout (config keys, metadata,
//! card) and refusals of folders that do not fit.

#[path = "common/shipped.rs"]
mod shipped;
#[path = "common/hub_trip.rs"]
mod hub_trip;
use shipped::*;
use hub_trip::*;
use neuroplay::chapters::cnn::{settings as cnn_settings, CnnSession};
use neuroplay::chapters::digits::{settings as digits_settings, DigitsSession};
use neuroplay::chapters::gpt::{settings as gpt_settings, GptSession, Texts};
use neuroplay::chapters::playground::{settings as pg_settings, Session};
use neuroplay::data::corpus::parse as parse_corpus;
use neuroplay::hub::{self, Folder, HubError, Package, Precision};
use neuroplay::train::Trainable;
use serde_json::Value;

fn texts() -> Texts {
    let load = |name: &str| {
        let path = format!("{}/www/data/{name}", env!("CARGO_MANIFEST_DIR"));
        parse_corpus(&std::fs::read(path).unwrap()).unwrap()
    };
    Texts {
        poems: load("tang-quatrains.bin"),
        moby: load("moby-dick.bin"),
        own: None,
    }
}

#[test]
fn playground_network_comes_back_predicting_the_same() {
    let q = "dataset=spiral&networkShape=6,4&activation=tanh&noise=10&seed=7&learningRate=0.03&batchSize=10";
    let mut s = Session::new(pg_settings::config(&pg_settings::decode(q, "1").settings));
    s.train_epochs(30);
    let before = s.evaluate();
    let grid = s.compute_grid(48, 8, None).big.clone();
    let (folder, package) = round_trip(&mut s, q, Precision::F32);
    let cfg = config(&folder);
    assert_eq!(cfg["architectures"][0], "NeuroplayMlp");
    assert_eq!(cfg["layer_sizes"], serde_json::json!([2, 6, 4, 1]));
    assert_eq!(cfg["neuroplay"]["chapter"], "playground");
    assert_eq!(cfg["neuroplay"]["seed"], "7");
    let card = std::str::from_utf8(folder.get("README.md").unwrap()).unwrap();
    assert!(card.starts_with("---\nlicense: mit\n"), "{card}");
    assert!(
        card.contains(&format!("value: {:.4}", before.test_accuracy)),
        "{card}"
    );

    let mut fresh = Session::new(pg_settings::config(
        &pg_settings::decode(&package.settings, "").settings,
    ));
    assert_ne!(
        fresh.params(),
        s.params(),
        "a fresh session starts from its initial weights"
    );
    hub::load(&mut fresh, &package).expect("load");
    assert_eq!(fresh.params(), s.params());
    let after = fresh.evaluate();
    assert_eq!(
        (after.test_accuracy, after.test_loss),
        (before.test_accuracy, before.test_loss)
    );
    assert_eq!(fresh.compute_grid(48, 8, None).big, grid);
    println!(
        "playground: test accuracy {:.4} before and after; {} bytes zipped",
        after.test_accuracy,
        folder.to_zip().unwrap().len()
    );

    // f16 halves the tensors and keeps every weight within half an f16 step.
    let (half, package) = round_trip(&mut s, q, Precision::F16);
    assert!(
        half.get("model.safetensors").unwrap().len()
            < folder.get("model.safetensors").unwrap().len()
    );
    hub::load(&mut fresh, &package).unwrap();
    for (a, b) in fresh.params().iter().zip(s.params()) {
        assert!((a - b).abs() <= b.abs() * 1e-3 + 1e-7, "{a} vs {b}");
    }
}

#[test]
fn digits_and_cnn_come_back_predicting_the_same() {
    let digits = digits();
    let q = "networkShape=16&seed=3";
    let mut s = DigitsSession::new(
        digits_settings::config(&digits_settings::decode(q, "1").settings),
        &digits,
    );
    s.train_epochs(1);
    let before = s.evaluate().main;
    let image = s.test_image(5).unwrap().0.to_vec();
    let p = s.predict(&image);
    let (folder, package) = round_trip(&mut s, q, Precision::F32);
    assert_eq!(
        config(&folder)["layer_sizes"],
        serde_json::json!([196, 16, 10])
    );
    let mut fresh = DigitsSession::new(
        digits_settings::config(&digits_settings::decode(&package.settings, "").settings),
        &digits,
    );
    hub::load(&mut fresh, &package).unwrap();
    let after = fresh.evaluate().main;
    assert_eq!(
        (after.test_accuracy, after.test_loss),
        (before.test_accuracy, before.test_loss)
    );
    assert_eq!(fresh.predict(&image)[..10], p[..10]);
    println!(
        "digits 196-16-10: test accuracy {:.4} before and after",
        after.test_accuracy
    );

    let digits_q = q;
    let q = "channels=4&kernels=3&pools=2&epochs=1&batchSize=32&seed=2&compare=false";
    let mut c = CnnSession::new(
        cnn_settings::config(&cnn_settings::decode(q, "1").settings),
        &digits,
        clock,
    );
    c.train_batches(60);
    let before = c.evaluate();
    let (folder, package) = round_trip(&mut c, q, Precision::F32);
    assert_eq!(config(&folder)["conv_layers"][0]["channels"], 4);
    let mut fresh = CnnSession::new(
        cnn_settings::config(&cnn_settings::decode(&package.settings, "").settings),
        &digits,
        clock,
    );
    hub::load(&mut fresh, &package).unwrap();
    assert_eq!(fresh.params(), c.params());
    let after = fresh.evaluate();
    assert_eq!(
        after.models[0].test_accuracy,
        before.models[0].test_accuracy
    );
    assert_eq!(after.confusion, before.confusion);
    println!(
        "cnn: test accuracy {:.4} before and after",
        after.models[0].test_accuracy
    );

    // A digits folder is refused by the CNN chapter, and a CNN of other sizes.
    let (_, digits_pkg) = round_trip(&mut s, digits_q, Precision::F32);
    assert!(matches!(
        hub::load(&mut fresh, &digits_pkg),
        Err(HubError::UnknownArchitecture(_))
    ));
    let mut wider = CnnSession::new(
        cnn_settings::config(&cnn_settings::decode("channels=5&kernels=3&pools=2", "1").settings),
        &digits,
        clock,
    );
    let kept = wider.params().to_vec();
    let err = hub::load(&mut wider, &package).unwrap_err();
    assert_eq!(err.code(), "shape", "{err}");
    assert!(err.to_string().contains("conv1.weight"), "{err}");
    assert_eq!(wider.params(), &kept[..], "nothing half-loaded");
}

#[test]
fn gpt_comes_back_with_its_tokenizer_and_gpt2_keys() {
    let q = "corpus=moby&merges=20&layers=1&width=16&heads=2&context=16&batchSize=4&seed=5";
    let mut s = GptSession::new(
        gpt_settings::config(&gpt_settings::decode(q, "1").settings),
        texts(),
    );
    s.train_batches(20);
    let ids: Vec<u32> = s.valid_ids()[..16].to_vec();
    let logits = s.model_mut().logits(&ids, 1, 16).to_vec();
    let (folder, package) = round_trip(&mut s, q, Precision::F32);
    let cfg = config(&folder);
    assert_eq!(cfg["model_type"], "gpt2");
    assert_eq!(cfg["architectures"][0], "GPT2LMHeadModel");
    assert_eq!(cfg["n_embd"], 16);
    assert_eq!(cfg["activation_function"], "gelu_new");
    assert!(
        folder.get("tokenizer.json").is_some() && folder.get("generation_config.json").is_some()
    );
    let names: Vec<&str> = package.tensors.iter().map(|t| t.name.as_str()).collect();
    assert!(
        names.contains(&"transformer.h.0.attn.c_attn.weight") && !names.contains(&"lm_head.weight")
    );

    let mut fresh = GptSession::new(
        gpt_settings::config(&gpt_settings::decode(&package.settings, "").settings),
        texts(),
    );
    hub::load(&mut fresh, &package).unwrap();
    assert_eq!(fresh.model_mut().logits(&ids, 1, 16), &logits[..]);

    // Another tokenizer (more merges) is refused by name.
    let mut other = GptSession::new(
        gpt_settings::config(
            &gpt_settings::decode(
                "corpus=moby&merges=21&layers=1&width=16&heads=2&context=16",
                "1",
            )
            .settings,
        ),
        texts(),
    );
    let mut p = package.clone();
    p.folder.put("tokenizer.json", b"{}".to_vec());
    assert_eq!(hub::load(&mut fresh, &p).unwrap_err().code(), "tokenizer");
    assert!(hub::load(&mut other, &package).is_err());
}

#[test]
fn folders_that_do_not_fit_are_refused_by_name() {
    let q = "networkShape=3&seed=1";
    let mut s = Session::new(pg_settings::config(&pg_settings::decode(q, "1").settings));
    let folder = hub::export(&mut s, q, Precision::F32).unwrap();
    let with = |name: &str, bytes: &[u8]| {
        let mut f = folder.clone();
        f.put(name, bytes.to_vec());
        hub::open(f)
    };
    let code = |r: Result<Package, HubError>| r.map(|_| ()).unwrap_err().code();
    assert_eq!(
        code(with("config.json", b"{\"architectures\": [\"BertModel\"]}")),
        "architecture"
    );
    assert_eq!(code(with("config.json", b"{not json")), "json");
    assert_eq!(code(with("config.json", b"[1, 2]")), "config");
    let cfg = String::from_utf8(folder.get("config.json").unwrap().to_vec()).unwrap();
    assert_eq!(
        code(with(
            "config.json",
            cfg.replace("\"playground\"", "\"nowhere\"").as_bytes()
        )),
        "architecture"
    );
    assert_eq!(
        code(with(
            "config.json",
            cfg.replace("networkShape=3", "networkShape=300").as_bytes()
        )),
        "settings"
    );
    let mut missing = folder.clone();
    missing.files.retain(|(n, _)| n != "model.safetensors");
    assert_eq!(code(hub::open(missing)), "missingFile");

    // Tensors: NaN, a wrong dtype, a missing and an extra one.
    let st = folder.get("model.safetensors").unwrap().to_vec();
    let n = u64::from_le_bytes(st[..8].try_into().unwrap()) as usize;
    let mut nan = st.clone();
    nan[8 + n..8 + n + 4].copy_from_slice(&f32::NAN.to_le_bytes());
    assert_eq!(code(with("model.safetensors", &nan)), "nonFinite");
    let header = std::str::from_utf8(&st[8..8 + n]).unwrap();
    let mut i32s = st.clone();
    i32s[8..8 + n].copy_from_slice(header.replace("F32", "I32").as_bytes());
    assert_eq!(code(with("model.safetensors", &i32s)), "dtype");
    let mut renamed = st.clone();
    renamed[8..8 + n].copy_from_slice(header.replace("layers.0.bias", "layers.9.bias").as_bytes());
    let p = with("model.safetensors", &renamed).unwrap();
    let kept = s.params().to_vec();
    assert_eq!(
        hub::load(&mut s, &p).unwrap_err(),
        HubError::MissingTensor("layers.0.bias".into())
    );
    assert_eq!(s.params(), &kept[..]);
    // Loose files: the same folder read from dropped files, other names left aside.
    let mut loose: Vec<(String, Vec<u8>)> = folder
        .files
        .iter()
        .map(|(n, b)| (format!("my-model/{n}"), b.clone()))
        .collect();
    loose.push(("notes.txt".into(), b"hello".to_vec()));
    assert_eq!(Folder::from_files(loose).unwrap(), folder);
}

/// A GPT-2 folder without a chapter (as another program writes it) builds
/// natively at its config's sizes; what the engine does not compute is
/// refused by name.
#[test]
fn plain_gpt2_folders_build_or_are_refused() {
    let q = "corpus=moby&layers=1&width=16&heads=2&context=8&seed=5";
    let mut s = GptSession::new(
        gpt_settings::config(&gpt_settings::decode(q, "1").settings),
        texts(),
    );
    s.train_batches(5);
    let ids: Vec<u32> = s.valid_ids()[..8].to_vec();
    let logits = s.model_mut().logits(&ids, 1, 8).to_vec();
    let folder = hub::export(&mut s, q, Precision::F32).unwrap();
    let mut cfg = config(&folder);
    cfg.as_object_mut().unwrap().remove("neuroplay");
    let with = |cfg: &Value| {
        let mut f = folder.clone();
        f.put("config.json", serde_json::to_vec(cfg).unwrap());
        hub::open(f).and_then(|p| hub::plain::gpt(&p))
    };
    let mut gpt = with(&cfg).expect("a plain GPT-2");
    assert_eq!(gpt.logits(&ids, 1, 8), &logits[..]);
    for (key, value, words) in [
        ("activation_function", serde_json::json!("relu"), "gelu_new"),
        ("n_layer", serde_json::json!(99), "n_layer"),
        (
            "tie_word_embeddings",
            serde_json::json!(false),
            "tie_word_embeddings",
        ),
        ("n_embd", serde_json::json!(24), "transformer.wte.weight"),
    ] {
        let mut c = cfg.clone();
        c[key] = value;
        let e = with(&c).map(|_| ()).unwrap_err();
        assert!(e.to_string().contains(words), "{key}: {e}");
    }
}
