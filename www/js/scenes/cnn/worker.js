// The worker's side of the CNN chapter: it trains the CNN (and the models
// it is compared with) as fast as it can; each frame carries the CNN's
// weights, so the page runs drawn digits through it on its own thread. The
// test figures cost a pass over the 2,000 test digits, so they come at each
// new epoch, every few seconds while training, and whenever paused.

import { fetchDigits } from '../../workers/digits-file.js';

const EVAL_EVERY_MS = 3000;

let last = { t: -Infinity, examples: -1, epoch: -1 };

export default {
  async create(engine, msg) {
    const bytes = await fetchDigits();
    last = { t: -Infinity, examples: -1, epoch: -1 };
    return new engine.CnnLab(msg.query, bytes);
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
      last = { t: -Infinity, examples: -1, epoch: -1 };
      post({ type: 'model' });
    }
  },

  /** `shift`: the translation experiment on the models as they are. */
  command(lab, msg, post) {
    if (msg.type === 'shift') post({ type: 'shift', result: lab.shift_experiment(), epoch: lab.epoch() });
  },

  frame(lab, req, playing) {
    const now = performance.now();
    const examples = lab.examples();
    const epoch = lab.epoch();
    const due = playing
      ? epoch !== last.epoch || now - last.t > EVAL_EVERY_MS
      : examples !== last.examples;
    const params = lab.params();
    const body = { params };
    if (due) {
      last = { t: now, examples, epoch };
      body.metrics = lab.evaluate();
      body.at = examples / Math.max(1, lab.sizes().train);
    }
    return [body, [params.buffer]];
  },
};
