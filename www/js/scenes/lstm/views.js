// The LSTM chapter's pictures: two-line curves (RNN and LSTM), heat strips
// of a state over time (units down, steps across) with the scrubbed step
// marked, and the gradient's size at each earlier step on a log scale.

import { h } from '../../ui/dom.js';

export const COLORS = { rnn: '#d9730d', lstm: '#1f5fbf' };
const MAX_POINTS = 600;

function hidpi(canvas, width, height) {
  const dpr = window.devicePixelRatio || 1;
  canvas.width = Math.round(width * dpr);
  canvas.height = Math.round(height * dpr);
  return dpr;
}

/** A chart of one figure for both models over training steps. */
export function curves({ width = 280, height = 90, max = null } = {}) {
  const canvas = h('canvas', { class: 'lstm-curve', role: 'img' });
  const dpr = hidpi(canvas, width, height);
  let xs = [];
  let ys = { rnn: [], lstm: [] };
  function draw() {
    const ctx = canvas.getContext('2d');
    const w = canvas.width;
    const hh = canvas.height;
    ctx.clearRect(0, 0, w, hh);
    ctx.strokeStyle = '#ddd';
    ctx.lineWidth = dpr;
    ctx.strokeRect(0.5, 0.5, w - 1, hh - 1);
    const n = xs.length;
    if (!n) return;
    let top = max;
    if (top === null) {
      top = 0;
      for (const k of ['rnn', 'lstm']) for (const v of ys[k]) if (Number.isFinite(v)) top = Math.max(top, v);
      if (top <= 0) top = 1;
    }
    const [x0] = xs;
    const span = Math.max(1, xs[n - 1] - x0);
    for (const k of ['rnn', 'lstm']) {
      ctx.beginPath();
      ctx.strokeStyle = COLORS[k];
      ctx.lineWidth = 2 * dpr;
      let started = false;
      for (let i = 0; i < n; i++) {
        const v = ys[k][i];
        if (!Number.isFinite(v)) continue;
        const x = n === 1 ? w / 2 : ((xs[i] - x0) / span) * (w - 4) + 2;
        const y = hh - 2 - (Math.min(v, top) / top) * (hh - 4);
        if (started) ctx.lineTo(x, y);
        else ctx.moveTo(x, y);
        started = true;
      }
      ctx.stroke();
    }
  }
  draw();
  return {
    canvas,
    reset() {
      xs = [];
      ys = { rnn: [], lstm: [] };
      draw();
    },
    push(x, rnn, lstm) {
      if (xs.length && x < xs[xs.length - 1]) this.reset();
      if (xs.length && x === xs[xs.length - 1]) {
        ys.rnn[ys.rnn.length - 1] = rnn;
        ys.lstm[ys.lstm.length - 1] = lstm;
      } else {
        xs.push(x);
        ys.rnn.push(rnn);
        ys.lstm.push(lstm);
        if (xs.length > MAX_POINTS) {
          const keep = (_, i) => i % 2 === 0;
          xs = xs.filter(keep);
          ys = { rnn: ys.rnn.filter(keep), lstm: ys.lstm.filter(keep) };
        }
      }
      draw();
    },
  };
}

// Gates in [0, 1]: white to dark blue. States in [−1, 1] (the cell may go
// beyond; it is clamped): orange below zero, white at zero, blue above.
function gateColor(v, out, j) {
  const a = Math.max(0, Math.min(1, v));
  out[j] = 255 - 225 * a;
  out[j + 1] = 255 - 170 * a;
  out[j + 2] = 255 - 60 * a;
  out[j + 3] = 255;
}

function signedColor(v, out, j) {
  const a = Math.max(-1, Math.min(1, v));
  if (a >= 0) {
    out[j] = 255 - 224 * a;
    out[j + 1] = 255 - 160 * a;
    out[j + 2] = 255 - 64 * a;
  } else {
    out[j] = 255 + 38 * a;
    out[j + 1] = 255 + 140 * a;
    out[j + 2] = 255 + 242 * a;
  }
  out[j + 3] = 255;
}

/**
 * One heat strip: `data` [T × H] step-major drawn with steps across and
 * units down, `kind` 'gate' or 'signed'; `cursor` the step marked.
 */
