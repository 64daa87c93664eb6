// TensorFlow.js's WebAssembly backend on the same digits, the same network
// and the same batch size as the engine's benchmark, for a side-by-side
// ratio. A classic worker: TensorFlow.js ships UMD bundles.
/* global tf, importScripts */

importScripts('../vendor/tfjs/tfjs.js');

const median = (v) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)];

/** The shipped digits (format in data/README.md; checked by the engine). */
async function digits() {
  const b = new Uint8Array(await (await fetch('../data/digits-14x14.bin')).arrayBuffer());
  const dv = new DataView(b.buffer);
  const train = dv.getUint32(8, true);
  const test = dv.getUint32(12, true);
  const n = train + test;
  const x = new Float32Array(n * 196);
  for (let i = 0; i < n * 196; i++) x[i] = b[16 + n + i] / 255;
  const y = new Float32Array(n * 10);
  for (let i = 0; i < n; i++) y[i * 10 + b[16 + i]] = 1;
  return { train, test, x, y };
}

function glorot(fanIn, fanOut) {
  const a = Math.sqrt(6 / (fanIn + fanOut));
  return tf.variable(tf.randomUniform([fanIn, fanOut], -a, a));
}

/** Times `epochs` epochs of SGD on a 196 → hidden → 10 network. */
function run(data, hidden, batch, lr, epochs) {
  const sizes = [196, ...hidden, 10];
  const params = [];
  for (let l = 0; l + 1 < sizes.length; l++) params.push([glorot(sizes[l], sizes[l + 1]), tf.variable(tf.zeros([sizes[l + 1]]))]);
  const forward = (x) => params.reduce((a, [w, b], l) => {
    const z = tf.add(tf.matMul(a, w), b);
    return l + 1 < params.length ? tf.relu(z) : z;
  }, x);
  // Batches are made into tensors before timing, which favours TensorFlow.js.
  const batches = [];
  for (let s = 0; s < data.train; s += batch) {
    const e = Math.min(data.train, s + batch);
    batches.push([tf.tensor2d(data.x.subarray(s * 196, e * 196), [e - s, 196]), tf.tensor2d(data.y.subarray(s * 10, e * 10), [e - s, 10])]);
  }
  const opt = tf.train.sgd(lr);
  const epoch = () => {
    for (const [xs, ys] of batches) opt.minimize(() => tf.losses.softmaxCrossEntropy(ys, forward(xs)), false);
    params[0][0].dataSync();
  };
  epoch(); // warm up
  const times = [];
  for (let e = 0; e < epochs; e++) {
    const t0 = performance.now();
    epoch();
    times.push(performance.now() - t0);
  }
  const xt = tf.tensor2d(data.x.subarray(data.train * 196), [data.test, 196]);
  const pred = tf.argMax(forward(xt), 1).dataSync();
  let correct = 0;
  for (let i = 0; i < data.test; i++) if (data.y[(data.train + i) * 10 + pred[i]] === 1) correct++;
  for (const [xs, ys] of batches) { xs.dispose(); ys.dispose(); }
  for (const [w, b] of params) { w.dispose(); b.dispose(); }
  xt.dispose();
  return { ms: median(times), accuracy: correct / data.test };
}

onmessage = async (e) => {
  try {
    tf.setWasmPaths(new URL('../vendor/tfjs/', self.location.href).href);
    await tf.setBackend('wasm');
    await tf.ready();
    const data = await digits();
    const results = e.data.cases.map((c) => ({ case: c.name, ...run(data, c.hidden, c.batch, c.lr, c.epochs) }));
    postMessage({ type: 'done', backend: tf.getBackend(), simd: tf.env().getBool('WASM_HAS_SIMD_SUPPORT'), results });
  } catch (err) {
    postMessage({ type: 'error', message: String(err && err.message || err) });
  }
};
