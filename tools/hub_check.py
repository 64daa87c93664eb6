"""Checks the engine's exported folders with Hugging Face's own libraries.

Usage: python tools/hub_check.py DIR

DIR holds what `cargo run --profile test --example hub_export -- DIR` wrote: one
folder per model with the engine's reference values in reference.json.
This script
  - reads every README.md with huggingface_hub's ModelCard (the Hub's own
    parser of the YAML front matter) and checks licence, library and the
    measured figures;
  - loads every model.safetensors with safetensors.numpy.load_file and
    compares every tensor with the engine's values (f32 exactly; f16 as the
    engine's values rounded to half precision);
  - for the GPTs, reads config.json with transformers.GPT2Config and checks
    that the tensors' names and shapes are exactly a GPT2LMHeadModel's of
    that configuration (the list written below from GPT-2's published
    layout, not read from the engine's writer);
  - loads tokenizer.json with tokenizers.Tokenizer and checks the ids of
    texts in English and Chinese;
  - runs a numpy forward pass of GPT-2 and compares the logits with the
    engine's (max abs difference under 1e-4);
  - for the LSTM chapter's folder, runs an LSTM and a tanh RNN in numpy,
    written from the equations PyTorch documents for nn.LSTM and nn.RNN
    (gate order i, f, g, o; weight_ih_l0 [4H, I]; two biases), with an
    nn.Linear read-out, and compares the probabilities on a fixed sequence
    with the engine's (max abs difference under 1e-4);
  - for the RLHF reward model, checks the names and shapes of a
    GPT2ForSequenceClassification with one label (GPT-2's body and
    `score.weight` [num_labels, n_embd], `pad_token_id` set) and compares
    a numpy score (the head on the last position's final-LayerNorm output)
    with the engine's within 1e-4;
  - writes DIR/from-python/: a small GPT-2-shaped model and a dense network
    saved with safetensors and a config.json, with numpy's predictions in
    expected.json, for the engine's import check (examples/hub_import.rs).
The last line is `N passed, N failed`; the exit code is 1 on a failure.
"""

import json
import os
import sys

import numpy as np
from huggingface_hub import ModelCard
from safetensors import safe_open
from safetensors.numpy import load_file, save_file
from tokenizers import Tokenizer
from transformers import GPT2Config

passed = 0
failed = 0


def check(ok, what):
    global passed, failed
    if ok:
        passed += 1
    else:
        failed += 1
        print("FAIL:", what)


def gpt2_layout(cfg):
    """Names and shapes of GPT2LMHeadModel's state dict (head tied to wte,
    so not stored), from GPT-2's layout: Conv1D weights are [in, out]."""
    c, inner = cfg.n_embd, cfg.n_inner or 4 * cfg.n_embd
    names = {
        "transformer.wte.weight": (cfg.vocab_size, c),
        "transformer.wpe.weight": (cfg.n_positions, c),
        "transformer.ln_f.weight": (c,),
        "transformer.ln_f.bias": (c,),
    }
    for i in range(cfg.n_layer):
        h = f"transformer.h.{i}."
        names.update({
            h + "ln_1.weight": (c,), h + "ln_1.bias": (c,),
            h + "attn.c_attn.weight": (c, 3 * c), h + "attn.c_attn.bias": (3 * c,),
            h + "attn.c_proj.weight": (c, c), h + "attn.c_proj.bias": (c,),
            h + "ln_2.weight": (c,), h + "ln_2.bias": (c,),
            h + "mlp.c_fc.weight": (c, inner), h + "mlp.c_fc.bias": (inner,),
            h + "mlp.c_proj.weight": (inner, c), h + "mlp.c_proj.bias": (c,),
        })
    return names


def layer_norm(x, w, b, eps):
    mu = x.mean(-1, keepdims=True)
    var = ((x - mu) ** 2).mean(-1, keepdims=True)
    return (x - mu) / np.sqrt(var + eps) * w + b


def gelu_new(x):
    return 0.5 * x * (1.0 + np.tanh(np.sqrt(2.0 / np.pi) * (x + 0.044715 * x ** 3)))


