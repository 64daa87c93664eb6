// The network editor: presets, one row per conv layer (filters, kernel,
// pooling), the pooling kind, the activation and the dense head, and the
// plan of the network (every layer's output shape and parameters) before
// it trains. A change is checked by the engine first and applied only if
// the network can be built; otherwise the reason is shown and nothing moves.

import { h, clear } from '../../ui/dom.js';
import { field, choiceSelect } from '../../ui/controls.js';
import { t, tr, trAttr } from '../../i18n.js';

export const PRESETS = {
  tiny: { channels: [4], kernels: [5], pools: [2], pooling: 'max', dense: [], activation: 'relu' },
  small: { channels: [8, 16], kernels: [5, 3], pools: [2, 2], pooling: 'max', dense: [], activation: 'relu' },
  default: { channels: [16, 32], kernels: [5, 3], pools: [2, 2], pooling: 'max', dense: [], activation: 'relu' },
  wide: { channels: [32, 64], kernels: [5, 3], pools: [2, 2], pooling: 'max', dense: [], activation: 'relu' },
  lenet5: { channels: [6, 16], kernels: [5, 5], pools: [2, 2], pooling: 'avg', dense: [120, 84], activation: 'tanh' },
};
const KEYS = ['channels', 'kernels', 'pools', 'pooling', 'dense', 'activation'];
const CHANNELS = [1, 2, 4, 6, 8, 12, 16, 24, 32, 48, 64];
const KERNELS = [1, 3, 5, 7];
const POOLS = [1, 2, 3, 4];
const DENSE = ['', '32', '64', '128', '256', '120,84', '128,64'];
const ACTIVATIONS = ['relu', 'tanh', 'sigmoid', 'leakyRelu', 'elu', 'gelu', 'swish'];

const same = (a, b) => JSON.stringify(a) === JSON.stringify(b);

/** The preset the values match, or 'custom'. */
export function presetOf(v) {
  return Object.keys(PRESETS).find((p) => KEYS.every((k) => same(PRESETS[p][k], v[k]))) || 'custom';
}

/** The link part of an architecture, for the engine to check. */
function query(a) {
  return KEYS.map((k) => `${k}=${Array.isArray(a[k]) ? a[k].join(',') : a[k]}`).join('&');
}

/** A select of numbers with labels from `label(n)`; a value from a link is added. */
function numbers(list, value, label, onChange) {
  const s = h('select', { on: { change: () => onChange(Number(s.value)) } });
  for (const n of [...new Set([...list, value])].sort((a, b) => a - b)) s.append(h('option', { value: String(n), text: label(n) }));
  s.value = String(value);
  return s;
}

/**
 * The editor. `set(changes)` applies settings; `engine.cnn_plan` checks an
 * architecture; `limits` are the engine's caps.
 */
