// TensorFlow.js as its npm packages are meant to be combined: the core, all
// its gradients, and the WebAssembly backend. Bundled into one ES module by
// tools/vendor.mjs for the benchmark page.
import '@tensorflow/tfjs-core/dist/register_all_gradients';
import '@tensorflow/tfjs-backend-wasm';

export * from '@tensorflow/tfjs-core';
export { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
