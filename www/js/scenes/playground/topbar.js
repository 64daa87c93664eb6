// The bar above the network: play, step and reset, the epoch counter, and
// the training settings.

import { h } from '../../ui/dom.js';
import { icon } from '../../ui/icons.js';
import { field, choiceSelect, numberSelect, setNumberOptions } from '../../ui/controls.js';
import { tr, trAttr } from '../../i18n.js';

export const LEARNING_RATES = [0.00001, 0.0001, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1, 3, 10];
export const REG_RATES = [0, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1, 3, 10];
const SPEEDS = [1, 2, 5, 10, 20, 50, 100, 1000];
const ACTIVATIONS = ['relu', 'tanh', 'sigmoid', 'linear', 'leakyRelu', 'elu', 'gelu', 'sine', 'swish'];

export function buildTopBar(v, set, actions) {
  const play = h('button', { class: 'play', dataset: { control: 'playButton' }, 'aria-keyshortcuts': 'Space', on: { click: actions.togglePlay } });
  const step = h('button', { class: 'round', dataset: { control: 'stepButton' }, on: { click: actions.step } }, icon('step'));
  const reset = h('button', { class: 'round', dataset: { control: 'resetButton' }, on: { click: actions.reset } }, icon('reset'));
  trAttr(step, { 'aria-label': 'top.step', title: 'top.step' });
  trAttr(reset, { 'aria-label': 'top.reset', title: 'top.reset' });
  const epoch = h('output', { class: 'epoch-value', text: '000,000', 'aria-live': 'off' });
  const epochBox = h('div', { class: 'epoch' }, tr(h('span', { class: 'caption', id: 'epoch-label' }), 'top.epoch'), epoch);
  epoch.setAttribute('aria-labelledby', 'epoch-label');

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
  const speed = numberSelect(SPEEDS, v.speed, (x) => set({ speed: x }), (x) => (x >= 1000 ? 'max' : `×${x}`));
  const stopEpoch = h('input', { type: 'number', min: 0, max: 1000000, step: 1, value: v.stopAtEpoch, class: 'short' });
  stopEpoch.addEventListener('change', () => set({ stopAtEpoch: clampInt(stopEpoch.value, 0, 1000000) }));
  const stopLoss = h('input', { type: 'number', min: 0, max: 100, step: 'any', value: v.stopAtLoss, class: 'short' });
  stopLoss.addEventListener('change', () => set({ stopAtLoss: clampNum(stopLoss.value, 0, 100) }));

  const el = h('div', { class: 'topbar' },
    h('div', { class: 'buttons' }, reset, play, step),
    epochBox,
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

  const api = {
    el,
    setPlaying(on) {
      play.replaceChildren(icon(on ? 'pause' : 'play'));
      trAttr(play, { 'aria-label': on ? 'top.pause' : 'top.play', title: on ? 'top.pause' : 'top.play' });
      play.classList.toggle('playing', on);
    },
    setEpoch(n) {
      epoch.textContent = String(n).padStart(6, '0').replace(/\B(?=(\d{3})+(?!\d))/g, ',');
    },
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
      setNumberOptions(speed, SPEEDS, vv.speed, (x) => (x >= 1000 ? 'max' : `×${x}`));
      stopEpoch.value = vv.stopAtEpoch;
      stopLoss.value = vv.stopAtLoss;
    },
  };
  api.setPlaying(false);
  return api;
}

function clampInt(s, lo, hi) {
  const x = Math.round(Number(s));
  return Number.isFinite(x) ? Math.max(lo, Math.min(hi, x)) : lo;
}

function clampNum(s, lo, hi) {
  const x = Number(s);
  return Number.isFinite(x) ? Math.max(lo, Math.min(hi, x)) : lo;
}
