// Which build of the engine this browser runs, and loading it. Three builds
// ship: relaxed SIMD (fused multiply-add), SIMD128, and one without SIMD for
// older browsers; tiny probe modules tell which the browser validates. The
// engine on this thread serves pure functions (reading links, parsing
// files); the worker trains with the same build.

import init, * as engine from '../pkg/neuroplay.js';

const HEAD = [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, 0x01, 0x05, 0x01, 0x60, 0x00, 0x01, 0x7b, 0x03, 0x02, 0x01, 0x00];
const V128 = [0xfd, 0x0c, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0];
// () -> v128 { v128.const 0 }
const SIMD_PROBE = Uint8Array.from([...HEAD, 0x0a, 0x16, 0x01, 0x14, 0x00, ...V128, 0x0b]);
// () -> v128 { f32x4.relaxed_madd(0, 0, 0) }
const RELAXED_PROBE = Uint8Array.from([...HEAD, 0x0a, 0x3d, 0x01, 0x3b, 0x00, ...V128, ...V128, ...V128, 0xfd, 0x85, 0x02, 0x0b]);

export const VARIANTS = ['relaxed', 'simd', 'scalar'];

/** The best build this browser validates (or the one asked for, if it can). */
export function pickVariant(wanted) {
  const ok = {
    relaxed: WebAssembly.validate(RELAXED_PROBE),
    simd: WebAssembly.validate(SIMD_PROBE),
    scalar: true,
  };
  // Only the three builds' own names count (a link could say "constructor").
  if (VARIANTS.includes(wanted) && ok[wanted]) return wanted;
  return VARIANTS.find((v) => ok[v]);
}

/** Where a build's module is. */
export function wasmUrl(variant) {
  return new URL(`../pkg/neuroplay_${variant}.wasm`, import.meta.url).href;
}

let ready = null;
let loaded = null;

/** Loads a build once; resolves to the engine's exports. */
export function loadEngine(variant) {
  if (!ready) {
    loaded = { variant, url: wasmUrl(variant) };
    ready = init({ module_or_path: loaded.url }).then(() => engine);
  }
  return ready;
}

/** The module this page loaded, for its worker. */
export function currentWasm() {
  return loaded.url;
}

/** The build this page loaded. */
export function currentVariant() {
  return loaded.variant;
}
