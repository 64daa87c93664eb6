// The chapters in the order of the story, and the links between them.

import { h } from './dom.js';
import { tr, trAttr } from '../i18n.js';

import { CHAPTERS } from '../chapters.js';

export { CHAPTERS };

/** "← previous · timeline · next →" for the chapter at `route`. */
export function chapterNav(route) {
  const i = CHAPTERS.findIndex((c) => c.route === route);
  const link = (c, key) => h('a', { href: `#/${c.route}`, class: key === 'nav.previous' ? 'prev' : 'next' },
    tr(h('span', { class: 'caption' }), key), ' ', h('span', { text: `${c.year} · ` }), tr(h('span'), c.title));
  return trAttr(h('nav', { class: 'chapter-nav' },
    i > 0 ? link(CHAPTERS[i - 1], 'nav.previous') : h('span'),
    tr(h('a', { href: '#/', class: 'to-timeline' }), 'nav.timeline'),
    i >= 0 && i + 1 < CHAPTERS.length ? link(CHAPTERS[i + 1], 'nav.next') : h('span')), { 'aria-label': 'nav.chapters' });
}
