// 2006, deep belief nets: a restricted Boltzmann machine trained in the
// page on the 14×14 digits (its filters, reconstructions and curves), its
// dreams and its filling in of half a digit, and the one-click test of
// greedy pretraining against random initial weights.

import './strings.js';
import { h } from '../../ui/dom.js';
import { applyLinkView, field, choiceSelect, numberSelect, setNumberOptions } from '../../ui/controls.js';
import { spaceToggles } from '../../ui/transport.js';
import { openShare } from '../../ui/share.js';
import { t, tr } from '../../i18n.js';
import { Trainer } from '../../trainer.js';
import { mountHub } from '../../ui/hub.js';
import { buildControls } from './controls.js';
import { filterView, digitRow, lineChart, legend } from './views.js';

const CSS = new URL('../../../css/dbn.css', import.meta.url);
const RECON = '#0877bd';
const PLL = '#2ca02c';
const PRE = '#0877bd';
const RANDOM = '#f59322';
const LABELS = ['100', '500', '2000', '8000'];
const LAYER2 = [16, 32, 64, 128];
const PRE_EPOCHS = [1, 2, 3, 5, 10];
const STEPS = [300, 750, 1500, 3000, 6000];
const SPEEDS = [2, 5, 10, 30, 60];
const TOP_ROWS = 7;

