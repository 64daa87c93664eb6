// Boot: load the engine, read the link, mount the scene, and keep the link
// in step with every setting.

import { loadEngine, pickVariant, currentVariant } from './wasm.js';
import { parseHash, buildHash, readGlobals, withValues, withHidden } from './link.js';
import { chooseLang, setLang, t, tr } from './i18n.js';
import { h, clear } from './ui/dom.js';

// Each scene: its module, and the engine's reader and table for its link.
const SCENES = {
  '': { load: () => import('./scenes/timeline/index.js'), decode: null, schema: null },
  neuron: { load: () => import('./scenes/neuron/index.js'), decode: 'neuron_decode', schema: 'neuron_schema' },
  perceptron: { load: () => import('./scenes/perceptron/index.js'), decode: 'perceptron_decode', schema: 'perceptron_schema' },
  xor: { load: () => import('./scenes/xor/index.js'), decode: 'xor_decode', schema: 'xor_schema' },
  playground: { load: () => import('./scenes/playground/index.js'), decode: 'playground_decode', schema: 'playground_schema' },
  digits: { load: () => import('./scenes/digits/index.js'), decode: 'digits_decode', schema: 'digits_schema' },
};
// A hash with settings but no route is a TensorFlow Playground link.
const SETTINGS_ROUTE = 'playground';

const state = { route: '', query: '', values: null, globals: null, scene: null, written: '' };
let engine = null;
const notice = document.getElementById('notice');
const stage = document.getElementById('stage');

function seedFallback() {
  return Math.random().toFixed(5);
}

function writeHash() {
  const hash = buildHash(state.route, state.query, state.globals);
  state.written = hash;
  if (location.hash !== hash) history.replaceState(null, '', hash);
}

/** Shows link problems and errors as text (never markup). */
function notify(kind, key, vars, items = []) {
  const box = h('div', { class: `notice ${kind}`, role: kind === 'error' ? 'alert' : 'status' });
  box.append(tr(h('p'), key, vars));
  if (items.length) box.append(h('ul', {}, items.map((it) => tr(h('li'), `notice.${it.problem}`, { field: it.field }))));
  const close = tr(h('button', { class: 'dismiss', on: { click: () => box.remove() } }), 'notice.dismiss');
  box.append(close);
  notice.append(box);
}

function decode(query) {
  const reader = SCENES[state.route].decode;
  if (!reader) return { query: '', values: {}, issues: query ? [{ field: query.split('=')[0].slice(0, 40), problem: 'unknown' }] : [] };
  return JSON.parse(engine[reader](query, seedFallback()));
}

function changed(a, b) {
  return Object.keys(b).filter((k) => JSON.stringify(a?.[k]) !== JSON.stringify(b[k]));
}

const ctx = {
  get values() { return state.values; },
  get query() { return state.query; },
  get globals() { return state.globals; },
  get engine() { return engine; },
  get hideable() {
    const schema = SCENES[state.route].schema;
    return schema ? JSON.parse(engine[schema]()).hideable : [];
  },
  notify,
  /** Applies setting changes from a control. */
  set(changes) {
    const d = decode(withValues(state.query, changes));
    for (const i of d.issues) console.warn('setting refused', i);
    apply(d);
  },
  /** A full link for sharing: hidden controls and embed options chosen. */
  shareUrl(hidden, { embed, autoplay }) {
    const q = withHidden(state.query, hidden);
    const hash = buildHash(state.route, q, { lang: state.globals.lang, embed, autoplay });
    return `${location.origin}${location.pathname}${hash}`;
  },
};

function apply(d) {
  const old = state.values;
  state.values = d.values;
  state.query = d.query;
  writeHash();
  const names = changed(old, d.values);
  if (names.length && state.scene) state.scene.update(d.values, names, d.query);
}

async function openLink() {
  const { route, query, globals: raw } = parseHash(location.hash);
  const { globals, bad } = readGlobals(raw);
  // A link without a language keeps the one the reader is using.
  globals.lang = globals.lang || state.globals?.lang || chooseLang(null);
  setLang(globals.lang);
  document.body.classList.toggle('embed', globals.embed);
  let r = route || (query ? SETTINGS_ROUTE : '');
  if (!(r in SCENES)) {
    notify('warn', 'notice.unknownRoute', { route: r.slice(0, 40) });
    r = '';
  }
  const sameScene = state.scene && state.route === r;
  state.route = r;
  state.globals = globals;
  const d = decode(query);
  const issues = [...d.issues, ...bad.map((field) => ({ field, problem: 'invalid' }))];
  if (issues.length) notify('warn', 'notice.badFields', null, issues);
  if (sameScene) {
    apply(d);
    return;
  }
  if (state.scene) state.scene.unmount();
  state.values = d.values;
  state.query = d.query;
  writeHash();
  const mod = await SCENES[r].load();
  clear(stage);
  state.scene = mod.mount(stage, ctx);
  markNav();
}

function showVariant() {
  const el = document.getElementById('engine-variant');
  if (el) tr(el, `engine.${currentVariant()}`);
}

function markNav() {
  for (const a of document.querySelectorAll('header nav a[data-route]')) {
    if (a.dataset.route === state.route) a.setAttribute('aria-current', 'page');
    else a.removeAttribute('aria-current');
  }
}

function buildHeader() {
  for (const b of document.querySelectorAll('button[data-lang]')) {
    b.addEventListener('click', () => {
      state.globals.lang = b.dataset.lang;
      setLang(b.dataset.lang);
      state.scene?.relabel?.();
      writeHash();
      markLang();
    });
  }
  markLang();
}

function markLang() {
  for (const b of document.querySelectorAll('button[data-lang]')) {
    b.setAttribute('aria-pressed', b.dataset.lang === state.globals?.lang ? 'true' : 'false');
  }
}

async function boot() {
  state.globals = { lang: chooseLang(null) };
  setLang(state.globals.lang);
  try {
    // A link may ask for a build (engine=simd, for instance); the browser
    // must still validate it.
    const wanted = parseHash(location.hash).globals.engine;
    engine = await loadEngine(pickVariant(wanted));
    showVariant();
  } catch (err) {
    clear(stage).append(tr(h('p', { class: 'notice error' }), 'app.noWasm'));
    console.error(err);
    return;
  }
  await openLink();
  buildHeader();
  window.addEventListener('hashchange', () => {
    if (location.hash !== state.written) openLink().then(markLang);
  });
  document.body.dataset.ready = 'true';
}

boot();
