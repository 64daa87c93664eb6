// Reader-facing text in English and Chinese. Elements carry their key in
// data-i18n (text) or data-i18n-attr ("attr:key;attr:key"), so switching the
// language rewrites them in place without rebuilding the page.

import { STRINGS } from './strings.js';

let lang = 'en';

/** The current language, 'en' or 'zh'. */
export function currentLang() {
  return lang;
}

/** Picks a language: from the link if valid, else from the browser. */
export function chooseLang(fromLink) {
  if (fromLink === 'en' || fromLink === 'zh') return fromLink;
  const prefs = navigator.languages || [navigator.language || 'en'];
  for (const p of prefs) {
    const l = String(p).toLowerCase();
    if (l.startsWith('zh')) return 'zh';
    if (l.startsWith('en')) return 'en';
  }
  return 'en';
}

/** Sets the language and rewrites every tagged element under `root`. */
export function setLang(l, root = document) {
  lang = l === 'zh' ? 'zh' : 'en';
  document.documentElement.lang = lang === 'zh' ? 'zh-Hans' : 'en';
  localize(root);
}

/**
 * Adds a chapter's own texts, `{ key: { en, zh } }`, so a chapter keeps its
 * words in its own folder. A key already taken is refused loudly.
 */
export function addStrings(table) {
  for (const [key, entry] of Object.entries(table)) {
    if (Object.hasOwn(STRINGS, key)) throw new Error(`string ${key} is defined twice`);
    STRINGS[key] = entry;
  }
}

const pluralRules = {};

/**
 * One language's text of an entry. A text that depends on a number names
 * that variable in the entry's `count` and gives, per language, its forms:
 * `=N` for exactly N, else the language's plural category (`one`, `other`…,
 * as Intl.PluralRules says), else `other`. Chinese has no plural but may
 * still word one differently (每一轮 rather than 每 1 轮).
 */
function form(entry, l, vars) {
  const text = entry[l] ?? entry.en;
  if (typeof text === 'string') return text;
  const n = Number(vars?.[entry.count]);
  pluralRules[l] ||= new Intl.PluralRules(l === 'zh' ? 'zh-Hans' : 'en');
  return text[`=${n}`] ?? text[pluralRules[l].select(n)] ?? text.other;
}

/**
 * The text for `key`, with {name} placeholders filled from `vars`; a
 * placeholder's value may itself be a text to translate, `{ key, vars }`,
 * so that it follows a language switch too.
 */
export function t(key, vars) {
  const entry = Object.hasOwn(STRINGS, key) ? STRINGS[key] : null;
  let s = entry ? form(entry, lang, vars) : key;
  if (vars) {
    s = s.replace(/\{(\w+)\}/g, (m, k) => {
      if (!(k in vars)) return m;
      const v = vars[k];
      return v && typeof v === 'object' && typeof v.key === 'string' ? t(v.key, v.vars) : String(v);
    });
  }
  return s;
}

/** Marks `el` to show `key` and fills it now. */
export function tr(el, key, vars) {
  el.dataset.i18n = key;
  if (vars) el.dataset.i18nVars = JSON.stringify(vars);
  else delete el.dataset.i18nVars;
  el.textContent = t(key, vars);
  return el;
}

/** Marks attributes of `el`, e.g. trAttr(el, {'aria-label': 'play'}). */
export function trAttr(el, map, vars) {
  el.dataset.i18nAttr = Object.entries(map).map(([a, k]) => `${a}:${k}`).join(';');
  if (vars) el.dataset.i18nAttrVars = JSON.stringify(vars);
  for (const [a, k] of Object.entries(map)) el.setAttribute(a, t(k, vars));
  return el;
}

/**
 * Rewrites every tagged element under `root` in the current language. A
 * link to a page outside the app (`data-lang-link="bench.html"`) gets the
 * language in its address, as links within the app do.
 */
export function localize(root = document) {
  for (const a of root.querySelectorAll('a[data-lang-link]')) a.setAttribute('href', `${a.dataset.langLink}?lang=${lang}`);
  for (const el of root.querySelectorAll('[data-i18n]')) {
    const vars = el.dataset.i18nVars ? JSON.parse(el.dataset.i18nVars) : undefined;
    el.textContent = t(el.dataset.i18n, vars);
  }
  for (const el of root.querySelectorAll('[data-i18n-attr]')) {
    const vars = el.dataset.i18nAttrVars ? JSON.parse(el.dataset.i18nAttrVars) : undefined;
    for (const pair of el.dataset.i18nAttr.split(';')) {
      const [a, k] = pair.split(':');
      el.setAttribute(a, t(k, vars));
    }
  }
}
