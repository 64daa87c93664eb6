// The network drawn as a graph: every feature and neuron a live heatmap of
// its output over the plane, every weight a link coloured by sign and sized
// by magnitude. Hover a neuron for its formula (and its map in the large
// plot); click a link or a neuron to edit its weight or bias; click a
// feature to switch it on or off. Everything is reachable by keyboard.

import { h, clear, fmt } from '../../ui/dom.js';
import { LinkLayer } from './links.js';
import { ThumbLayer } from './thumbs.js';
import { t, tr, trAttr } from '../../i18n.js';

export const FEATURES = [
  ['x', 'x₁'], ['y', 'x₂'], ['xSquared', 'x₁²'], ['ySquared', 'x₂²'], ['xTimesY', 'x₁x₂'],
  ['sinX', 'sin(x₁)'], ['sinY', 'sin(x₂)'], ['cosX', 'cos(x₁)'], ['cosY', 'cos(x₂)'],
];

const SUB = '₀₁₂₃₄₅₆₇₈₉';
// A graph with more maps or links than this repaints them at most every
// MAPS_MS or LINKS_MS: at the caps (265 maps, 7,500 links) painting them on
// every frame held the page's thread in tasks of 100 ms and more.
const DENSE_MAPS = 64;
const DENSE_LINKS = 1000;
const MAPS_MS = 100;
const LINKS_MS = 250;
const sub = (n) => String(n).split('').map((d) => SUB[d]).join('');

export class NetworkGraph {
  constructor(handlers) {
    this.on = handlers;
    this.el = h('div', { class: 'graph' });
    this.card = h('div', { class: 'hovercard', role: 'dialog', hidden: true });
    this.params = null;
    this.info = [];
    this.cancelDrawing();
    // One set of listeners for all neurons (there may be hundreds).
    const neuron = (ev) => {
      const btn = ev.target.closest?.('.node.neuron');
      return btn && this.el.contains(btn) ? [btn, this.info[btn.dataset.grid]] : [null, null];
    };
    for (const type of ['mouseover', 'focusin']) {
      this.el.addEventListener(type, (ev) => {
        const [btn, info] = neuron(ev);
        if (info) this.hover(info, btn);
      });
    }
    for (const type of ['mouseout', 'focusout']) {
      this.el.addEventListener(type, (ev) => {
        const [btn] = neuron(ev);
        if (btn && !btn.contains(ev.relatedTarget)) this.unhover();
      });
    }
    this.el.addEventListener('click', (ev) => {
      const [btn, info] = neuron(ev);
      if (info) this.editNode(info, btn);
    });
  }

