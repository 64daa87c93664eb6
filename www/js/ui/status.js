// The training state of a chapter in words (diverged, stopped, no data),
// with the way out of a divergence: the same box in every chapter that
// trains by gradient.

import { h, clear } from './dom.js';
import { tr } from '../i18n.js';

/**
 * A status box; `recover()` lowers the learning rate and starts again.
 * `set(key, vars)` shows `status.<key>` ('' for nothing), rebuilding only
 * when the key or its numbers change.
 */
export function statusBox(recover) {
  const el = h('div', { class: 'status', role: 'status', 'aria-live': 'polite' });
  let shown = '';
  return {
    el,
    set(key, vars) {
      const id = key && `${key}:${JSON.stringify(vars)}`;
      if (id === shown) return;
      shown = id;
      clear(el);
      el.className = `status ${key ? 'on' : ''} ${key === 'diverged' ? 'error' : ''}`;
      if (!key) return;
      el.append(tr(h('p'), `status.${key}`, vars));
      if (key === 'diverged') el.append(tr(h('button', { class: 'primary', on: { click: recover } }), 'status.recover'));
    },
  };
}

/** The next learning rate below `rate` in `rates` (ascending), else a tenth. */
export function lowerRate(rates, rate) {
  return [...rates].reverse().find((x) => x < rate) ?? rate / 10;
}
