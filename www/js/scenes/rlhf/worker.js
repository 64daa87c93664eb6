// The worker's side of the RLHF chapter: the play button trains the phase
// the page chose (pre-training, fine-tuning, the reward model, the policy
// update or DPO) until its step budget; the page's commands choose the
// phase, offer a pair, record the reader's choice (and offer the next),
// or let the rule label pairs. Every frame carries the run's state and
// all its curves; samples (the same prompts and seed for every model)
// come when something changed, at most once a second while training.

const MOBY = new URL('../../../data/moby-dick.bin', import.meta.url);
const SAMPLES_EVERY_MS = 1000;
const PROMPTS = 4;
const SAMPLE_SEED = 7;
const SERIES = ['preStep', 'preLoss', 'ftStep', 'tuned', 'scratch', 'rmStep', 'accuracy',
  'polStep', 'reward', 'kl', 'share', 'dpoStep', 'dpoLoss', 'dpoShare'];

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
    return new engine.RlhfLab(msg.query, moby);
  },

  speed() {
    return Infinity;
  },

  announce(lab, post, flags) {
    last = { t: -Infinity, examples: -1 };
    if (flags & 2) post({ type: 'model', state: lab.state() });
    else post({ type: 'data', state: lab.state() });
  },

  step(lab) {
    lab.train(5);
  },

  command(lab, msg, post) {
    switch (msg.type) {
      case 'phase':
        lab.set_phase(String(msg.phase));
        post({ type: 'state', state: lab.state() });
        break;
      case 'offer':
        post({ type: 'pair', pair: lab.offer() });
        break;
      case 'label': {
        const added = lab.label(String(msg.choice));
        post({ type: 'labelled', added, state: lab.state() });
        post({ type: 'pair', pair: lab.offer() });
        break;
      }
      case 'ownText':
        try {
          const chars = lab.set_own_text(String(msg.text));
          last = { t: -Infinity, examples: -1 };
          post({ type: 'ownText', ok: true, chars, state: lab.state() });
        } catch (err) {
          post({ type: 'ownText', ok: false, message: String((err && err.message) || err) });
        }
        break;
      case 'auto': {
        const added = lab.auto_label();
        last = { t: -Infinity, examples: -1 };
        post({ type: 'auto', added, state: lab.state() });
        break;
      }
      default:
        break;
    }
  },

  frame(lab, req, playing) {
    const now = performance.now();
    const examples = lab.examples();
    const state = lab.state();
    const series = {};
    const transfer = [];
    for (const k of SERIES) {
      series[k] = lab.series(k);
      transfer.push(series[k].buffer);
    }
    const body = { state, series };
    const due = playing ? now - last.t > SAMPLES_EVERY_MS && examples !== last.examples : examples !== last.examples;
    if (due) {
      last = { t: now, examples };
      body.samples = {
        pretrained: lab.samples_of('pretrained', PROMPTS, SAMPLE_SEED),
        scratch: lab.samples_of('scratch', PROMPTS, SAMPLE_SEED),
        lm: lab.samples(false, PROMPTS, SAMPLE_SEED),
        after: state.hasPolicy ? lab.samples(true, PROMPTS, SAMPLE_SEED) : [],
      };
    }
    return [body, transfer];
  },
};
