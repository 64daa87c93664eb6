// The bar above the CNN chapter: play, step, reset, the epoch, and the
// settings of the run (the architecture has its own editor).

import { h } from '../../ui/dom.js';
import { field, choiceSelect, numberSelect, setNumberOptions, checkbox } from '../../ui/controls.js';
import { buildTransport } from '../../ui/transport.js';

const RATES = [0.0003, 0.001, 0.003, 0.005, 0.01, 0.03, 0.1, 0.3];
const BATCHES = [8, 16, 32, 64, 128, 256];
const EPOCHS = [1, 2, 3, 5, 10, 20, 50];
const DECAYS = [0, 0.01, 0.03, 0.1, 0.3];

export function buildControls(v, set, actions) {
  const transport = buildTransport(actions);
  const opt = choiceSelect([['sgd', 'opt.sgd'], ['momentum', 'opt.momentum'], ['rmsprop', 'opt.rmsprop'], ['adam', 'opt.adam']],
    v.optimizer, (x) => set({ optimizer: x }));
  const lr = numberSelect(RATES, v.learningRate, (x) => set({ learningRate: x }));
  const decay = numberSelect(DECAYS, v.weightDecay, (x) => set({ weightDecay: x }));
  const batch = numberSelect(BATCHES, v.batchSize, (x) => set({ batchSize: x }));
  const epochs = numberSelect(EPOCHS, v.epochs, (x) => set({ epochs: x }));
  const compare = checkbox('baselines', 'cnn.compare', v.compare, (x) => set({ compare: x }));

  const el = h('div', { class: 'topbar' },
    transport.buttons, transport.epoch,
    field('optimizer', 'top.optimizer', opt),
    field('learningRate', 'top.learningRate', lr),
    field('weightDecay', 'cnn.weightDecay', decay),
    field('batchSize', 'data.batch', batch),
    field('epochs', 'cnn.epochs', epochs),
    h('div', { class: 'checks' }, compare.el));

  function sync(vv) {
    opt.value = vv.optimizer;
    setNumberOptions(lr, RATES, vv.learningRate);
    setNumberOptions(decay, DECAYS, vv.weightDecay);
    setNumberOptions(batch, BATCHES, vv.batchSize);
    setNumberOptions(epochs, EPOCHS, vv.epochs);
    compare.input.checked = vv.compare;
  }
  sync(v);
  return { el, sync, setPlaying: transport.setPlaying, setEpoch: transport.setEpoch };
}
