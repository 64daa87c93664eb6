// 1997, long short-term memory: a plain tanh RNN and an LSTM of the same
// width trained side by side in the worker on a task that needs memory over
// a distance the reader sets; for one sequence (typed or picked), the
// LSTM's gates, cell and hidden state and the RNN's hidden state as heat
// strips over time with a scrubber, and the gradient's size at each
// earlier step for both, on a log scale.

import './strings.js';
import { h } from '../../ui/dom.js';
import { applyLinkView, field, choiceSelect, numberSelect, setNumberOptions, slider } from '../../ui/controls.js';
import { buildTransport, spaceToggles } from '../../ui/transport.js';
import { openShare } from '../../ui/share.js';
import { icon } from '../../ui/icons.js';
import { t, tr, trAttr } from '../../i18n.js';
import { Trainer } from '../../trainer.js';
import { mountHub } from '../../ui/hub.js';
import { curves, strip, gradientPlot, COLORS } from './views.js';

const WIDTHS = [8, 16, 32, 64, 128];
const RATES = [0.001, 0.003, 0.01, 0.03, 0.1];
const BATCHES = [8, 16, 32, 64, 128];
const CLIPS = [0, 0.5, 1, 5];
const STRIPS = [['i', 'gate'], ['f', 'gate'], ['o', 'gate'], ['c', 'signed'], ['h', 'signed'], ['rnn', 'signed']];
const SCRUB_MS = 250;
const BACK = 20;

let sheet = null;
function addSheet() {
  if (sheet) return;
  sheet = h('link', { rel: 'stylesheet', href: new URL('../../../css/lstm.css', import.meta.url).href });
  document.head.append(sheet);
}

const pct = (x) => (Number.isFinite(x) ? `${(100 * x).toFixed(1)}%` : '—');
const num = (x, d = 3) => (Number.isFinite(x) ? x.toFixed(d) : '—');