  /**
   * Lays the graph out.
   * @param {object} o sizes (inputs first), enabled[9], layout (param views),
   *   featureMaps [9 × t²], thumb, activation name, outputNames, lockFeatures,
   *   lockLayers, outputMode ('tanh' | 'probs' | 'raw')
   */
  build(o) {
    this.o = o;
    this.cancelDrawing();
    clear(this.el);
    const { sizes, enabled } = o;
    const hidden = sizes.slice(1, -1);
    const outputs = sizes[sizes.length - 1];
    const maxCount = Math.max(FEATURES.length, outputs, ...hidden);
    const scale = o.compact ? 0.75 : 1;
    const node = Math.round((maxCount <= 9 ? 30 : maxCount <= 16 ? 20 : 12) * scale);
    const gap = Math.round(node * 0.5);
    // Room above the nodes for the layer buttons and, per layer, its +/−
    // buttons with the neuron count on a line of its own below them.
    // On a touch screen the +/− buttons are finger-sized (40 px, CSS):
    // more room above the nodes, and hidden layers at least 90 px apart
    // (the graph then scrolls sideways inside its panel).
    const touch = matchMedia('(pointer: coarse)').matches;
    const top = touch ? 112 : 70;
    const cols = hidden.length + 2;
    const left = 64;
    const width = Math.max(300, this.el.clientWidth || 520, touch ? left + node + 8 + (cols - 1) * 90 : 0);
    this.el.style.minWidth = touch ? `${width}px` : '';
    this.el.classList.toggle('touch', touch);
    const colX = (c) => left + (c * (width - left - node - 8)) / (cols - 1);
    const rowY = (r) => top + r * (node + gap);
    const height = top + maxCount * (node + gap);
    this.el.style.height = `${height}px`;
    this.geometry = { node };

    this.linkLayer = new LinkLayer(width, height);
    this.thumbs = new ThumbLayer(width, height, o.thumb);
    // Everything is assembled off-document and attached once.
    const frag = document.createDocumentFragment();
    frag.append(this.linkLayer.canvas, this.thumbs.canvas);
    this.nodes = [];   // grid index -> {tile, kind}; features are static
    this.info = [];    // grid index -> neuron {layer, j, name, grid, isOut}
    const tiles = [];
    const pos = [];    // per column: list of {x, y, grid}

    // Features.
    let g = 0;
    const featCol = [];
    FEATURES.forEach(([name, label], i) => {
      const x = colX(0);
      const y = rowY(i);
      const on = enabled[i];
      const btn = h('button', {
        class: `node feature${on ? ' on' : ''}`,
        'aria-pressed': on ? 'true' : 'false',
        disabled: o.lockFeatures || null,
        on: { click: () => this.on.toggleFeature(name) },
      });
      trAttr(btn, { 'aria-label': `feature.${name}` });
      place(btn, x, y, node);
      const lab = h('span', { class: 'node-label', text: label, 'aria-hidden': 'true' });
      lab.style.left = `${x - 60}px`;
      lab.style.top = `${y + node / 2 - 8}px`;
      frag.append(lab, btn);
      tiles.push({ x, y, size: node, dim: !on, map: o.featureMaps.subarray(i * o.thumb * o.thumb, (i + 1) * o.thumb * o.thumb) });
      if (on) {
        featCol.push({ x, y, grid: g, name: label });
        this.nodes[g++] = null; // features are static: drawn once
      }
    });
    pos.push(featCol);

    // Hidden layers and outputs.
    const layerCount = hidden.length + 1;
    for (let l = 0; l < layerCount; l++) {
      const count = sizes[l + 1];
      const isOut = l === hidden.length;
      const col = [];
      for (let j = 0; j < count; j++) {
        const x = colX(l + 1);
        const y = rowY(j);
        const name = isOut ? (o.outputNames[j] ?? `out${sub(j + 1)}`) : `h${sub(l + 1)},${sub(j + 1)}`;
        const btn = h('button', { class: `node neuron${isOut ? ' output' : ''}`, 'aria-label': name });
        btn.dataset.grid = g;
        this.info[g] = { layer: l, j, name, grid: g, isOut };
        place(btn, x, y, node);
        frag.append(btn);
        this.nodes[g] = { tile: tiles.length, kind: isOut ? o.outputMode : 'hidden' };
        tiles.push({ x, y, size: node });
        col.push({ x, y, grid: g, name });
        g++;
      }
      pos.push(col);
    }
    this.pos = pos;
    this.thumbs.setTiles(tiles);
    tiles.forEach((tile, i) => { if (tile.map) this.thumbs.paintTile(i, tile.map, 'feature'); });

    // Links: one per weight, drawn on a canvas under the nodes.
    const view = (l) => o.layout[2 * l];
    const links = [];
    for (let l = 0; l < layerCount; l++) {
      const src = pos[l];
      const dst = pos[l + 1];
      const off = view(l).offset;
      src.forEach((a, i) => dst.forEach((b, j) => {
        links.push({ x1: a.x + node, y1: a.y + node / 2, x2: b.x, y2: b.y + node / 2, index: off + i * dst.length + j, from: a.name, to: b.name });
      }));
    }
    this.linkLayer.setLinks(links);
    this.el.onmousemove = (ev) => this.linkHover(ev);
    this.el.onmouseleave = () => { if (!this.editing && this.hoveredLink) this.hideCard(); this.hoveredLink = null; };
    this.el.onclick = (ev) => {
      if (ev.target !== this.linkLayer.canvas) return;
      const link = this.linkLayer.hit(...this.local(ev));
      if (link) this.editor(ev, [[`${link.from} → ${link.to}`, link.index]]);
    };

    // Layer controls.
    if (!o.lockLayers) {
      const lc = h('div', { class: 'layer-controls' },
        h('button', { class: 'round', text: '+', on: { click: () => this.on.layers(+1) } }),
        h('button', { class: 'round', text: '−', on: { click: () => this.on.layers(-1) } }),
        tr(h('span', { class: 'caption' }), 'graph.layers', { n: hidden.length }));
      trAttr(lc.children[0], { 'aria-label': 'graph.addLayer' });
      trAttr(lc.children[1], { 'aria-label': 'graph.removeLayer' });
      frag.append(lc);
      hidden.forEach((n, l) => {
        const box = h('div', { class: 'neuron-controls' },
          h('button', { class: 'round small', text: '+', on: { click: () => this.on.neurons(l, +1) } }),
          h('button', { class: 'round small', text: '−', on: { click: () => this.on.neurons(l, -1) } }),
          tr(h('span', { class: 'caption' }), 'graph.neurons', { n }));
        trAttr(box.children[0], { 'aria-label': 'graph.addNeuron' });
        trAttr(box.children[1], { 'aria-label': 'graph.removeNeuron' });
        box.children[0].dataset.layer = l;
        box.children[1].dataset.layer = l;
        box.style.left = `${colX(l + 1) + node / 2}px`;
        // No wider than the gap between two layers: captions never reach
        // the next layer's buttons.
        box.style.width = `${Math.max(48, colX(1) - colX(0) - 6)}px`;
        frag.append(box);
      });
    }
    frag.append(this.card);
    this.el.append(frag);
  }

