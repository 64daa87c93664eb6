// The embeddings' picture: tokens as points on their two principal
// components (the most frequent ones labelled), positions joined in order;
// clicking near a token picks it.

import { h } from '../../ui/dom.js';
import { shown } from './views.js';

const LABELS = 120;

function fit(coords, n) {
  let [x0, x1, y0, y1] = [Infinity, -Infinity, Infinity, -Infinity];
  for (let i = 0; i < n; i++) {
    x0 = Math.min(x0, coords[2 * i]);
    x1 = Math.max(x1, coords[2 * i]);
    y0 = Math.min(y0, coords[2 * i + 1]);
    y1 = Math.max(y1, coords[2 * i + 1]);
  }
  const sx = x1 - x0 || 1;
  const sy = y1 - y0 || 1;
  return (i, w, hh, pad) => [pad + ((coords[2 * i] - x0) / sx) * (w - 2 * pad), hh - pad - ((coords[2 * i + 1] - y0) / sy) * (hh - 2 * pad)];
}

export class EmbeddingView {
  constructor(onPick, size = 300) {
    const dpr = window.devicePixelRatio || 1;
    this.dpr = dpr;
    this.tokens = h('canvas', { class: 'embed', role: 'img' });
    this.positions = h('canvas', { class: 'embed pos', role: 'img' });
    for (const [c, s] of [[this.tokens, size], [this.positions, Math.round(size * 0.6)]]) {
      c.style.width = `${s}px`;
      c.style.maxWidth = '100%';
      c.width = Math.round(s * dpr);
      c.height = Math.round(s * dpr);
    }
    this.vocab = [];
    this.counts = null;
    this.proj = null;
    this.picked = -1;
    this.tokens.addEventListener('click', (e) => {
      if (!this.proj) return;
      const r = this.tokens.getBoundingClientRect();
      const px = ((e.clientX - r.left) / r.width) * this.tokens.width;
      const py = ((e.clientY - r.top) / r.height) * this.tokens.height;
      const at = fit(this.proj, this.vocab.length);
      let best = -1;
      let bd = Infinity;
      for (let i = 1; i < this.vocab.length; i++) {
        const [x, y] = at(i, this.tokens.width, this.tokens.height, 8 * this.dpr);
        const dd = (x - px) ** 2 + (y - py) ** 2;
        if (dd < bd) { bd = dd; best = i; }
      }
      if (best > 0) onPick(best);
    });
  }

  /** The vocabulary and how often each token occurs (for the labels). */
  setVocab(vocab, counts) {
    this.vocab = vocab;
    this.counts = counts;
    this.proj = null;
  }

  pick(id) {
    this.picked = id;
    this.drawTokens();
  }

  update(tokensProj, positionsProj) {
    if (tokensProj.coords.length / 2 !== this.vocab.length) return;
    this.proj = tokensProj.coords;
    this.drawTokens();
    this.drawPositions(positionsProj.coords);
  }

  drawTokens() {
    const c = this.tokens.getContext('2d');
    const { width: w, height: hh } = this.tokens;
    c.clearRect(0, 0, w, hh);
    if (!this.proj) return;
    const d = this.dpr;
    const n = this.vocab.length;
    const at = fit(this.proj, n);
    c.fillStyle = 'rgba(8,119,189,0.35)';
    for (let i = 1; i < n; i++) {
      const [x, y] = at(i, w, hh, 8 * d);
      c.fillRect(x - d, y - d, 2 * d, 2 * d);
    }
    const order = [...Array(n).keys()].slice(1).sort((a, b) => (this.counts?.[b] ?? 0) - (this.counts?.[a] ?? 0)).slice(0, LABELS);
    if (this.picked > 0 && !order.includes(this.picked)) order.push(this.picked);
    c.font = `${11 * d}px sans-serif`;
    for (const i of order) {
      const [x, y] = at(i, w, hh, 8 * d);
      c.fillStyle = i === this.picked ? '#d62728' : '#222';
      c.fillText(shown(this.vocab[i]), x + 2 * d, y - 2 * d);
    }
  }

  drawPositions(coords) {
    const c = this.positions.getContext('2d');
    const { width: w, height: hh } = this.positions;
    c.clearRect(0, 0, w, hh);
    const n = coords.length / 2;
    const at = fit(coords, n);
    const d = this.dpr;
    c.strokeStyle = 'rgba(245,147,34,0.6)';
    c.lineWidth = d;
    c.beginPath();
    for (let i = 0; i < n; i++) {
      const [x, y] = at(i, w, hh, 8 * d);
      if (i) c.lineTo(x, y);
      else c.moveTo(x, y);
    }
    c.stroke();
    c.font = `${10 * d}px sans-serif`;
    c.fillStyle = '#222';
    for (let i = 0; i < n; i += Math.max(1, Math.floor(n / 8))) {
      const [x, y] = at(i, w, hh, 8 * d);
      c.fillText(String(i), x + 2 * d, y - 2 * d);
    }
  }
}
