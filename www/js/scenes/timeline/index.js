// The home page: the history of the field from 1943 to today. Years with a
// chapter link to it; the others are events of the story.

import { h } from '../../ui/dom.js';
import { CHAPTERS } from '../../ui/chapters.js';
import { tr } from '../../i18n.js';

/** Events in order; a chapter of the registry names the event it tells. */
const EVENTS = [
  { year: '1943', key: 'e1943' },
  { year: '1949', key: 'e1949' },
  { year: '1956', key: 'e1956' },
  { year: '1957', key: 'e1957' },
  { year: '1969', key: 'e1969' },
  { year: '1974', key: 'e1974' },
  { year: '1983', key: 'e1983' },
  { year: '1986', key: 'e1986' },
  { year: '1989', key: 'e1989' },
  { year: '1997', key: 'e1997' },
  { year: '1998', key: 'e1998' },
  { year: '2006', key: 'e2006' },
  { year: '2012', key: 'e2012' },
  { year: '2016', key: 'e2016' },
  { year: '2017', key: 'e2017' },
  { year: '2018', key: 'e2018' },
  { year: '2020', key: 'e2020' },
  { year: '2022', key: 'e2022' },
];

export function mount(root) {
  const list = h('ol', { class: 'timeline' });
  for (const e of EVENTS) {
    const chapter = CHAPTERS.find((c) => c.event === e.key);
    const item = h('li', { class: chapter ? 'has-chapter' : '' },
      h('span', { class: 'year', text: e.year }),
      h('div', { class: 'event' },
        tr(h('p'), `tl.${e.key}`),
        chapter ? h('a', { class: 'button-link', href: `#/${chapter.route}` }, tr(h('span'), 'tl.open'), ' ', tr(h('span'), chapter.title)) : null));
    list.append(item);
  }
  const first = h('a', { class: 'button-link primary', href: `#/${CHAPTERS[0].route}` }, tr(h('span'), 'tl.start'));
  const el = h('div', { class: 'scene timeline-scene' },
    h('section', { class: 'intro' }, tr(h('h1'), 'tl.heading'), tr(h('p'), 'tl.intro'), first),
    list);
  root.append(el);
  return {
    update() {},
    unmount() {
      el.remove();
    },
  };
}
