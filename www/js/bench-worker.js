// Benchmark cases, run where the page trains: in a worker, on the engine.
// The same links as the native benchmark (benches/train.rs).

import init, { Playground, DigitsLab, simd_path } from '../pkg/neuroplay.js';

const ALL7 = 'x=true&y=true&xSquared=true&ySquared=true&xTimesY=true&sinX=true&sinY=true';
const DEFAULT = 'dataset=circle&networkShape=4,2&activation=tanh&batchSize=10&seed=0.5';
const LARGEST = `dataset=circle&${ALL7}&networkShape=8,8,8,8,8,8&activation=tanh&batchSize=10&seed=0.5`;

const median = (v) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)];

function throughput(link, batches, runs) {
  const pg = new Playground(link);
  pg.train(batches);
  const rates = [];
  for (let i = 0; i < runs; i++) {
    const e0 = pg.examples();
    const t = performance.now();
    pg.train(batches);
    rates.push((pg.examples() - e0) / ((performance.now() - t) / 1000));
  }
  pg.free();
  return median(rates);
}

function frame(link, runs, full) {
  const pg = new Playground(link);
  pg.train_epochs(5);
  pg.grid(100, 20, -1);
  const times = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    if (full) pg.evaluate();
    pg.grid(100, 20, -1);
    if (full) {
      pg.grid_big();
      pg.grid_nodes();
      pg.params();
    }
    times.push(performance.now() - t);
  }
  pg.free();
  return median(times);
}

/** Median milliseconds per epoch over the 8,000 training digits. */
async function digitsEpoch(link, epochs) {
  const bytes = new Uint8Array(await (await fetch('../data/digits-14x14.bin')).arrayBuffer());
  const lab = new DigitsLab(link, bytes);
  lab.train_epochs(1);
  const times = [];
  for (let i = 0; i < epochs; i++) {
    const t = performance.now();
    lab.train_epochs(1);
    times.push(performance.now() - t);
  }
  const m = lab.evaluate();
  lab.free();
  return { ms: median(times), accuracy: m[3] };
}

/** The digits cases, shared with the TensorFlow.js worker and benches/train.rs. */
export const DIGITS = [
  { name: 'digits-softmax-epoch', hidden: [], batch: 32, lr: 0.1, epochs: 5 },
  { name: 'digits-128-epoch', hidden: [128], batch: 32, lr: 0.1, epochs: 5 },
];

self.onmessage = async () => {
  try {
    await init();
    const send = (c, unit, median) => self.postMessage({ type: 'row', row: { case: c, unit, median } });
    send('tf-default', 'examples/s', throughput(DEFAULT, 20000, 15));
    send('tf-largest', 'examples/s', throughput(LARGEST, 5000, 15));
    send('frame-largest', 'ms', frame(LARGEST, 31, false));
    send('frame-largest-with-metrics-and-copies', 'ms', frame(LARGEST, 31, true));
    for (const c of DIGITS) {
      const r = await digitsEpoch(`networkShape=${c.hidden.join(',')}&optimizer=sgd&learningRate=${c.lr}&batchSize=${c.batch}&compare=false&seed=1`, c.epochs);
      self.postMessage({ type: 'row', row: { case: c.name, unit: 'ms', median: r.ms, accuracy: r.accuracy } });
    }
    self.postMessage({ type: 'done', simd: simd_path() });
  } catch (err) {
    self.postMessage({ type: 'error', message: String(err) });
  }
};
self.postMessage({ type: 'loaded' });
