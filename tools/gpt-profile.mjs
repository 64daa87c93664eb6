// Where a GPT training step spends its time in each wasm build: every op of
// one step timed phase by phase (the engine's `models::gpt_profile`, through
// the `bench_gpt_profile` hook), then whole training steps (`GptBench`).
// Run after `make build`:
//   node --experimental-wasm-relaxed-simd tools/gpt-profile.mjs [relaxed|simd|scalar] [small]
// (Node 20 needs the flag for the relaxed build.) A measurement for
// finding what to speed up; nothing asserts its figures.

import { readFileSync } from 'node:fs';

const build = process.argv[2] || 'simd';
const small = process.argv.includes('small');
const mod = await import('../www/pkg/neuroplay.js');
mod.initSync({ module: readFileSync(new URL(`../www/pkg/neuroplay_${build}.wasm`, import.meta.url)) });
const [layers, width, context] = small ? [4, 128, 128] : [2, 64, 64];
const steps = Number(process.env.STEPS || (small ? 10 : 40));
console.log(`${build} (${mod.bench_path()}): ${layers} layers, width ${width}, context ${context}, batch 16, 65 symbols; fastest of ${steps} steps per phase`);
console.log(mod.bench_gpt_profile(layers, width, context, steps, () => performance.now()));
const bench = new mod.GptBench(layers, width, 4, context, 16);
bench.train(2);
const rates = [];
for (let i = 0; i < steps; i++) {
  const t = performance.now();
  const tokens = bench.train(1);
  rates.push((tokens / (performance.now() - t)) * 1e3);
}
rates.sort((a, b) => a - b);
console.log(`whole training steps: median ${rates[rates.length >> 1].toFixed(0)} tokens/s, best ${rates[rates.length - 1].toFixed(0)}`);
