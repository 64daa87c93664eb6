// Colour scales shared by every 2D view: orange for negative / class 0,
// blue for positive / class 1, then more hues for more classes.

export const CLASS_COLORS = [
  [245, 147, 34],  // orange
  [8, 119, 189],   // blue
  [46, 160, 67],   // green
  [156, 81, 182],  // purple
  [214, 39, 40],   // red
  [140, 86, 75],   // brown
];
const WHITE = [232, 234, 237];

/** RGB for a value in [-1, 1]: orange, white at 0, blue. */
export function diverging(v, out, i) {
  const t = Math.max(-1, Math.min(1, Number.isFinite(v) ? v : 0));
  const c = t < 0 ? CLASS_COLORS[0] : CLASS_COLORS[1];
  const a = Math.abs(t);
  out[i] = WHITE[0] + (c[0] - WHITE[0]) * a;
  out[i + 1] = WHITE[1] + (c[1] - WHITE[1]) * a;
  out[i + 2] = WHITE[2] + (c[2] - WHITE[2]) * a;
  out[i + 3] = 255;
}

// The diverging scale sampled once: painting a map is then a table lookup
// per pixel (maps of tens of thousands of pixels are painted every frame).
const STEPS = 1024;
const TABLE = new Uint8ClampedArray(4 * STEPS);
for (let s = 0; s < STEPS; s++) diverging((2 * s) / (STEPS - 1) - 1, TABLE, 4 * s);

/**
 * Writes the diverging colour of `a·v + b` (clamped to [−1, 1]; white for
 * anything that is not a number) to `out` at `i`, from the sampled scale.
 */
export function divergingFast(v, out, i, a = 1, b = 0) {
  const x = a * v + b;
  const s = x > -1 ? (x < 1 ? ((x + 1) * ((STEPS - 1) / 2) + 0.5) | 0 : STEPS - 1) : x <= -1 ? 0 : STEPS >> 1;
  const k = 4 * s;
  out[i] = TABLE[k];
  out[i + 1] = TABLE[k + 1];
  out[i + 2] = TABLE[k + 2];
  out[i + 3] = 255;
}

/** CSS colour of a class (class 0's for anything that is not a class). */
export function classColor(k) {
  const n = CLASS_COLORS.length;
  const c = CLASS_COLORS[Number.isInteger(k) ? ((k % n) + n) % n : 0];
  return `rgb(${c[0]},${c[1]},${c[2]})`;
}

/** CSS colour for a weight: blue positive, orange negative. */
export function weightColor(w) {
  return w >= 0 ? classColor(1) : classColor(0);
}

/**
 * Fills RGBA pixels from a map.
 * - one channel: diverging scale (discretized to ±1 if asked);
 * - k channels (class probabilities): the likeliest class's colour, paler
 *   where the network is unsure.
 * `strength` (≤ 1) keeps the most certain colour that much short of the
 * class colour itself, so points drawn in their class colour stand out
 * even where the map is most certain.
 */
export function paint(pixels, values, channels, n, discretize, strength = 1) {
  if (channels <= 1) {
    for (let p = 0; p < n; p++) {
      let v = values[p];
      if (discretize) v = v >= 0 ? 1 : -1;
      const i = 4 * p;
      divergingFast(v, pixels, i);
      if (strength < 1) {
        pixels[i] = WHITE[0] + (pixels[i] - WHITE[0]) * strength;
        pixels[i + 1] = WHITE[1] + (pixels[i + 1] - WHITE[1]) * strength;
        pixels[i + 2] = WHITE[2] + (pixels[i + 2] - WHITE[2]) * strength;
      }
    }
    return;
  }
  for (let p = 0; p < n; p++) {
    let best = 0;
    let bv = values[p];
    for (let c = 1; c < channels; c++) {
      const v = values[c * n + p];
      if (v > bv) { bv = v; best = c; }
    }
    // Confidence above chance, scaled to [0, 1]; none where the values are
    // not numbers (a diverged network paints neutral, not black).
    const raw = (bv - 1 / channels) / (1 - 1 / channels);
    const conf = strength * (discretize ? 1 : Number.isFinite(raw) ? Math.max(0, Math.min(1, raw)) : 0);
    const col = CLASS_COLORS[best % CLASS_COLORS.length];
    const i = 4 * p;
    pixels[i] = WHITE[0] + (col[0] - WHITE[0]) * conf;
    pixels[i + 1] = WHITE[1] + (col[1] - WHITE[1]) * conf;
    pixels[i + 2] = WHITE[2] + (col[2] - WHITE[2]) * conf;
    pixels[i + 3] = 255;
  }
}
