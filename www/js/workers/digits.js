// The worker's side of the digits chapter: it fetches the shipped digits
// (from the page's own origin) and trains as fast as it can; frames carry
// the weights while the page reads a drawing on its own thread (asked for
// with `params`), a few times a second: with three hidden layers of 256
// they are 740 kB a copy.

import { fetchDigits } from './digits-file.js';

const EVAL_EVERY_MS = 400;
// An evaluation that took the worker e ms waits at least this times e for
// the next: with three hidden layers of 256 a pass over the 10,000 images
// takes most of a second, and training keeps at least three quarters of
// the worker's time.
const EVAL_SHARE = 4;

let lastEval = { t: -Infinity, epoch: -1, metrics: null, cost: 0 };
// The epoch as training reaches it, at most once per animation frame: a
// frame with the figures costs a pass over the test images and comes a few
// times a second, and at full speed the softmax model trains several
// epochs in between; the counter (and what Pause stops at) stays current.
const PROGRESS_MS = 16;
let progress = { t: -Infinity, epoch: -1 };
const PARAMS_MS = 250;
let paramsAt = -Infinity;

export default {
  async create(engine, msg) {
    const bytes = await fetchDigits();
    lastEval = { t: -Infinity, epoch: -1, metrics: null, cost: 0 };
    paramsAt = -Infinity;
    return new engine.DigitsLab(msg.query, bytes);
  },

  /**
   * Epochs per 60th of a second, from the link's `speed`: as fast as the
   * worker goes, n epochs per second, or one batch per frame.
   */
  speed(msg, lab) {
    const s = new URLSearchParams(msg.query ?? '').get('speed') ?? 'max';
    if (s === 'batch') return 1 / Math.max(1, lab.batches_per_epoch());
    const perSecond = Number(s);
    return Number.isFinite(perSecond) && perSecond > 0 ? perSecond / 60 : Infinity;
  },

  announce(lab, post, flags) {
    if (flags & 1) {
      const images = lab.test_images();
      const labels = lab.test_labels();
      post({ type: 'data', counts: lab.sizes(), images, labels }, [images.buffer, labels.buffer]);
    }
    if (flags & 2) {
      lastEval.t = -Infinity;
      paramsAt = -Infinity;
      post({ type: 'model', sizes: Array.from(lab.layer_sizes()), baseline: lab.baseline_params().length > 0 });
    }
  },

  command() {},

  afterSlice(lab, post) {
    const epoch = lab.epoch();
    const now = performance.now();
    if (epoch === progress.epoch || now - progress.t < PROGRESS_MS) return;
    progress = { t: now, epoch };
    post({ type: 'progress', epoch });
  },

  /**
   * The weight maps every frame; the figures over all 10,000 images only
   * every few hundred milliseconds or at a new epoch (they cost a pass over
   * the data), and always when paused.
   */
  frame(lab, req, playing) {
    const now = performance.now();
    const epoch = lab.epoch();
    const every = Math.max(EVAL_EVERY_MS, EVAL_SHARE * lastEval.cost);
    const due = !playing || lastEval.metrics === null || now - lastEval.t > every
      || (epoch !== lastEval.epoch && now - lastEval.t > every / 4);
    const body = {
      evidence: lab.evidence(),
      filters: lab.filters(req.filters ?? 16),
    };
    const transfer = [body.evidence.buffer, body.filters.buffer];
    if (req.params && (!playing || now - paramsAt >= PARAMS_MS)) {
      paramsAt = now;
      body.params = lab.params();
      body.baseParams = lab.baseline_params();
      transfer.push(body.params.buffer, body.baseParams.buffer);
    }
    if (due) {
      const metrics = lab.evaluate();
      lastEval = { t: now, epoch, metrics, cost: performance.now() - now };
      body.metrics = metrics;
    }
    return [body, transfer];
  },
};
