// The arithmetic of one trained token of the benchmark's GPT presets, so
// `make bench` can state tokens/s as a share of each build's measured
// multiply-add ceiling (the peak-mul-add case).
//
// Per token, forward: every block's four dense layers 12·C² multiply-adds
// (q, k, v 3C², projection C², MLP 8C²); causal attention on average
// (T + 1)/2 keys for the scores and as many for the weighted values, over
// all C channels: (T + 1)·C; the tied head C·V. The backward pass does
// twice the forward's products (gradients of inputs and of weights), so a
// training step is 3× the forward, and each multiply-add is 2 operations.
// Elementwise work (LayerNorm, GELU, softmax, the optimizer) is not
// counted: this is the arithmetic a perfect kernel cannot avoid.

import { GPT_NETS } from '../www/js/bench-cases.js';

/** Floating-point operations to train one token of a GPT preset. */
export function gptTrainFlopsPerToken({ layers, width, context }, vocab = 65) {
  const c = width;
  const forwardMacs = layers * (12 * c * c + (context + 1) * c) + c * vocab;
  return 2 * 3 * forwardMacs;
}

/** The preset behind a case name, or undefined. */
export const gptNet = (name) => GPT_NETS.find((n) => n.name === name);
