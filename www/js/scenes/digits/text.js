// The chapter's own words (see strings.js).

import { h } from '../../ui/dom.js';
import { tr } from '../../i18n.js';

export function chapterText() {
  const paras = ['p1', 'p2', 'p3', 'p4'].map((k) => tr(h('p'), `dg.${k}`));
  return h('section', { class: 'chapter-text' }, tr(h('h2'), 'dg.heading'), ...paras);
}