export function mount(root, ctx) {
  addSheet();
  let v = ctx.values;
  let hidden = new Set(v._hidden);
  let playing = false;
  let info = null;
  let insp = null;
  let metrics = null;
  let cursor = -1;
  let follow = true;         // the cursor sits on the last step until moved
  let scrubTimer = 0;
  let exampleK = 0;
  const set = (changes) => ctx.set(changes);

  const actions = {
    togglePlay: () => trainer.send({ type: playing ? 'pause' : 'play' }),
    step: () => { trainer.send({ type: 'step' }); trainer.refresh(); },
    reset: () => { resetCurves(); trainer.send({ type: 'reset' }); },
  };
  const transport = buildTransport(actions);
  const task = choiceSelect(['memory', 'brackets', 'addition', 'text'].map((k) => [k, `lstm.task.${k}`]), v.task, (x) => set({ task: x, sequence: '' }));
  const distance = slider('distance', 'lstm.distance', { min: 1, max: ctx.limits.maxDistance || 100, step: 1, value: v.distance }, (x) => set({ distance: x, sequence: '' }));
  const width = numberSelect(WIDTHS, v.width, (x) => set({ width: x }));
  const rate = numberSelect(RATES, v.learningRate, (x) => set({ learningRate: x }));
  const batch = numberSelect(BATCHES, v.batchSize, (x) => set({ batchSize: x }));
  const clip = numberSelect(CLIPS, v.clip, (x) => set({ clip: x }), (x) => (x === 0 ? t('lstm.noClip') : String(x)));
  const share = tr(h('button', { class: 'share-button', dataset: { control: 'shareButton' }, on: { click: () => openShare({ hideable: ctx.hideable, hidden, url: ctx.shareUrl }) } }), 'share.open');
  const top = h('div', { class: 'topbar' }, transport.buttons, transport.epoch,
    field('task', 'lstm.task', task), distance.el, field('width', 'lstm.width', width),
    field('learningRate', 'top.learningRate', rate), field('batchSize', 'data.batch', batch),
    field('clip', 'lstm.clip', clip), share);

  // Training: curves of both, and a table.
  const dataInfo = h('p', { class: 'data-info muted small' });
  const acc = curves({ max: 1 });
  const loss = curves();
  trAttr(acc.canvas, { 'aria-label': 'lstm.accuracyChart' });
  trAttr(loss.canvas, { 'aria-label': 'lstm.lossChart' });
  const legend = () => h('div', { class: 'legend lstm-legend' },
    h('span', { class: 'key', style: { background: COLORS.rnn } }), tr(h('span'), 'lstm.rnn'),
    h('span', { class: 'key', style: { background: COLORS.lstm } }), tr(h('span'), 'lstm.lstm'));
  const table = h('table', { class: 'compare lstm-figures' });
  const chance = h('p', { class: 'muted small' });
  const status = h('div', { class: 'status', role: 'status' });
  const summary = h('p', { class: 'lstm-summary', role: 'status' });

  // One sequence inside.
  const seqInput = h('input', { type: 'text', maxlength: String(ctx.limits.maxSequence || 120), spellcheck: 'false', autocomplete: 'off' });
  seqInput.value = v.sequence;
  const readSeq = () => set({ sequence: seqInput.value });
  seqInput.addEventListener('change', readSeq);
  seqInput.addEventListener('keydown', (e) => { if (e.key === 'Enter') readSeq(); });
  const seqHelp = h('p', { class: 'muted small' });
  const seqNote = h('p', { class: 'small lstm-note', role: 'status' });
  const exampleBtn = tr(h('button', { on: { click: () => trainer.send({ type: 'example', k: ++exampleK }) } }), 'lstm.example');
  const cells = h('div', { class: 'lstm-cells', 'aria-hidden': 'true' });
  const scrub = h('input', { type: 'range', min: '0', max: '0', step: '1', value: '0', class: 'lstm-scrub' });
  scrub.addEventListener('input', () => moveTo(Number(scrub.value)));
  const scrubPlay = h('button', { class: 'round lstm-scrub-play', on: { click: toggleScrub } });
  const readout = h('div', { class: 'lstm-readout', 'aria-live': 'polite' });
  const strips = STRIPS.map(([k, kind]) => {
    const s = strip(kind);
    trAttr(s.canvas, { 'aria-label': `lstm.strip.${k}` });
    s.canvas.addEventListener('pointerdown', (e) => { const i = s.stepAt(e.clientX); if (i >= 0) moveTo(i); });
    return { k, s, row: h('div', { class: `lstm-strip-row ${k === 'rnn' ? 'rnn' : ''}` }, tr(h('span', { class: 'lstm-strip-label' }), `lstm.strip.${k}`), s.canvas) };
  });

  // Gradients.
  const grad = gradientPlot();
  trAttr(grad.canvas, { 'aria-label': 'lstm.gradChart' });
  const gradReadout = h('p', { class: 'small lstm-grad-readout' });

  const text = h('section', { class: 'chapter-text' }, tr(h('h2'), 'lstm.heading'), ...['p1', 'p2', 'p3', 'p4', 'p5', 'hub'].map((k) => tr(h('p'), `lstm.${k}`)));
  const el = h('div', { class: 'scene lstm' },
    top,
    h('div', { class: 'lstm-columns' },
      h('section', { class: 'column lstm-train', dataset: { control: 'curves' } },
        tr(h('h2'), 'lstm.training'), dataInfo,
        tr(h('h3'), 'lstm.accuracy'), acc.canvas, tr(h('h3'), 'lstm.loss'), loss.canvas, legend(),
        h('div', { class: 'scroll-x' }, table), chance, status),
      h('section', { class: 'column lstm-inside', dataset: { control: 'states' } },
        h('div', { class: 'lstm-head' }, tr(h('h2'), 'lstm.inside'), summary),
        h('div', { class: 'lstm-seq' }, field('sequence', 'lstm.sequence', seqInput), exampleBtn),
        seqHelp, seqNote, cells,
        h('div', { class: 'lstm-scrubber embed-keep' }, scrubPlay, field('step', 'lstm.step', scrub)),
        readout, tr(h('p', { class: 'muted small lstm-strip-help' }), 'lstm.stripHelp'),
        h('div', { class: 'lstm-strips embed-main' }, ...strips.map((x) => x.row))),
      h('section', { class: 'column lstm-grads', dataset: { control: 'gradients' } },
        tr(h('h2'), 'lstm.gradients'), tr(h('p', { class: 'muted small' }), 'lstm.gradHelp'), grad.canvas, legend(), gradReadout)),
    text);
  root.append(el);
  setScrubIcon(false);

  const trainer = new Trainer(onMessage);
  trainer.send({ type: 'init', scene: 'lstm', query: ctx.query });
  const hub = mountHub(ctx, trainer, 'lstm');
  share.after(hub.el);
  trainer.requestFrames({});
  const stopKeys = spaceToggles(() => actions.togglePlay());
  syncAll();

  function resetCurves() {
    acc.reset();
    loss.reset();
  }

  function setScrubIcon(on) {
    scrubPlay.replaceChildren(icon(on ? 'pause' : 'play'));
    trAttr(scrubPlay, { 'aria-label': on ? 'lstm.pauseSteps' : 'lstm.playSteps', title: on ? 'lstm.pauseSteps' : 'lstm.playSteps' });
  }

  function toggleScrub() {
    if (scrubTimer) {
      clearInterval(scrubTimer);
      scrubTimer = 0;
      setScrubIcon(false);
      return;
    }
    const steps = insp ? insp.probe.labels.length : 0;
    if (!steps) return;
    if (cursor >= steps - 1) moveTo(0);
    setScrubIcon(true);
    scrubTimer = setInterval(() => {
      const n = insp ? insp.probe.labels.length : 0;
      if (cursor >= n - 1) { toggleScrub(); return; }
      moveTo(cursor + 1);
    }, SCRUB_MS);
  }

  function moveTo(i) {
    const n = insp ? insp.probe.labels.length : 0;
    cursor = Math.max(0, Math.min(n - 1, i));
    follow = cursor === n - 1;
    scrub.value = String(cursor);
    drawInside();
  }

  function onMessage(msg) {
    switch (msg.type) {
      case 'data':
      case 'model':
        info = msg.info;
        if (msg.type === 'model') resetCurves();
        showInfo();
        break;
      case 'playing':
        playing = msg.playing;
        transport.setPlaying(playing);
        break;
      case 'frame':
        frame(msg);
        break;
      case 'example':
        seqInput.value = msg.text;
        set({ sequence: msg.text });
        break;
      case 'error': {
        const m = /corpus:(\w+):?\s*(.*)$/.exec(msg.message || '');
        if (m) ctx.notify('error', 'lstm.dataError', { detail: m[2] });
        else ctx.engineError(msg.message, msg.fatal);
        break;
      }
      default:
        break;
    }
  }

  function showInfo() {
    if (!info) return;
    tr(dataInfo, 'lstm.dataInfo', { train: info.train.toLocaleString('en-US'), test: info.test.toLocaleString('en-US'), steps: info.steps });
    tr(chance, 'lstm.chance', { p: pct(chanceOf()) });
    tr(seqHelp, `lstm.sequenceHelp.${info.task}`);
  }

  /** What guessing the commonest answer gets: 1/classes (the text task's is lower than its own guess; shown as 1/classes too). */
  function chanceOf() {
    return info && info.classes ? 1 / info.classes : NaN;
  }

  function frame(f) {
    if (f.playing !== playing) {
      playing = f.playing;
      transport.setPlaying(playing);
    }
    transport.setEpoch(f.epoch);
    const steps = info ? Math.round(f.examples / Math.max(1, v.batchSize)) : 0;
    if (f.metrics) {
      metrics = { ...f.metrics, steps };
      acc.push(f.examples, f.metrics.rnn.testAccuracy, f.metrics.lstm.testAccuracy);
      loss.push(f.examples, f.metrics.rnn.testLoss, f.metrics.lstm.testLoss);
      showFigures();
    }
    if (f.inspection) {
      insp = f.inspection;
      const n = insp.probe.labels.length;
      scrub.max = String(Math.max(0, n - 1));
      if (follow || cursor >= n || cursor < 0) cursor = n - 1;
      scrub.value = String(cursor);
      if (!seqEditing()) seqInput.value = insp.probe.text;
      seqNote.textContent = !insp.probe.typed && v.sequence ? t('lstm.unreadable') : '';
      drawInside();
    }
    status.className = `status ${f.status === 'ready' ? '' : 'on'} ${f.status === 'diverged' ? 'error' : ''}`;
    status.textContent = f.status === 'ready' ? '' : t(`status.${f.status}`, { epoch: f.epoch, rate: v.learningRate, n: 0 });
  }

  function seqEditing() {
    return document.activeElement === seqInput;
  }

  function showFigures() {
    if (!metrics) return;
    const rows = [['rnn', metrics.rnn], ['lstm', metrics.lstm]];
    table.replaceChildren(
      h('thead', {}, h('tr', {}, ...['lstm.model', 'lstm.params', 'lstm.trainLoss', 'lstm.testLoss', 'lstm.testAccuracy'].map((k) => tr(h('th'), k)))),
      h('tbody', {}, ...rows.map(([k, m]) => h('tr', { dataset: { model: k } },
        h('td', {}, h('span', { class: 'key', style: { background: COLORS[k] } }), ' ', t(`lstm.short.${k}`)),
        h('td', { text: m.params.toLocaleString('en-US') }), h('td', { text: num(m.trainLoss) }),
        h('td', { text: num(m.testLoss) }), h('td', { class: 'acc', text: pct(m.testAccuracy) })))));
    summary.dataset.rnn = String(metrics.rnn.testAccuracy);
    summary.dataset.lstm = String(metrics.lstm.testAccuracy);
    tr(summary, 'lstm.summary', { rnn: pct(metrics.rnn.testAccuracy), lstm: pct(metrics.lstm.testAccuracy), p: pct(chanceOf()), steps: metrics.steps.toLocaleString('en-US') });
  }

  function label(k) {
    if (k < 0) return t('lstm.none');
    if (!info) return String(k);
    if (info.task === 'brackets') return t(k === 1 ? 'lstm.yes' : 'lstm.no');
    return visible(info.classLabels[k] ?? String(k));
  }

  /** A space or a line break as a visible mark. */
  function visible(c) {
    return c === ' ' ? '␣' : c === '\n' ? '¶' : c;
  }

  function drawInside() {
    if (!insp) return;
    const p = insp.probe;
    const n = p.labels.length;
    const w = insp.width;
    cells.replaceChildren(...p.labels.map((c, i) => h('span', { class: `lstm-cell${i === cursor ? ' on' : ''}${p.answers[i] >= 0 ? ' due' : ''}`, text: visible(c) })));
    for (const { k, s } of strips) s.draw(insp.states[k], n, w, cursor);
    const axes = grad.draw(insp.grads, cursor);
    grad.canvas.dataset.lo = String(axes.lo);
    if (cursor < 0 || cursor >= n) { readout.textContent = ''; return; }
    const mean = (k) => {
      const a = insp.states[k];
      let s = 0;
      for (let u = 0; u < w; u++) s += a[cursor * w + u];
      return s / Math.max(1, w);
    };
    const gates = { i: mean('i'), f: mean('f'), o: mean('o') };
    Object.assign(readout.dataset, { step: String(cursor), i: String(gates.i), f: String(gates.f), o: String(gates.o) });
    const lines = [t('lstm.readout', { s: cursor + 1, t: n, x: visible(p.labels[cursor]) })];
    if (p.answers[cursor] >= 0) {
      lines.push(t('lstm.readoutAnswer', {
        y: label(p.answers[cursor]), a: label(insp.answers.lstm[cursor]), pa: pct(insp.confidence.lstm[cursor]),
        b: label(insp.answers.rnn[cursor]), pb: pct(insp.confidence.rnn[cursor]),
      }));
    }
    lines.push(t('lstm.readoutGates', { i: num(gates.i, 2), f: num(gates.f, 2), o: num(gates.o, 2) }));
    readout.replaceChildren(...lines.map((s) => h('p', { text: s })));
    const back = Math.min(BACK, n - 1);
    if (back > 0) {
      const r = (g) => (g[n - 1] > 0 ? g[n - 1 - back] / g[n - 1] : NaN);
      const fmt = (x) => (Number.isFinite(x) ? x.toExponential(1) : '—');
      gradReadout.textContent = t('lstm.gradReadout', { n: back, rnn: fmt(r(insp.grads.rnn)), lstm: fmt(r(insp.grads.lstm)) });
    } else gradReadout.textContent = '';
  }

  function syncAll() {
    task.value = v.task;
    distance.set(v.distance);
    setNumberOptions(width, WIDTHS, v.width);
    setNumberOptions(rate, RATES, v.learningRate);
    setNumberOptions(batch, BATCHES, v.batchSize);
    setNumberOptions(clip, CLIPS, v.clip, (x) => (x === 0 ? t('lstm.noClip') : String(x)));
    if (!seqEditing()) seqInput.value = v.sequence;
    applyLinkView(el, text, v, hidden, ctx.globals.embed);
  }

  return {
    update(values, changed, q) {
      v = values;
      hidden = new Set(v._hidden);
      if (changed.includes('sequence')) follow = true;
      syncAll();
      trainer.send({ type: 'apply', query: q });
      trainer.refresh();
    },
    relabel() {
      showInfo();
      showFigures();
      setNumberOptions(clip, CLIPS, v.clip, (x) => (x === 0 ? t('lstm.noClip') : String(x)));
      drawInside();
    },
    unmount() {
      hub.unmount();
      stopKeys();
      if (scrubTimer) clearInterval(scrubTimer);
      trainer.dispose();
      el.remove();
    },
  };
}