export function mount(root, ctx) {
  let v = ctx.values;
  let hidden = new Set(v._hidden);
  let playing = false;
  let activity = 'train';
  let curve = [];
  let lastCurve = null;
  let lastCompare = null;
  let fillFirst = 0;
  const set = (changes) => ctx.set(changes);
  const link = h('link', { rel: 'stylesheet', href: CSS.href });
  document.head.append(link);

  const actions = {
    togglePlay: () => trainer.send({ type: playing ? 'pause' : 'play' }),
    step: () => { trainer.send({ type: 'step' }); trainer.refresh(); },
    reset: () => { curve = []; trainer.send({ type: 'reset' }); },
  };
  const top = buildControls(v, set, actions);

  const filters = filterView();
  const recon = digitRow('recon', 'dbn.reconLabel', 8);
  const reconChart = lineChart('dbn.reconChart', { height: 100 });
  const pllChart = lineChart('dbn.pllChart', { height: 100 });
  const figures = h('output', { class: 'dbn-figures', 'aria-live': 'off' });
  // Embedded in a small frame: the filters, the reconstructions and the
  // figures stay (www/js/ui/embed-fit.js); the rest is behind Controls.
  filters.el.classList.add('embed-main');
  recon.el.classList.add('embed-keep');
  figures.classList.add('embed-keep');

  const dreamFrom = choiceSelect([['noise', 'dbn.from.noise'], ['digit', 'dbn.from.digit']], v.dreamFrom, (x) => set({ dreamFrom: x }));
  const dreamSpeed = numberSelect(SPEEDS, v.dreamSpeed, (x) => set({ dreamSpeed: x }));
  const dreamBtn = tr(h('button', { class: 'primary', on: { click: () => start('dream') } }), 'dbn.dream');
  const fillBtn = tr(h('button', { on: { click: () => { fillFirst = (fillFirst + 8) % 1992; start('fill', { first: fillFirst }); } } }), 'dbn.fill');
  const backBtn = tr(h('button', { on: { click: () => start('train', {}, false) } }), 'dbn.backToTraining');
  const originals = digitRow('originals', 'dbn.originalsLabel', 8);
  const chains = digitRow('chains', 'dbn.chainsLabel', 8);
  const strip = digitRow('strip', 'dbn.stripLabel', 16);
  const stepsOut = h('output', { class: 'dbn-steps', 'aria-live': 'off' });
  const fillHelp = tr(h('p', { class: 'muted small', hidden: true }), 'dbn.fillHelp');
  originals.el.hidden = true;

  const labels = choiceSelect(LABELS.map((n) => [n, `dbn.n${n}`]), v.labels, (x) => set({ labels: x }));
  const layer2 = numberSelect(LAYER2, v.layer2, (x) => set({ layer2: x }));
  const preEpochs = numberSelect(PRE_EPOCHS, v.pretrainEpochs, (x) => set({ pretrainEpochs: x }));
  const steps = numberSelect(STEPS, v.finetuneSteps, (x) => set({ finetuneSteps: x }));
  const compareBtn = tr(h('button', { class: 'primary', on: { click: () => start('compare') } }), 'dbn.runCompare');
  const compareHelp = h('p', { class: 'muted small' });
  const compareChart = lineChart('dbn.compareChart', { height: 130, yMin: 0, yMax: 1, format: (y) => `${Math.round(100 * y)}%` });
  const compareStatus = h('p', { class: 'dbn-compare-status', role: 'status' });
  const status = h('div', { class: 'status', role: 'status' });
  const share = tr(h('button', { class: 'share-button', dataset: { control: 'shareButton' }, on: { click: () => openShare({ hideable: ctx.hideable, hidden, url: ctx.shareUrl }) } }), 'share.open');

  const text = h('section', { class: 'chapter-text' }, tr(h('h2'), 'dbn.heading'), ...['p1', 'p2', 'p3', 'p4', 'p5', 'hub'].map((k) => tr(h('p'), `dbn.${k}`)));
  const el = h('div', { class: 'scene dbn' },
    top.el,
    h('div', { class: 'dbn-columns' },
      h('section', { class: 'column dbn-machine', dataset: { control: 'machineFilters' } },
        h('div', { class: 'net-head' }, tr(h('h2'), 'dbn.filtersTitle'), share),
        tr(h('p', { class: 'muted small help' }), 'dbn.filtersHelp'), filters.el),
      h('section', { class: 'column dbn-side' },
        h('div', { dataset: { control: 'reconstructions' } }, tr(h('h2'), 'dbn.reconTitle'), recon.el),
        h('div', { dataset: { control: 'curves' } }, tr(h('h2'), 'dbn.curvesTitle'), figures,
          legend([[RECON, 'dbn.reconCurve']]), reconChart.el, legend([[PLL, 'dbn.pllCurve']]), pllChart.el),
        status)),
    h('section', { class: 'column dbn-dream', dataset: { control: 'dream' } },
      tr(h('h2'), 'dbn.dreamTitle'), tr(h('p', { class: 'muted small help' }), 'dbn.dreamHelp'),
      h('div', { class: 'row' }, field('dreamFrom', 'dbn.dreamFrom', dreamFrom), field('dreamSpeed', 'dbn.dreamSpeed', dreamSpeed)),
      h('div', { class: 'row' }, dreamBtn, fillBtn, backBtn),
      fillHelp, originals.el, chains.el, stepsOut, strip.el),
    h('section', { class: 'column dbn-compare', dataset: { control: 'compare' } },
      tr(h('h2'), 'dbn.compareTitle'), compareHelp,
      h('div', { class: 'row' }, field('labels', 'dbn.labels', labels), field('layer2', 'dbn.layer2', layer2),
        field('pretrainEpochs', 'dbn.pretrainEpochs', preEpochs), field('finetuneSteps', 'dbn.finetuneSteps', steps)),
      h('div', { class: 'row' }, compareBtn),
      compareStatus, legend([[PRE, 'dbn.pretrained'], [RANDOM, 'dbn.random']]), compareChart.el),
    text);
  root.append(el);

  const trainer = new Trainer(onMessage);
  trainer.send({ type: 'init', scene: 'dbn', query: ctx.query });
  const hub = mountHub(ctx, trainer, 'dbn');
  share.after(hub.el);
  trainer.requestFrames({});
  const stopKeys = spaceToggles(() => actions.togglePlay());
  syncAll();

  /** Switches what playing runs, and plays it (unless told not to). */
  function start(kind, extra = {}, play = true) {
    trainer.send({ type: kind, ...extra });
    if (play) trainer.send({ type: 'play' });
    trainer.refresh();
  }

  function onMessage(msg) {
    switch (msg.type) {
      case 'ready':
        if (ctx.globals.autoplay) trainer.send({ type: 'play' });
        break;
      case 'model':
        curve = [];
        drawCurves();
        chains.clear();
        strip.clear();
        stepsOut.textContent = '';
        break;
      case 'playing':
        playing = msg.playing;
        top.setPlaying(playing);
        break;
      case 'activity':
        showActivity(msg.activity);
        break;
      case 'originals':
        originals.set(msg.images, 8);
        break;
      case 'frame':
        frame(msg);
        break;
      case 'error':
        dataError(msg.message, msg.fatal);
        break;
      default:
        break;
    }
  }

  function showActivity(a) {
    activity = a;
    const filling = a === 'fill';
    originals.el.hidden = !filling;
    fillHelp.hidden = !filling;
    el.dataset.activity = a;
  }

  function frame(f) {
    if (f.playing !== playing) {
      playing = f.playing;
      top.setPlaying(playing);
    }
    if (f.activity !== activity) showActivity(f.activity);
    top.setEpoch(f.epoch);
    if (f.weights) {
      filters.set(f.weights, f.hidden);
      recon.set(f.recon, 16);
    }
    if (f.curve) {
      const c = f.curve;
      if (curve.length && c.epochs < curve[curve.length - 1].epochs) curve = [];
      if (!curve.length || c.epochs > curve[curve.length - 1].epochs) curve.push(c);
      else curve[curve.length - 1] = c;
      lastCurve = c;
      drawCurves();
    }
    if (f.chain && f.chain.length) {
      const n = f.chain.length / 196;
      const mark = f.activity === 'fill' ? (p) => Math.floor(p / 14) < TOP_ROWS : null;
      chains.set(f.chain, n, mark);
      strip.set(f.strip, f.strip.length / 196);
      tr(stepsOut, 'dbn.steps', { n: f.steps, m: f.strip.length / 196 });
    }
    if (f.comparison) {
      lastCompare = f.comparison;
      drawCompare();
    }
    status.className = `status ${f.status === 'ready' || f.activity !== 'train' ? '' : 'on'} ${f.status === 'diverged' ? 'error' : ''}`;
    status.textContent = f.status === 'ready' || f.activity !== 'train' ? '' : t(`status.${f.status}`, { epoch: f.epoch, rate: v.learningRate, n: v.epochs });
  }

  function drawCurves() {
    const axis = t('dbn.epochsAxis');
    reconChart.draw([{ key: 'recon', color: RECON, values: curve.map((c) => [c.epochs, c.recon]) }], axis);
    pllChart.draw([{ key: 'pll', color: PLL, values: curve.map((c) => [c.epochs, c.pll]) }], axis);
    if (lastCurve) {
      tr(figures, 'dbn.figures', { epoch: lastCurve.epochs.toFixed(2), recon: lastCurve.recon.toFixed(2), pll: lastCurve.pll.toFixed(1) });
      figures.dataset.recon = String(lastCurve.recon);
    }
  }

  function drawCompare() {
    const c = lastCompare;
    if (!c) return;
    const pct = (x) => (Number.isFinite(x) ? `${(100 * x).toFixed(1)}%` : '—');
    const at = (vals) => vals.map((a, i) => [Math.min(c.finetuneSteps, i * c.evalEvery), a]);
    compareChart.draw([
      { key: 'pretrained', color: PRE, values: at(c.pretrained) },
      { key: 'random', color: RANDOM, values: at(c.random) },
    ], t('dbn.stepsAxis'));
    const a = pct(c.pretrained[c.pretrained.length - 1]);
    const b = pct(c.random[c.random.length - 1]);
    const vars = { l: c.layer + 1, p: Math.round(100 * c.progress), s: c.steps, n: c.finetuneSteps, a, b, labels: c.labels.toLocaleString('en-US') };
    tr(compareStatus, `dbn.phase.${c.phase}`, vars);
    compareStatus.dataset.phase = c.phase;
    compareBtn.disabled = c.phase === 'pretrain' || c.phase === 'finetune';
  }

  function dataError(message, fatal) {
    const match = /digits:(\w+):?\s*(.*)$/.exec(message);
    if (match) ctx.notify('error', 'digits.dataError', { reason: t(`digits.err.${match[1]}`), detail: match[2] });
    else ctx.engineError(message, fatal);
  }

  function syncAll() {
    top.sync(v);
    dreamFrom.value = v.dreamFrom;
    setNumberOptions(dreamSpeed, SPEEDS, v.dreamSpeed);
    labels.value = v.labels;
    setNumberOptions(layer2, LAYER2, v.layer2);
    setNumberOptions(preEpochs, PRE_EPOCHS, v.pretrainEpochs);
    setNumberOptions(steps, STEPS, v.finetuneSteps);
    tr(compareHelp, 'dbn.compareHelp', { h: v.hidden, h2: v.layer2, steps: v.finetuneSteps.toLocaleString('en-US') });
    applyLinkView(el, text, v, hidden, ctx.globals.embed);
  }

  return {
    update(values, changed, q) {
      v = values;
      hidden = new Set(v._hidden);
      syncAll();
      trainer.send({ type: 'apply', query: q });
      trainer.refresh();
    },
    relabel() {
      drawCurves();
      drawCompare();
    },
    unmount() {
      hub.unmount();
      stopKeys();
      trainer.dispose();
      el.remove();
      link.remove();
    },
  };
}
