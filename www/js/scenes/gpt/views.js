// Views of the attention chapter: the loss chart with its reference lines,
// strips of tokens (coloured, with a tooltip each), and attention heat maps.

import { h, clear } from '../../ui/dom.js';
import { t } from '../../i18n.js';

const MAX_POINTS = 600;

/** How a token is shown: newlines and spaces made visible. */
export function shown(token) {
  return token.replace(/\n/g, '↵').replace(/ /g, '·') || '∅';
}

/**
 * Training and validation loss over steps, with the unigram and bigram
 * losses of the validation text as dashed lines.
 */
export class LossLines {
  constructor(width = 420, height = 180) {
    const dpr = window.devicePixelRatio || 1;
    this.canvas = h('canvas', { class: 'gpt-chart', role: 'img' });
    this.canvas.style.width = '100%';
    this.canvas.style.maxWidth = `${width}px`;
    this.canvas.width = Math.round(width * dpr);
    this.canvas.height = Math.round(height * dpr);
    this.dpr = dpr;
    this.reset();
  }

  reset() {
    this.points = [];
    this.refs = null;
    this.draw();
  }

  /** Adds the figures of one report. */
  push(f) {
    this.refs = { bigram: f.bigramValid, unigram: f.unigramValid };
    const last = this.points[this.points.length - 1];
    if (last && f.step < last.step) this.points = [];
    if (last && f.step === last.step) {
      last.valid = f.validLoss;
      if (Number.isFinite(f.trainLoss)) last.train = f.trainLoss;
    } else {
      this.points.push({ step: f.step, train: f.trainLoss, valid: f.validLoss });
      if (this.points.length > MAX_POINTS) this.points = this.points.filter((_, i) => i % 2 === 0 || i === this.points.length - 1);
    }
    this.draw();
  }

  draw() {
    const c = this.canvas.getContext('2d');
    const w = this.canvas.width;
    const hh = this.canvas.height;
    const d = this.dpr;
    c.clearRect(0, 0, w, hh);
    const vals = this.points.flatMap((p) => [p.train, p.valid]).filter(Number.isFinite);
    if (this.refs) vals.push(this.refs.unigram, this.refs.bigram);
    if (!vals.length) return;
    const lo = Math.max(0, Math.min(...vals) - 0.2);
    const hi = Math.max(...vals) + 0.2;
    const maxStep = Math.max(1, ...this.points.map((p) => p.step));
    const left = 34 * d;
    const x = (s) => left + (s / maxStep) * (w - left - 6 * d);
    const y = (v) => 4 * d + (1 - (v - lo) / (hi - lo)) * (hh - 18 * d);
    c.font = `${10 * d}px sans-serif`;
    c.fillStyle = '#666';
    for (const v of [lo, (lo + hi) / 2, hi]) c.fillText(v.toFixed(1), 2 * d, y(v) + 3 * d);
    c.fillText(`${maxStep}`, w - c.measureText(`${maxStep}`).width - 4 * d, hh - 3 * d);
    const dashed = (v, color) => {
      if (!Number.isFinite(v)) return;
      c.setLineDash([5 * d, 4 * d]);
      c.strokeStyle = color;
      c.lineWidth = d;
      c.beginPath();
      c.moveTo(left, y(v));
      c.lineTo(w - 6 * d, y(v));
      c.stroke();
      c.setLineDash([]);
    };
    if (this.refs) {
      dashed(this.refs.unigram, '#b0b0b0');
      dashed(this.refs.bigram, '#f59322');
    }
    for (const [key, color, width] of [['train', '#8aa9c8', 1], ['valid', '#0877bd', 2]]) {
      c.strokeStyle = color;
      c.lineWidth = width * d;
      c.beginPath();
      let started = false;
      for (const p of this.points) {
        if (!Number.isFinite(p[key])) continue;
        if (started) c.lineTo(x(p.step), y(p[key]));
        else c.moveTo(x(p.step), y(p[key]));
        started = true;
      }
      c.stroke();
    }
  }
}

/**
 * A strip of tokens, each a span with its text (never markup) and a
 * background from `shade(i)` in [0, 1]; `title(i)` names it.
 */
export function tokenStrip(el, tokens, { shade = () => 0, title = () => '', hue = 205, onHover = null, onLeave = null, onClick = null } = {}) {
  clear(el);
  tokens.forEach((tok, i) => {
    const s = h('span', { class: 'tok', text: shown(tok), title: title(i) });
    const a = Math.max(0, Math.min(1, shade(i)));
    s.style.background = `hsla(${hue}, 80%, 50%, ${(0.08 + 0.8 * a).toFixed(3)})`;
    if (tok.includes('\n')) s.classList.add('nl');
    if (onHover) s.addEventListener('mouseenter', () => onHover(i, s));
    if (onLeave) s.addEventListener('mouseleave', () => onLeave(i, s));
    if (onClick) {
      s.classList.add('pickable');
      s.addEventListener('click', () => onClick(i, s));
    }
    el.append(s);
  });
  return el;
}

/** Colours of alternating tokens (so their borders show). */
export function paletteShade(i) {
  return i % 2 ? 0.15 : 0.35;
}

/**
 * One canvas per (layer, head), each a T×T map of attention weights
 * (darker: more weight), in a grid with a caption each.
 */
export function heatMaps(el, maps, { selected = [0, 0], highlight = -1, onPick = null, cell = 0 } = {}) {
  clear(el);
  const { layers, heads, weights } = maps;
  const T = maps.ids.length;
  const size = cell || Math.max(2, Math.min(8, Math.floor(140 / Math.max(T, 1))));
  const canvases = [];
  for (let l = 0; l < layers; l++) {
    for (let hd = 0; hd < heads; hd++) {
      const cv = h('canvas', { width: T, height: T, class: 'heat' });
      cv.style.width = `${T * size}px`;
      cv.style.height = `${T * size}px`;
      const c = cv.getContext('2d');
      const img = c.createImageData(T, T);
      const base = (l * heads + hd) * T * T;
      for (let i = 0; i < T; i++) {
        for (let j = 0; j < T; j++) {
          const v = j <= i ? Math.sqrt(Math.max(0, weights[base + i * T + j])) : 0;
          const k = 4 * (i * T + j);
          const row = i === highlight;
          img.data[k] = row ? 245 - 80 * v : 240 - 232 * v;
          img.data[k + 1] = row ? 200 - 120 * v : 242 - 123 * v;
          img.data[k + 2] = row ? 120 - 100 * v : 245 - 56 * v;
          img.data[k + 3] = j <= i ? 255 : 40;
        }
      }
      c.putImageData(img, 0, 0);
      const fig = h('figure', { class: `heat-fig${l === selected[0] && hd === selected[1] ? ' selected' : ''}` }, cv,
        h('figcaption', { text: t('gp.head', { l: l + 1, h: hd + 1 }) }));
      if (onPick) {
        fig.addEventListener('click', () => onPick(l, hd));
        fig.tabIndex = 0;
        fig.addEventListener('keydown', (e) => { if (e.key === 'Enter') onPick(l, hd); });
      }
      canvases.push(cv);
      el.append(fig);
    }
  }
  return canvases;
}

/** Row `i` of head (l, hd) in `maps`: where token i looks. */
export function attentionRow(maps, l, hd, i) {
  const T = maps.ids.length;
  const base = ((l * maps.heads + hd) * T + i) * T;
  return maps.weights.subarray(base, base + T);
}
