//! The reverse of the Python check: folders written by Python alone
//! (tools/hub_check.py writes DIR/gpt2 and DIR/mlp with numpy's
//! predictions in expected.json) are read by the engine's importer, and
//! its predictions must equal numpy's (max abs difference under 1e-4).
//!
//! `cargo run --profile test --example hub_import -- DIR`; the last line is
//! `N passed, N failed`, the exit code 1 on a failure.

use neuroplay::hub::{self, plain, Folder};
use serde_json::Value;
use std::path::Path;

fn folder(dir: &Path) -> Folder {
    let files = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| {
            let p = e.unwrap().path();
            (
                p.file_name().unwrap().to_string_lossy().into_owned(),
                std::fs::read(&p).unwrap(),
            )
        })
        .collect();
    Folder::from_files(files).expect("the folder's files")
}

fn numbers(v: &Value, key: &str) -> Vec<f64> {
    v[key]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| x.as_f64().unwrap())
        .collect()
}

fn max_diff(a: &[f32], b: &[f64]) -> f64 {
    assert_eq!(a.len(), b.len());
    a.iter()
        .zip(b)
        .map(|(&x, y)| (f64::from(x) - y).abs())
        .fold(0.0, f64::max)
}

fn main() {
    let dir = std::env::args().nth(1).expect("usage: hub_import DIR");
    let dir = Path::new(&dir);
    let (mut passed, mut failed) = (0, 0);
    let mut check = |ok: bool, what: String| {
        println!("{} {what}", if ok { "ok:  " } else { "FAIL:" });
        if ok {
            passed += 1
        } else {
            failed += 1
        }
    };

    let expected: Value =
        serde_json::from_slice(&std::fs::read(dir.join("gpt2/expected.json")).unwrap()).unwrap();
    match hub::open(folder(&dir.join("gpt2"))).and_then(|p| plain::gpt(&p)) {
        Ok(mut gpt) => {
            let ids: Vec<u32> = numbers(&expected, "ids")
                .iter()
                .map(|&x| x as u32)
                .collect();
            let d = max_diff(
                gpt.logits(&ids, 1, ids.len()),
                &numbers(&expected, "logits"),
            );
            check(
                d < 1e-4,
                format!("GPT-2 written by Python: logits max abs difference {d:.2e} from numpy's"),
            );
        }
        Err(e) => check(false, format!("GPT-2 written by Python refused: {e}")),
    }

    let expected: Value =
        serde_json::from_slice(&std::fs::read(dir.join("mlp/expected.json")).unwrap()).unwrap();
    match hub::open(folder(&dir.join("mlp"))).and_then(|p| plain::mlp(&p)) {
        Ok((mut net, _softmax)) => {
            let x: Vec<f32> = numbers(&expected, "x").iter().map(|&v| v as f32).collect();
            let rows = expected["rows"].as_u64().unwrap() as usize;
            let d = max_diff(net.forward(&x, rows), &numbers(&expected, "y"));
            check(d < 1e-4, format!("dense network written by Python: outputs max abs difference {d:.2e} from numpy's"));
        }
        Err(e) => check(
            false,
            format!("dense network written by Python refused: {e}"),
        ),
    }
    println!("hub import: {passed} passed, {failed} failed");
    std::process::exit(if failed > 0 { 1 } else { 0 });
}
