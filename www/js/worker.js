// The worker owns the engine and trains; the page only draws. Training runs
// in slices of a few milliseconds, so messages (pause, new settings, frame
// requests, predictions) are answered between slices and the page never
// waits long. What differs between chapters sits in an adapter.

import init, * as engine from '../pkg/neuroplay.js';
import { chapterAt } from './chapters.js';
import { hubCommand } from './hub-worker.js';
import { weightsCommand } from './linkweights-worker.js';
const FRAME_MS = 1000 / 60;
const SLICE_MS = 6;

let adapter = null;
let handle = null;
let playing = false;
let speed = 1;            // epochs per frame at 60 frames per second; Infinity: as fast as possible
let lastTick = 0;
let owedBatches = 0;
let msPerBatch = 0.01;    // running estimate, sizes the chunks
let timer = null;
let rate = { t: 0, examples: 0, perSecond: 0 };
// The link the session was last given: an export writes its settings.
let lastQuery = '';

const post = (msg, transfer = []) => self.postMessage(msg, transfer);
const queue = [];
let busy = true;

// The first message names the build of the engine to load (the page chose
// it); everything else waits in the queue until it is ready.
self.onmessage = (e) => {
  if (e.data.type === 'boot') {
    init({ module_or_path: e.data.wasm }).then(() => {
      busy = false;
      drain();
    }).catch((err) => post({ type: 'error', message: String((err && err.message) || err) }));
    return;
  }
  queue.push(e.data);
  if (!busy) drain();
};

async function drain() {
  busy = true;
  while (queue.length) {
    const msg = queue.shift();
    try {
      await handleMessage(msg);
    } catch (err) {
      failed(err);
    }
  }
  busy = false;
}

async function handleMessage(msg) {
  if (msg.type === 'init') {
    if (handle) handle.free();
    playing = false;
    handle = null;
    const chapter = chapterAt(msg.scene);
    if (!chapter || !chapter.worker) throw new Error(`no chapter trains at ${String(msg.scene).slice(0, 40)}`);
    adapter = (await chapter.worker()).default;
    handle = await adapter.create(engine, msg);
    lastQuery = msg.query || '';
    speed = adapter.speed(msg, handle);
    post({ type: 'ready', simd: engine.simd_path() });
    adapter.announce(handle, post, 3);
    return;
  }
  if (!handle) return;
  switch (msg.type) {
    case 'apply': {
      const flags = handle.apply(msg.query);
      lastQuery = msg.query;
      speed = adapter.speed(msg, handle);
      adapter.announce(handle, post, flags);
      if (handle.status() !== 'ready') setPlaying(false);
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
      if (adapter.step) adapter.step(handle);
      else handle.train_epochs(1);
      break;
    case 'reset':
      setPlaying(false);
      handle.reset();
      adapter.announce(handle, post, 2);
      break;
    case 'frame':
      sendFrame(msg);
      break;
    case 'hubExport':
    case 'hubLoad':
      hubCommand(msg, { handle, adapter, post, query: lastQuery, stop: () => setPlaying(false) });
      break;
    case 'weightsPayload':
    case 'loadWeights':
      weightsCommand(msg, { handle, adapter, post });
      break;
    default:
      adapter.command(handle, msg, post);
  }
}

/**
 * Reports an error to the page. A trap (an engine panic: its message and
 * place are already in the console, from the panic hook) leaves the engine
 * unusable, so the handle is dropped and the page offers a reset.
 */
function failed(err) {
  const fatal = err instanceof WebAssembly.RuntimeError;
  if (timer !== null) clearTimeout(timer);
  timer = null;
  playing = false;
  if (fatal) handle = null;
  post({ type: 'error', message: String((err && err.message) || err).slice(0, 500), fatal });
}

function setPlaying(on) {
  on = on && !!handle && handle.status() === 'ready';
  if (on !== playing) {
    playing = on;
    if (playing) {
      lastTick = performance.now();
      owedBatches = 0;
      rate = { t: lastTick, examples: handle.examples(), perSecond: rate.perSecond };
      schedule(0);
    } else if (timer !== null) {
      clearTimeout(timer);
      timer = null;
    }
  }
  post({ type: 'playing', playing, status: handle ? handle.status() : 'ready' });
}

function schedule(ms) {
  timer = setTimeout(tick, ms);
}

function tick() {
  timer = null;
  if (!playing) return;
  try {
    trainSlice();
  } catch (err) {
    failed(err);
  }
}

function trainSlice() {
  const start = performance.now();
  const bpe = Math.max(1, handle.batches_per_epoch());
  // Owe `speed` epochs per 60th of a second; never build up more than a few
  // frames of debt (a slow machine just trains at its own pace).
  if (speed === Infinity) owedBatches = Infinity;
  else owedBatches = Math.min(owedBatches + ((start - lastTick) / FRAME_MS) * speed * bpe, 4 * speed * bpe + 1);
  lastTick = start;
  if (owedBatches >= 1) {
    // One call trains until the slice is used up, reading the clock after
    // each chunk of about a third of a millisecond.
    const chunk = Math.max(1, Math.floor(0.3 / msPerBatch));
    const want = Math.floor(Math.min(owedBatches, 1e9));
    const ran = handle.train_for(want, chunk, SLICE_MS);
    const dt = performance.now() - start;
    if (ran > 0) msPerBatch = 0.8 * msPerBatch + 0.2 * Math.max(dt / ran, 1e-5);
    owedBatches -= ran;
  }
  if (handle.status() !== 'ready') {
    setPlaying(false);
    return;
  }
  // An adapter may report progress between frames (a cheap counter).
  if (adapter.afterSlice) adapter.afterSlice(handle, post);
  // Sleep until the next batch is owed, at most one frame.
  const wait = owedBatches >= 1 ? 0 : Math.min(FRAME_MS, ((1 - owedBatches) / (speed * bpe)) * FRAME_MS);
  schedule(wait);
}

function sendFrame(req) {
  const now = performance.now();
  const examples = handle.examples();
  if (now - rate.t > 500) {
    rate.perSecond = playing ? (examples - rate.examples) / ((now - rate.t) / 1000) : 0;
    rate.t = now;
    rate.examples = examples;
  }
  const t0 = performance.now();
  const [body, transfer] = adapter.frame(handle, req, playing);
  post({
    type: 'frame',
    epoch: handle.epoch(),
    examples,
    examplesPerSecond: rate.perSecond,
    status: handle.status(),
    playing,
    frameMs: performance.now() - t0,
    ...body,
  }, transfer);
}
