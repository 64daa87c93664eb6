// Reading digits: the 14×14 softmax recognizer trained in the page, its
// weights shown as evidence, the reader's own drawing read live.

import { h } from '../../ui/dom.js';
import { applyLinkView } from '../../ui/controls.js';
import { spaceToggles } from '../../ui/transport.js';
import { confusionTable } from '../../ui/confusion.js';
import { LossChart } from '../../ui/chart.js';
import { openShare } from '../../ui/share.js';
import { t, tr, trAttr } from '../../i18n.js';
import { Trainer } from '../../trainer.js';
import { buildControls } from './controls.js';
import { DrawingPad } from '../../ui/pad.js';
import { drawMaps, mapGrid, mistakesGallery } from './views.js';
import { drawDigit, probabilityBars, comparisonTable } from '../../ui/digit-views.js';
import { chapterText } from './text.js';

const FILTERS = 16;

export function mount(root, ctx) {
  let v = ctx.values;
  let hidden = new Set(v._hidden);
  let playing = false;
  let sizes = [196, 10];
  let test = null;          // { images, labels }
  let input = null;         // the 14×14 image being read
  let reader = null;        // the engine reading drawings on this thread
  let lastLatency = NaN;
  let rate = 0;
  const { engine } = ctx;
  const set = (changes) => ctx.set(changes);

  const actions = {
    togglePlay: () => trainer.send({ type: playing ? 'pause' : 'play' }),
    step: () => { trainer.send({ type: 'step' }); trainer.refresh(); },
    reset: () => { chart.reset(); trainer.send({ type: 'reset' }); },
  };

  const top = buildControls(v, set, actions);
  const dataInfo = h('p', { class: 'data-info' });
  const chart = new LossChart({ width: 300, height: 70 });
  trAttr(chart.canvas, { 'aria-label': 'out.chart' });
  const compare = comparisonTable();
  const confusion = confusionTable(10, { label: (c) => String(c), colored: false });
  const status = h('div', { class: 'status', role: 'status' });
  const perf = h('p', { class: 'perf muted' });

  const pad = new DrawingPad((ink, w, hgt) => {
    const t0 = performance.now();
    read(engine.digit_prepare(ink, w, hgt));
    lastLatency = performance.now() - t0;
    showPerf();
  });
  trAttr(pad.canvas, { 'aria-label': 'digits.padLabel' });
  const small = h('canvas', { width: 14, height: 14, class: 'digit-small', role: 'img' });
  trAttr(small, { 'aria-label': 'digits.smallLabel' });
  const bars = probabilityBars();
  const undo = tr(h('button', { on: { click: () => pad.undo() } }), 'digits.undo');
  const clearBtn = tr(h('button', { on: { click: () => pad.clear() } }), 'digits.clear');
  const random = tr(h('button', { on: { click: () => test && pick(Math.floor(Math.random() * test.labels.length)) } }), 'digits.randomTest');
  const padInfo = h('p', { class: 'muted small' });

  const evidence = mapGrid(10, 'digits.evidenceFor');
  const filters = mapGrid(FILTERS, 'digits.unit', 1);
  const filterBox = h('div', { class: 'filters' }, tr(h('h3'), 'digits.filters'), filters.el);
  const gallery = mistakesGallery((i) => pick(i));
  const share = tr(h('button', { class: 'share-button', dataset: { control: 'shareButton' }, on: { click: () => openShare({ hideable: ctx.hideable, hidden, url: ctx.shareUrl }) } }), 'share.open');

  const text = chapterText();
  const el = h('div', { class: 'scene digits' },
    top.el,
    h('div', { class: 'digit-columns' },
      h('section', { class: 'column' },
        h('div', { class: 'net-head' }, tr(h('h2'), 'digits.training'), share),
        dataInfo, chart.canvas,
        h('div', { class: 'legend' }, h('span', { class: 'key test' }), tr(h('span'), 'out.test'), h('span', { class: 'key train' }), tr(h('span'), 'out.train')),
        compare.el, status,
        h('div', { dataset: { control: 'confusion' } }, confusion.el), perf),
      h('section', { class: 'column', dataset: { control: 'drawing' } },
        tr(h('h2'), 'digits.draw'),
        h('div', { class: 'pad-row' }, pad.canvas, h('div', { class: 'pad-side' }, small, tr(h('p', { class: 'muted small' }), 'digits.smallCaption'))),
        h('div', { class: 'row' }, undo, clearBtn, random), padInfo, bars.el),
      h('section', { class: 'column', dataset: { control: 'weights' } },
        tr(h('h2'), 'digits.evidence'), tr(h('p', { class: 'muted small' }), 'digits.evidenceHelp'), evidence.el, filterBox)),
    h('section', { class: 'column mistakes', dataset: { control: 'mistakes' } }, tr(h('h2'), 'digits.mistakes'), gallery.el),
    text);
  root.append(el);
  bars.set(null);

  const trainer = new Trainer(onMessage);
  trainer.send({ type: 'init', scene: 'digits', query: ctx.query });
  trainer.requestFrames({ filters: FILTERS });
  const stopKeys = spaceToggles(() => actions.togglePlay());
  syncAll();

  /** Reads a 14×14 image: shows it and the ten probabilities. */
  function read(img) {
    input = img;
    drawDigit(small, img);
    if (!reader || !img.some((x) => x > 0)) {
      bars.set(null);
      return;
    }
    bars.set(reader.read(img));
  }

  function pick(i) {
    const img = test.images.slice(i * 196, (i + 1) * 196);
    pad.show(img);
    padInfo.textContent = t('digits.testDigit', { i, d: test.labels[i] });
    read(img);
  }

  function onMessage(msg) {
    switch (msg.type) {
      case 'data':
        test = { images: msg.images, labels: msg.labels };
        tr(dataInfo, 'digits.dataInfo', { train: msg.counts.train.toLocaleString('en-US'), test: msg.counts.test.toLocaleString('en-US') });
        break;
      case 'model':
        sizes = msg.sizes;
        chart.reset();
        filterBox.hidden = sizes.length < 3;
        if (reader) reader.free();
        reader = new engine.DigitsReader(Uint32Array.from(sizes.slice(1, -1)), v.activation, msg.baseline);
        break;
      case 'playing':
        playing = msg.playing;
        top.setPlaying(playing);
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

  function frame(f) {
    if (f.playing !== playing) {
      playing = f.playing;
      top.setPlaying(playing);
    }
    top.setEpoch(f.epoch);
    if (f.evidence.length) drawMaps(evidence.canvases, f.evidence);
    if (f.filters.length) drawMaps(filters.canvases.slice(0, f.filters.length / 196), f.filters);
    if (f.metrics) figures(f);
    rate = f.examplesPerSecond;
    showPerf();
    // The newest weights read the current drawing again.
    if (reader && reader.load(f.params, f.baseParams) && input) read(input);
    status.className = `status ${f.status === 'ready' ? '' : 'on'} ${f.status === 'diverged' ? 'error' : ''}`;
    status.textContent = f.status === 'ready' ? '' : t(`status.${f.status}`, { epoch: f.epoch, rate: v.learningRate, n: v.stopAtEpoch });
  }

  function showPerf() {
    perf.textContent = t('digits.perf', {
      rate: Math.round(rate).toLocaleString('en-US'),
      ms: Number.isFinite(lastLatency) ? lastLatency.toFixed(1) : '—',
    });
  }

  let lastMetrics = null;
  function figures(f) {
    lastMetrics = f;
    const { main, baseline } = f.metrics;
    chart.push(f.epoch, main.trainLoss, main.testLoss);
    const name = sizes.length > 2 ? `196 → ${sizes.slice(1, -1).join(' → ')} → 10` : '196 → 10';
    const models = [{ name, ...main }];
    if (baseline) models.push({ name: t('digits.softmaxAlone'), ...baseline });
    compare.set(models);
    confusion.update(f.metrics.confusion);
    const pairs = f.metrics.mistakes.map((m) => [m.index, m.predicted]);
    if (test) gallery.set(test.images, test.labels, pairs);
  }

  function dataError(message, fatal) {
    const match = /digits:(\w+):?\s*(.*)$/.exec(message);
    if (match) ctx.notify('error', 'digits.dataError', { reason: t(`digits.err.${match[1]}`), detail: match[2] });
    else ctx.engineError(message, fatal);
  }

  function syncAll() {
    top.sync(v);
    applyLinkView(el, text, v, hidden, ctx.globals.embed);
  }

  return {
    update(values, changed, query) {
      v = values;
      hidden = new Set(v._hidden);
      syncAll();
      trainer.send({ type: 'apply', query });
      trainer.refresh();
    },
    /** Rewrites the texts made from numbers in the new language. */
    relabel() {
      top.relabel();
      showPerf();
      if (lastMetrics) figures(lastMetrics);
    },
    unmount() {
      stopKeys();
      if (reader) reader.free();
      trainer.dispose();
      el.remove();
    },
  };
}
