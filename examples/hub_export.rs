//! Writes exported folders for the Python check (tools/hub_check.py) with
//! the engine's own reference values beside each: every tensor, and for
//! the GPTs the logits on a fixed text and the token ids of fixed texts in
//! both languages.
//!
//! `cargo run --profile test --example hub_export -- DIR` writes DIR/<name>/
//! (the folder's files plus `reference.json`) for a playground network
//! (f32 and f16), the digits softmax, a CNN, the deep belief net's RBM, the
//! LSTM chapter's LSTM and RNN (with their probabilities on one sequence), the
//! perceptron, two tiny GPTs with BPE tokenizers (Moby-Dick and the Tang
//! quatrains); and the RLHF chapter's policy (LoRA merged) and reward model,
//! with the reward model's score of a fixed text.

use neuroplay::chapters::cnn::{settings as cnn_settings, CnnSession};
use neuroplay::chapters::dbn::{settings as dbn_settings, DbnSession};
use neuroplay::chapters::lstm::{settings as lstm_settings, LstmSession};
use neuroplay::chapters::perceptron::{self as pc, PerceptronSession, Scene};
use neuroplay::chapters::digits::{settings as digits_settings, DigitsSession};
use neuroplay::chapters::gpt::{settings as gpt_settings, GptSession, Texts};
use neuroplay::chapters::playground::{settings as pg_settings, Session};
use neuroplay::chapters::rlhf::{settings as rlhf_settings, Part, Phase, RlhfRun};
use neuroplay::data::corpus::parse as parse_corpus;
use neuroplay::data::digits::parse as parse_digits;
use neuroplay::hub::{self, Exportable, Folder, Precision};
use neuroplay::train::Trainable;
use serde_json::{json, Map, Value};
use std::path::Path;

/// Texts whose ids Python's `tokenizers` must reproduce.
const TEXTS: &[&str] = &[
    "Call me Ishmael. Some years ago, never mind how long precisely.",
    "床前明月光，疑是地上霜。举头望明月，低头思故乡。",
    "The whale 鲸 and the sea 海: unseen Ω, emoji 🐋, tabs\tand\nnew lines.",
    "",
];

fn data(name: &str) -> Vec<u8> {
    std::fs::read(format!("{}/www/data/{name}", env!("CARGO_MANIFEST_DIR"))).expect("shipped data")
}

fn write(dir: &Path, name: &str, folder: &Folder, reference: Value) {
    let d = dir.join(name);
    std::fs::create_dir_all(&d).unwrap();
    for (file, bytes) in &folder.files {
        std::fs::write(d.join(file), bytes).unwrap();
    }
    std::fs::write(
        d.join("reference.json"),
        serde_json::to_vec(&reference).unwrap(),
    )
    .unwrap();
    std::fs::write(dir.join(format!("{name}.zip")), folder.to_zip().unwrap()).unwrap();
    println!("wrote {} ({} files)", d.display(), folder.files.len());
}

fn tensors<E: Exportable>(m: &E) -> Value {
    let s = m.params();
    let mut out = Map::new();
    for v in &s.views {
        out.insert(
            v.name.clone(),
            json!({"shape": v.shape, "values": &s.data[v.range()]}),
        );
    }
    Value::Object(out)
}

fn export<E: Exportable>(m: &mut E, q: &str, p: Precision) -> Folder {
    hub::export(m, q, p).expect("export")
}

