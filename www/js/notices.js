// Notes above the scene, always as text (never markup): what a link got
// wrong, and engine errors. A note belongs to the link that caused it: the
// next link's note replaces it, and opening another chapter removes every
// note, so they never pile up however often the address changes.

import { h, clear } from './ui/dom.js';
import { tr } from './i18n.js';

/** Bad fields a link note names before "and N more". */
export const SHOWN = 5;

const area = () => document.getElementById('notice');

/**
 * Replaces the link's notes: each `{ kind, key, vars, issues, more }`,
 * where `issues` are `{ field, problem }` from the engine's link reader
 * and `more` counts problems it did not name.
 */
export function showLinkNotes(notes) {
  for (const box of area().querySelectorAll('.notice[data-owner=link]')) box.remove();
  for (const n of notes) {
    const box = note(n.kind, n.key, n.vars, 'link');
    const issues = n.issues || [];
    if (!issues.length) continue;
    // A field with no name is named as such, never shown as an empty name.
    const item = (it) => tr(h('li'), `notice.${it.problem}`, {
      field: it.field === '' ? { key: 'notice.noName' } : it.field,
      reason: { key: `points.${it.reason}` },
    });
    box.insertBefore(h('ul', {}, issues.slice(0, SHOWN).map(item)), box.lastChild);
    // The rest folded away: the few more the engine named, and a count.
    const rest = issues.length - Math.min(SHOWN, issues.length) + (n.more || 0);
    if (rest > 0) {
      const summary = tr(h('summary'), 'notice.more', { n: rest, count: rest.toLocaleString('en-US') });
      box.insertBefore(h('details', { class: 'more' }, summary, h('ul', {}, issues.slice(SHOWN).map(item))), box.lastChild);
    }
  }
}

/** A note of the current scene (an engine error, a refused data file). */
export function addNote(kind, key, vars, actions = []) {
  const box = note(kind, key, vars, 'scene');
  for (const [label, run] of actions) {
    box.insertBefore(tr(h('button', { class: 'primary', on: { click: () => { box.remove(); run(); } } }), label), box.lastChild);
  }
  return box;
}

/** Removes every note (another chapter opened). */
export function clearNotes() {
  clear(area());
}

function note(kind, key, vars, owner) {
  const box = h('div', { class: `notice ${kind}`, role: kind === 'error' ? 'alert' : 'status', dataset: { owner } });
  box.append(tr(h('p'), key, vars));
  box.append(tr(h('button', { class: 'dismiss', on: { click: () => box.remove() } }), 'notice.dismiss'));
  area().append(box);
  return box;
}
