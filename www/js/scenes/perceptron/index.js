// 1957: Rosenblatt's perceptron learns a line from separable points, one
// point at a time; the reader can move and add points.

import { h } from '../../ui/dom.js';
import { slider } from '../../ui/controls.js';
import { tr } from '../../i18n.js';
import { mountPerceptron } from './view.js';

export function mount(root, ctx) {
  return mountPerceptron(root, ctx, {
    scene: 'perceptron',
    edit: true,
    controls(v, set) {
      const n = slider('numPoints', 'pc.numPoints', { min: 4, max: 200, step: 1, value: v.numPoints }, (x) => set({ numPoints: x, points: '' }));
      const margin = slider('margin', 'pc.margin', { min: 0, max: 3, step: 0.1, value: v.margin, format: (x) => x.toFixed(1) },
        (x) => set({ margin: x, points: '' }));
      const regen = tr(h('button', { dataset: { control: 'regenerate' }, on: { click: () => set({ seed: Math.random().toFixed(5), points: '' }) } }), 'data.regenerate');
      return {
        el: h('div', { class: 'group' }, n.el, margin.el, regen),
        sync(v2) {
          n.set(v2.numPoints);
          margin.set(v2.margin);
        },
      };
    },
    text: () => chapterText('pt', ['p1', 'p2', 'p3', 'hub']),
  });
}

/** A chapter's heading and paragraphs from strings.js. */
export function chapterText(prefix, paras) {
  return h('section', { class: 'chapter-text' }, tr(h('h2'), `${prefix}.heading`), ...paras.map((k) => tr(h('p'), `${prefix}.${k}`)));
}
