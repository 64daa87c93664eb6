// The RLHF chapter's pictures: a line chart of one or two figures over
// steps whose axis spans their range (a reward may be negative), and the
// samples table (text only, never markup).

import { h } from '../../ui/dom.js';
import { t, tr } from '../../i18n.js';

export const COLORS = ['#1f5fbf', '#d9730d'];

/** A chart of up to two series over steps: `draw(xs, [ys0, ys1])`. */
export function lines({ width = 300, height = 90, range = null } = {}) {
  const canvas = h('canvas', { class: 'rlhf-chart', role: 'img' });
  const dpr = window.devicePixelRatio || 1;
  canvas.width = Math.round(width * dpr);
  canvas.height = Math.round(height * dpr);
  function draw(xsList, ysList) {
    const ctx = canvas.getContext('2d');
    const W = canvas.width;
    const H = canvas.height;
    ctx.clearRect(0, 0, W, H);
    const box = { x: 36 * dpr, y: 4 * dpr, w: W - 40 * dpr, h: H - 18 * dpr };
    let lo = range ? range[0] : Infinity;
    let hi = range ? range[1] : -Infinity;
    let x0 = Infinity;
    let x1 = -Infinity;
    ysList.forEach((ys, k) => {
      const xs = xsList[k];
      for (let i = 0; i < ys.length; i++) {
        if (!Number.isFinite(ys[i])) continue;
        if (!range) { lo = Math.min(lo, ys[i]); hi = Math.max(hi, ys[i]); }
        x0 = Math.min(x0, xs[i]);
        x1 = Math.max(x1, xs[i]);
      }
    });
    ctx.strokeStyle = '#b9bec5';
    ctx.lineWidth = dpr;
    ctx.strokeRect(box.x, box.y, box.w, box.h);
    if (!Number.isFinite(x0)) return;
    if (hi - lo < 1e-6) { hi += 0.5; lo -= 0.5; }
    const xOf = (x) => (x1 > x0 ? box.x + ((x - x0) / (x1 - x0)) * box.w : box.x + box.w / 2);
    const yOf = (y) => box.y + box.h - ((y - lo) / (hi - lo)) * box.h;
    ctx.fillStyle = '#646b73';
    ctx.font = `${10 * dpr}px system-ui, sans-serif`;
    ctx.textAlign = 'right';
    ctx.textBaseline = 'middle';
    for (const v of [lo, hi]) ctx.fillText(tick(v), box.x - 3 * dpr, yOf(v));
    ctx.textBaseline = 'top';
    ctx.textAlign = 'left';
    ctx.fillText(String(x0), box.x, box.y + box.h + 3 * dpr);
    ctx.textAlign = 'right';
    ctx.fillText(String(x1), box.x + box.w, box.y + box.h + 3 * dpr);
    ysList.forEach((ys, k) => {
      const xs = xsList[k];
      ctx.beginPath();
      ctx.strokeStyle = COLORS[k];
      ctx.lineWidth = 2 * dpr;
      let started = false;
      for (let i = 0; i < ys.length; i++) {
        if (!Number.isFinite(ys[i])) continue;
        if (started) ctx.lineTo(xOf(xs[i]), yOf(ys[i]));
        else ctx.moveTo(xOf(xs[i]), yOf(ys[i]));
        started = true;
      }
      if (ys.length === 1 && started) ctx.arc(xOf(xs[0]), yOf(ys[0]), 2 * dpr, 0, 2 * Math.PI);
      ctx.stroke();
    });
  }
  draw([], []);
  return { canvas, draw };
}

function tick(v) {
  if (v === 0) return '0';
  const a = Math.abs(v);
  return a >= 100 ? v.toFixed(0) : String(Number(v.toPrecision(2)));
}

/** A space or a line break as a visible mark. */
export function visible(s) {
  return s.replace(/\n/g, '¶');
}

/**
 * The samples table: one row per prompt, one column per model;
 * `columns` is [labelKey, samples] pairs (samples: [{prompt, completion}]).
 */
export function samplesTable(table, columns) {
  const shown = columns.filter(([, s]) => s && s.length);
  if (!shown.length) { table.replaceChildren(); return; }
  const rows = shown[0][1].length;
  table.replaceChildren(
    h('thead', {}, h('tr', {}, tr(h('th'), 'rlhf.col.prompt'), ...shown.map(([k]) => tr(h('th'), k)))),
    h('tbody', {}, ...Array.from({ length: rows }, (_, i) => h('tr', {},
      h('td', { class: 'prompt', text: visible(shown[0][1][i].prompt) }),
      ...shown.map(([k, s]) => h('td', { dataset: { col: k.split('.').pop() }, text: visible((s[i] || {}).completion || '') }))))));
}

/** A legend: colored keys and translated labels. */
export function legend(keys) {
  return h('div', { class: 'legend rlhf-legend' }, ...keys.flatMap((k, i) => [
    h('span', { class: 'key', style: { borderTopColor: COLORS[i], borderTopWidth: '3px' } }), tr(h('span'), k)]));
}

export const fmt = (x, d = 3) => (Number.isFinite(x) ? x.toFixed(d) : '—');
export const pct = (x) => (Number.isFinite(x) ? `${(100 * x).toFixed(1)}%` : '—');
export { t };
