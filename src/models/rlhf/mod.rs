//! The three steps behind ChatGPT (Ouyang et al., 2022), at the scale of a
//! browser tab, on the GPT of `models::gpt`:
//! 1. a language model, pre-trained and fine-tuned (`finetune`: full,
//!    lower blocks frozen, or LoRA adapters);
//! 2. a reward model, the GPT's body with a scalar head, trained on pairs
//!    of samples with the Bradley–Terry loss (`reward`), the pairs labelled
//!    by a person or by a stated rule (`labeller`);
//! 3. the policy update: REINFORCE with a baseline and a KL penalty to the
//!    frozen reference (`policy`), or DPO straight on the pairs (`dpo`).

pub mod bench;
pub mod dpo;
pub mod finetune;
pub mod labeller;
pub mod pairs;
pub mod policy;
pub mod reward;
pub mod rollout;

pub use bench::PolicyBench;
pub use dpo::Dpo;
pub use finetune::{prepare, FineTune};
pub use labeller::Rule;
pub use pairs::{PairSet, Pairs, PromptSet, Prompts};
pub use policy::{Policy, PolicyStats};
pub use reward::RewardModel;
pub use rollout::Rollout;
