// The benchmark's cases, shared by the engine's workers, TensorFlow.js's
// worker and the page; benches/train.rs runs the same ones natively.

const ALL7 = 'x=true&y=true&xSquared=true&ySquared=true&xTimesY=true&sinX=true&sinY=true';
export const PLAYGROUND_DEFAULT = 'dataset=circle&networkShape=4,2&activation=tanh&batchSize=10&seed=0.5';
export const PLAYGROUND_LARGEST = `dataset=circle&${ALL7}&networkShape=8,8,8,8,8,8&activation=tanh&batchSize=10&seed=0.5`;
export const MATMUL_SIZES = [64, 128, 256, 512];
/** Networks on the digits: hidden layers, batch, learning rate. */
export const DIGIT_NETS = [
  { name: 'mlp-196-64-10-b32', hidden: [64], batch: 32, lr: 0.1, unit: 'examples/s' },
  { name: 'digits-softmax-epoch', hidden: [], batch: 32, lr: 0.1, unit: 'ms' },
  { name: 'digits-128-epoch', hidden: [128], batch: 32, lr: 0.1, unit: 'ms' },
];

/**
 * The CNN chapter's default network (conv 16@5×5 pad 2 → ReLU → max 2 →
 * conv 32@3×3 pad 1 → ReLU → max 2 → dense 10, 7,946 parameters): training
 * images per second with Adam at batch 32, and one drawn digit through it
 * with every layer's maps.
 */
export const CNN_LINK = 'seed=1&epochs=200&compare=false&batchSize=32&optimizer=adam&learningRate=0.003';
export const CNN_CASES = [
  { name: 'cnn-digits-b32', unit: 'examples/s' },
  { name: 'cnn-read-one', unit: 'ms' },
];
/** GPT training: the chapter's tiny and small presets, batch 16, 65 symbols. */
export const GPT_NETS = [
  { name: 'gpt-tiny-train', layers: 2, width: 64, heads: 4, context: 64, batch: 16 },
  { name: 'gpt-small-train', layers: 4, width: 128, heads: 4, context: 128, batch: 16 },
];
/** GPT generation (the tiny preset, 60 tokens after a 4-token prompt). */
export const GPT_GEN = [
  { name: 'gpt-tiny-gen-cached', cached: true },
  { name: 'gpt-tiny-gen-uncached', cached: false },
];

/**
 * The deep belief net chapter's RBM of 196 visible × 128 hidden units:
 * CD-1 training images per second, batch 20, momentum 0.5.
 */
export const DBN_LINK = 'seed=1&hidden=128&sampler=cd&k=1&batchSize=20&learningRate=0.05&momentum=0.5&epochs=100';
export const DBN_CASES = [{ name: 'rbm-cd1-196x128-b20', unit: 'examples/s' }];

/**
 * LSTM training as the 1997 chapter trains it: one-hot input of 9 symbols,
 * sequences of 32 steps (the memory task), batch 32, Adam 0.01, read-out
 * and loss at the last step; time steps (sequences × steps) per second.
 */
export const LSTM_NETS = [
  { name: 'lstm-64-train', width: 64, steps: 32, batch: 32 },
  { name: 'lstm-128-train', width: 128, steps: 32, batch: 32 },
];

/** One RLHF policy-update step (sampling, scoring, the gradient step) at the tiny preset, 16 prompts. */
export const RLHF_CASES = [{ name: 'rlhf-tiny-policy-step', layers: 2, width: 64, heads: 4, context: 64, batch: 16 }];

/** Every case, in the order of the table, with its unit. */
export const CASES = [
  { name: 'peak-mul-add', unit: 'GFLOP/s' },
  ...MATMUL_SIZES.map((n) => ({ name: `matmul-${n}`, unit: 'GFLOP/s' })),
  ...DIGIT_NETS.map((n) => ({ name: n.name, unit: n.unit })),
  { name: 'playground-default', unit: 'examples/s' },
  { name: 'playground-largest', unit: 'examples/s' },
  { name: 'frame-largest', unit: 'ms' },
  ...CNN_CASES,
  ...DBN_CASES,
  ...GPT_NETS.map((n) => ({ name: n.name, unit: 'tokens/s' })),
  ...GPT_GEN.map((n) => ({ name: n.name, unit: 'tokens/s' })),
  ...LSTM_NETS.map((n) => ({ name: n.name, unit: 'steps/s' })),

  ...RLHF_CASES.map((n) => ({ name: n.name, unit: 'ms' })),
];

/** Median of a list. */
export const median = (v) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)];

/** Work per second of `fn` (which returns the work it did) over `ms`. */
export function rate(fn, ms) {
  let work = 0;
  const t0 = performance.now();
  let t = t0;
  do {
    work += fn();
    t = performance.now();
  } while (t - t0 < ms);
  return work / ((t - t0) / 1000);
}

/** Answers the page's requests for one sample of a case at a time. */
export function serve(cases, init) {
  const states = new Map();
  self.onmessage = async (e) => {
    const m = e.data;
    try {
      if (m.type === 'init') {
        const info = await init(m);
        self.postMessage({ type: 'ready', cases: Object.keys(cases), ...info });
        return;
      }
      const c = cases[m.case];
      if (!states.has(m.case)) {
        const st = await c.setup();
        // Warm up: the engine compiles hot code again, optimised, in the background.
        for (let i = 0; i < 3; i++) c.sample(st, m.ms);
        states.set(m.case, st);
      }
      self.postMessage({ type: 'sample', id: m.id, value: c.sample(states.get(m.case), m.ms), extra: c.extra?.(states.get(m.case)) });
    } catch (err) {
      self.postMessage({ type: 'error', id: m.id, message: String((err && err.message) || err) });
    }
  };
}
