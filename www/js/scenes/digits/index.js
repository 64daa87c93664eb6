// Reading digits: the 14×14 softmax recognizer trained in the page, its
// weights shown as evidence, the reader's own drawing read live.

import { h } from '../../ui/dom.js';
import { applyLinkView } from '../../ui/controls.js';
import { spaceToggles } from '../../ui/transport.js';
import { confusionTable } from '../../ui/confusion.js';
import { statusBox, lowerRate } from '../../ui/status.js';
import { LossChart } from '../../ui/chart.js';
import { openShare } from '../../ui/share.js';
import { weightsGetter, loadLinkWeights } from '../../ui/linkweights.js';
import { mountHub } from '../../ui/hub.js';
import { t, tr, trAttr } from '../../i18n.js';
import { Trainer } from '../../trainer.js';
import { buildControls, RATES } from './controls.js';
import { DrawingPad } from '../../ui/pad.js';
import { drawMaps, mapGrid, mistakesGallery } from './views.js';
import { drawDigit, probabilityBars, comparisonTable } from '../../ui/digit-views.js';
import { chapterText } from './text.js';

const FILTERS = 16;
// While training, the 26 weight maps are repainted at most this often
// (each is a canvas of its own, and so a resource the compositor takes).
const MAPS_MS = 200;

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
  let mapsAt = -Infinity;
  let wantParams = false;
  const { engine } = ctx;
  const set = (changes) => ctx.set(changes);

  const actions = {
    togglePlay: () => trainer.send({ type: playing ? 'pause' : 'play' }),
    step: () => { trainer.send({ type: 'step' }); trainer.refresh(); },
    reset: () => { chart.reset(); trainer.send({ type: 'reset' }); },
    /** The way out of a divergence: a lower learning rate, from the start. */
    recover: () => {
      set({ learningRate: lowerRate(RATES, v.learningRate) });
      actions.reset();
    },
  };

  const top = buildControls(v, set, actions);
  const dataInfo = h('p', { class: 'data-info' });
  const chart = new LossChart({ width: 300, height: 70 });
  trAttr(chart.canvas, { 'aria-label': 'out.chart' });
  const compare = comparisonTable();
  const confusion = confusionTable(10, { label: (c) => String(c), colored: false });
  const status = statusBox(actions.recover);
  const perf = h('p', { class: 'perf muted' });

  const pad = new DrawingPad((ink, w, hgt) => {
    const t0 = performance.now();
    let img;
    try {
      img = engine.digit_prepare(ink, w, hgt);
    } catch (err) {
      // A size the engine refuses (it never comes from this pad).
      console.warn(String(err));
      return;
    }
    read(img);
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
  // The embed's main picture: the maps forming as the model learns.
  evidence.el.classList.add('embed-main');
  const filters = mapGrid(FILTERS, 'digits.unit', 1);
  const filterBox = h('div', { class: 'filters' }, tr(h('h3'), 'digits.filters'), filters.el);
  const gallery = mistakesGallery((i) => pick(i));
  const share = tr(h('button', { class: 'share-button', dataset: { control: 'shareButton' }, on: { click: () => openShare({ hideable: ctx.hideable, hidden, url: ctx.shareUrl, weights: weightsGetter(trainer) }) } }), 'share.open');

  const text = chapterText();
  const el = h('div', { class: 'scene digits' },
    top.el,
    h('div', { class: 'digit-columns' },
      h('section', { class: 'column' },
        h('div', { class: 'net-head' }, tr(h('h2'), 'digits.training'), share),
        dataInfo, chart.canvas,
        h('div', { class: 'legend' }, h('span', { class: 'key test' }), tr(h('span'), 'out.test'), h('span', { class: 'key train' }), tr(h('span'), 'out.train')),
        compare.el, status.el,
        h('div', { dataset: { control: 'confusion' } }, confusion.el), perf),
      h('section', { class: 'column embed-keep', dataset: { control: 'drawing' } },
        tr(h('h2'), 'digits.draw'),
        h('div', { class: 'pad-row' }, pad.canvas, h('div', { class: 'pad-side' }, small, tr(h('p', { class: 'muted small' }), 'digits.smallCaption'))),
        h('div', { class: 'row embed-keep' }, undo, clearBtn, random), padInfo, bars.el),
      h('section', { class: 'column', dataset: { control: 'weights' } },
        tr(h('h2'), 'digits.evidence'), tr(h('p', { class: 'muted small' }), 'digits.evidenceHelp'), evidence.el, filterBox)),
    h('section', { class: 'column mistakes', dataset: { control: 'mistakes' } }, tr(h('h2'), 'digits.mistakes'), gallery.el),
    text);
  root.append(el);
  bars.set(null);

  const trainer = new Trainer(onMessage);
  trainer.send({ type: 'init', scene: 'digits', query: ctx.query });
  // A link with trained weights loads them into the network just built.
  loadLinkWeights(ctx, trainer, v.weights);
  const hub = mountHub(ctx, trainer, 'digits');
  share.after(hub.el);
  trainer.requestFrames({ filters: FILTERS });
  const stopKeys = spaceToggles(() => actions.togglePlay());
  syncAll();

  /** Reads a 14×14 image: shows it and the ten probabilities. */
  function read(img) {
    input = img;
    // Frames bring the weights only while there is something to read.
    const inked = img.some((x) => x > 0);
    if (inked !== wantParams) {
      wantParams = inked;
      trainer.setFrameOptions({ params: inked });
    }
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
        lastMetrics = null;
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
      case 'progress':
        if (playing) top.setEpoch(msg.epoch);
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
    // The numbers first, so that they are the model's even if a picture
    // could not be drawn.
    top.setEpoch(f.epoch);
    if (f.metrics) figures(f);
    // A model that is not finite has diverged, whatever stopped it.
    const diverged = f.status === 'diverged' || lastMetrics?.metrics.main.finite === false;
    const key = diverged ? 'diverged' : f.status === 'ready' ? '' : f.status;
    status.set(key, { epoch: f.epoch, rate: v.learningRate, n: v.stopAtEpoch });
    rate = f.examplesPerSecond;
    showPerf();
    const now = performance.now();
    // At a chosen speed the maps are redrawn every frame: watching them
    // form is the point of slowing down.
    if (!f.playing || v.speed !== 'max' || now - mapsAt >= MAPS_MS) {
      mapsAt = now;
      if (f.evidence.length) drawMaps(evidence.canvases, f.evidence);
      if (f.filters.length) drawMaps(filters.canvases.slice(0, f.filters.length / 196), f.filters);
    }
    // The newest weights read the current drawing again.
    if (reader && f.params && reader.load(f.params, f.baseParams) && input) read(input);
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
    // A model that is not finite has no confusion matrix and no mistakes.
    const finite = main.finite !== false;
    confusion.update(finite ? f.metrics.confusion : null);
    const pairs = f.metrics.mistakes.map((m) => [m.index, m.predicted]);
    if (test) gallery.set(test.images, test.labels, finite ? pairs : null);
  }

  function dataError(message, fatal) {
    const match = /digits:(\w+):?\s*(.*)$/.exec(message);
    if (match) ctx.notify('error', 'digits.dataError', { reason: { key: `digits.err.${match[1]}` }, detail: match[2] });
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
      hub.unmount();
      stopKeys();
      if (reader) reader.free();
      trainer.dispose();
      el.remove();
    },
  };
}
