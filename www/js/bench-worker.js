// One build of the engine answering the benchmark page, one sample at a
// time (the page interleaves the builds and TensorFlow.js, so a burst of
// load on this shared machine falls on all of them alike).

import init, { Playground, DigitsLab, CnnLab, CnnReader, DbnLab, MatmulBench, GptBench, LstmBench, RlhfBench, bench_peak, bench_path } from '../pkg/neuroplay.js';
import { PLAYGROUND_DEFAULT, PLAYGROUND_LARGEST, MATMUL_SIZES, DIGIT_NETS, CNN_LINK, DBN_LINK, GPT_NETS, GPT_GEN, LSTM_NETS, RLHF_CASES, rate, serve } from './bench-cases.js';

let digits = null;

const cases = {
  'peak-mul-add': { setup: () => ({}), sample: (s, ms) => rate(() => bench_peak(200000), ms) / 1e9 },
};
for (const n of MATMUL_SIZES) {
  cases[`matmul-${n}`] = { setup: () => new MatmulBench(n, n, n), sample: (m, ms) => rate(() => m.run(1), ms) / 1e9 };
}
for (const net of DIGIT_NETS) {
  cases[net.name] = {
    async setup() {
      if (!digits) digits = new Uint8Array(await (await fetch('../data/digits-14x14.bin')).arrayBuffer());
      return new DigitsLab(`networkShape=${net.hidden.join(',')}&optimizer=sgd&learningRate=${net.lr}&batchSize=${net.batch}&compare=false&seed=1`, digits);
    },
    // One epoch over the 8,000 training digits.
    sample(lab) {
      const t = performance.now();
      lab.train_epochs(1);
      const ms = performance.now() - t;
      return net.unit === 'ms' ? ms : lab.sizes().train / (ms / 1000);
    },
    extra: (lab) => ({ accuracy: lab.evaluate().main.testAccuracy }),
  };
}
const playground = (link, batches) => ({
  setup: () => new Playground(link),
  sample: (pg, ms) => rate(() => { const e = pg.examples(); pg.train(batches); return pg.examples() - e; }, ms),
});
cases['playground-default'] = playground(PLAYGROUND_DEFAULT, 2000);
cases['playground-largest'] = playground(PLAYGROUND_LARGEST, 500);
cases['frame-largest'] = {
  setup() {
    const pg = new Playground(PLAYGROUND_LARGEST);
    pg.train_epochs(5);
    return pg;
  },
  sample(pg) {
    const t = performance.now();
    pg.grid(100, 20, -1);
    return performance.now() - t;
  },
};

async function digitsFile() {
  if (!digits) digits = new Uint8Array(await (await fetch('../data/digits-14x14.bin')).arrayBuffer());
  return digits;
}
cases['cnn-digits-b32'] = {
  setup: async () => new CnnLab(CNN_LINK, await digitsFile()),
  sample: (lab, ms) => rate(() => { const e = lab.examples(); lab.train(2); return lab.examples() - e; }, ms),
  extra: (lab) => ({ epochs: lab.examples() / lab.sizes().train }),
};
// One test digit through the network the page reads drawings with, every
// layer's maps copied out, as the page does at each stroke.
cases['cnn-read-one'] = {
  async setup() {
    const lab = new CnnLab(CNN_LINK, await digitsFile());
    const reader = new CnnReader(CNN_LINK);
    reader.load(lab.params());
    const image = lab.test_images().slice(0, 196);
    lab.free();
    return { reader, image, layers: reader.plan().rows.filter((r) => r.step === 'conv').length };
  },
  sample({ reader, image, layers }, ms) {
    const reads = rate(() => {
      reader.read(image);
      for (let l = 0; l < layers; l++) reader.maps(l, false);
      return 1;
    }, ms);
    return 1000 / reads;
  },
};
// CD-1 on the 196 × 128 RBM of the deep belief net chapter.
cases['rbm-cd1-196x128-b20'] = {
  setup: async () => new DbnLab(DBN_LINK, await digitsFile()),
  sample: (lab, ms) => rate(() => { const e = lab.examples(); lab.train(5); return lab.examples() - e; }, ms),
};
for (const g of GPT_NETS) {
  cases[g.name] = {
    setup: () => new GptBench(g.layers, g.width, g.heads, g.context, g.batch),
    sample: (b, ms) => rate(() => b.train(1), ms),
  };
}
for (const g of GPT_GEN) {
  const tiny = GPT_NETS[0];
  cases[g.name] = {
    setup: () => new GptBench(tiny.layers, tiny.width, tiny.heads, tiny.context, tiny.batch),
    sample: (b, ms) => rate(() => b.generate(60, g.cached), ms),
  };
}
// One policy-update step: sampling with the KV cache, the reward model's
// scores, the reference's and the policy's passes, an AdamW step.
for (const g of RLHF_CASES) {
  cases[g.name] = {
    setup: () => new RlhfBench(g.layers, g.width, g.heads, g.context, g.batch),
    sample(b) {
      const t = performance.now();
      b.step(1);
      return performance.now() - t;
    },
    extra: (b) => ({ reward: b.reward() }),
  };
}

for (const n of LSTM_NETS) {
  cases[n.name] = {
    setup: () => new LstmBench(n.width, n.steps, n.batch),
    sample: (b, ms) => rate(() => b.train(1), ms),
  };
}

serve(cases, async (m) => {
  await init({ module_or_path: m.wasm });
  return { path: bench_path() };
});
