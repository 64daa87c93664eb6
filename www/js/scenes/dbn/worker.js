// The worker's side of the deep belief net chapter: one activity runs while
// playing (training the reader's RBM, a dream, filling in, or the
// pretraining comparison); frames carry what the page draws of it. The
// curves cost a pass over 500 test digits, so they come every half second
// while training and whenever the weights changed while paused.

import { fetchDigits } from '../../workers/digits-file.js';

const CURVE_EVERY_MS = 500;
const WEIGHTS_EVERY_MS = 200;

let last = { t: -Infinity, examples: -1, weightsAt: -Infinity, weightsExamples: -1 };

export default {
  async create(engine, msg) {
    const bytes = await fetchDigits();
    last = { t: -Infinity, examples: -1, weightsAt: -Infinity, weightsExamples: -1 };
    return new engine.DbnLab(msg.query, bytes);
  },

  speed() {
    return Infinity;
  },

  announce(lab, post, flags) {
    if (flags & 1) post({ type: 'data', counts: lab.sizes() });
    if (flags & 2) {
      last = { t: -Infinity, examples: -1, weightsAt: -Infinity, weightsExamples: -1 };
      post({ type: 'model', hidden: lab.hidden() });
    }
  },

  /** `dream`, `fill` (with `first`), `compare`, `train`: what playing runs next. */
  command(lab, msg, post) {
    if (msg.type === 'dream') lab.dream();
    else if (msg.type === 'fill') {
      const first = Math.max(0, Math.min(1e6, Math.floor(Number(msg.first) || 0)));
      lab.fill(first);
      const originals = lab.test_digits(first);
      post({ type: 'originals', images: originals }, [originals.buffer]);
    } else if (msg.type === 'compare') lab.compare();
    else if (msg.type === 'train') lab.to_training();
    else return;
    post({ type: 'activity', activity: lab.activity() });
  },

  frame(lab, req, playing) {
    const now = performance.now();
    const activity = lab.activity();
    const examples = lab.examples();
    const body = { activity };
    const transfer = [];
    const weightsDue = examples !== last.weightsExamples && (!playing || now - last.weightsAt > WEIGHTS_EVERY_MS);
    if (weightsDue || req.full) {
      last.weightsAt = now;
      last.weightsExamples = examples;
      body.hidden = lab.hidden();
      body.weights = lab.weights();
      body.recon = lab.reconstructions();
      transfer.push(body.weights.buffer, body.recon.buffer);
    }
    const curveDue = examples !== last.examples && (!playing || now - last.t > CURVE_EVERY_MS);
    if (curveDue || req.full) {
      last.t = now;
      last.examples = examples;
      body.curve = lab.measure();
    }
    if (activity === 'dream' || activity === 'fill') {
      body.chain = lab.chain();
      body.strip = lab.strip();
      body.steps = lab.chain_steps();
      transfer.push(body.chain.buffer, body.strip.buffer);
    }
    body.comparison = lab.comparison();
    return [body, transfer];
  },
};
