//! The RLHF chapter's models as Hugging Face folders: the policy (LoRA
//! merged) and the reward model leave; the policy's folder comes back as
//! the pre-trained language model of a fresh run of its settings, giving
//! the same logits; the reward model's folder, a folder whose tokenizer
//! differs and one of another size are refused with nothing changed.

#[path = "common/shipped.rs"]
mod shipped;
use shipped::*;
use neuroplay::chapters::rlhf::settings::{config, decode};
use neuroplay::chapters::rlhf::{Part, Phase, RlhfRun};
use neuroplay::hub::{self, Folder, Precision};
use neuroplay::train::Trainable;

const LINK: &str = "layers=1&width=16&heads=2&batchSize=8&pretrainSteps=20&finetune=lora&rank=2\
&finetuneSteps=10&pairs=40&rewardSteps=10&policySteps=3&seed=5";

fn run(text: &str, link: &str) -> RlhfRun {
    RlhfRun::new(config(&decode(link, "1").settings), text).unwrap()
}

fn export(r: &RlhfRun, part: Part, link: &str) -> Result<Folder, hub::HubError> {
    let mut f = r.folder(part)?;
    hub::export(&mut f, link, Precision::F32)
}

fn reopen(f: &Folder) -> hub::Package {
    hub::open(Folder::from_zip(&f.to_zip().unwrap()).unwrap()).unwrap()
}

#[test]
fn policy_and_reward_model_leave_and_the_policy_comes_back() {
    let text = moby_text();
    let mut r = run(&text, LINK);
    assert!(
        export(&r, Part::Reward, LINK).is_err(),
        "no reward model yet"
    );
    for phase in [
        Phase::Pretrain,
        Phase::Finetune,
        Phase::Reward,
        Phase::Policy,
    ] {
        r.phase = phase;
        if phase == Phase::Reward {
            assert!(r.auto_label() > 0);
        }
        while r.train_batches(100) > 0 {}
    }
    let policy = export(&r, Part::Policy, LINK).unwrap();
    let reward = export(&r, Part::Reward, LINK).unwrap();
    let p = reopen(&policy);
    assert_eq!(p.architecture, "GPT2LMHeadModel");
    assert_eq!(p.route.as_deref(), Some("rlhf"));
    assert!(p.tensors.iter().all(|t| t.name.starts_with("transformer.")));
    let q = reopen(&reward);
    assert_eq!(q.architecture, "GPT2ForSequenceClassification");
    assert_eq!(q.config["pad_token_id"], 0);
    let head = q.tensor("score.weight").unwrap();
    assert_eq!(head.shape, vec![1, 16]);
    assert_eq!(q.tensors.len(), p.tensors.len() + 1);
    let card = String::from_utf8(
        reward
            .files
            .iter()
            .find(|f| f.0 == "README.md")
            .unwrap()
            .1
            .clone(),
    )
    .unwrap();
    assert!(card.contains("held-out pair accuracy") && card.contains("occurrences of 'w'"));

    // The policy's logits, adapters apart, against the imported model's.
    let ids = r.s.tok.encode("Call me Ishmael. Some years ago");
    let mut before = r.s.policy.as_ref().unwrap().model.gpt.copy();
    let want = before.logits(&ids, 1, ids.len()).to_vec();
    let mut fresh = run(&text, LINK);
    fresh.train_batches(5);
    fresh.load_policy(&p).unwrap();
    assert_eq!((fresh.pretrained, fresh.phase), (0, Phase::Pretrain));
    let got = fresh.s.pre.model.logits(&ids, 1, ids.len()).to_vec();
    let diff = want
        .iter()
        .zip(&got)
        .map(|(a, b)| (a - b).abs())
        .fold(0.0f32, f32::max);
    println!("policy logits after export and import: max abs difference {diff:.2e}");
    assert!(diff < 1e-4, "{diff}");

    // Refusals leave the run as it was.
    let keep = fresh.s.pre.model.store.data.clone();
    let e = fresh.load_policy(&q).unwrap_err();
    assert_eq!(e.code(), "architecture", "{e}");
    let mut files = policy.clone();
    for f in &mut files.files {
        if f.0 == "tokenizer.json" {
            let json = String::from_utf8(f.1.clone()).unwrap();
            f.1 = json.replacen("\"a\"", "\"A\"", 1).into_bytes();
            assert_ne!(json.as_bytes(), &f.1[..]);
        }
    }
    let tampered = hub::open(Folder::from_zip(&files.to_zip().unwrap()).unwrap()).unwrap();
    assert_eq!(
        fresh.load_policy(&tampered).unwrap_err().code(),
        "tokenizer"
    );
    let wider = run(&text, &LINK.replace("width=16", "width=24"));
    let other = reopen(&export(&wider, Part::Policy, LINK).unwrap());
    assert_eq!(fresh.load_policy(&other).unwrap_err().code(), "shape");
    assert_eq!(fresh.s.pre.model.store.data, keep);
}
