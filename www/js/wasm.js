// The engine on the main thread, for pure functions only (reading links,
// parsing files). Training lives in the worker.

import init, * as engine from '../pkg/neuroplay.js';

let ready = null;

/** Loads the engine once; resolves to its exports. */
export function loadEngine() {
  if (!ready) ready = init().then(() => engine);
  return ready;
}
