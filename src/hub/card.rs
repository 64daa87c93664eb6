//! README.md, the model card: YAML front matter the Hub reads (license,
//! library, tags, data sets, metrics with the values measured when the
//! model was exported, as a `model-index`), then what the model is, how it
//! was trained, its figures, its limits and how to load it.

use super::tensors::Precision;
use super::Description;

/// One measured figure.
#[derive(Clone, Debug, Default)]
pub struct Metric {
    /// The Hub's metric id (`accuracy`, `loss`, `perplexity`, `r2`).
    pub kind: &'static str,
    /// What was measured, in words (`test accuracy, 2,000 digits`).
    pub name: String,
    pub value: f64,
}

/// The facts a chapter gives for its card.
#[derive(Clone, Debug, Default)]
pub struct Card {
    /// One line: what the model is.
    pub title: String,
    /// A paragraph: the architecture in words.
    pub summary: String,
    /// The Hub's task id (`text-generation`, `image-classification`, …).
    pub task: &'static str,
    pub tags: Vec<&'static str>,
    /// Data set ids for the front matter, and the data in words.
    pub datasets: Vec<&'static str>,
    pub data: String,
    pub metrics: Vec<Metric>,
    /// How it was trained (optimizer, steps or epochs, batch, rate).
    pub training: String,
    /// What it cannot do.
    pub limits: String,
    /// Python that loads it (without the fence).
    pub load: String,
    /// `library_name` (neuroplay unless a library can build it).
    pub library: &'static str,
}

fn yaml_text(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_else(|_| "\"\"".into())
}

/// The whole README.md.
pub fn render(
    d: &Description,
    route: &str,
    settings: &str,
    seed: &str,
    params: usize,
    p: Precision,
) -> String {
    let c = &d.card;
    let mut y = String::from("---\nlicense: mit\n");
    y += &format!(
        "library_name: {}\n",
        if c.library.is_empty() {
            "neuroplay"
        } else {
            c.library
        }
    );
    y += &format!("pipeline_tag: {}\n", c.task);
    y += "tags:\n- neuroplay\n";
    for t in &c.tags {
        y += &format!("- {t}\n");
    }
    if !c.datasets.is_empty() {
        y += "datasets:\n";
        for ds in &c.datasets {
            y += &format!("- {ds}\n");
        }
    }
    if !c.metrics.is_empty() {
        y += "metrics:\n";
        let mut kinds: Vec<&str> = Vec::new();
        for m in &c.metrics {
            if !kinds.contains(&m.kind) {
                kinds.push(m.kind);
            }
        }
        for k in kinds {
            y += &format!("- {k}\n");
        }
        y += &format!(
            "model-index:\n- name: {}\n  results:\n  - task:\n      type: {}\n",
            yaml_text(&c.title),
            c.task
        );
        y += &format!(
            "    dataset:\n      name: {}\n      type: {}\n",
            yaml_text(&c.data),
            c.datasets.first().copied().unwrap_or("custom")
        );
        y += "    metrics:\n";
        for m in &c.metrics {
            y += &format!(
                "    - type: {}\n      name: {}\n      value: {}\n",
                m.kind,
                yaml_text(&m.name),
                figure(m.value)
            );
        }
    }
    y += "---\n\n";
    y += &format!("# {}\n\n{}\n\n", c.title, c.summary);
    y += &format!(
        "Made in neuroplay's `#/{route}` chapter: {params} parameters, stored as {} in `model.safetensors`; \
         `config.json` keeps the chapter's settings (`neuroplay.settings`) and the seed `{seed}`, so the page \
         rebuilds the same data and the same model when the folder is imported.\n\n",
        p.torch_name()
    );
    y += &format!(
        "## Data\n\n{}\n\n## Training\n\n{}\n\nSettings as a link: `#/{route}?{settings}`\n\n",
        c.data, c.training
    );
    if !c.metrics.is_empty() {
        y += "## Figures (measured in the page when exported)\n\n| figure | value |\n| --- | --- |\n";
        for m in &c.metrics {
            y += &format!("| {} | {} |\n", m.name, figure(m.value));
        }
        y += "\n";
    }
    y += &format!(
        "## Limits\n\n{}\n\n## How to load\n\n```python\n{}\n```\n",
        c.limits,
        c.load.trim_end()
    );
    y
}

/// A figure with four significant decimals (NaN written as such).
fn figure(v: f64) -> String {
    if v.is_finite() {
        format!("{:.4}", v)
    } else {
        "NaN".into()
    }
}
