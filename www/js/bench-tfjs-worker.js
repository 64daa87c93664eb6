// TensorFlow.js's WebAssembly backend on the same matrices, networks and
// digits as the engine, answering the benchmark page one sample at a time.

import * as tf from '../vendor/tfjs/tfjs.mjs';
import { MATMUL_SIZES, DIGIT_NETS, GPT_NETS, LSTM_NETS, rate, serve } from './bench-cases.js';
import { cnnCases } from './bench-tfjs-cnn.js';
import { gptModel } from './bench-tfjs-gpt.js';
import { lstmModel } from './bench-tfjs-lstm.js';
import { rbmCases } from './bench-tfjs-rbm.js';

let data = null;

/** The shipped digits (format in data/README.md; checked by the engine). */
async function digits() {
  if (data) return data;
  const b = new Uint8Array(await (await fetch('../data/digits-14x14.bin')).arrayBuffer());
  const dv = new DataView(b.buffer);
  const train = dv.getUint32(8, true);
  const test = dv.getUint32(12, true);
  const n = train + test;
  const x = new Float32Array(n * 196);
  for (let i = 0; i < n * 196; i++) x[i] = b[16 + n + i] / 255;
  const y = new Float32Array(n * 10);
  for (let i = 0; i < n; i++) y[i * 10 + b[16 + i]] = 1;
  data = { train, test, x, y };
  return data;
}

function glorot(fanIn, fanOut) {
  const a = Math.sqrt(6 / (fanIn + fanOut));
  return tf.variable(tf.randomUniform([fanIn, fanOut], -a, a));
}

/** SGD on a 196 → hidden → 10 network, batches made into tensors up front (which favours TensorFlow.js). */
async function network(net) {
  const d = await digits();
  const sizes = [196, ...net.hidden, 10];
  const params = [];
  for (let l = 0; l + 1 < sizes.length; l++) params.push([glorot(sizes[l], sizes[l + 1]), tf.variable(tf.zeros([sizes[l + 1]]))]);
  const forward = (x) => params.reduce((a, [w, b], l) => {
    const z = tf.add(tf.matMul(a, w), b);
    return l + 1 < params.length ? tf.relu(z) : z;
  }, x);
  const batches = [];
  for (let s = 0; s < d.train; s += net.batch) {
    const e = Math.min(d.train, s + net.batch);
    batches.push([tf.tensor2d(d.x.subarray(s * 196, e * 196), [e - s, 196]), tf.tensor2d(d.y.subarray(s * 10, e * 10), [e - s, 10])]);
  }
  return { d, params, forward, batches, opt: tf.train.sgd(net.lr) };
}

const cases = {};
for (const n of MATMUL_SIZES) {
  cases[`matmul-${n}`] = {
    setup: () => [tf.randomUniform([n, n], -1, 1), tf.randomUniform([n, n], -1, 1)],
    sample: ([a, b], ms) => rate(() => {
      const c = tf.matMul(a, b);
      c.dataSync();
      c.dispose();
      return 2 * n ** 3;
    }, ms) / 1e9,
  };
}
for (const net of DIGIT_NETS) {
  cases[net.name] = {
    setup: () => network(net),
    sample(s) {
      const t = performance.now();
      for (const [xs, ys] of s.batches) s.opt.minimize(() => tf.losses.softmaxCrossEntropy(ys, s.forward(xs)), false);
      s.params[0][0].dataSync();
      const ms = performance.now() - t;
      return net.unit === 'ms' ? ms : s.d.train / (ms / 1000);
    },
    extra(s) {
      const xt = tf.tensor2d(s.d.x.subarray(s.d.train * 196), [s.d.test, 196]);
      const pred = tf.argMax(s.forward(xt), 1).dataSync();
      xt.dispose();
      let correct = 0;
      for (let i = 0; i < s.d.test; i++) if (s.d.y[(s.d.train + i) * 10 + pred[i]] === 1) correct++;
      return { accuracy: correct / s.d.test };
    },
  };
}

Object.assign(cases, cnnCases(tf, digits));
Object.assign(cases, rbmCases(tf, digits, rate));
for (const g of GPT_NETS) {
  cases[g.name] = { setup: () => gptModel(tf, g), sample: (m, ms) => rate(() => m.step(), ms) };
}

for (const n of LSTM_NETS) {
  cases[n.name] = { setup: () => lstmModel(tf, n), sample: (m, ms) => rate(() => m.step(), ms) };
}

serve(cases, async () => {
  tf.setWasmPaths(new URL('../vendor/tfjs/', self.location.href).href);
  await tf.setBackend('wasm');
  await tf.ready();
  return { path: `TensorFlow.js ${tf.version_core} ${tf.getBackend()}${tf.env().getBool('WASM_HAS_SIMD_SUPPORT') ? ' simd' : ''}` };
});