fn main() {
    let dir = std::env::args().nth(1).expect("usage: hub_export DIR");
    let dir = Path::new(&dir);

    let q = "dataset=xor&networkShape=5,3&activation=tanh&seed=11&noise=5";
    let mut s = Session::new(pg_settings::config(&pg_settings::decode(q, "1").settings));
    s.train_epochs(20);
    let f = export(&mut s, q, Precision::F32);
    write(dir, "playground", &f, json!({"tensors": tensors(&s)}));
    let f = export(&mut s, q, Precision::F16);
    write(
        dir,
        "playground-f16",
        &f,
        json!({"tensors": tensors(&s), "dtype": "float16"}),
    );

    let digits = parse_digits(&data("digits-14x14.bin")).unwrap();
    let q = "seed=4";
    let mut d = DigitsSession::new(
        digits_settings::config(&digits_settings::decode(q, "1").settings),
        &digits,
    );
    d.train_epochs(1);
    let f = export(&mut d, q, Precision::F32);
    write(dir, "digits", &f, json!({"tensors": tensors(&d)}));

    let q = "channels=4,8&kernels=5,3&pools=2,2&epochs=1&seed=2&compare=false";
    let mut c = CnnSession::new(
        cnn_settings::config(&cnn_settings::decode(q, "1").settings),
        &digits,
        || 0.0,
    );
    c.train_batches(30);
    let f = export(&mut c, q, Precision::F32);
    write(dir, "cnn", &f, json!({"tensors": tensors(&c)}));

    let q = "hidden=32&sampler=cd&k=1&seed=5";
    let mut r = DbnSession::new(
        dbn_settings::config(&dbn_settings::decode(q, "1").settings),
        &digits,
        || 0.0,
    );
    r.train_batches(100);
    let f = export(&mut r, q, Precision::F32);
    write(dir, "dbn", &f, json!({"tensors": tensors(&r)}));

    // Both sequence models, and their probabilities on one held-out
    // sequence for the numpy LSTM and RNN written from PyTorch's equations.
    let q = "task=memory&distance=30&width=10&seed=8&batchSize=16";
    let mut l = LstmSession::new(
        lstm_settings::config(&lstm_settings::decode(q, "1").settings),
        None,
    );
    l.train_batches(40);
    let f = export(&mut l, q, Precision::F32);
    let ids = l.probe().x.clone();
    let [lstm_p, rnn_p] = l.sequence_probabilities(&ids);
    let (_, inputs, classes) = l.shape();
    let reference = json!({"tensors": tensors(&l), "sequence": {"ids": ids, "inputs": inputs,
        "classes": classes, "lstm": lstm_p, "rnn": rnn_p}});
    write(dir, "lstm", &f, reference);

    let q = "seed=3&numPoints=30&margin=0.4";
    let mut p = PerceptronSession::new(pc::setup(
        Scene::Perceptron,
        &pc::decode(Scene::Perceptron, q, "1").settings,
    ));
    p.train_batches(25);
    let f = export(&mut p, q, Precision::F32);
    write(dir, "perceptron", &f, json!({"tensors": tensors(&p)}));

    let texts = Texts {
        poems: parse_corpus(&data("tang-quatrains.bin")).unwrap(),
        moby: parse_corpus(&data("moby-dick.bin")).unwrap(),
        own: None,
    };
    for (name, q, prompt) in [
        (
            "gpt-moby",
            "corpus=moby&merges=40&layers=2&width=32&heads=4&context=32&batchSize=8&seed=3",
            TEXTS[0],
        ),
        (
            "gpt-poems",
            "corpus=poems&merges=30&layers=1&width=16&heads=2&context=16&batchSize=8&seed=3",
            TEXTS[1],
        ),
    ] {
        let mut g = GptSession::new(
            gpt_settings::config(&gpt_settings::decode(q, "1").settings),
            texts.clone(),
        );
        g.train_batches(30);
        let context = g.model().config().context;
        let mut ids = g.tokenizer().encode(prompt);
        ids.truncate(context);
        let t = ids.len();
        let logits = g.model_mut().logits(&ids, 1, t).to_vec();
        let encoded: Vec<Value> = TEXTS
            .iter()
            .map(|text| json!({"text": text, "ids": g.tokenizer().encode(text)}))
            .collect();
        let f = export(&mut g, q, Precision::F32);
        let reference = json!({"tensors": tensors(&g), "logits": {"ids": ids, "values": logits}, "texts": encoded});
        write(dir, name, &f, reference);
    }

    rlhf(dir, &texts.moby.docs.join("\n"));
}

/// The RLHF chapter's two folders: a run with LoRA fine-tuning (so the
/// export merges adapters) through every phase, a few steps each.
fn rlhf(dir: &Path, novel: &str) {
    let q = "layers=1&width=16&heads=2&batchSize=8&pretrainSteps=30&finetune=lora&rank=2\
&finetuneSteps=10&pairs=40&rewardSteps=10&policySteps=3&seed=3";
    let mut r = RlhfRun::new(rlhf_settings::config(&rlhf_settings::decode(q, "1").settings), novel)
        .expect("the run");
    for phase in [Phase::Pretrain, Phase::Finetune, Phase::Reward, Phase::Policy] {
        r.phase = phase;
        if phase == Phase::Reward {
            r.auto_label();
        }
        while r.train_batches(100) > 0 {}
    }
    let ids = r.s.tok.encode(TEXTS[0]);
    let ids = &ids[..24];
    let encoded: Vec<Value> = TEXTS
        .iter()
        .map(|text| json!({"text": text, "ids": r.s.tok.encode(text)}))
        .collect();
    // The policy's logits with its adapters still apart; the folder holds
    // them merged.
    let mut policy = r.s.policy.as_ref().expect("a policy").model.gpt.copy();
    let logits = policy.logits(ids, 1, ids.len()).to_vec();
    let mut f = r.folder(Part::Policy).expect("the policy");
    let tensors_ref = tensors(&f);
    let folder = export(&mut f, q, Precision::F32);
    let reference = json!({"tensors": tensors_ref, "logits": {"ids": ids, "values": logits}, "texts": encoded});
    write(dir, "rlhf-policy", &folder, reference);

    let score = r.s.reward.as_mut().expect("a reward model").model.score(ids, 1, ids.len())[0];
    let mut f = r.folder(Part::Reward).expect("the reward model");
    let tensors_ref = tensors(&f);
    let folder = export(&mut f, q, Precision::F32);
    let reference = json!({"tensors": tensors_ref, "score": {"ids": ids, "value": score}, "texts": encoded});
    write(dir, "rlhf-reward", &folder, reference);
}