def gpt2_forward(w, cfg, ids, hidden=False):
    """GPT-2 (Radford et al., 2019) in float64: pre-LayerNorm blocks of
    causal self-attention and a GELU MLP, final LayerNorm, tied head (or,
    with `hidden`, the final LayerNorm's output [T, C])."""
    w = {k: v.astype(np.float64) for k, v in w.items()}
    t, c, nh = len(ids), cfg.n_embd, cfg.n_head
    hs, eps = c // nh, cfg.layer_norm_epsilon
    x = w["transformer.wte.weight"][ids] + w["transformer.wpe.weight"][:t]
    mask = np.triu(np.ones((t, t), dtype=bool), 1)
    for i in range(cfg.n_layer):
        p = lambda n: w[f"transformer.h.{i}.{n}"]
        h = layer_norm(x, p("ln_1.weight"), p("ln_1.bias"), eps)
        q, k, v = np.split(h @ p("attn.c_attn.weight") + p("attn.c_attn.bias"), 3, axis=-1)
        q, k, v = (a.reshape(t, nh, hs).transpose(1, 0, 2) for a in (q, k, v))
        att = q @ k.transpose(0, 2, 1) / np.sqrt(hs)
        att[:, mask] = -np.inf
        att = np.exp(att - att.max(-1, keepdims=True))
        att /= att.sum(-1, keepdims=True)
        y = (att @ v).transpose(1, 0, 2).reshape(t, c)
        x = x + y @ p("attn.c_proj.weight") + p("attn.c_proj.bias")
        h = layer_norm(x, p("ln_2.weight"), p("ln_2.bias"), eps)
        m = gelu_new(h @ p("mlp.c_fc.weight") + p("mlp.c_fc.bias"))
        x = x + m @ p("mlp.c_proj.weight") + p("mlp.c_proj.bias")
    x = layer_norm(x, w["transformer.ln_f.weight"], w["transformer.ln_f.bias"], eps)
    if hidden:
        return x
    return x @ w["transformer.wte.weight"].T


def sigmoid(z):
    return 1.0 / (1.0 + np.exp(-z))


def torch_recurrent(w, prefix, x, kind):
    """nn.LSTM / nn.RNN (one layer, batch_first, zero initial state) as
    PyTorch documents them, then nn.Linear and a softmax, in float64.
    x: one-hot [T, I]. LSTM: i, f, g, o = chunks of W_ih x + b_ih + W_hh h
    + b_hh; c = f*c + i*g; h = o*tanh(c). RNN: h = tanh(W_ih x + b_ih +
    W_hh h + b_hh)."""
    p = lambda n: w[f"{prefix}.{n}"].astype(np.float64)
    w_ih, w_hh = p("cell.weight_ih_l0"), p("cell.weight_hh_l0")
    b = p("cell.bias_ih_l0") + p("cell.bias_hh_l0")
    hidden = w_hh.shape[1]
    h, c, out = np.zeros(hidden), np.zeros(hidden), []
    for xt in x:
        z = w_ih @ xt + w_hh @ h + b
        if kind == "lstm":
            i, f, g, o = np.split(z, 4)
            c = sigmoid(f) * c + sigmoid(i) * np.tanh(g)
            h = sigmoid(o) * np.tanh(c)
        else:
            h = np.tanh(z)
        out.append(h)
    logits = np.array(out) @ p("head.weight").T + p("head.bias")
    e = np.exp(logits - logits.max(-1, keepdims=True))
    return e / e.sum(-1, keepdims=True)


def check_sequences(name, tensors, seq):
    ids = seq["ids"]
    x = np.eye(seq["inputs"])[ids]
    for kind in ("lstm", "rnn"):
        ours = np.array(seq[kind], dtype=np.float64).reshape(len(ids), seq["classes"])
        theirs = torch_recurrent(tensors, kind, x, kind)
        diff = float(np.abs(ours - theirs).max())
        check(diff < 1e-4, f"{name}: {kind} probabilities differ by {diff}")
        print(f"{name}: {kind} in numpy from PyTorch's equations, probabilities max abs difference "
              f"{diff:.2e} over {len(ids)} steps")
