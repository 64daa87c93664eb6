// The page's side of the worker: sends commands, hands frames to the scene,
// and asks for the next frame only after the last one was drawn, so frames
// never pile up whatever the training speed; and no sooner than the worker
// can spare, so that making frames never takes more than a quarter of the
// time it trains in (a frame of the largest network costs it milliseconds).

// The worker's time per frame, times this: the least time between frames,
// up to MAX_GAP_MS (a rare costly frame does not stall the view).
const FRAME_SHARE = 4;
const MAX_GAP_MS = 250;
const STALE_MS = 3000;

import { currentWasm } from './wasm.js';

// Every trainer not yet disposed: the page ends them all when it leaves a
// scene, so no worker outlives the chapter that started it.
const live = new Set();
// Whether trainers made now start training as soon as their worker is
// ready (a link with autoplay=true; set by the page around a mount).
let autoplay = false;

/** Disposes every trainer (and so terminates its worker). */
export function disposeTrainers() {
  for (const t of [...live]) t.dispose();
}

/** Trainers made from now on start playing when ready (or not). */
export function autoplayNewTrainers(on) {
  autoplay = !!on;
}

export class Trainer {
  constructor(onMessage) {
    this.onMessage = onMessage;
    this.autoplay = autoplay;
    live.add(this);
    this.worker = new Worker(new URL('./worker.js', import.meta.url), { type: 'module' });
    this.worker.postMessage({ type: 'boot', wasm: currentWasm() });
    this.worker.onmessage = (e) => this.receive(e.data);
    this.worker.onerror = (e) => onMessage({ type: 'error', message: e.message || 'worker failed' });
    this.frameRequest = null;
    this.waiting = false;
    this.dirty = false;
    this.rafId = 0;
    this.timer = 0;
    this.sentAt = 0;
    // Extra listeners (the hub's export and import), told every message
    // that is not a frame.
    this.listeners = new Set();
  }

  /** Also tells `fn` every message but frames; returns how to stop. */
  listen(fn) {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  send(msg) {
    this.worker.postMessage(msg);
  }

  /** Asks for frames with these options (density, thumb, node) until stopped. */
  requestFrames(options) {
    this.frameRequest = options;
    this.pump();
  }

  /** Changes what frames show (e.g. which node the large map draws). */
  setFrameOptions(patch) {
    this.frameRequest = { ...this.frameRequest, ...patch };
    this.refresh();
  }

  /** Asks for a fresh frame (after a change while paused). */
  refresh() {
    this.dirty = true;
    this.pump();
  }

  pump() {
    // A frame asked for long ago and never answered (the worker answered
    // with an error instead) does not block the next one.
    const stale = this.waiting && performance.now() - this.sentAt > STALE_MS;
    if ((this.waiting && !stale) || !this.frameRequest) return;
    this.dirty = false;
    this.waiting = true;
    this.sentAt = performance.now();
    this.send({ type: 'frame', ...this.frameRequest });
  }

  receive(msg) {
    if (msg.type === 'frame') {
      this.waiting = false;
      try {
        this.onMessage(msg);
      } finally {
        // While training (or if something changed meanwhile), ask again at
        // an animation frame once the worker can spare the time, even if
        // drawing this one failed.
        if (msg.playing || this.dirty) {
          const gap = Math.min(MAX_GAP_MS, FRAME_SHARE * (msg.frameMs || 0));
          const wait = Math.max(0, this.sentAt + gap - performance.now());
          clearTimeout(this.timer);
          cancelAnimationFrame(this.rafId);
          this.timer = setTimeout(() => {
            this.rafId = requestAnimationFrame(() => this.pump());
          }, wait);
        }
      }
      return;
    }
    // An error may stand in for the frame the worker was asked for.
    if (msg.type === 'error') this.waiting = false;
    for (const fn of this.listeners) fn(msg);
    this.onMessage(msg);
    if (msg.type === 'ready' && this.autoplay) this.send({ type: 'play' });
    if (msg.type === 'playing' || msg.type === 'model' || msg.type === 'data') this.refresh();
  }

  dispose() {
    live.delete(this);
    this.frameRequest = null;
    clearTimeout(this.timer);
    cancelAnimationFrame(this.rafId);
    this.worker.terminate();
  }
}