export function strip(kind) {
  const canvas = h('canvas', { class: 'lstm-strip', role: 'img' });
  const off = document.createElement('canvas');
  let shape = { t: 0, units: 0 };
  function draw(data, t, units, cursor) {
    shape = { t, units };
    const ctx = canvas.getContext('2d');
    const cw = Math.max(1, Math.min(8, Math.floor(560 / Math.max(1, t)))) * t;
    const ch = Math.max(24, Math.min(64, units * 2));
    if (canvas.width !== cw || canvas.height !== ch) {
      canvas.width = cw;
      canvas.height = ch;
    }
    ctx.clearRect(0, 0, cw, ch);
    if (!data || !t || !units || data.length < t * units) return;
    off.width = t;
    off.height = units;
    const octx = off.getContext('2d');
    const img = octx.createImageData(t, units);
    const color = kind === 'gate' ? gateColor : signedColor;
    for (let s = 0; s < t; s++) {
      for (let u = 0; u < units; u++) color(data[s * units + u], img.data, (u * t + s) * 4);
    }
    octx.putImageData(img, 0, 0);
    ctx.imageSmoothingEnabled = false;
    ctx.drawImage(off, 0, 0, cw, ch);
    if (cursor >= 0 && cursor < t) {
      const x = (cursor / t) * cw;
      ctx.strokeStyle = '#111';
      ctx.lineWidth = 1;
      ctx.strokeRect(Math.floor(x) + 0.5, 0.5, Math.max(1, cw / t) - 1, ch - 1);
    }
  }
  return {
    canvas,
    draw,
    /** The step under a pointer at clientX, or -1. */
    stepAt(clientX) {
      const r = canvas.getBoundingClientRect();
      if (!shape.t || r.width <= 0) return -1;
      return Math.max(0, Math.min(shape.t - 1, Math.floor(((clientX - r.left) / r.width) * shape.t)));
    },
  };
}

/**
 * ‖∂L/∂x_t‖ against steps back from the last (0 at the right edge, the
 * first step at the left), both models, log scale with a line per decade.
 */
export function gradientPlot({ width = 300, height = 130 } = {}) {
  const canvas = h('canvas', { class: 'lstm-grad', role: 'img' });
  const dpr = hidpi(canvas, width, height);
  let axes = { lo: -8, hi: 0 };
  function draw(grads, cursor) {
    const ctx = canvas.getContext('2d');
    const w = canvas.width;
    const hh = canvas.height;
    ctx.clearRect(0, 0, w, hh);
    const t = grads ? grads.rnn.length : 0;
    if (!t) return axes;
    const logs = {};
    let lo = Infinity;
    let hi = -Infinity;
    for (const k of ['rnn', 'lstm']) {
      logs[k] = Array.from(grads[k], (g) => (g > 0 ? Math.log10(g) : -Infinity));
      for (const v of logs[k]) if (Number.isFinite(v)) { lo = Math.min(lo, v); hi = Math.max(hi, v); }
    }
    if (!Number.isFinite(lo)) { lo = -1; hi = 0; }
    lo = Math.floor(lo);
    hi = Math.ceil(hi);
    if (hi <= lo) hi = lo + 1;
    axes = { lo, hi };
    const pad = 28 * dpr;
    const yOf = (v) => hh - 4 - ((v - lo) / (hi - lo)) * (hh - 8);
    const xOf = (s) => (t === 1 ? (w + pad) / 2 : pad + (s / (t - 1)) * (w - pad - 4));
    ctx.font = `${10 * dpr}px sans-serif`;
    ctx.fillStyle = '#666';
    ctx.strokeStyle = '#e4e4e4';
    ctx.lineWidth = dpr;
    const every = Math.max(1, Math.ceil((hi - lo) / 6));
    for (let d = lo; d <= hi; d += every) {
      const y = yOf(d);
      ctx.beginPath();
      ctx.moveTo(pad, y);
      ctx.lineTo(w, y);
      ctx.stroke();
      ctx.fillText(`1e${d}`, 0, Math.min(hh - 2, Math.max(10 * dpr, y + 3 * dpr)));
    }
    if (cursor >= 0 && cursor < t) {
      ctx.strokeStyle = '#999';
      ctx.beginPath();
      ctx.moveTo(xOf(cursor), 0);
      ctx.lineTo(xOf(cursor), hh);
      ctx.stroke();
    }
    for (const k of ['rnn', 'lstm']) {
      ctx.beginPath();
      ctx.strokeStyle = COLORS[k];
      ctx.lineWidth = 2 * dpr;
      let started = false;
      for (let s = 0; s < t; s++) {
        const v = logs[k][s];
        if (!Number.isFinite(v)) { started = false; continue; }
        if (started) ctx.lineTo(xOf(s), yOf(v));
        else ctx.moveTo(xOf(s), yOf(v));
        started = true;
      }
      ctx.stroke();
    }
    return axes;
  }
  return { canvas, draw };
}