  /**
   * Draws a frame: every neuron's map and every link. Each is painted in a
   * task of its own after the frame's numbers, from the newest frame when
   * that task runs; a dense graph repaints at a bounded rate, and its links
   * only when one changed colour or width.
   */
  update(frame) {
    this.params = frame.params;
    if (!this.thumbs) return;
    this.latest = frame;
    this.later('maps', () => this.drawMaps(), this.thumbs.tiles.length > DENSE_MAPS ? MAPS_MS : 0);
    this.later('links', () => this.linkLayer.draw(this.latest.params), this.linkLayer.links.length > DENSE_LINKS ? LINKS_MS : 0);
    if (this.cardFor && !this.editing) this.cardFor();
  }

  /** Runs `draw` in a task of its own, at most once per `every` ms. */
  later(name, draw, every) {
    if (this.timers[name]) return;
    const wait = Math.max(0, (this.drawn[name] ?? -Infinity) + every - performance.now());
    this.timers[name] = setTimeout(() => {
      this.timers[name] = 0;
      this.drawn[name] = performance.now();
      if (this.latest) draw();
    }, wait);
  }

  /** Forgets pending paints (a new layout, or the scene left). */
  cancelDrawing() {
    for (const id of Object.values(this.timers ?? {})) clearTimeout(id);
    this.timers = {};
    this.drawn = {};
    this.latest = null;
  }

  /** Every neuron's map from the newest frame. */
  drawMaps() {
    const frame = this.latest;
    const t2 = frame.thumb * frame.thumb;
    if (frame.thumb !== this.thumbs.thumb || frame.nodes.length < this.nodes.length * t2) return;
    for (let g = 0; g < this.nodes.length; g++) {
      const n = this.nodes[g];
      if (n) this.thumbs.paintTile(n.tile, frame.nodes.subarray(g * t2, (g + 1) * t2), n.kind);
    }
    this.thumbs.flush();
  }

  /** The formula of a neuron with its current numbers. */
  formula(info) {
    const p = this.params;
    if (!p) return '';
    const { layer, j } = info;
    const w = this.o.layout[2 * layer];
    const b = this.o.layout[2 * layer + 1];
    const inputs = this.pos[layer];
    const outs = w.shape[1];
    const terms = inputs.slice(0, 6).map((a, i) => `${fmt(p[w.offset + i * outs + j], 2)}·${a.name}`);
    if (inputs.length > 6) terms.push('…');
    const sum = [...terms, fmt(p[b.offset + j], 2)].join(' + ').replace(/\+ -/g, '− ');
    const act = info.isOut ? this.o.outputActivation : this.o.activation;
    return `${info.name} = ${act}(${sum})`;
  }

