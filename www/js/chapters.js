// The one registry of chapters on the page, in the order of the story: the
// route, the year and title shown in the header and the chapter links, the
// timeline event it tells, the scene that draws it, and (for chapters that
// train) the worker's side. A new chapter is a scene folder (its view, its
// worker side in worker.js, its own strings registered with addStrings)
// and one line here.
// The engine keeps the matching registry of settings tables and limits
// (src/chapters/mod.rs); a route is looked up here and nowhere else.
//
// This module is loaded both by the page and by the training worker, so it
// imports nothing that needs a document.

export const CHAPTERS = [
  { route: 'neuron', year: '1943', event: 'e1943', title: 'nav.neuron', scene: () => import('./scenes/neuron/index.js') },
  {
    route: 'perceptron', year: '1957', event: 'e1957', title: 'nav.perceptron', scene: () => import('./scenes/perceptron/index.js'),
    worker: () => import('./workers/perceptron.js'),
  },
  {
    route: 'xor', year: '1969', event: 'e1969', title: 'nav.xor', scene: () => import('./scenes/xor/index.js'),
    worker: () => import('./workers/perceptron.js'),
  },
  {
    route: 'playground', year: '1986', event: 'e1986', title: 'nav.backprop', scene: () => import('./scenes/playground/index.js'),
    worker: () => import('./workers/playground.js'),
  },
  {
    route: 'cnn', year: '1989', event: 'e1989', title: 'nav.cnn', scene: () => import('./scenes/cnn/index.js'),
    worker: () => import('./scenes/cnn/worker.js'),
  },
  {
    route: 'lstm', year: '1997', event: 'e1997', title: 'nav.lstm', scene: () => import('./scenes/lstm/index.js'),
    worker: () => import('./scenes/lstm/worker.js'),
  },
  {
    route: 'digits', year: '1998', event: 'e1998', title: 'nav.digits', navTitle: true, scene: () => import('./scenes/digits/index.js'),
    worker: () => import('./workers/digits.js'),
  },
  {
    route: 'dbn', year: '2006', event: 'e2006', title: 'nav.dbn', scene: () => import('./scenes/dbn/index.js'),
    worker: () => import('./scenes/dbn/worker.js'),
  },
  {
    route: 'gpt', year: '2017', event: 'e2017', title: 'nav.gpt', scene: () => import('./scenes/gpt/index.js'),
    worker: () => import('./scenes/gpt/worker.js'),
  },
  {
    route: 'rlhf', year: '2022', event: 'e2022', title: 'nav.rlhf', scene: () => import('./scenes/rlhf/index.js'),
    worker: () => import('./scenes/rlhf/worker.js'),
  },
  { route: 'hub', year: '2016–2020', event: 'e2020', title: 'nav.hub', scene: () => import('./scenes/hub/index.js') },
];

const BY_ROUTE = new Map(CHAPTERS.map((c) => [c.route, c]));

/** The chapter at `route`, or null: only the registry's own names match. */
export function chapterAt(route) {
  return (typeof route === 'string' && BY_ROUTE.get(route)) || null;
}
