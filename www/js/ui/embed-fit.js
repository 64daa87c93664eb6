// The embed view fitted to its box. A blog post gives a chapter a frame of
// its own size (600×450, 400×400, 100% × 500…); whatever the chapter, the
// frame shows its main picture and the play button whole, without scroll
// bars inside:
//
// - The parts that matter in a small frame are the top bar's play/step/
//   reset buttons and counter, the element marked `embed-main` (the main
//   picture; without a mark, the scene's largest canvas or svg) and any
//   marked `embed-keep` (a number beside it, say). Everything else of the
//   scene (the other panels, the settings, the text) is "aside": hidden
//   behind one "Controls" button, which shows it all again (the page then
//   scrolls, as the reader asked for it).
// - What stays below the top bar is scaled with CSS zoom to fit the
//   frame's width and height (never above 1), measured again whenever the
//   frame or the scene changes size; the top bar keeps its size, so the
//   play button stays a full-size target.
//
// A new chapter gets this for free; one class name picks its main picture.

import { h } from './dom.js';
import { addStrings, tr, trAttr } from '../i18n.js';
import { findMain } from './main-first.js';

addStrings({
  'embed.controls': { en: 'Controls', zh: '设置' },
  'embed.controlsHelp': { en: 'Show or hide the settings and the other panels', zh: '显示或隐藏设置和其他面板' },
});

/** Smallest zoom: below this nothing is readable anyway. */
const MIN_ZOOM = 0.3;
const KEEP_IN_TOPBAR = ['buttons', 'epoch', 'embed-toggle'];

/**
 * Fits the scene mounted in `stage` to the window (the iframe). Returns
 * `{ refit, stop }`; stop undoes every change.
 */
export function fitEmbed(stage) {
  const scene = stage.firstElementChild;
  if (!scene) return { refit() {}, stop() {} };
  const body = document.body;
  let open = false;
  let zoom = 1;
  let ceiling = 1;
  let pending = 0;
  const tagged = new Set();
  const grids = new Map();
  const watcher = new MutationObserver(() => {
    mark();
    schedule();
  });

  const toggle = h('button', { type: 'button', class: 'embed-toggle', 'aria-expanded': 'false', on: { click: () => setOpen(!open) } });
  tr(toggle, 'embed.controls');
  trAttr(toggle, { title: 'embed.controlsHelp' });
  const topbar = scene.querySelector('.topbar');
  // A scene without a top bar gets a bar of its own for the button.
  const bar = topbar ? null : h('div', { class: 'topbar embed-bar' });
  if (bar) scene.prepend(bar);
  (topbar || bar).append(toggle);

  function aside(el) {
    el.classList.add('embed-aside');
    tagged.add(el);
  }

  /** Tags everything off the paths from the scene to the kept parts. */
  function mark() {
    for (const el of tagged) el.classList.remove('embed-aside', 'embed-path');
    tagged.clear();
    const main = findMain(scene);
    const keep = new Set([main, ...scene.querySelectorAll('.embed-keep')].filter(Boolean));
    const path = new Set();
    for (const k of keep) for (let e = k.parentElement; e && e !== scene; e = e.parentElement) path.add(e);
    const walk = (node) => {
      const kept = [];
      for (const child of node.children) {
        if (keep.has(child)) kept.push(child);
        else if (path.has(child)) {
          kept.push(child);
          child.classList.add('embed-path');
          tagged.add(child);
          walk(child);
        } else if (child.classList.contains('topbar')) {
          kept.push(child);
          for (const c of child.children) if (!KEEP_IN_TOPBAR.some((k) => c.classList.contains(k))) aside(c);
        } else aside(child);
      }
      // A grid holds its kept parts side by side, one column each (twice as
      // wide for the main picture's): a lone picture is not left in a
      // narrow side column, and two parts use the frame's width rather
      // than its height.
      if (node !== scene && getComputedStyle(node).display.includes('grid')) {
        if (!grids.has(node)) grids.set(node, node.style.gridTemplateColumns);
        node.style.gridTemplateColumns = grids.get(node);
        if (!open && kept.length) {
          node.style.gridTemplateColumns = kept.map((c) => `minmax(0, ${main && c.contains(main) && kept.length > 1 ? 2 : 1}fr)`).join(' ');
        }
      }
    };
    walk(scene);
    // Parts a scene adds later beside the kept ones are tagged too.
    watcher.disconnect();
    watcher.observe(scene, { childList: true });
    for (const el of path) watcher.observe(el, { childList: true });
  }

  /** The scene's parts that scale: all but the top bar (play stays big). */
  const scaled = () => [...scene.children].filter((c) => !c.classList.contains('topbar'));

  function setZoom(z) {
    zoom = z;
    for (const c of scaled()) c.style.zoom = z === 1 ? '' : String(z);
    body.dataset.embedZoom = String(z);
  }

  /** Height of the scaled parts, first top to last bottom, as shown. */
  function scaledHeight() {
    const shown = scaled().map((c) => c.getBoundingClientRect()).filter((r) => r.height > 0);
    return shown.length ? Math.max(...shown.map((r) => r.bottom)) - Math.min(...shown.map((r) => r.top)) : 0;
  }

  /**
   * Scales the stage until it fits (closed) or fits the width (open). A
   * zoom found too big is not tried again until the frame changes size,
   * so a layout that wraps differently at each zoom cannot make it swing.
   */
  function fit() {
    pending = 0;
    const W = document.documentElement.clientWidth;
    const H = document.documentElement.clientHeight;
    for (let pass = 0; pass < 8; pass++) {
      const r = stage.getBoundingClientRect();
      const top = r.top + window.scrollY;
      const wide = document.documentElement.scrollWidth;
      // Room left in each direction, as a factor (content reflows to any
      // width, so only a width overflow counts).
      const fw = wide > W + 0.5 ? W / wide : Infinity;
      const part = scaledHeight();
      const fh = open || !part ? Infinity : (H - top - (r.height - part)) / part;
      const f = Math.min(fw, fh);
      let z = zoom;
      if (f < 1) {
        ceiling = Math.min(ceiling, zoom - 0.005);
        z = zoom * f * 0.985;
      } else if (f > 1.03 && zoom < ceiling) z = Math.min(ceiling, zoom * Math.min(f, 2) * 0.985);
      z = Math.max(MIN_ZOOM, Math.min(1, Math.floor(z * 1000) / 1000));
      if (Math.abs(z - zoom) < 0.002) break;
      setZoom(z);
    }
  }

  function resized() {
    ceiling = 1;
    schedule();
  }

  function schedule() {
    if (!pending) pending = requestAnimationFrame(fit);
  }

  function setOpen(on) {
    open = on;
    body.classList.toggle('embed-open', on);
    toggle.setAttribute('aria-expanded', String(on));
    mark();
    ceiling = 1;
    setZoom(1);
    fit();
  }

  body.classList.add('embed-fit');
  body.dataset.embedZoom = '1';
  mark();
  fit();
  const observer = new ResizeObserver(schedule);
  observer.observe(scene);
  window.addEventListener('resize', resized);

  return {
    refit() {
      mark();
      schedule();
    },
    stop() {
      observer.disconnect();
      watcher.disconnect();
      window.removeEventListener('resize', resized);
      if (pending) cancelAnimationFrame(pending);
      for (const el of tagged) el.classList.remove('embed-aside', 'embed-path');
      for (const [el, cols] of grids) el.style.gridTemplateColumns = cols;
      toggle.remove();
      bar?.remove();
      body.classList.remove('embed-fit', 'embed-open');
      setZoom(1);
      delete body.dataset.embedZoom;
    },
  };
}
