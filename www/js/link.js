// The link: `#/route?name=value&…`. A hash without a route but with
// settings (a TensorFlow Playground link) opens the playground. Five
// settings belong to every scene and are read here: lang, embed, autoplay,
// engine (which build to run, when the browser allows it) and model (a
// ready model of the #/hub gallery to load, by its id).

const GLOBALS = ['lang', 'embed', 'autoplay', 'engine', 'model'];
/**
 * Longest hash read, in characters: a little more than the engine's own
 * cap (MAX_QUERY, 65,536 bytes), so the engine still sees and reports a
 * link that is too long, while a link of megabytes costs no more to split
 * than one at the cap.
 */
export const MAX_HASH = 70_000;

/**
 * Splits a hash into route, scene query and global settings; `cut` when
 * the hash was longer than MAX_HASH and its tail (from the field the cut
 * went through) was dropped.
 */
export function parseHash(hash) {
  let h = hash.startsWith('#') ? hash.slice(1) : hash;
  let cut = false;
  if (h.length > MAX_HASH) {
    h = h.slice(0, Math.max(0, h.lastIndexOf('&', MAX_HASH)));
    cut = true;
  }
  let route = '';
  if (h.startsWith('/')) {
    const q = h.indexOf('?');
    route = (q < 0 ? h.slice(1) : h.slice(1, q)).replace(/\/+$/, '');
    h = q < 0 ? '' : h.slice(q + 1);
  }
  const globals = {};
  const rest = [];
  for (const pair of h.split('&')) {
    if (!pair) continue;
    const eq = pair.indexOf('=');
    const k = eq < 0 ? pair : pair.slice(0, eq);
    if (GLOBALS.includes(k)) globals[k] = eq < 0 ? '' : pair.slice(eq + 1);
    else rest.push(pair);
  }
  return { route, query: rest.join('&'), globals, cut };
}

/** Builds a hash from its parts (globals first, only when set). */
export function buildHash(route, query, globals) {
  const g = [];
  if (globals.lang) g.push(`lang=${globals.lang}`);
  if (globals.embed) g.push('embed=true');
  if (globals.autoplay) g.push('autoplay=true');
  if (globals.engine) g.push(`engine=${globals.engine}`);
  if (globals.model) g.push(`model=${globals.model}`);
  const all = [...g, query].filter(Boolean).join('&');
  return `#/${route}${all ? '?' + all : ''}`;

}

/** Validates the global settings; returns them and the names that were bad. */
export function readGlobals(raw) {
  const bad = [];
  const out = { lang: null, embed: false, autoplay: false, engine: null, model: null };
  if ('lang' in raw) {
    if (raw.lang === 'en' || raw.lang === 'zh') out.lang = raw.lang;
    else bad.push('lang');
  }
  if ('engine' in raw) {
    if (['relaxed', 'simd', 'scalar'].includes(raw.engine)) out.engine = raw.engine;
    else bad.push('engine');
  }
  if ('model' in raw) {
    if (/^[a-z0-9-]{1,60}$/.test(raw.model)) out.model = raw.model;
    else bad.push('model');
  }
  for (const k of ['embed', 'autoplay']) {
    if (!(k in raw)) continue;
    if (raw[k] === 'true' || raw[k] === '1') out[k] = true;
    else if (raw[k] !== 'false' && raw[k] !== '0') bad.push(k);
  }
  return { globals: out, bad };
}

/** Formats a setting's value for a link. */
export function formatValue(v) {
  if (Array.isArray(v)) return v.join(',');
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  return encodeURIComponent(String(v));
}

/** Replaces settings in a query, keeping the order of the others. */
export function withValues(query, changes) {
  const pairs = query ? query.split('&') : [];
  const seen = new Set();
  const out = pairs.map((pair) => {
    const k = pair.split('=')[0];
    if (k in changes) {
      seen.add(k);
      return `${k}=${formatValue(changes[k])}`;
    }
    return pair;
  });
  for (const [k, v] of Object.entries(changes)) if (!seen.has(k)) out.push(`${k}=${formatValue(v)}`);
  return out.join('&');
}

/** The query without the field `name`. */
export function withoutField(query, name) {
  return (query ? query.split('&') : []).filter((p) => p.split('=')[0] !== name).join('&');
}

/** Sets or clears `name_hide=true` flags in a query. */
export function withHidden(query, hidden) {
  const pairs = (query ? query.split('&') : []).filter((p) => !p.split('=')[0].endsWith('_hide'));
  for (const c of hidden) pairs.push(`${c}_hide=true`);
  return pairs.join('&');
}
