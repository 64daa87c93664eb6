// The chapter's LSTM written with TensorFlow.js core ops, for the benchmark:
// the same cell (gates i, f, g, o side by side, c = f·c + i·g, h = o·tanh c),
// the same start (uniform ±1/√H, forget biases ln T and input biases −ln T),
// one-hot inputs of 9 symbols, a read-out and softmax cross-entropy at the
// last step, on the same shapes and batch, with TensorFlow.js's Adam at the
// same rate. Differences, stated: no gradient clipping (it has none built
// in; it costs the engine one pass over the parameters), and one fixed
// batch of memory sequences rather than a shuffled set.

const V = 9;
const K = 4;

export function lstmModel(tf, { width: H, steps: T, batch: B }) {
  const a = 1 / Math.sqrt(H);
  const uniform = (shape) => tf.variable(tf.randomUniform(shape, -a, a));
  const wih = uniform([V, 4 * H]);
  const whh = uniform([H, 4 * H]);
  const lnT = Math.log(T);
  const b0 = new Float32Array(4 * H);
  for (let j = 0; j < 4 * H; j++) b0[j] = (Math.random() * 2 - 1) * a;
  for (let j = 0; j < H; j++) { b0[j] = -lnT; b0[H + j] = lnT; }
  const bias = tf.variable(tf.tensor1d(b0));
  const wout = uniform([H, K]);
  const bout = uniform([K]);
  // One batch of memory sequences: a letter A–D, distractors w–z, then ?.
  const xs = [];
  const y = new Float32Array(B * K);
  const first = Array.from({ length: B }, (_, b) => (b * 7 + 3) % 4);
  for (let t = 0; t < T; t++) {
    const x = new Float32Array(B * V);
    for (let b = 0; b < B; b++) {
      const sym = t === 0 ? first[b] : t === T - 1 ? 8 : 4 + ((b * 31 + t * 17) % 4);
      x[b * V + sym] = 1;
    }
    xs.push(tf.tensor2d(x, [B, V]));
  }
  for (let b = 0; b < B; b++) y[b * K + first[b]] = 1;
  const ys = tf.tensor2d(y, [B, K]);

  function loss() {
    let h = tf.zeros([B, H]);
    let c = tf.zeros([B, H]);
    for (let t = 0; t < T; t++) {
      const z = tf.add(tf.add(tf.matMul(xs[t], wih), tf.matMul(h, whh)), bias);
      const [zi, zf, zg, zo] = tf.split(z, 4, 1);
      c = tf.add(tf.mul(tf.sigmoid(zf), c), tf.mul(tf.sigmoid(zi), tf.tanh(zg)));
      h = tf.mul(tf.sigmoid(zo), tf.tanh(c));
    }
    return tf.losses.softmaxCrossEntropy(ys, tf.add(tf.matMul(h, wout), bout));
  }

  const opt = tf.train.adam(0.01);
  return {
    /** One training step; returns the time steps trained. */
    step() {
      const l = opt.minimize(loss, true);
      l.dataSync();
      l.dispose();
      return B * T;
    },
  };
}
