// The bar above the attention chapter: play, one step, reset, the step
// counter, the text, the presets and the model's sizes, and training's
// main settings. The engine's caps (from the chapter's schema) bound every
// choice; nothing here copies them.

import { h } from '../../ui/dom.js';
import { field, choiceSelect, numberSelect, setNumberOptions } from '../../ui/controls.js';
import { buildTransport } from '../../ui/transport.js';
import { tr, trAttr } from '../../i18n.js';

const RATES = [0.0001, 0.0003, 0.001, 0.002, 0.003, 0.01];
const BATCHES = [1, 4, 8, 16, 32, 64];
export const PRESETS = {
  tiny: { layers: 2, width: 64, heads: 4, context: 64 },
  small: { layers: 4, width: 128, heads: 4, context: 128 },
};

const upTo = (list, max) => list.filter((x) => x <= max);

export function buildControls(v, set, actions, limits) {
  const transport = buildTransport(actions);
  const stepButton = transport.buttons.querySelector('[data-control=stepButton]');
  trAttr(stepButton, { 'aria-label': 'gp.step', title: 'gp.step' });
  tr(transport.epoch.querySelector('.caption'), 'gp.steps');
  const corpus = choiceSelect([['poems', 'gp.corpus.poems'], ['moby', 'gp.corpus.moby'], ['own', 'gp.corpus.own']], v.corpus, (x) => set({ corpus: x }));
  const presetButtons = Object.entries(PRESETS).map(([name, p]) => tr(h('button', { class: 'preset', dataset: { preset: name }, on: { click: () => set(p) } }), `gp.${name}`));
  const layers = numberSelect(upTo([1, 2, 3, 4, 6, 8], limits.maxLayers), v.layers, (x) => set({ layers: x }));
  const width = numberSelect(upTo([16, 32, 48, 64, 96, 128, 192, 256], limits.maxEmbd), v.width, (x) => set({ width: x }));
  const heads = numberSelect(upTo([1, 2, 4, 8, 16], limits.maxHeads), v.heads, (x) => set({ heads: x }));
  const context = numberSelect(upTo([16, 32, 64, 128, 256], limits.maxContext), v.context, (x) => set({ context: x }));
  const batch = numberSelect(upTo(BATCHES, limits.maxBatch), v.batchSize, (x) => set({ batchSize: x }));
  const lr = numberSelect(RATES, v.learningRate, (x) => set({ learningRate: x }));

  const el = h('div', { class: 'topbar gpt-top' },
    transport.buttons, transport.epoch,
    field('corpus', 'gp.corpus', corpus),
    h('div', { class: 'field presets', dataset: { control: 'model' } }, tr(h('span', { class: 'caption' }), 'gp.preset'), ...presetButtons),
    field('model', 'gp.layers', layers),
    field('model', 'gp.width', width),
    field('model', 'gp.heads', heads),
    field('model', 'gp.context', context),
    field('training', 'data.batch', batch),
    field('training', 'gp.learningRate', lr));

  function sync(vv) {
    corpus.value = vv.corpus;
    setNumberOptions(layers, upTo([1, 2, 3, 4, 6, 8], limits.maxLayers), vv.layers);
    setNumberOptions(width, upTo([16, 32, 48, 64, 96, 128, 192, 256], limits.maxEmbd), vv.width);
    setNumberOptions(heads, upTo([1, 2, 4, 8, 16], limits.maxHeads), vv.heads);
    setNumberOptions(context, upTo([16, 32, 64, 128, 256], limits.maxContext), vv.context);
    setNumberOptions(batch, upTo(BATCHES, limits.maxBatch), vv.batchSize);
    setNumberOptions(lr, RATES, vv.learningRate);
    for (const b of presetButtons) {
      const p = PRESETS[b.dataset.preset];
      const on = Object.entries(p).every(([k, x]) => vv[k] === x);
      b.setAttribute('aria-pressed', on ? 'true' : 'false');
    }
  }
  sync(v);
  return { el, sync, setPlaying: transport.setPlaying, setEpoch: transport.setEpoch, relabel: () => sync(v) };
}