def sequence_classification_layout(cfg):
    """GPT2ForSequenceClassification's state dict: GPT-2's body (no LM
    head) and a bias-free linear head `score` [num_labels, n_embd]."""
    names = gpt2_layout(cfg)
    names["score.weight"] = (cfg.num_labels, cfg.n_embd)
    return names


def check_reward(path, name, tensors, ref):
    cfg = GPT2Config.from_pretrained(path)
    check(cfg.model_type == "gpt2" and cfg.architectures == ["GPT2ForSequenceClassification"], f"{name}: model type")
    check(cfg.num_labels == 1 and cfg.pad_token_id is not None, f"{name}: num_labels {cfg.num_labels}, pad {cfg.pad_token_id}")
    layout = sequence_classification_layout(cfg)
    check(set(layout) == set(tensors), f"{name}: names differ from GPT2ForSequenceClassification's: "
          f"{sorted(set(layout) ^ set(tensors))[:5]}")
    for k, shape in layout.items():
        check(k in tensors and tensors[k].shape == shape, f"{name}: {k} shape")
    tok = Tokenizer.from_file(os.path.join(path, "tokenizer.json"))
    for item in ref["texts"]:
        ids = tok.encode(item["text"], add_special_tokens=False).ids
        check(ids == item["ids"], f"{name}: ids of {item['text']!r}")
    ids = np.array(ref["score"]["ids"])
    check(cfg.pad_token_id not in ids, f"{name}: the text holds the pad token")
    x = gpt2_forward(tensors, cfg, ids, hidden=True)
    # transformers scores the last token that is not the pad token.
    last = int(np.nonzero(ids != cfg.pad_token_id)[0].max())
    score = float(x[last] @ tensors["score.weight"].astype(np.float64)[0])
    diff = abs(score - ref["score"]["value"])
    check(diff < 1e-4, f"{name}: score {score} vs engine {ref['score']['value']}")
    print(f"{name}: GPT2ForSequenceClassification layout matches; score {score:.6f}, "
          f"abs difference {diff:.2e} from the engine's")


def check_folder(path):
    name = os.path.basename(path)
    ref = json.load(open(os.path.join(path, "reference.json")))
    st = os.path.join(path, "model.safetensors")
    tensors = load_file(st)
    with safe_open(st, "np") as f:
        check(f.metadata() == {"format": "pt"}, f"{name}: metadata {f.metadata()}")
    check(set(tensors) == set(ref["tensors"]), f"{name}: tensor names differ")
    half = ref.get("dtype") == "float16"
    card = ModelCard.load(os.path.join(path, "README.md"))
    results = card.data.eval_results or []
    check(card.data.license == "mit" and card.data.library_name in ("neuroplay", "transformers"),
          f"{name}: card licence / library {card.data.license} {card.data.library_name}")
    check(len(results) >= 2 and all(np.isfinite(r.metric_value) for r in results),
          f"{name}: card figures {[(r.metric_name, r.metric_value) for r in results]}")
    for k, r in ref["tensors"].items():
        if k not in tensors:
            continue
        want = np.array(r["values"], dtype=np.float32).reshape(r["shape"])
        if half:
            want = want.astype(np.float16)
        got = tensors[k]
        check(got.dtype == want.dtype and got.shape == want.shape and np.array_equal(got, want),
              f"{name}: tensor {k} differs")
    if "sequence" in ref:
        check_sequences(name, tensors, ref["sequence"])
    if "score" in ref:
        check_reward(path, name, tensors, ref)
        return
    if "logits" not in ref:
        print(f"{name}: {len(tensors)} tensors equal the engine's")
        return
    cfg = GPT2Config.from_pretrained(path)
    check(cfg.model_type == "gpt2" and cfg.architectures == ["GPT2LMHeadModel"], f"{name}: model type")
    check(cfg.activation_function == "gelu_new" and cfg.tie_word_embeddings, f"{name}: activation / tied head")
    layout = gpt2_layout(cfg)
    check(set(layout) == set(tensors), f"{name}: names differ from GPT-2's: "
          f"{sorted(set(layout) ^ set(tensors))[:5]}")
    for k, shape in layout.items():
        check(k in tensors and tensors[k].shape == shape, f"{name}: {k} shape")
    tok = Tokenizer.from_file(os.path.join(path, "tokenizer.json"))
    check(tok.get_vocab_size() == cfg.vocab_size, f"{name}: vocabulary size")
    for item in ref["texts"]:
        ids = tok.encode(item["text"], add_special_tokens=False).ids
        check(ids == item["ids"], f"{name}: ids of {item['text']!r}: {ids[:12]} vs {item['ids'][:12]}")
    ids = ref["logits"]["ids"]
    ours = np.array(ref["logits"]["values"], dtype=np.float64).reshape(len(ids), cfg.vocab_size)
    theirs = gpt2_forward(tensors, cfg, np.array(ids))
    diff = float(np.abs(ours - theirs).max())
    check(diff < 1e-4, f"{name}: logits differ by {diff}")
    print(f"{name}: GPT-2 layout and {len(ref['texts'])} tokenizations match; "
          f"logits max abs difference {diff:.2e} over {len(ids)} positions")


