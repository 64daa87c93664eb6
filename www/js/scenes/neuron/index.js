// 1943: the McCulloch–Pitts neuron. Binary inputs, a weight on each and a
// threshold; the reader sets them and sees the unit at work on the inputs
// switched on, the whole truth table against a chosen gate, and the inputs
// as corners of a square (or cube) cut by the unit's line (or plane).
// Exclusive-or cannot be met, and the picture shows why.

import { h, clear, fmt } from '../../ui/dom.js';
import { field, choiceSelect, applyLinkView } from '../../ui/controls.js';
import { chapterNav } from '../../ui/chapters.js';
import { chapterText } from '../perceptron/index.js';
import { t, tr, trAttr } from '../../i18n.js';
import { unitDiagram } from './diagram.js';
import { cornersPicture } from './corners.js';
import './strings.js';

const GATES = ['and', 'or', 'not', 'nand'];
const TARGETS = ['none', 'and', 'or', 'not', 'nand', 'xor'];

/** The gate's name: on three inputs exclusive-or is parity. */
const gateKey = (gate, n) => (gate === 'xor' && n === 3 ? 'mp.gate.xor3' : `mp.gate.${gate}`);

export function mount(root, ctx) {
  let v = ctx.values;
  const { engine } = ctx;
  const set = (changes) => ctx.set(changes);
  let live = [true, false, false];   // the inputs the reader switched on
  let searchedFor = '';              // the gate and inputs of the search shown

  // Inputs count, presets, target.
  const inputs = choiceSelect([['2', 'mp.two'], ['3', 'mp.three']], String(v.inputs), (x) => set({ inputs: Number(x) }));
  const target = choiceSelect(TARGETS.map((g) => [g, gateKey(g, v.inputs)]), v.target, (x) => set({ target: x }));
  const presets = h('div', { class: 'row', dataset: { control: 'presets' } }, tr(h('span', { class: 'caption' }), 'mp.presets'),
    ...GATES.map((g) => tr(h('button', { on: { click: () => preset(g) } }), `mp.gate.${g}`)));

  // Weights and threshold: a slider and a typed value each.
  const knobs = {};
  const knobBox = h('div', { class: 'knobs' });
  for (const name of ['w1', 'w2', 'w3', 'threshold']) {
    const range = h('input', { type: 'range', min: -5, max: 5, step: 0.1, value: v[name] });
    const num = h('input', { type: 'number', min: -10, max: 10, step: 0.1, value: v[name], class: 'short' });
    const label = name === 'threshold' ? 'mp.threshold' : 'mp.weight';
    const wrap = h('div', { class: 'knob', dataset: { control: name === 'threshold' ? 'threshold' : 'weights' } },
      tr(h('label', { for: `knob-${name}` }), label, { i: name.slice(1) }), range, num);
    num.id = `knob-${name}`;
    trAttr(range, { 'aria-label': label }, { i: name.slice(1) });
    range.addEventListener('input', () => { num.value = range.value; set({ [name]: Number(range.value) }); });
    num.addEventListener('change', () => {
      const x = Number(num.value);
      if (num.value.trim() !== '' && Number.isFinite(x)) set({ [name]: Math.max(-10, Math.min(10, x)) });
      else num.value = v[name];
    });
    knobs[name] = { wrap, range, num };
    knobBox.append(wrap);
  }

  // The unit on the current inputs.
  const switches = h('div', { class: 'switches' });
  const sumOut = h('output', { id: 'mp-sum' });
  const fireOut = h('output', { id: 'mp-out', class: 'fire' });
  const diagram = h('div', { class: 'diagram' });
  const unit = h('div', { class: 'unit embed-keep' }, switches, diagram,
    h('div', {}, tr(h('label', { for: 'mp-sum' }), 'mp.sum'), ' ', sumOut),
    h('div', {}, tr(h('label', { for: 'mp-out' }), 'mp.output'), ' ', fireOut));

  const table = h('table', { class: 'truth' });
  const summary = h('p', { class: 'summary', role: 'status' });
  // The inputs as corners, with the search that backs the picture up.
  const pictureTitle = h('h2');
  const pictureHelp = h('p', { class: 'help' });
  const colorsHelp = h('p', { class: 'help' });
  const whyHelp = h('p', { class: 'help why' });
  const plane = h('div', { class: 'corners-picture embed-main' });
  const searchOut = h('p', { class: 'search-result', role: 'status' });
  const searchBtn = h('button', { class: 'search', on: { click: runSearch } });
  const pictureBox = h('section', { class: 'column picture-box' }, pictureTitle, plane, pictureHelp, colorsHelp, whyHelp, searchBtn, searchOut);

  const text = chapterText('mp', ['p1', 'p2', 'p3']);
  const el = h('div', { class: 'scene neuron-scene' },
    h('div', { class: 'topbar' }, field('inputs', 'mp.inputs', inputs), field('target', 'mp.target', target), presets),
    h('div', { class: 'mp-columns' },
      h('section', { class: 'column' }, tr(h('h2'), 'mp.unitTitle'), knobBox, unit),
      h('section', { class: 'column' }, tr(h('h2'), 'mp.tableTitle'), h('div', { class: 'truth-wrap' }, table), summary),
      pictureBox),
    text, chapterNav('neuron'));
  root.append(el);
  render();

  function weights() {
    return [v.w1, v.w2, v.w3].slice(0, v.inputs);
  }

  function preset(g) {
    const p = engine.gate_preset(g, v.inputs);
    if (!p) return;
    const changes = { target: g, threshold: p.threshold };
    ['w1', 'w2', 'w3'].slice(0, v.inputs).forEach((k, i) => { changes[k] = p.weights[i]; });
    set(changes);
  }

  /** The gate the search looks for: the target, or exclusive-or. */
  function searched() {
    return v.target === 'none' ? 'xor' : v.target;
  }

  function runSearch() {
    const r = engine.gate_search(searched(), v.inputs);
    const rows = 2 ** v.inputs;
    const vars = { tried: r.tried.toLocaleString('en-US'), best: r.bestRows, rows };
    if (r.bestRows === rows) tr(searchOut, 'mp.searchFound', { ...vars, w: `(${r.best.weights.join(', ')})`, t: r.best.threshold });
    else tr(searchOut, 'mp.searchResult', vars);
    searchedFor = `${searched()}/${v.inputs}`;
  }

  function render() {
    const n = v.inputs;
    for (const name of ['w1', 'w2', 'w3', 'threshold']) {
      knobs[name].range.value = v[name];
      if (document.activeElement !== knobs[name].num) knobs[name].num.value = v[name];
    }
    knobs.w3.wrap.hidden = n < 3;
    inputs.value = String(n);
    for (const o of target.options) tr(o, gateKey(o.value, n));
    target.value = v.target;

    // The switches and the unit's answer for them.
    clear(switches);
    for (let i = 0; i < n; i++) {
      const b = h('button', { class: `switch ${live[i] ? 'on' : ''}`, 'aria-pressed': live[i] ? 'true' : 'false',
        on: { click: () => { live[i] = !live[i]; render(); } } }, `x${'₁₂₃'[i]} = ${live[i] ? 1 : 0}`);
      switches.append(b);
    }
    const rows = engine.neuron_table(Float32Array.from(weights()), v.threshold);
    const liveRow = live.slice(0, n).reduce((acc, b) => acc * 2 + (b ? 1 : 0), 0);
    sumOut.textContent = fmt(rows[liveRow].sum, 2);
    fireOut.textContent = rows[liveRow].fires ? '1' : '0';
    fireOut.classList.toggle('on', rows[liveRow].fires);
    clear(diagram).append(unitDiagram(weights(), v.threshold, live.slice(0, n), rows[liveRow]));

    // The truth table, each row checked against the target.
    const targets = v.target === 'none' ? null : engine.gate_targets(v.target, n);
    clear(table);
    const head = h('tr', {}, ...Array.from({ length: n }, (_, i) => h('th', { scope: 'col', text: `x${'₁₂₃'[i]}` })),
      tr(h('th', { scope: 'col' }), 'mp.sum'), tr(h('th', { scope: 'col' }), 'mp.output'));
    if (targets) head.append(tr(h('th', { scope: 'col' }), 'mp.wanted'), tr(h('th', { scope: 'col' }), 'mp.match'));
    table.append(head);
    let right = 0;
    for (let r = 0; r < 2 ** n; r++) {
      const row = rows[r];
      const out = row.fires ? 1 : 0;
      const tr_ = h('tr', { class: r === liveRow ? 'live' : '' },
        ...row.inputs.map((x) => h('td', { text: x })),
        h('td', { text: fmt(row.sum, 2) }), h('td', { class: 'out', text: out }));
      if (targets) {
        const ok = targets[r] === out;
        if (ok) right++;
        tr_.append(h('td', { text: targets[r] }), h('td', { class: ok ? 'match' : 'miss', 'aria-label': t(ok ? 'mp.yes' : 'mp.no'), text: ok ? '✓' : '✗' }));
      }
      table.append(tr_);
    }
    if (targets) tr(summary, right === 2 ** n ? 'mp.allMatch' : 'mp.someMatch', { right, rows: 2 ** n, gate: t(gateKey(v.target, n)) });
    else summary.textContent = '';

    // The corners, shaded by the side where the unit fires.
    tr(pictureTitle, v.target === 'xor' ? 'mp.xorTitle' : n === 2 ? 'mp.squareTitle' : 'mp.cubeTitle');
    clear(plane).append(cornersPicture(rows, targets, weights(), v.threshold));
    tr(pictureHelp, n === 2 ? 'mp.squareHelp' : 'mp.cubeHelp');
    tr(colorsHelp, targets ? 'mp.colorsHelp' : 'mp.outputColorsHelp');
    whyHelp.hidden = v.target !== 'xor';
    tr(whyHelp, n === 2 ? 'mp.xorHelp' : 'mp.xorHelp3');
    tr(searchBtn, 'mp.search', { gate: t(gateKey(searched(), n)) });
    if (searchedFor && searchedFor !== `${searched()}/${n}`) {
      searchedFor = '';
      searchOut.textContent = '';
      delete searchOut.dataset.i18n;
    }
    applyLinkView(el, text, v, new Set(v._hidden), ctx.globals.embed);
  }

  return {
    update(values) {
      v = values;
      render();
    },
    relabel() {
      render();
    },
    unmount() {
      el.remove();
    },
  };
}
