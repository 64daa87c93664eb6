// The chapter's own words, in both languages (see strings.js).

import { h } from '../../ui/dom.js';
import { tr } from '../../i18n.js';

export function chapterText() {
  const paras = ['p1', 'p2', 'p3', 'p4'].map((k) => tr(h('p'), `bp.${k}`));
  return h('section', { class: 'chapter-text' }, tr(h('h2'), 'bp.heading'), ...paras);
}
