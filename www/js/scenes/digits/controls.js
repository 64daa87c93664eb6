// The bar above the digits chapter: play, step, reset, the epoch, and the
// training settings.

import { h } from '../../ui/dom.js';
import { field, choiceSelect, numberSelect, setNumberOptions, checkbox } from '../../ui/controls.js';
import { buildTransport } from '../../ui/transport.js';
import { addStrings, t } from '../../i18n.js';

addStrings({
  'digits.speed': { en: 'Speed', zh: '速度' },
  'digits.speedMax': { en: 'as fast as possible', zh: '尽可能快' },
  'digits.speedEpochs': { count: 'n', en: { one: '{n} epoch per second', other: '{n} epochs per second' }, zh: '每秒 {n} 轮' },
  'digits.speedBatch': { en: 'one batch per frame', zh: '每帧一个批次' },
});

/** The speeds a link may ask for (the engine's table lists the same). */
const SPEEDS = ['max', '10', '3', '1', '0.3', 'batch'];
const speedLabel = (s) => (s === 'max' ? t('digits.speedMax') : s === 'batch' ? t('digits.speedBatch') : t('digits.speedEpochs', { n: Number(s) }));

export const RATES = [0.0001, 0.0003, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1];
const BATCHES = [1, 8, 16, 32, 64, 128, 256, 512];
const SHAPES = ['', '32', '64', '128', '256', '128,64', '256,128', '128,64,32'];
const ACTIVATIONS = ['relu', 'tanh', 'sigmoid', 'leakyRelu', 'elu', 'gelu', 'swish'];

function shapeLabel(s) {
  return s === '' ? t('digits.noHidden') : `196 → ${s.split(',').join(' → ')} → 10`;
}

export function buildControls(v, set, actions) {
  const transport = buildTransport(actions);
  const lr = numberSelect(RATES, v.learningRate, (x) => set({ learningRate: x }));
  const opt = choiceSelect([['sgd', 'opt.sgd'], ['momentum', 'opt.momentum'], ['rmsprop', 'opt.rmsprop'], ['adam', 'opt.adam']],
    v.optimizer, (x) => set({ optimizer: x }));
  const batch = numberSelect(BATCHES, v.batchSize, (x) => set({ batchSize: x }));
  const act = choiceSelect(ACTIVATIONS.map((a) => [a, `act.${a}`]), v.activation, (x) => set({ activation: x }));
  const shape = h('select', { on: { change: () => set({ networkShape: shape.value === '' ? [] : shape.value.split(',').map(Number) }) } });
  const compare = checkbox('compare', 'digits.compare', v.compare, (x) => set({ compare: x }));
  const augment = checkbox('augment', 'digits.augment', v.augment, (x) => set({ augment: x }));
  const speed = h('select', { on: { change: () => set({ speed: speed.value }) } });
  const fillSpeeds = () => speed.replaceChildren(...SPEEDS.map((s) => h('option', { value: s, text: speedLabel(s) })));
  fillSpeeds();
  const stop = h('input', { type: 'number', min: 0, max: 10000, step: 1, class: 'short', value: v.stopAtEpoch });
  stop.addEventListener('change', () => set({ stopAtEpoch: Math.max(0, Math.min(10000, Math.round(Number(stop.value)) || 0)) }));

  const el = h('div', { class: 'topbar' },
    transport.buttons, transport.epoch,
    field('speed', 'digits.speed', speed),
    field('numHiddenLayers', 'digits.network', shape),
    field('activation', 'top.activation', act),
    field('optimizer', 'top.optimizer', opt),
    field('learningRate', 'top.learningRate', lr),
    field('batchSize', 'data.batch', batch),
    field('stopAt', 'top.stopEpoch', stop),
    h('div', { class: 'checks' }, compare.el, augment.el));

  let current = v;
  function sync(vv) {
    current = vv;
    const cur = vv.networkShape.join(',');
    shape.replaceChildren(...[...new Set([...SHAPES, cur])].map((s) => h('option', { value: s, text: shapeLabel(s) })));
    shape.value = cur;
    act.value = vv.activation;
    speed.value = vv.speed;
    // The softmax model alone has no hidden units to activate and nothing
    // to be compared with: those two controls do not apply to it.
    const alone = vv.networkShape.length === 0;
    act.closest('.field').hidden = alone;
    compare.el.hidden = alone;
    opt.value = vv.optimizer;
    setNumberOptions(lr, RATES, vv.learningRate);
    setNumberOptions(batch, BATCHES, vv.batchSize);
    compare.input.checked = vv.compare;
    augment.input.checked = vv.augment;
    stop.value = vv.stopAtEpoch;
  }
  sync(v);
  return {
    el,
    sync,
    setPlaying: transport.setPlaying,
    setEpoch: transport.setEpoch,
    relabel: () => {
      fillSpeeds();
      sync(current);
    },
  };
}
