// The bar above the deep belief net chapter: play, step, reset, the epoch,
// and the reader's RBM (hidden units, CD-k or persistent CD, learning rate,
// momentum, weight decay, batch, epochs).

import { h } from '../../ui/dom.js';
import { field, choiceSelect, numberSelect, setNumberOptions } from '../../ui/controls.js';
import { buildTransport } from '../../ui/transport.js';

const HIDDEN = [16, 32, 64, 100, 128, 196, 256];
const KS = [1, 2, 3, 5, 10];
const RATES = [0.001, 0.01, 0.02, 0.05, 0.1, 0.2, 0.5];
const MOMENTA = [0, 0.5, 0.9];
const DECAYS = [0, 0.0001, 0.0002, 0.001, 0.01];
const BATCHES = [10, 20, 50, 100];
const EPOCHS = [1, 2, 5, 10, 20, 50];

export function buildControls(v, set, actions) {
  const transport = buildTransport(actions);
  const hidden = numberSelect(HIDDEN, v.hidden, (x) => set({ hidden: x }));
  const sampler = choiceSelect([['cd', 'dbn.sampler.cd'], ['pcd', 'dbn.sampler.pcd']], v.sampler, (x) => set({ sampler: x }));
  const k = numberSelect(KS, v.k, (x) => set({ k: x }));
  const lr = numberSelect(RATES, v.learningRate, (x) => set({ learningRate: x }));
  const momentum = numberSelect(MOMENTA, v.momentum, (x) => set({ momentum: x }));
  const decay = numberSelect(DECAYS, v.weightDecay, (x) => set({ weightDecay: x }));
  const batch = numberSelect(BATCHES, v.batchSize, (x) => set({ batchSize: x }));
  const epochs = numberSelect(EPOCHS, v.epochs, (x) => set({ epochs: x }));

  const el = h('div', { class: 'topbar' },
    transport.buttons, transport.epoch,
    field('hidden', 'dbn.hidden', hidden),
    field('sampler', 'dbn.sampler', sampler),
    field('k', 'dbn.k', k),
    field('learningRate', 'top.learningRate', lr),
    field('momentum', 'dbn.momentum', momentum),
    field('decay', 'dbn.decay', decay),
    field('batchSize', 'data.batch', batch),
    field('runEpochs', 'dbn.epochs', epochs));

  function sync(vv) {
    setNumberOptions(hidden, HIDDEN, vv.hidden);
    sampler.value = vv.sampler;
    setNumberOptions(k, KS, vv.k);
    setNumberOptions(lr, RATES, vv.learningRate);
    setNumberOptions(momentum, MOMENTA, vv.momentum);
    setNumberOptions(decay, DECAYS, vv.weightDecay);
    setNumberOptions(batch, BATCHES, vv.batchSize);
    setNumberOptions(epochs, EPOCHS, vv.epochs);
  }
  sync(v);
  return { el, sync, setPlaying: transport.setPlaying, setEpoch: transport.setEpoch };
}
