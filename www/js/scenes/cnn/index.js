// 1989, convolutional networks: a LeNet-style network trained in the page
// on the 14×14 digits beside the softmax model and a dense network of about
// its size; its filters, the feature maps of the reader's own drawing, and
// the translation experiment.

import './strings.js';
import { h } from '../../ui/dom.js';
import { applyLinkView } from '../../ui/controls.js';
import { spaceToggles } from '../../ui/transport.js';
import { confusionTable } from '../../ui/confusion.js';
import { LossChart } from '../../ui/chart.js';
import { openShare } from '../../ui/share.js';
import { mountHub } from '../../ui/hub.js';
import { DrawingPad } from '../../ui/pad.js';
import { drawDigit, probabilityBars, comparisonTable } from '../../ui/digit-views.js';
import { t, tr, trAttr } from '../../i18n.js';
import { Trainer } from '../../trainer.js';
import { buildControls } from './controls.js';
import { buildArchitecture } from './architecture.js';
import { filterView, mapsView, shiftView } from './views.js';

export function mount(root, ctx) {
  let v = ctx.values;
  let query = ctx.query;
  let hidden = new Set(v._hidden);
  let playing = false;
  let test = null;          // { images, labels }
  let input = null;         // the 14×14 image on the pad
  let reader = null;        // the CNN on this thread, for drawings
  let convShapes = [];      // [C, H, W] of each conv layer
  let blocks = [];          // the maps drawn: { l, pooled, shape }
  let denseSizes = '';
  let lastLatency = NaN;
  let rate = 0;
  let lastMetrics = null;
  const { engine } = ctx;
  const set = (changes) => ctx.set(changes);

  const actions = {
    togglePlay: () => trainer.send({ type: playing ? 'pause' : 'play' }),
    step: () => { trainer.send({ type: 'step' }); trainer.refresh(); },
    reset: () => { chart.reset(); trainer.send({ type: 'reset' }); },
  };

  const top = buildControls(v, set, actions);
  const arch = buildArchitecture(v, set, engine, ctx.limits);
  const dataInfo = h('p', { class: 'data-info' });
  const chart = new LossChart({ width: 300, height: 70 });
  trAttr(chart.canvas, { 'aria-label': 'out.chart' });
  const compare = comparisonTable({ time: true });
  const confusion = confusionTable(10, { label: (c) => String(c), colored: false });
  const status = h('div', { class: 'status', role: 'status' });
  const perf = h('p', { class: 'perf muted' });

  const pad = new DrawingPad((ink, w, hgt) => read(engine.digit_prepare(ink, w, hgt)));
  trAttr(pad.canvas, { 'aria-label': 'digits.padLabel' });
  pad.canvas.classList.add('embed-main');
  const small = h('canvas', { width: 14, height: 14, class: 'digit-small', role: 'img' });
  trAttr(small, { 'aria-label': 'digits.smallLabel' });
  const bars = probabilityBars();
  bars.el.classList.add('embed-keep');
  const undo = tr(h('button', { on: { click: () => pad.undo() } }), 'digits.undo');
  const clearBtn = tr(h('button', { on: { click: () => pad.clear() } }), 'digits.clear');
  const random = tr(h('button', { on: { click: () => test && pick(Math.floor(Math.random() * test.labels.length)) } }), 'digits.randomTest');
  const padInfo = h('p', { class: 'muted small pad-info' });

  const filters = filterView();
  const maps = mapsView();
  const shift = shiftView();
  const shiftBusy = h('p', { class: 'muted small', role: 'status' });
  const shiftRun = tr(h('button', { class: 'primary', on: { click: runShift } }), 'cnn.shiftRun');
  const share = tr(h('button', { class: 'share-button', dataset: { control: 'shareButton' }, on: { click: () => openShare({ hideable: ctx.hideable, hidden, url: ctx.shareUrl }) } }), 'share.open');

  const text = h('section', { class: 'chapter-text' }, tr(h('h2'), 'cn.heading'), ...['p1', 'p2', 'p3', 'p4', 'p5'].map((k) => tr(h('p'), `cn.${k}`)));
  const el = h('div', { class: 'scene cnn' },
    top.el,
    h('section', { class: 'column network', dataset: { control: 'architecture' } },
      h('div', { class: 'net-head' }, tr(h('h2'), 'cnn.network'), share), arch.el),
    h('div', { class: 'cnn-columns' },
      h('section', { class: 'column training-col' },
        tr(h('h2'), 'cnn.training'), dataInfo, chart.canvas,
        h('div', { class: 'legend' }, h('span', { class: 'key test' }), tr(h('span'), 'out.test'), h('span', { class: 'key train' }), tr(h('span'), 'out.train')),
        h('div', { class: 'scroll-x' }, compare.el), status,
        h('div', { class: 'scroll-x', dataset: { control: 'confusion' } }, confusion.el), perf),
      h('section', { class: 'column draw-col', dataset: { control: 'drawing' } },
        tr(h('h2'), 'digits.draw'),
        h('div', { class: 'pad-row' }, pad.canvas, h('div', { class: 'pad-side' }, small, tr(h('p', { class: 'muted small' }), 'digits.smallCaption'))),
        h('div', { class: 'row embed-keep' }, undo, clearBtn, random), padInfo, bars.el),
      h('section', { class: 'column maps-col embed-keep' },
        h('div', { class: 'filters', dataset: { control: 'filters' } }, tr(h('h2'), 'cnn.filtersTitle'), filters.el),
        h('div', { dataset: { control: 'maps' } }, tr(h('h2'), 'cnn.maps'), tr(h('p', { class: 'muted small' }), 'cnn.mapsHelp'), maps.el))),
    h('section', { class: 'column shift', dataset: { control: 'shift' } },
      tr(h('h2'), 'cnn.shift'), tr(h('p', { class: 'muted small' }), 'cnn.shiftHelp'),
      h('div', { class: 'row' }, shiftRun), shiftBusy, shift.el),
    text);
  root.append(el);
  bars.set(null);
  newReader();

  const trainer = new Trainer(onMessage);
  trainer.send({ type: 'init', scene: 'cnn', query });
  const hub = mountHub(ctx, trainer, 'cnn');
  share.after(hub.el);
  trainer.requestFrames({});
  const stopKeys = spaceToggles(() => actions.togglePlay());
  syncAll();

  /** A reader for the current architecture, its plan shown and its maps laid out. */
  function newReader() {
    if (reader) reader.free();
    reader = new engine.CnnReader(query);
    const plan = reader.plan();
    arch.showPlan(plan);
    convShapes = plan.rows.filter((r) => r.step === 'conv').map((r) => r.shape);
    blocks = [];
    for (const r of plan.rows) {
      if (r.step === 'conv') blocks.push({ l: blocks.filter((b) => !b.pooled).length, pooled: false, shape: r.shape });
      else if (r.step === 'maxPool' || r.step === 'avgPool') blocks.push({ l: blocks[blocks.length - 1].l, pooled: true, shape: r.shape });
    }
    maps.layout(blocks);
    if (input) read(input);
    else maps.draw(null);
  }

  /** Reads a 14×14 image: shows it, the ten probabilities and every layer's maps. */
  function read(img) {
    input = img;
    drawDigit(small, img);
    if (!img.some((x) => x > 0)) {
      bars.set(null);
      maps.draw(null);
      return;
    }
    const t0 = performance.now();
    const probs = reader.read(img);
    const data = blocks.map((b) => reader.maps(b.l, b.pooled));
    lastLatency = performance.now() - t0;
    bars.set(probs);
    maps.draw((i) => data[i]);
    showPerf();
  }

  function pick(i) {
    const img = test.images.slice(i * 196, (i + 1) * 196);
    pad.show(img);
    padInfo.textContent = t('digits.testDigit', { i, d: test.labels[i] });
    read(img);
  }

  function runShift() {
    shiftRun.disabled = true;
    tr(shiftBusy, 'cnn.shiftRunning');
    trainer.send({ type: 'shift' });
  }

  function onMessage(msg) {
    switch (msg.type) {
      case 'ready':
        if (ctx.globals.autoplay) trainer.send({ type: 'play' });
        break;
      case 'data':
        test = { images: msg.images, labels: msg.labels };
        tr(dataInfo, 'digits.dataInfo', { train: msg.counts.train.toLocaleString('en-US'), test: msg.counts.test.toLocaleString('en-US') });
        break;
      case 'model':
        chart.reset();
        shift.clear();
        newReader();
        break;
      case 'playing':
        playing = msg.playing;
        top.setPlaying(playing);
        break;
      case 'frame':
        frame(msg);
        break;
      case 'shift':
        shiftRun.disabled = false;
        shiftBusy.textContent = '';
        shift.set(msg.result, msg.epoch, denseSizes);
        break;
      case 'error':
        shiftRun.disabled = false;
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
    if (reader.load(f.params)) {
      const [oc] = convShapes[0];
      const k = Math.round(Math.sqrt(reader.filters().length / oc));
      filters.set(reader.filters(), oc, k);
      if (input) read(input);
    }
    if (f.metrics) figures(f);
    rate = f.examplesPerSecond;
    showPerf();
    status.className = `status ${f.status === 'ready' ? '' : 'on'} ${f.status === 'diverged' ? 'error' : ''}`;
    status.textContent = f.status === 'ready' ? '' : t(`status.${f.status}`, { epoch: f.epoch, rate: v.learningRate, n: v.epochs });
  }

  function showPerf() {
    perf.textContent = t('cnn.perf', {
      rate: Math.round(rate).toLocaleString('en-US'),
      ms: Number.isFinite(lastLatency) ? lastLatency.toFixed(2) : '—',
    });
  }

  function figures(f) {
    lastMetrics = f;
    const { models } = f.metrics;
    const cnn = models[0];
    chart.push(f.epoch, cnn.trainLoss, cnn.testLoss);
    const dense = models.find((m) => m.kind === 'dense');
    denseSizes = dense ? dense.sizes.join(' → ') : '';
    compare.set(models.map((m) => ({ ...m, name: t(`cnn.model.${m.kind}`, { sizes: m.sizes.join(' → ') }) })));
    confusion.update(f.metrics.confusion);
  }

  function dataError(message, fatal) {
    const match = /digits:(\w+):?\s*(.*)$/.exec(message);
    if (match) ctx.notify('error', 'digits.dataError', { reason: t(`digits.err.${match[1]}`), detail: match[2] });
    else ctx.engineError(message, fatal);
  }

  function syncAll() {
    top.sync(v);
    arch.sync(v);
    applyLinkView(el, text, v, hidden, ctx.globals.embed);
  }

  return {
    update(values, changed, q) {
      v = values;
      query = q;
      hidden = new Set(v._hidden);
      syncAll();
      trainer.send({ type: 'apply', query: q });
      trainer.refresh();
    },
    /** Rewrites the texts made from numbers in the new language. */
    relabel() {
      arch.relabel();
      shift.relabel();
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