export function buildArchitecture(v, set, engine, limits) {
  let cur = v;
  const preset = h('select', { on: { change: () => preset.value !== 'custom' && propose({ ...PRESETS[preset.value] }) } });
  const poolKind = choiceSelect([['max', 'cnn.pool.max'], ['avg', 'cnn.pool.avg']], v.pooling, (x) => propose({ pooling: x }));
  const act = choiceSelect(ACTIVATIONS.map((a) => [a, `act.${a}`]), v.activation, (x) => propose({ activation: x }));
  const dense = h('select', { on: { change: () => propose({ dense: dense.value === '' ? [] : dense.value.split(',').map(Number) }) } });
  const rows = h('tbody');
  const add = tr(h('button', { class: 'add-layer', on: { click: () => {
    const n = cur.channels.length;
    propose({ channels: [...cur.channels, cur.channels[n - 1]], kernels: [...cur.kernels, 3], pools: [...cur.pools, 1] });
  } } }), 'cnn.addLayer');
  const layers = h('table', { class: 'layers' },
    h('thead', {}, h('tr', {}, ...['cnn.layer', 'cnn.filters', 'cnn.kernel', 'cnn.pool'].map((k) => tr(h('th', { scope: 'col' }), k)), h('th'))),
    rows);
  const refusal = h('p', { class: 'refusal', role: 'alert' });
  const planBody = h('tbody');
  const total = h('td', { class: 'total' });
  const plan = h('table', { class: 'plan' },
    tr(h('caption'), 'cnn.planCaption'),
    h('thead', {}, h('tr', {}, ...['cnn.layer', 'cnn.output', 'cnn.params'].map((k) => tr(h('th', { scope: 'col' }), k)))),
    planBody,
    h('tfoot', {}, h('tr', {}, tr(h('th', { scope: 'row' }), 'cnn.total'), h('td'), total)));
  let lastPlan = null;

  const el = h('div', { class: 'architecture' },
    field('preset', 'cnn.preset', preset),
    layers, add,
    h('div', { class: 'row wrap' },
      field('pooling', 'cnn.poolKind', poolKind),
      field('activation', 'top.activation', act),
      field('dense', 'cnn.dense', dense)),
    refusal, plan);

  /** Applies `changes` if the engine can build the network they make. */
  function propose(changes) {
    const next = { ...cur, ...changes };
    const p = engine.cnn_plan(query(next));
    if (!p.ok) {
      refusal.hidden = false;
      tr(refusal, 'cnn.refused', { why: p.error.replace(/^cnn: /, '') });
      sync(cur);
      return;
    }
    refusal.hidden = true;
    const diff = Object.fromEntries(KEYS.filter((k) => !same(next[k], cur[k])).map((k) => [k, next[k]]));
    if (Object.keys(diff).length) set(diff);
  }

  function layerRow(l) {
    const n = l + 1;
    const label = (key, s) => trAttr(s, { 'aria-label': key }, { n });
    const ch = label('cnn.filtersOf', numbers(CHANNELS.filter((c) => c <= limits.maxChannels), cur.channels[l], String,
      (x) => propose({ channels: cur.channels.map((c, i) => (i === l ? x : c)) })));
    const k = label('cnn.kernelOf', numbers(KERNELS.filter((c) => c <= limits.maxKernel), cur.kernels[l], (x) => `${x}×${x}`,
      (x) => propose({ kernels: cur.kernels.map((c, i) => (i === l ? x : c)) })));
    const p = label('cnn.poolOf', numbers(POOLS.filter((c) => c <= limits.maxPool), cur.pools[l], (x) => (x === 1 ? t('cnn.noPool') : `${x}×${x}`),
      (x) => propose({ pools: cur.pools.map((c, i) => (i === l ? x : c)) })));
    const drop = (arr) => arr.filter((_, i) => i !== l);
    const remove = trAttr(h('button', { class: 'remove', text: '×', on: { click: () => propose({ channels: drop(cur.channels), kernels: drop(cur.kernels), pools: drop(cur.pools) }) } }),
      { 'aria-label': 'cnn.removeLayer', title: 'cnn.removeLayer' }, { n });
    remove.disabled = cur.channels.length <= 1;
    return h('tr', {}, tr(h('th', { scope: 'row' }), 'cnn.convN', { n }), h('td', {}, ch), h('td', {}, k), h('td', {}, p), h('td', {}, remove));
  }

  /** Shows the plan the engine made for the current network. */
  function showPlan(p) {
    lastPlan = p;
    clear(planBody);
    let conv = 0;
    const dense = p.rows.filter((r) => r.step === 'dense').length;
    let d = 0;
    for (const r of p.rows) {
      let name;
      if (r.step === 'conv') {
        conv += 1;
        name = `${t('cnn.convN', { n: conv })}: ${t('cnn.step.conv', { k: r.kernel, act: t(`act.${cur.activation}`) })}`;
      } else if (r.step === 'dense') {
        d += 1;
        name = t(d === dense ? 'cnn.step.output' : 'cnn.step.dense');
      } else {
        name = t(`cnn.step.${r.step}`, { w: r.window });
      }
      planBody.append(h('tr', {}, h('th', { scope: 'row', text: name }), h('td', { text: r.shape.join('×') }),
        h('td', { text: r.params ? r.params.toLocaleString('en-US') : '' })));
    }
    total.textContent = p.params.toLocaleString('en-US');
  }

  function sync(vv) {
    cur = vv;
    const p = presetOf(vv);
    preset.replaceChildren(...[...Object.keys(PRESETS), ...(p === 'custom' ? ['custom'] : [])]
      .map((k) => tr(h('option', { value: k }), `cnn.preset.${k}`)));
    preset.value = p;
    poolKind.value = vv.pooling;
    act.value = vv.activation;
    const d = vv.dense.join(',');
    dense.replaceChildren(...[...new Set([...DENSE, d])].map((s) => h('option', { value: s, text: s === '' ? t('cnn.denseNone') : `${s.split(',').join(' → ')} → 10` })));
    dense.value = d;
    rows.replaceChildren(...vv.channels.map((_, l) => layerRow(l)));
    add.disabled = vv.channels.length >= limits.maxConvLayers;
  }

  refusal.hidden = true;
  sync(v);
  return {
    el,
    sync,
    showPlan,
    relabel() {
      sync(cur);
      if (lastPlan) showPlan(lastPlan);
    },
  };
}
