// The chapter's GPT written with TensorFlow.js core ops, for the benchmark:
// the same layout (token + position embeddings, pre-LayerNorm blocks of
// causal multi-head attention and a tanh-GELU MLP, final LayerNorm, head
// tied to the token embedding), GPT-2's initialisation, the same shapes,
// batch and context, on random tokens of 65 symbols. Differences, stated:
// the embeddings are a one-hot product (the wasm backend cannot
// differentiate `gather`), and the optimizer is TensorFlow.js's Adam at the
// same learning rate, without decoupled weight decay or clipping (it has
// neither built in; both cost the engine one pass over the parameters).

const V = 65;

export function gptModel(tf, { layers: L, width: C, heads: NH, context: T, batch: B }) {
  const hs = C / NH;
  const std = 0.02;
  const proj = std / Math.sqrt(2 * L);
  const normal = (shape, s) => tf.variable(tf.randomNormal(shape, 0, s));
  const full = (shape, x) => tf.variable(tf.fill(shape, x));
  const wte = normal([V, C], std);
  const wpe = normal([T, C], std);
  const blocks = Array.from({ length: L }, () => ({
    ln1w: full([C], 1), ln1b: full([C], 0),
    wqkv: normal([C, 3 * C], std), bqkv: full([3 * C], 0),
    wo: normal([C, C], proj), bo: full([C], 0),
    ln2w: full([C], 1), ln2b: full([C], 0),
    wfc: normal([C, 4 * C], std), bfc: full([4 * C], 0),
    wpr: normal([4 * C, C], proj), bpr: full([C], 0),
  }));
  const lnfw = full([C], 1);
  const lnfb = full([C], 0);
  // Causal mask: 0 on and below the diagonal, a large negative above.
  const m = new Float32Array(T * T);
  for (let i = 0; i < T; i++) for (let j = i + 1; j < T; j++) m[i * T + j] = -1e9;
  const mask = tf.tensor2d(m, [T, T]);
  // One batch of random tokens and their next tokens, as one-hot rows.
  const ids = Array.from({ length: B * (T + 1) }, (_, i) => (i * 7919 + 13) % V);
  const x = new Float32Array(B * T * V);
  const y = new Float32Array(B * T * V);
  for (let b = 0; b < B; b++) {
    for (let t = 0; t < T; t++) {
      x[(b * T + t) * V + ids[b * (T + 1) + t]] = 1;
      y[(b * T + t) * V + ids[b * (T + 1) + t + 1]] = 1;
    }
  }
  const xs = tf.tensor2d(x, [B * T, V]);
  const ys = tf.tensor2d(y, [B * T, V]);

  const ln = (h, w, b) => {
    const { mean, variance } = tf.moments(h, -1, true);
    return tf.add(tf.mul(tf.div(tf.sub(h, mean), tf.sqrt(tf.add(variance, 1e-5))), w), b);
  };
  const gelu = (h) => tf.mul(tf.mul(h, 0.5), tf.add(1, tf.tanh(tf.mul(tf.add(h, tf.mul(tf.pow(h, 3), 0.044715)), Math.sqrt(2 / Math.PI)))));
  const linear = (h, w, b) => tf.add(tf.matMul(h, w), b);

  function loss() {
    let h = tf.add(tf.reshape(tf.matMul(xs, wte), [B, T, C]), wpe);
    h = tf.reshape(h, [B * T, C]);
    for (const k of blocks) {
      const qkv = tf.transpose(tf.reshape(linear(ln(h, k.ln1w, k.ln1b), k.wqkv, k.bqkv), [B, T, 3, NH, hs]), [2, 0, 3, 1, 4]);
      const [q, kk, vv] = tf.unstack(qkv);
      const att = tf.softmax(tf.add(tf.mul(tf.matMul(q, kk, false, true), 1 / Math.sqrt(hs)), mask));
      const yh = tf.reshape(tf.transpose(tf.matMul(att, vv), [0, 2, 1, 3]), [B * T, C]);
      h = tf.add(h, linear(yh, k.wo, k.bo));
      h = tf.add(h, linear(gelu(linear(ln(h, k.ln2w, k.ln2b), k.wfc, k.bfc)), k.wpr, k.bpr));
    }
    const logits = tf.matMul(ln(h, lnfw, lnfb), wte, false, true);
    return tf.losses.softmaxCrossEntropy(ys, logits);
  }

  const opt = tf.train.adam(3e-4);
  return {
    /** One training step; returns the tokens trained. */
    step() {
      const l = opt.minimize(loss, true);
      l.dataSync();
      l.dispose();
      return B * T;
    },
  };
}
