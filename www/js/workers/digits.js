// The worker's side of the digits chapter: it fetches the shipped digits
// (from the page's own origin) and trains as fast as it can; each frame
// carries the weights, so the page reads drawings on its own thread.

import { fetchDigits } from './digits-file.js';

const EVAL_EVERY_MS = 400;

let lastEval = { t: -Infinity, epoch: -1, metrics: null };

export default {
  async create(engine, msg) {
    const bytes = await fetchDigits();
    lastEval = { t: -Infinity, epoch: -1, metrics: null };
    return new engine.DigitsLab(msg.query, bytes);
  },

  speed() {
    return Infinity;
  },

  announce(lab, post, flags) {
    if (flags & 1) {
      const images = lab.test_images();
      const labels = lab.test_labels();
      post({ type: 'data', counts: lab.sizes(), images, labels }, [images.buffer, labels.buffer]);
    }
    if (flags & 2) {
      lastEval.t = -Infinity;
      post({ type: 'model', sizes: Array.from(lab.layer_sizes()), baseline: lab.baseline_params().length > 0 });
    }
  },

  command() {},

  /**
   * The weight maps every frame; the figures over all 10,000 images only
   * every few hundred milliseconds or at a new epoch (they cost a pass over
   * the data), and always when paused.
   */
  frame(lab, req, playing) {
    const now = performance.now();
    const epoch = lab.epoch();
    const due = !playing || lastEval.metrics === null || now - lastEval.t > EVAL_EVERY_MS
      || (epoch !== lastEval.epoch && now - lastEval.t > EVAL_EVERY_MS / 4);
    const body = {
      evidence: lab.evidence(),
      filters: lab.filters(req.filters ?? 16),
      params: lab.params(),
      baseParams: lab.baseline_params(),
    };
    const transfer = [body.evidence.buffer, body.filters.buffer, body.params.buffer, body.baseParams.buffer];
    if (due) {
      lastEval = { t: now, epoch, metrics: lab.evaluate() };
      body.metrics = lastEval.metrics;
    }
    return [body, transfer];
  },
};
