// 1943: the McCulloch–Pitts neuron. Binary inputs, a weight on each and a
// threshold; the reader sets them and sees the weighted sum, the output and
// the whole truth table against a chosen gate. Exclusive-or cannot be met,
// and the page shows why on the four points of the plane.

import { h, svg, clear, fmt } from '../../ui/dom.js';
import { field, choiceSelect, applyLinkView } from '../../ui/controls.js';
import { classColor } from '../../ui/colors.js';
import { chapterNav } from '../../ui/chapters.js';
import { chapterText } from '../perceptron/index.js';
import { t, tr, trAttr } from '../../i18n.js';

const GATES = ['and', 'or', 'not', 'nand'];

export function mount(root, ctx) {
  let v = ctx.values;
  const { engine } = ctx;
  const set = (changes) => ctx.set(changes);
  let live = [true, false, false];   // the inputs the reader switched on

  // Inputs count, presets, target.
  const inputs = choiceSelect([['2', 'mp.two'], ['3', 'mp.three']], String(v.inputs), (x) => set({ inputs: Number(x) }));
  const target = choiceSelect(['none', 'and', 'or', 'not', 'nand', 'xor'].map((g) => [g, `mp.gate.${g}`]), v.target, (x) => set({ target: x }));
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
  const unit = h('div', { class: 'unit' }, switches,
    h('div', {}, tr(h('label', { for: 'mp-sum' }), 'mp.sum'), ' ', sumOut),
    h('div', {}, tr(h('label', { for: 'mp-out' }), 'mp.output'), ' ', fireOut));

  const table = h('table', { class: 'truth' });
  const summary = h('p', { class: 'summary', role: 'status' });
  const plane = h('div', { class: 'xor-plane' });
  const searchOut = h('p', { class: 'search-result', role: 'status' });
  const searchBtn = tr(h('button', { on: { click: runSearch } }), 'mp.search');
  const xorBox = h('section', { class: 'column xor-box' }, tr(h('h2'), 'mp.xorTitle'), tr(h('p', { class: 'help' }), 'mp.xorHelp'), plane, searchBtn, searchOut);

  const text = chapterText('mp', ['p1', 'p2', 'p3']);
  const el = h('div', { class: 'scene neuron-scene' },
    h('div', { class: 'topbar' }, field('inputs', 'mp.inputs', inputs), field('target', 'mp.target', target), presets),
    h('div', { class: 'mp-columns' },
      h('section', { class: 'column' }, tr(h('h2'), 'mp.unitTitle'), knobBox, unit),
      h('section', { class: 'column' }, tr(h('h2'), 'mp.tableTitle'), table, summary),
      xorBox),
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

  function runSearch() {
    const r = engine.gate_search(v.target === 'none' ? 'xor' : v.target, v.inputs);
    tr(searchOut, 'mp.searchResult', { tried: r.tried.toLocaleString('en-US'), best: r.bestRows, rows: 2 ** v.inputs });
  }

  function render() {
    const n = v.inputs;
    for (const name of ['w1', 'w2', 'w3', 'threshold']) {
      knobs[name].range.value = v[name];
      if (document.activeElement !== knobs[name].num) knobs[name].num.value = v[name];
    }
    knobs.w3.wrap.hidden = n < 3;
    inputs.value = String(n);
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
    if (targets) tr(summary, right === 2 ** n ? 'mp.allMatch' : 'mp.someMatch', { right, rows: 2 ** n, gate: t(`mp.gate.${v.target}`) });
    else summary.textContent = '';

    xorBox.hidden = !(v.target === 'xor' && n === 2);
    if (!xorBox.hidden) drawPlane(rows, targets);
    applyLinkView(el, text, v, new Set(v._hidden), ctx.globals.embed);
  }

  /** The four input points, coloured by the target, and the unit's line. */
  function drawPlane(rows, targets) {
    const S = 240;
    const px = (x) => 50 + x * 140;
    const py = (y) => S - 50 - y * 140;
    const g = svg('svg', { viewBox: `0 0 ${S} ${S}`, width: S, height: S, role: 'img' });
    trAttr(g, { 'aria-label': 'mp.planeLabel' });
    g.append(svg('rect', { x: 0, y: 0, width: S, height: S, fill: '#f6f7f9' }));
    // w1·x1 + w2·x2 = θ, drawn across the square [−0.5, 1.5]².
    const [w1, w2] = [v.w1, v.w2];
    const ends = [];
    if (Math.abs(w2) > 1e-9) for (const x of [-0.5, 1.5]) ends.push([x, (v.threshold - w1 * x) / w2]);
    else if (Math.abs(w1) > 1e-9) for (const y of [-0.5, 1.5]) ends.push([v.threshold / w1, y]);
    if (ends.length === 2) {
      g.append(svg('line', { x1: px(ends[0][0]), y1: py(ends[0][1]), x2: px(ends[1][0]), y2: py(ends[1][1]), stroke: '#111', 'stroke-width': 2 }));
    }
    for (let r = 0; r < 4; r++) {
      const x = rows[r * 4];
      const y = rows[r * 4 + 1];
      const fires = rows[r * 4 + 3] === 1;
      const want = targets ? targets[r] : 0;
      g.append(svg('circle', { cx: px(x), cy: py(y), r: 11, fill: classColor(want), stroke: fires === (want === 1) ? '#1a7f37' : '#b42318', 'stroke-width': 4 }));
      g.append(svg('text', { x: px(x) + 16, y: py(y) + 4, 'font-size': 11, fill: '#333' }, document.createTextNode(`(${x},${y})`)));
    }
    clear(plane).append(g);
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