  hover(info, btn) {
    this.on.select(info.grid);
    if (this.editing) return;
    this.cardFor = () => this.showCard(btn, h('div', { class: 'formula', text: this.formula(info) }));
    this.cardFor();
  }

  unhover() {
    this.on.select(null);
    if (!this.editing) this.hideCard();
  }

  /**
   * Mouse position relative to the graph, in its own pixels (a zoomed
   * embed shows them smaller than they are laid out).
   */
  local(ev) {
    const r = this.el.getBoundingClientRect();
    const k = this.el.offsetWidth ? r.width / this.el.offsetWidth : 1;
    return [(ev.clientX - r.left) / k, (ev.clientY - r.top) / k];
  }

  /** Shows the weight under the mouse, if any. */
  linkHover(ev) {
    if (this.editing || !this.params || ev.target !== this.linkLayer.canvas) return;
    const link = this.linkLayer.hit(...this.local(ev));
    if (link === this.hoveredLink) return;
    this.hoveredLink = link;
    this.linkLayer.highlight(link, this.params);
    if (!link) {
      this.hideCard();
      return;
    }
    this.cardFor = () => this.showCard(ev, h('div', {},
      h('span', { class: 'muted', text: `${link.from} → ${link.to}  ` }),
      tr(h('span'), 'graph.weight'), `: ${fmt(this.params[link.index], 4)}`));
    this.cardFor();
  }

  editNode(info, btn) {
    const w = this.o.layout[2 * info.layer];
    const b = this.o.layout[2 * info.layer + 1];
    const fields = [[t('graph.bias'), b.offset + info.j]];
    this.pos[info.layer].forEach((a, i) => fields.push([`${a.name} → ${info.name}`, w.offset + i * w.shape[1] + info.j]));
    this.editor(btn, fields, info.name);
  }

  /** A small form to type new values for parameters. */
  editor(anchor, fields, title) {
    if (!this.params) return;
    this.editing = true;
    const form = h('form', { class: 'param-editor' });
    if (title) form.append(h('div', { class: 'formula', text: title }));
    const inputs = fields.slice(0, 40).map(([label, index], k) => {
      const id = `param-edit-${k}`;
      const now = this.params[index];
      const input = h('input', { id, type: 'number', step: 'any', value: Number.isFinite(now) ? now.toFixed(4) : '' });
      form.append(h('label', { for: id, text: label }), input);
      return [input, index];
    });
    const close = () => { this.editing = false; this.hideCard(); };
    const apply = h('button', { type: 'submit', class: 'primary' });
    tr(apply, 'graph.apply');
    const cancel = h('button', { type: 'button', on: { click: close } });
    tr(cancel, 'graph.close');
    form.append(h('div', { class: 'row' }, apply, cancel));
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      for (const [input, index] of inputs) {
        const v = Number(input.value);
        if (input.value.trim() !== '' && Number.isFinite(v) && Math.abs(v) <= 1000 && v !== this.params[index]) {
          this.on.editParam(index, v);
        }
      }
      close();
    });
    form.addEventListener('keydown', (e) => { if (e.key === 'Escape') close(); });
    this.showCard(anchor, form);
    inputs[0]?.[0].focus();
    inputs[0]?.[0].select();
  }

  showCard(anchor, content) {
    clear(this.card).append(content);
    this.card.hidden = false;
    const box = this.el.getBoundingClientRect();
    const k = this.el.offsetWidth ? box.width / this.el.offsetWidth : 1;
    let x;
    let y;
    if (anchor instanceof Event) {
      [x, y] = this.local(anchor);
      x += 12;
      y += 8;
    } else {
      const r = anchor.getBoundingClientRect();
      x = (r.right - box.left) / k + 8;
      y = (r.top - box.top) / k;
    }
    this.card.style.left = `${Math.min(x, box.width / k - 180)}px`;
    this.card.style.top = `${y}px`;
  }

  hideCard() {
    this.card.hidden = true;
    this.cardFor = null;
  }
}

function place(el, x, y, size) {
  el.style.left = `${x}px`;
  el.style.top = `${y}px`;
  el.style.width = `${size}px`;
  el.style.height = `${size}px`;
}
