// The worker's side of the LSTM chapter: it trains the plain RNN and the
// LSTM side by side as fast as it can. Every frame carries the inspection
// of the sequence under the scrubber (both models' states and the
// gradient's size at each step, cheap for one sequence); the held-out
// figures cost a pass over 500 sequences, so they come every second or so
// while training and whenever the models changed while paused.

const MOBY = new URL('../../../data/moby-dick.bin', import.meta.url);
const EVAL_EVERY_MS = 1000;
const STATES = ['i', 'f', 'g', 'o', 'c', 'h', 'rnn'];

let last = { t: -Infinity, examples: -1 };

async function fetchBytes(url, name) {
  try {
    const res = await fetch(url);
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
    return new Uint8Array(await res.arrayBuffer());
  } catch (err) {
    throw new Error(`corpus:fetch: ${name}: ${err.message || err}`);
  }
}

export default {
  async create(engine, msg) {
    const moby = await fetchBytes(MOBY, 'moby-dick.bin');
    last = { t: -Infinity, examples: -1 };
    return new engine.LstmLab(msg.query, moby);
  },

  speed() {
    return Infinity;
  },

  announce(lab, post, flags) {
    if (flags & 1) post({ type: 'data', info: lab.info() });
    if (flags & 2) {
      last = { t: -Infinity, examples: -1 };
      post({ type: 'model', info: lab.info() });
    }
  },

  /** `example`: held-out sequence k as text, for the reader to inspect. */
  command(lab, msg, post) {
    if (msg.type === 'example') post({ type: 'example', text: lab.example(msg.k >>> 0) });
  },

  frame(lab, req, playing) {
    const now = performance.now();
    const examples = lab.examples();
    const due = playing ? now - last.t > EVAL_EVERY_MS : examples !== last.examples;
    const body = {};
    const transfer = [];
    if (due) {
      last = { t: now, examples };
      body.metrics = lab.evaluate();
    }
    const probe = lab.inspect();
    const states = {};
    for (const k of STATES) {
      states[k] = lab.states(k);
      transfer.push(states[k].buffer);
    }
    const grads = { rnn: lab.grads('rnn'), lstm: lab.grads('lstm') };
    const confidence = { rnn: lab.confidence('rnn'), lstm: lab.confidence('lstm') };
    transfer.push(grads.rnn.buffer, grads.lstm.buffer, confidence.rnn.buffer, confidence.lstm.buffer);
    body.inspection = {
      probe,
      width: lab.width(),
      states,
      grads,
      answers: { rnn: lab.answers('rnn'), lstm: lab.answers('lstm') },
      confidence,
    };
    return [body, transfer];
  },
};
