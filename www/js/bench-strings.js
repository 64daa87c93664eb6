// The benchmark page's texts, in English and Chinese.

import { addStrings } from './i18n.js';

addStrings({
  'bench.title': { en: 'Neuroplay benchmark', zh: 'Neuroplay 性能测试' },
  'bench.heading': { en: 'Benchmark', zh: '性能测试' },
  'bench.intro': {
    en: 'Every build of the engine this browser can run (relaxed SIMD, SIMD128, no SIMD), each in a worker, beside TensorFlow.js’s WebAssembly backend, on the same cases in this browser: the multiply-add ceiling of the machine, square matrix products, a 196→64→10 network trained with batches of 32, an epoch over the 8,000 training digits, TensorFlow Playground’s default and largest networks, and one frame of the largest (the 100×100 decision boundary and every neuron’s 20×20 map). Medians of repeated runs; nothing is pre-recorded.',
    zh: '在这个浏览器里，把它能运行的每一种引擎构建（宽松 SIMD、SIMD128、无 SIMD）各放进一个 worker，与 TensorFlow.js 的 WebAssembly 后端并排，跑同样的测试：机器的乘加运算上限、方阵乘法、以 32 为批大小训练的 196→64→10 网络、在 8000 张训练数字上跑一轮、TensorFlow Playground 的默认网络和最大网络，以及最大网络的一帧画面（100×100 的决策边界和每个神经元的 20×20 小图）。结果取多次运行的中位数，没有任何预先录制的数据。',
  },
  'bench.run': { en: 'Run', zh: '开始测试' },
  'bench.results': { en: 'Benchmark results', zh: '性能测试结果' },
  'bench.case': { en: 'case', zh: '测试项' },
  'bench.unit': { en: 'unit', zh: '单位' },
  'bench.notes': { en: 'notes', zh: '说明' },
  'bench.unit.examples/s': { en: 'examples/s', zh: '样本/秒' },
  'bench.unit.ms': { en: 'ms', zh: '毫秒' },
  'bench.unit.GFLOP/s': { en: 'GFLOP/s', zh: 'GFLOP/s' },
  'bench.unit.steps/s': { en: 'time steps/s', zh: '时间步/秒' },
  'bench.accuracy': { en: 'test accuracy {p}%', zh: '测试准确率 {p}%' },
  'bench.vsTf': { en: '{v} {r}× TF.js', zh: '{v} 为 TF.js 的 {r}×' },
  'bench.ofPeak': { en: '{v} {p}% of its peak', zh: '{v} 达到自身峰值的 {p}%' },
  'bench.warming': { en: 'warming up {c}: {w}…', zh: '预热 {c}：{w}……' },
  'bench.round': { en: '{c}, round {r} of {n}: {w}…', zh: '{c}，第 {r} 轮（共 {n} 轮）：{w}……' },
  'bench.done': { en: 'done: {paths}', zh: '完成：{paths}' },
});