def write_from_python(out):
    """A GPT-2-shaped model and a dense network written by Python alone."""
    rng = np.random.default_rng(15)
    d = os.path.join(out, "gpt2")
    os.makedirs(d, exist_ok=True)
    cfg = GPT2Config(vocab_size=57, n_positions=16, n_embd=24, n_layer=2, n_head=3,
                     activation_function="gelu_new", tie_word_embeddings=True,
                     bos_token_id=None, eos_token_id=None)
    cfg.architectures = ["GPT2LMHeadModel"]
    cfg.save_pretrained(d)
    w = {}
    for k, shape in gpt2_layout(cfg).items():
        base = 1.0 if k.endswith(("ln_1.weight", "ln_2.weight", "ln_f.weight")) else 0.0
        w[k] = (base + rng.normal(0, 0.2, shape)).astype(np.float32)
    w["lm_head.weight"] = w["transformer.wte.weight"].copy()  # tied, as torch saves it
    save_file(w, os.path.join(d, "model.safetensors"), metadata={"format": "pt"})
    ids = rng.integers(0, cfg.vocab_size, 16).tolist()
    logits = gpt2_forward(w, cfg, np.array(ids))
    json.dump({"ids": ids, "logits": logits.ravel().tolist()}, open(os.path.join(d, "expected.json"), "w"))

    d = os.path.join(out, "mlp")
    os.makedirs(d, exist_ok=True)
    sizes = [3, 8, 5, 2]
    json.dump({"architectures": ["NeuroplayMlp"], "model_type": "neuroplay_mlp", "layer_sizes": sizes,
               "activation": "tanh", "output_activation": "linear", "weight_layout": "in_out"},
              open(os.path.join(d, "config.json"), "w"))
    w = {}
    for l in range(len(sizes) - 1):
        w[f"layers.{l}.weight"] = rng.normal(0, 0.7, (sizes[l], sizes[l + 1])).astype(np.float32)
        w[f"layers.{l}.bias"] = rng.normal(0, 0.3, sizes[l + 1]).astype(np.float32)
    save_file(w, os.path.join(d, "model.safetensors"), metadata={"format": "pt"})
    x = rng.normal(0, 1, (10, 3)).astype(np.float32)
    y = x.astype(np.float64)
    for l in range(len(sizes) - 1):
        y = y @ w[f"layers.{l}.weight"].astype(np.float64) + w[f"layers.{l}.bias"]
        if l < len(sizes) - 2:
            y = np.tanh(y)
    json.dump({"x": x.ravel().tolist(), "rows": 10, "y": y.ravel().tolist()},
              open(os.path.join(d, "expected.json"), "w"))
    print(f"wrote {out}/gpt2 and {out}/mlp for the engine's import check")


def main():
    root = sys.argv[1]
    for name in sorted(os.listdir(root)):
        path = os.path.join(root, name)
        if os.path.isfile(os.path.join(path, "reference.json")):
            try:
                check_folder(path)
            except Exception as e:  # a crash is a failure, named
                check(False, f"{name}: {type(e).__name__}: {e}")
    write_from_python(os.path.join(root, "from-python"))
    print(f"hub check: {passed} passed, {failed} failed")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
