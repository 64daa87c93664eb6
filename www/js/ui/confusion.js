// A confusion matrix as a table: true classes down, predicted across.

import { h, clear } from './dom.js';
import { classColor } from './colors.js';
import { t, tr } from '../i18n.js';

/**
 * A table for `k` classes; `update(counts)` fills it from
 * `counts[true * k + predicted]`. `label(c)` names a class and
 * `colored` paints class names in their plot colours.
 */
export function confusionTable(k, { label = (c) => t('data.classN', { n: c }), colored = true } = {}) {
  const table = h('table', { class: 'confusion' });
  const head = h('tr', {}, h('th', { scope: 'col' }, tr(h('span', { class: 'muted' }), 'out.trueVsPred')));
  const style = (c) => (colored ? { color: classColor(c) } : undefined);
  for (let c = 0; c < k; c++) head.append(h('th', { scope: 'col', style: style(c), text: label(c) }));
  table.append(tr(h('caption'), 'out.confusion'), head);
  const cells = [];
  for (let r = 0; r < k; r++) {
    const row = h('tr', {}, h('th', { scope: 'row', style: style(r), text: label(r) }));
    for (let c = 0; c < k; c++) {
      const td = h('td', { class: r === c ? 'diag' : '' });
      cells.push(td);
      row.append(td);
    }
    table.append(row);
  }
  return {
    el: table,
    /** `counts` null: no figures (a model that is not finite has none). */
    update(counts) {
      for (let i = 0; i < k * k; i++) cells[i].textContent = counts ? String(counts[i] ?? 0) : '—';
    },
  };
}

/** Replaces a box's content with a table (helper for views that rebuild). */
export function mountConfusion(box, k, options) {
  const c = confusionTable(k, options);
  clear(box).append(c.el);
  return c;
}
