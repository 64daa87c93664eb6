// The bar above the network: play, step and reset, the epoch counter, and
// the training settings.

import { h } from '../../ui/dom.js';
import { field, choiceSelect, numberSelect, setNumberOptions } from '../../ui/controls.js';
import { buildTransport } from '../../ui/transport.js';
import { t } from '../../i18n.js';

export const LEARNING_RATES = [0.00001, 0.0001, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1, 3, 10];
export const REG_RATES = [0, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1, 3, 10];
const SPEEDS = [1, 2, 5, 10, 20, 50, 100, 1000];
/** A speed's option text: ×n epochs per frame, or as fast as it goes. */
const speedLabel = (x) => (x >= 1000 ? t('top.speedMax') : `×${x}`);
const ACTIVATIONS = ['relu', 'tanh', 'sigmoid', 'linear', 'leakyRelu', 'elu', 'gelu', 'sine', 'swish'];

export function buildTopBar(v, set, actions) {
  const transport = buildTransport(actions);

  const lr = numberSelect(LEARNING_RATES, v.learningRate, (x) => set({ learningRate: x }));
  const act = choiceSelect(ACTIVATIONS.map((a) => [a, `act.${a}`]), v.activation, (x) => set({ activation: x }));
  const reg = choiceSelect([['none', 'reg.none'], ['L1', 'reg.L1'], ['L2', 'reg.L2']], v.regularization, (x) => set({ regularization: x }));
  const regRate = numberSelect(REG_RATES, v.regularizationRate, (x) => set({ regularizationRate: x }));
  const problem = choiceSelect([['classification', 'problem.classification'], ['regression', 'problem.regression']], v.problem,
    (x) => actions.setProblem(x));
  const loss = choiceSelect([['squared', 'loss.squared'], ['crossEntropy', 'loss.crossEntropy']], v.loss, (x) => set({ loss: x }));
  const opt = choiceSelect([['sgd', 'opt.sgd'], ['momentum', 'opt.momentum'], ['rmsprop', 'opt.rmsprop'], ['adam', 'opt.adam']],
    v.optimizer, (x) => set({ optimizer: x }));
  const initValue = (vv) => (vv.initZero ? 'zero' : vv.weightInit);
  const init = choiceSelect([['tf', 'init.tf'], ['xavier', 'init.xavier'], ['he', 'init.he'], ['zero', 'init.zero']], initValue(v),
    (x) => set(x === 'zero' ? { initZero: true } : { initZero: false, weightInit: x }));
  const speed = numberSelect(SPEEDS, v.speed, (x) => set({ speed: x }), speedLabel);
  const stopEpoch = h('input', { type: 'number', min: 0, max: 1000000, step: 1, value: v.stopAtEpoch, class: 'short' });
  stopEpoch.addEventListener('change', () => set({ stopAtEpoch: clampInt(stopEpoch.value, 0, 1000000) }));
  const stopLoss = h('input', { type: 'number', min: 0, max: 100, step: 'any', value: v.stopAtLoss, class: 'short' });
  stopLoss.addEventListener('change', () => set({ stopAtLoss: clampNum(stopLoss.value, 0, 100) }));

  const el = h('div', { class: 'topbar' },
    transport.buttons,
    transport.epoch,
    field('learningRate', 'top.learningRate', lr),
    field('activation', 'top.activation', act),
    field('regularization', 'top.regularization', reg),
    field('regularizationRate', 'top.regularizationRate', regRate),
    field('problem', 'top.problem', problem),
    field('loss', 'top.loss', loss),
    field('optimizer', 'top.optimizer', opt),
    field('weightInit', 'top.weightInit', init),
    field('speed', 'top.speed', speed),
    h('div', { class: 'field stop', dataset: { control: 'stopAt' } },
      field('stopAt', 'top.stopEpoch', stopEpoch), field('stopAt', 'top.stopLoss', stopLoss)));

  return {
    el,
    setPlaying: transport.setPlaying,
    setEpoch: transport.setEpoch,
    sync(vv) {
      setNumberOptions(lr, LEARNING_RATES, vv.learningRate);
      act.value = vv.activation;
      reg.value = vv.regularization;
      setNumberOptions(regRate, REG_RATES, vv.regularizationRate);
      problem.value = vv.problem;
      loss.value = vv.loss;
      loss.querySelector('option[value=crossEntropy]').disabled = vv.problem === 'regression';
      opt.value = vv.optimizer;
      init.value = initValue(vv);
      setNumberOptions(speed, SPEEDS, vv.speed, speedLabel);
      stopEpoch.value = vv.stopAtEpoch;
      stopLoss.value = vv.stopAtLoss;
    },
  };
}

function clampInt(s, lo, hi) {
  const x = Math.round(Number(s));
  return Number.isFinite(x) ? Math.max(lo, Math.min(hi, x)) : lo;
}

function clampNum(s, lo, hi) {
  const x = Number(s);
  return Number.isFinite(x) ? Math.max(lo, Math.min(hi, x)) : lo;
}
