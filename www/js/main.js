// Boot: load the engine, read the link, mount the scene, and keep the link
// in step with every setting.

import { loadEngine, pickVariant, currentVariant } from './wasm.js';
import { parseHash, buildHash, readGlobals, withValues, withHidden, withoutField } from './link.js';
import { chooseLang, setLang, t, tr } from './i18n.js';
import { h, clear } from './ui/dom.js';
import { CHAPTERS, chapterAt } from './chapters.js';
import { showLinkNotes, addNote, clearNotes } from './notices.js';
import { disposeTrainers, autoplayNewTrainers } from './trainer.js';
import { fitEmbed } from './ui/embed-fit.js';
import { mainFirst } from './ui/main-first.js';
import { headerMenu } from './ui/header-menu.js';

const loadTimeline = () => import('./scenes/timeline/index.js');
// A hash with settings but no route is a TensorFlow Playground link.
const SETTINGS_ROUTE = 'playground';

const state = { route: '', query: '', values: null, globals: null, scene: null, schema: null, written: '', fit: null };
let engine = null;
// Each navigation takes a number; a load that finds a newer number after
// an await is out of date and gives up, so only the last route mounts.
let latest = 0;
const stage = document.getElementById('stage');

function seedFallback() {
  return Math.random().toFixed(5);
}

function writeHash() {
  const hash = buildHash(state.route, state.query, state.globals);
  state.written = hash;
  if (location.hash !== hash) history.replaceState(null, '', hash);
}

/** A note of the current scene, shown as text (never markup). */
function notify(kind, key, vars) {
  addNote(kind, key, vars);
}

function decode(query) {
  if (!chapterAt(state.route)) {
    const field = query.slice(0, 80).split(/[=&]/)[0].slice(0, 40);
    return { query: '', values: {}, issues: query ? [{ field, problem: 'unknown' }] : [], moreIssues: 0 };
  }
  return JSON.parse(engine.chapter_decode(state.route, query, seedFallback()));
}

/** The chapter's settings table, hideable controls and limits, from the engine. */
function schema() {
  if (!state.schema) {
    state.schema = chapterAt(state.route) ? JSON.parse(engine.chapter_schema(state.route)) : { fields: [], hideable: [], limits: {} };
  }
  return state.schema;
}

/** Unmounts the scene and every worker it started. */
function leaveScene() {
  const scene = state.scene;
  state.scene = null;
  state.fit?.stop();
  state.fit = null;
  try {
    if (scene) scene.unmount();
  } finally {
    disposeTrainers();
  }
}

/**
 * Mounts the current route's scene from the current link (a new worker),
 * in place of the one on the stage; false if a newer navigation came
 * while the scene's code loaded.
 */
async function remount(token = ++latest) {
  const chapter = chapterAt(state.route);
  const mod = await (chapter ? chapter.scene() : loadTimeline());
  if (token !== latest) return false;
  leaveScene();
  clear(stage);
  // autoplay=true: every chapter that trains starts on its own.
  autoplayNewTrainers(state.globals.autoplay);
  const mount = ++mounts;
  try {
    state.scene = mod.mount(stage, sceneContext(mount));
  } finally {
    autoplayNewTrainers(false);
  }
  // An embed fits its frame; on a phone the main picture comes first.
  if (chapterAt(state.route)) state.fit = state.globals.embed ? fitEmbed(stage) : mainFirst(stage);
  return true;
}

