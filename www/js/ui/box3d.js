// A box in three dimensions drawn flat (an oblique projection: depth goes
// up and to the right), and where a plane cuts it. Used where a picture
// needs a third axis: the 1943 unit on three inputs (the cube of inputs and
// the unit's plane) and the 1969 product feature (the corners lifted to
// height x₁·x₂ and the plane the perceptron found there).

/**
 * A projection of the box `lo`..`hi` (each [x, y, z]) into an SVG area:
 * x to the right over `width` px, y into the depth over `depth` px (up and
 * to the right, or with `slant` −1 up and to the left), z upwards over
 * `height` px, with the box's near bottom-left corner at (`left`, `bottom`).
 * A plane is seen edge-on when the direction the projection flattens lies
 * in it; `slant` −1 keeps planes across the diagonal (1, 1, 1) open.
 */
export function projection({ lo, hi, left, bottom, width, height, depth, slant = 1 }) {
  const f = (v, i) => (v - lo[i]) / (hi[i] - lo[i]);
  return (x, y, z) => {
    const d = f(y, 1);
    return [left + f(x, 0) * width + slant * d * depth, bottom - f(z, 2) * height - d * depth * 0.6];
  };
}

/** The twelve edges of the box `lo`..`hi`, as pairs of corners. */
export function boxEdges(lo, hi) {
  const corner = (k) => [k & 1 ? hi[0] : lo[0], k & 2 ? hi[1] : lo[1], k & 4 ? hi[2] : lo[2]];
  const edges = [];
  for (let k = 0; k < 8; k++) {
    for (const bit of [1, 2, 4]) if (!(k & bit)) edges.push([corner(k), corner(k | bit)]);
  }
  return edges;
}

/**
 * The polygon where the plane n·p + c = 0 cuts the box `lo`..`hi`: its
 * corners in order around it, or [] when the plane misses the box (or n
 * is zero).
 */
export function planeSection(n, c, lo, hi) {
  const dot = (p) => n[0] * p[0] + n[1] * p[1] + n[2] * p[2] + c;
  if (n[0] === 0 && n[1] === 0 && n[2] === 0) return [];
  const pts = [];
  for (const [a, b] of boxEdges(lo, hi)) {
    const [da, db] = [dot(a), dot(b)];
    if ((da > 0 && db > 0) || (da < 0 && db < 0) || da === db) continue;
    const t = da / (da - db);
    const p = [a[0] + t * (b[0] - a[0]), a[1] + t * (b[1] - a[1]), a[2] + t * (b[2] - a[2])];
    if (!pts.some((q) => Math.hypot(q[0] - p[0], q[1] - p[1], q[2] - p[2]) < 1e-9)) pts.push(p);
  }
  if (pts.length < 3) return [];
  // Order around the centre, in two directions lying in the plane.
  const m = pts.reduce((s, p) => [s[0] + p[0] / pts.length, s[1] + p[1] / pts.length, s[2] + p[2] / pts.length], [0, 0, 0]);
  const u = sub(pts[0], m);
  const v = cross(n, u);
  return pts
    .map((p) => [Math.atan2(dot3(sub(p, m), v), dot3(sub(p, m), u)), p])
    .sort((a, b) => a[0] - b[0])
    .map(([, p]) => p);
}

const sub = (a, b) => [a[0] - b[0], a[1] - b[1], a[2] - b[2]];
const dot3 = (a, b) => a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
const cross = (a, b) => [a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]];

/** An SVG `points` attribute for 3D points through projection `p`. */
export function svgPoints(p, pts) {
  return pts.map((q) => p(...q).map((v) => v.toFixed(1)).join(',')).join(' ');
}
