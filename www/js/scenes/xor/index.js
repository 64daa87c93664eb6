// 1969: the same rule on exclusive-or never settles; two ways out, each a
// real trained model: the product feature (and the space it lifts the
// corners into), or a hidden layer trained by backpropagation in the 1986
// chapter.

import { h } from '../../ui/dom.js';
import { checkbox } from '../../ui/controls.js';
import { tr } from '../../i18n.js';
import { mountPerceptron } from '../perceptron/view.js';
import { chapterText } from '../perceptron/index.js';
import { equation } from '../perceptron/update-note.js';
import { liftView } from './lift.js';
import './strings.js';

export function mount(root, ctx) {
  // The four corners as the playground's own points, all of them trained on.
  const corners = Float32Array.from([-3, -3, 1, 3, 3, 1, -3, 3, 0, 3, -3, 0]);
  const points = ctx.engine.points_encode(corners, 'classification');
  const backprop = () => `#/playground?lang=${ctx.globals.lang}&dataset=custom&points=${points}&percTrainData=100`
    + '&networkShape=4&activation=tanh&learningRate=0.1&batchSize=4&seed=1&speed=5&showTestData=true';
  const lift = liftView();
  return mountPerceptron(root, ctx, {
    scene: 'xor',
    edit: false,
    controls(v, set) {
      const product = checkbox('features', 'xr.product', v.features === 'product', (x) => set({ features: x ? 'product' : 'plain' }));
      const link = tr(h('a', { class: 'button-link', href: backprop() }), 'xr.backprop');
      return {
        el: h('div', { class: 'group' }, product.el, link),
        sync(v2) {
          product.input.checked = v2.features === 'product';
          link.href = backprop();
        },
      };
    },
    /** In the plane the hulls cross; with x₁·x₂, a plane separates. */
    geometry(el, s, code) {
      if (s.weights.length !== 3) tr(el, 'xr.notSeparable');
      else if (code === 'converged') tr(el, 'xr.separated', { eq: equation(s.weights, s.bias, ['x₁', 'x₂', 'x₁x₂']) });
      else tr(el, 'xr.lifted');
      return true;
    },
    side: { el: lift.el, frame: (s, code) => lift.frame(s, code, corners) },
    text: () => chapterText('xr', ['p1', 'p2', 'p3']),
  });
}