/** An engine error: its message, and a way to start the chapter again. */
function engineError(message, fatal) {
  addNote('error', fatal ? 'notice.enginePanic' : 'notice.engineError', { message: String(message).slice(0, 300) },
    [['notice.resetChapter', () => remount()]]);
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
    return schema().hideable;
  },
  /** Caps the engine enforces for this chapter (layers, points, bytes). */
  get limits() {
    return schema().limits;
  },
  notify,
  engineError,
  /** Applies setting changes from a control. */
  set(changes) {
    // A changed setting: the link no longer names a gallery model as is.
    if (state.globals.model) state.globals = { ...state.globals, model: null };
    // Nor does it carry the link's trained weights any more (a network of
    // other settings would refuse them).
    const query = 'weights' in changes ? state.query : withoutField(state.query, 'weights');
    const d = decode(withValues(query, changes));
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

let mounts = 0;

/**
 * The context one mounted scene sees: the same as `ctx`, but a setting
 * change it sends after it was replaced (a late callback) is dropped, so
 * it cannot change the chapter on the stage now.
 */
function sceneContext(mount) {
  return Object.create(ctx, {
    set: {
      value(changes) {
        if (mount === mounts) ctx.set(changes);
        else console.warn('a setting change from a replaced scene was dropped', changes);
      },
    },
  });
}

function apply(d) {
  const old = state.values;
  state.values = d.values;
  state.query = d.query;
  writeHash();
  const names = changed(old, d.values);
  if (names.length && state.scene) state.scene.update(d.values, names, d.query);
}

async function openLink() {
  const token = ++latest;
  const { route, query, globals: raw, cut } = parseHash(location.hash);
  const { globals, bad } = readGlobals(raw);
  // A link without a language keeps the one the reader is using.
  globals.lang = globals.lang || state.globals?.lang || chooseLang(null);
  setLang(globals.lang);
  document.body.classList.toggle('embed', globals.embed);
  let r = route || (query ? SETTINGS_ROUTE : '');
  const notes = [];
  if (r !== '' && !chapterAt(r)) {
    notes.push({ kind: 'warn', key: 'notice.unknownRoute', vars: { route: r.slice(0, 40) } });
    r = '';
  }
  // Another gallery model (model=) mounts the chapter again to load it.
  const sameScene = state.scene && state.route === r && (state.globals?.model || null) === globals.model;
  // Another chapter: the notes of the one it leaves go with it.
  if (!sameScene) clearNotes();
  state.route = r;
  state.globals = globals;
  const d = decode(query);
  const issues = [...d.issues, ...bad.map((field) => ({ field, problem: 'invalid' }))];
  if (cut && !issues.some((i) => i.problem === 'tooLong')) issues.unshift({ field: '', problem: 'tooLong' });
  if (issues.length) notes.push({ kind: 'warn', key: 'notice.badFields', issues, more: d.moreIssues });
  showLinkNotes(notes);
  if (sameScene) {
    apply(d);
    return;
  }
  leaveScene();
  clear(stage);
  state.schema = null;
  state.values = d.values;
  state.query = d.query;
  writeHash();
  if (await remount(token)) markNav();
}

function showVariant() {
  const el = document.getElementById('engine-variant');
  if (el) tr(el, `engine.${currentVariant()}`);
}

let menu = null;

function markNav() {
  menu?.setTitle(chapterAt(state.route)?.title || 'nav.timeline');
  menu?.close();
  for (const a of document.querySelectorAll('header nav a[data-route]')) {
    if (a.dataset.route === state.route) a.setAttribute('aria-current', 'page');
    else a.removeAttribute('aria-current');
  }
}

/** The header's chapter links, from the registry. */
function buildNav() {
  const nav = document.querySelector('header nav');
  const bench = nav.querySelector('a[href="bench.html"]');
  for (const c of CHAPTERS) {
    const label = c.navTitle ? tr(h('span'), c.title) : h('span', { text: c.year });
    const a = h('a', { href: `#/${c.route}`, dataset: { route: c.route } }, label);
    if (!c.navTitle) a.setAttribute('data-i18n-attr', `title:${c.title}`);
    nav.insertBefore(a, bench);
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
  // A touch screen gets finger-sized controls (css: .touch).
  const coarse = matchMedia('(pointer: coarse)');
  document.documentElement.classList.toggle('touch', coarse.matches);
  coarse.addEventListener?.('change', () => document.documentElement.classList.toggle('touch', coarse.matches));
  buildNav();
  menu = headerMenu(document.querySelector('header.site'));
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
  // Listening before the first link opens: an address changed while it
  // loads is a newer navigation, not a lost one.
  window.addEventListener('hashchange', () => {
    if (location.hash !== state.written) openLink().then(markLang);
  });
  await openLink();
  buildHeader();
  document.body.dataset.ready = 'true';
}

boot();
