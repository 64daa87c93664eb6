// Element building without markup strings: text always goes in as text, so
// nothing from a link or a file can become HTML.

/**
 * Creates an element. `props` may hold attributes, `class`, `text`, `on`
 * (event handlers) and `style` (an object, applied through CSSOM).
 */
export function h(tag, props = {}, ...children) {
  const el = document.createElement(tag);
  applyProps(el, props);
  for (const c of children.flat()) {
    if (c == null || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return el;
}

const SVG_NS = 'http://www.w3.org/2000/svg';

/** Creates an SVG element. */
export function svg(tag, props = {}, ...children) {
  const el = document.createElementNS(SVG_NS, tag);
  applyProps(el, props);
  for (const c of children.flat()) if (c) el.append(c);
  return el;
}

function applyProps(el, props) {
  for (const [k, v] of Object.entries(props)) {
    if (v == null || v === false) continue;
    if (k === 'text') el.textContent = String(v);
    else if (k === 'class') el.setAttribute('class', v);
    else if (k === 'on') for (const [ev, fn] of Object.entries(v)) el.addEventListener(ev, fn);
    else if (k === 'style') Object.assign(el.style, v);
    else if (k === 'dataset') Object.assign(el.dataset, v);
    else if (v === true) el.setAttribute(k, '');
    else el.setAttribute(k, String(v));
  }
}

/** Removes all children. */
export function clear(el) {
  while (el.firstChild) el.firstChild.remove();
  return el;
}

/** A labelled select; `options` is a list of [value, label]. */
export function select(id, options, value, onChange) {
  const s = h('select', { id, on: { change: () => onChange(s.value) } });
  for (const [v, label] of options) s.append(h('option', { value: v, text: label }));
  s.value = String(value);
  return s;
}

/** Formats a number for display: fixed decimals, or "—" when undefined. */
export function fmt(x, digits = 3) {
  return Number.isFinite(x) ? x.toFixed(digits) : '—';
}

/**
 * A canvas of `width` × `height` CSS pixels whose backing store has `scale`
 * pixels per CSS pixel (the device pixel ratio by default).
 */
export function layerCanvas(cls, width, height, scale = window.devicePixelRatio || 1) {
  const c = h('canvas', { class: cls, 'aria-hidden': 'true' });
  c.style.width = `${width}px`;
  c.style.height = `${height}px`;
  c.width = Math.round(width * scale);
  c.height = Math.round(height * scale);
  return c;
}
