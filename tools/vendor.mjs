// Builds TensorFlow.js (npm @tensorflow/tfjs-core with its gradients and
// @tensorflow/tfjs-backend-wasm, Apache 2.0 licence) into one ES module in
// www/vendor/tfjs/, beside the backend's .wasm files, so the benchmark page
// loads it from the project's own origin. Run by `make bench` and
// `make dist`; needs `npm ci` first.

import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const OUT = new URL('../www/vendor/tfjs/', import.meta.url);
const WASM = ['tfjs-backend-wasm.wasm', 'tfjs-backend-wasm-simd.wasm', 'tfjs-backend-wasm-threaded-simd.wasm'];
const modules = new URL('../node_modules/', import.meta.url);

if (!existsSync(new URL('@tensorflow/tfjs-backend-wasm/package.json', modules))) {
  console.error('vendor: TensorFlow.js is not installed; run npm ci first');
  process.exit(1);
}
const { build } = await import('esbuild');
mkdirSync(OUT, { recursive: true });
await build({
  entryPoints: [fileURLToPath(new URL('tfjs-entry.js', import.meta.url))],
  bundle: true,
  format: 'esm',
  minify: true,
  platform: 'browser',
  // The backend's Node.js branches are never taken in a browser.
  external: ['fs', 'path', 'os', 'worker_threads', 'perf_hooks', 'crypto'],
  outfile: fileURLToPath(new URL('tfjs.mjs', OUT)),
  logLevel: 'warning',
});
for (const f of WASM) copyFileSync(new URL(`@tensorflow/tfjs-backend-wasm/dist/${f}`, modules), new URL(f, OUT));
const version = JSON.parse(readFileSync(new URL('@tensorflow/tfjs-core/package.json', modules))).version;
writeFileSync(new URL('README.txt', OUT), `TensorFlow.js ${version}: @tensorflow/tfjs-core (with its gradients) and
@tensorflow/tfjs-backend-wasm from npm, Apache License 2.0
(https://www.apache.org/licenses/LICENSE-2.0), copyright Google LLC.
Bundled here by tools/vendor.mjs for the benchmark page only; the playground does not use it.
`);
console.log(`vendor: TensorFlow.js ${version} built into ${OUT.pathname}`);
