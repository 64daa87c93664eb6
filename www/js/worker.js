// The worker owns the engine and trains; the page only draws. Training runs
// in slices of a few milliseconds, so messages (pause, new settings, frame
// requests) are answered between slices and the page never waits long.

import init, { Playground, simd_path } from '../pkg/neuroplay.js';

const FRAME_MS = 1000 / 60;
const SLICE_MS = 8;

let pg = null;
let playing = false;
let speed = 1;            // epochs per frame at 60 frames per second
let lastTick = 0;
let owedBatches = 0;
let msPerBatch = 0.01;    // running estimate, sizes the chunks
let timer = null;
let rate = { t: 0, examples: 0, perSecond: 0 };

const queue = [];
let started = false;

self.onmessage = (e) => {
  queue.push(e.data);
  if (started) drain();
};

init().then(() => {
  started = true;
  drain();
}).catch((err) => {
  self.postMessage({ type: 'error', message: String(err && err.message || err) });
});

function drain() {
  while (queue.length) {
    const msg = queue.shift();
    try {
      handle(msg);
    } catch (err) {
      playing = false;
      self.postMessage({ type: 'error', message: String(err && err.message || err) });
    }
  }
}

function handle(msg) {
  switch (msg.type) {
    case 'init':
      if (pg) pg.free();
      pg = new Playground(msg.query);
      speed = msg.speed || 1;
      self.postMessage({ type: 'ready', simd: simd_path() });
      sendData();
      sendModel();
      break;
    case 'apply': {
      const flags = pg.apply(msg.query);
      speed = msg.speed || speed;
      if (flags & 1) sendData();
      if (flags & 2) sendModel();
      if (pg.status() !== 'ready') setPlaying(false);
      break;
    }
    case 'play':
      setPlaying(true);
      break;
    case 'pause':
      setPlaying(false);
      break;
    case 'step':
      setPlaying(false);
      pg.train_epochs(1);
      break;
    case 'reset':
      setPlaying(false);
      pg.reset();
      sendModel();
      break;
    case 'setParam':
      pg.set_param(msg.index, msg.value);
      break;
    case 'frame':
      sendFrame(msg);
      break;
    default:
      break;
  }
}

function setPlaying(on) {
  on = on && pg.status() === 'ready';
  if (on === playing) {
    self.postMessage({ type: 'playing', playing, status: pg.status() });
    return;
  }
  playing = on;
  if (playing) {
    lastTick = performance.now();
    owedBatches = 0;
    rate = { t: lastTick, examples: pg.examples(), perSecond: rate.perSecond };
    schedule(0);
  } else if (timer !== null) {
    clearTimeout(timer);
    timer = null;
  }
  self.postMessage({ type: 'playing', playing, status: pg.status() });
}

function schedule(ms) {
  timer = setTimeout(tick, ms);
}

function tick() {
  timer = null;
  if (!playing) return;
  const start = performance.now();
  const bpe = Math.max(1, pg.batches_per_epoch());
  // Owe `speed` epochs per 60th of a second; never build up more than a few
  // frames of debt (a slow machine just trains at its own pace).
  owedBatches += ((start - lastTick) / FRAME_MS) * speed * bpe;
  owedBatches = Math.min(owedBatches, 4 * speed * bpe + 1);
  lastTick = start;
  while (owedBatches >= 1 && performance.now() - start < SLICE_MS) {
    const want = Math.max(1, Math.min(Math.floor(owedBatches), Math.floor(1 / msPerBatch)));
    const t0 = performance.now();
    const ran = pg.train(want);
    const dt = performance.now() - t0;
    if (ran > 0) msPerBatch = 0.8 * msPerBatch + 0.2 * Math.max(dt / ran, 1e-4);
    owedBatches -= ran;
    if (ran < want) break;
  }
  if (pg.status() !== 'ready') {
    setPlaying(false);
    return;
  }
  // Sleep until the next batch is owed, at most one frame.
  const wait = owedBatches >= 1 ? 0 : Math.min(FRAME_MS, (1 - owedBatches) / (speed * bpe) * FRAME_MS);
  schedule(wait);
}

function sendData() {
  const points = pg.points();
  self.postMessage({ type: 'data', points, split: pg.split() }, [points.buffer]);
}

function sendModel() {
  self.postMessage({
    type: 'model',
    sizes: Array.from(pg.sizes()),
    layout: JSON.parse(pg.param_layout()),
  });
}

function sendFrame(req) {
  const now = performance.now();
  const examples = pg.examples();
  if (now - rate.t > 500) {
    rate.perSecond = playing ? (examples - rate.examples) / ((now - rate.t) / 1000) : 0;
    rate.t = now;
    rate.examples = examples;
  }
  const t0 = performance.now();
  const metrics = Float64Array.from(pg.evaluate());
  pg.grid(req.density, req.thumb, req.node ?? -1);
  const big = pg.grid_big();
  const nodes = pg.grid_nodes();
  const params = pg.params();
  const gridMs = performance.now() - t0;
  self.postMessage({
    type: 'frame',
    epoch: pg.epoch(),
    examples,
    examplesPerSecond: rate.perSecond,
    status: pg.status(),
    playing,
    metrics,
    params,
    big,
    channels: pg.grid_channels(),
    nodes,
    density: req.density,
    thumb: req.thumb,
    node: req.node ?? -1,
    frameMs: gridMs,
  }, [metrics.buffer, params.buffer, big.buffer, nodes.buffer]);
}
