// Export and import of trained models as Hugging Face folders, as a reader
// does it: train, press Export (the download is captured), open a fresh
// page elsewhere, pick the zip with Import, and see the chapter come back
// with its settings predicting the same; a corrupt file is refused with
// the engine's reason in the notice, in both languages.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { deflateRawSync, crc32 } from 'node:zlib';
import { start, open, until, number } from './helpers.mjs';

let env;
before(async () => { env = await start(); });
after(async () => { await env.close(); });

/** Presses Export and returns the downloaded file's name and bytes. */
async function exportModel(page) {
  const [download] = await Promise.all([
    page.waitForEvent('download', { timeout: 60000 }),
    page.getByRole('button', { name: 'Export model' }).click(),
  ]);
  return { name: download.suggestedFilename(), bytes: readFileSync(await download.path()) };
}

/** Picks files with the Import button's file chooser. */
async function importFiles(page, files) {
  const [chooser] = await Promise.all([
    page.waitForEvent('filechooser'),
    page.getByRole('button', { name: 'Import model' }).click(),
  ]);
  await chooser.setFiles(files);
}

const noticeText = (page) => page.locator('#notice').textContent();

/**
 * The files of a stored zip archive written again deflated, under a parent
 * directory, as `zip -r` or a system's "compress folder" writes them.
 */
function deflated(zip, dir) {
  const files = [];
  for (let at = 0; zip.readUInt32LE(at) === 0x04034b50;) {
    const size = zip.readUInt32LE(at + 18);
    const nameLen = zip.readUInt16LE(at + 26);
    const start = at + 30 + nameLen + zip.readUInt16LE(at + 28);
    files.push({ name: `${dir}/${zip.subarray(at + 30, at + 30 + nameLen)}`, data: zip.subarray(start, start + size) });
    at = start + size;
  }
  const local = [];
  const central = [];
  let offset = 0;
  for (const f of files) {
    const packed = deflateRawSync(f.data);
    const name = Buffer.from(f.name);
    const head = Buffer.alloc(30);
    head.writeUInt32LE(0x04034b50, 0);
    head.writeUInt16LE(20, 4);
    head.writeUInt16LE(8, 8);
    head.writeUInt16LE(0x21, 12);
    head.writeUInt32LE(crc32(f.data), 14);
    head.writeUInt32LE(packed.length, 18);
    head.writeUInt32LE(f.data.length, 22);
    head.writeUInt16LE(name.length, 26);
    const dirEntry = Buffer.alloc(46);
    dirEntry.writeUInt32LE(0x02014b50, 0);
    dirEntry.writeUInt16LE(20, 4);
    dirEntry.writeUInt16LE(20, 6);
    head.copy(dirEntry, 10, 8, 30);
    dirEntry.writeUInt32LE(offset, 42);
    local.push(head, name, packed);
    central.push(dirEntry, name);
    offset += head.length + name.length + packed.length;
  }
  const dir0 = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(files.length, 8);
  end.writeUInt16LE(files.length, 10);
  end.writeUInt32LE(dir0.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...local, dir0, end]);
}

test('a trained playground network leaves as a zip and comes back in a fresh page predicting the same', async () => {
  const page = await open(env, '#/playground?seed=0.5&speed=5&networkShape=5,3&dataset=xor');
  await until(async () => Number.isFinite(await number(page, '#test-loss')), { what: 'first loss' });
  await page.getByRole('button', { name: 'Play' }).click();
  await until(async () => (await number(page, '.epoch-value')) > 30, { what: 'training' });
  await page.getByRole('button', { name: 'Pause' }).click();
  await until(async () => (await page.locator('button.play').getAttribute('aria-label')) === 'Play', { what: 'paused' });
  // The figures of the paused network, steady over two frames.
  const figures = async (p) => `${await p.locator('#test-loss').textContent()} ${await p.locator('#acc-test').textContent()}`;
  const before = await until(async () => {
    const a = await figures(page);
    await new Promise((ok) => setTimeout(ok, 300));
    return a === (await figures(page)) && a;
  }, { what: 'steady figures' });
  const file = await exportModel(page);
  assert.equal(file.name, 'neuroplay-playground.zip');
  assert.equal(file.bytes.subarray(0, 2).toString(), 'PK');
  assert.match(await noticeText(page), /Model exported/);
  // Half precision, chosen beside the button: a smaller file.
  await page.getByLabel('f16').check();
  const half = await exportModel(page);
  assert.ok(half.bytes.length < file.bytes.length, `f16 ${half.bytes.length} < f32 ${file.bytes.length}`);
  console.log(`  exported ${file.bytes.length} bytes (f16: ${half.bytes.length}); figures before: ${before}`);

  const fresh = await open(env, '#/playground?seed=7&networkShape=2');
  await until(async () => Number.isFinite(await number(fresh, '#test-loss')), { what: 'fresh page' });
  await importFiles(fresh, { name: file.name, mimeType: 'application/zip', buffer: file.bytes });
  await until(async () => /Model imported/.test(await noticeText(fresh)), { what: 'imported note' });
  const hash = await fresh.evaluate(() => location.hash);
  assert.ok(hash.includes('seed=0.5') && hash.includes('networkShape=5,3') && hash.includes('dataset=xor'), hash);
  await until(async () => (await figures(fresh)) === before, { what: `the same figures as before (${before})` });
  assert.deepEqual(page.errors, []);
  assert.deepEqual(fresh.errors, []);
  await page.context().close();
  await fresh.context().close();
});

test('a digits network leaves and comes back from a deflated zip (as systems compress folders) reading the same', async () => {
  const page = await open(env, '#/digits?seed=2&networkShape=16&learningRate=0.1');
  await until(async () => (await page.locator('.data-info').textContent()).includes('8,000 training'), { what: 'data loaded' });
  await page.getByRole('button', { name: 'Play' }).click();
  await until(async () => (await number(page, '.epoch-value')) >= 1, { what: 'an epoch', timeout: 120000 });
  await page.getByRole('button', { name: 'Pause' }).click();
  const figures = (p) => p.locator('table.compare tbody tr:first-child').textContent();
  const before = await until(async () => {
    const a = await figures(page);
    await new Promise((ok) => setTimeout(ok, 500));
    return a === (await figures(page)) && a;
  }, { what: 'steady figures' });
  const file = await exportModel(page);
  assert.equal(file.name, 'neuroplay-digits.zip');
  const zip = deflated(file.bytes, 'neuroplay-digits');
  assert.ok(zip.length < file.bytes.length, `deflated ${zip.length} < stored ${file.bytes.length}`);
  console.log(`  exported ${file.bytes.length} bytes, deflated ${zip.length}; figures: ${before.replace(/\s+/g, ' ')}`);

  const fresh = await open(env, '#/digits?seed=9');
  await until(async () => (await fresh.locator('.data-info').textContent()).includes('8,000 training'), { what: 'fresh page' });
  await importFiles(fresh, { name: 'neuroplay-digits.zip', mimeType: 'application/zip', buffer: zip });
  await until(async () => /Model imported/.test(await noticeText(fresh)), { what: 'imported note', timeout: 60000 });
  const hash = await fresh.evaluate(() => location.hash);
  assert.ok(hash.includes('seed=2') && hash.includes('networkShape=16'), hash);
  await until(async () => (await figures(fresh)) === before, { what: `the same figures (${before})` });
  assert.deepEqual(page.errors, []);
  assert.deepEqual(fresh.errors, []);
  await page.context().close();
  await fresh.context().close();
});

test('the LSTM and its RNN leave in one folder and come back from another chapter with the same states', async () => {
  const page = await open(env, '#/lstm?task=memory&distance=10&width=8&seed=3&batchSize=16');
  await until(async () => (await page.locator('.data-info').textContent()).includes('held-out sequences'), { what: 'data' });
  await page.getByRole('button', { name: 'Play', exact: true }).click();
  await until(async () => (await number(page, '.epoch-value')) >= 1, { what: 'an epoch', timeout: 120000 });
  await page.getByRole('button', { name: 'Pause', exact: true }).click();
  const accuracies = (p) => p.locator('.lstm-summary').evaluate((e) => `${e.dataset.rnn} ${e.dataset.lstm}`);
  const strips = (p) => p.locator('canvas.lstm-strip').evaluateAll((cs) => cs.map((c) => c.toDataURL()).join('|'));
  const state = async (p) => `${await accuracies(p)} ${await strips(p)}`;
  const before = await until(async () => {
    const a = await state(page);
    await new Promise((ok) => setTimeout(ok, 500));
    return a === (await state(page)) && a;
  }, { what: 'steady figures' });
  const file = await exportModel(page);
  assert.equal(file.name, 'neuroplay-lstm.zip');
  console.log(`  exported ${file.bytes.length} bytes; held-out accuracy (RNN, LSTM): ${await accuracies(page)}`);

  const fresh = await open(env, '#/dbn?seed=2');
  await importFiles(fresh, { name: file.name, mimeType: 'application/zip', buffer: file.bytes });
  await until(async () => /Model imported/.test(await noticeText(fresh)), { what: 'imported note', timeout: 60000 });
  const hash = await fresh.evaluate(() => location.hash);
  assert.ok(hash.startsWith('#/lstm?') && ['task=memory', 'distance=10', 'width=8', 'seed=3'].every((f) => hash.includes(f)), hash);
  await until(async () => (await state(fresh)) === before, { what: 'the same accuracies and states' });
  assert.deepEqual(page.errors, []);
  assert.deepEqual(fresh.errors, []);
  await page.context().close();
  await fresh.context().close();
});

test('a trained RBM leaves the deep belief net chapter and comes back from the perceptron with the same filters', async () => {
  const page = await open(env, '#/dbn?seed=4&hidden=16&epochs=1&batchSize=20');
  await until(async () => (await page.locator('canvas.dbn-tiles.filters').getAttribute('data-count')) === '16', { what: '16 filters' });
  await page.getByRole('button', { name: 'Play' }).click();
  await until(async () => (await number(page, '.epoch-value')) >= 1, { what: 'an epoch', timeout: 120000 });
  const state = async (p) => `${await p.locator('.dbn-figures').getAttribute('data-recon')} ${await p.locator('canvas.dbn-tiles.filters').evaluate((c) => c.toDataURL())}`;
  const before = await until(async () => {
    const a = await state(page);
    await new Promise((ok) => setTimeout(ok, 500));
    return a === (await state(page)) && a;
  }, { what: 'steady filters' });
  const file = await exportModel(page);
  assert.equal(file.name, 'neuroplay-dbn.zip');
  console.log(`  exported ${file.bytes.length} bytes; reconstruction error ${before.split(' ')[0]}`);

  const fresh = await open(env, '#/perceptron?seed=2');
  await importFiles(fresh, { name: file.name, mimeType: 'application/zip', buffer: file.bytes });
  await until(async () => /Model imported/.test(await noticeText(fresh)), { what: 'imported note', timeout: 60000 });
  const hash = await fresh.evaluate(() => location.hash);
  assert.ok(hash.startsWith('#/dbn?') && ['hidden=16', 'seed=4'].every((f) => hash.includes(f)), hash);
  await until(async () => (await state(fresh)) === before, { what: 'the same filters and reconstruction error' });
  assert.deepEqual(page.errors, []);
  assert.deepEqual(fresh.errors, []);
  await page.context().close();
  await fresh.context().close();
});

test('a trained GPT leaves with its tokenizer and comes back from another chapter writing the same sample', async () => {
  const link = '#/gpt?corpus=moby&merges=10&layers=1&width=32&heads=2&context=32&batchSize=16&seed=2&learningRate=0.01&warmup=5&stopAtStep=300&length=40&topK=1&prompt=Call%20me';
  const page = await open(env, link);
  await until(async () => (await page.locator('.vocab-info').textContent()).includes('Vocabulary'), { what: 'tokens', timeout: 90000 });
  await page.getByRole('button', { name: 'Play' }).click();
  await until(async () => (await number(page, '.epoch-value')) >= 300, { what: '300 steps', timeout: 180000 });
  const sample = async (p) => {
    await p.getByRole('button', { name: 'Generate', exact: true }).click();
    await until(async () => (await p.locator('.gen-out .tok.gen').count()) >= 40, { what: 'a sample' });
    return p.locator('.gen-out').textContent();
  };
  const before = await sample(page);
  const generated = before.replace(/^Call.me/, '').replace(/\s|·/g, '');
  assert.ok(new Set(generated).size >= 3, `a sample of several letters: ${before}`);
  const file = await exportModel(page);
  assert.equal(file.name, 'neuroplay-gpt.zip');
  console.log(`  exported ${file.bytes.length} bytes; greedy sample: ${JSON.stringify(before.slice(0, 60))}`);

  // A fresh page on another chapter: the import opens the GPT chapter.
  const fresh = await open(env, '#/playground?seed=1');
  await importFiles(fresh, { name: file.name, mimeType: 'application/zip', buffer: file.bytes });
  await until(async () => /Model imported/.test(await noticeText(fresh)), { what: 'imported note', timeout: 120000 });
  const hash = await fresh.evaluate(() => location.hash);
  assert.ok(hash.startsWith('#/gpt?') && ['merges=10', 'layers=1', 'width=32', 'topK=1'].every((f) => hash.includes(f)), hash);
  assert.equal(await sample(fresh), before);
  assert.deepEqual(fresh.errors, []);
  await page.context().close();
  await fresh.context().close();
});

test('a corrupt or foreign folder is refused with its reason, in English and Chinese', async () => {
  const page = await open(env, '#/playground?seed=3');
  await until(async () => Number.isFinite(await number(page, '#test-loss')), { what: 'page' });
  const hash = await page.evaluate(() => location.hash);
  // Half a zip archive.
  const zip = (await exportModel(page)).bytes;
  await importFiles(page, { name: 'cut.zip', mimeType: 'application/zip', buffer: zip.subarray(0, zip.length >> 1) });
  await until(async () => /refused: not a readable zip archive/.test(await noticeText(page)), { what: 'zip refused' });
  // Loose files of a model no chapter holds.
  await importFiles(page, [
    { name: 'config.json', mimeType: 'application/json', buffer: Buffer.from('{"architectures": ["BertModel"], "model_type": "bert"}') },
    { name: 'model.safetensors', mimeType: 'application/octet-stream', buffer: Buffer.from('not tensors') },
  ]);
  await until(async () => /no chapter here holds this model \(BertModel\)/.test(await noticeText(page)), { what: 'architecture refused' });
  // A safetensors header whose length runs past the end of the file.
  const config = '{"architectures": ["NeuroplayMlp"], "neuroplay": {"format": 1, "chapter": "playground", "settings": "seed=3"}}';
  const bad = Buffer.alloc(16);
  bad.writeUInt32LE(1000, 0);
  await importFiles(page, [
    { name: 'config.json', mimeType: 'application/json', buffer: Buffer.from(config) },
    { name: 'model.safetensors', mimeType: 'application/octet-stream', buffer: bad },
  ]);
  await until(async () => /model\.safetensors is malformed \(the header length 1000 runs past the end/.test(await noticeText(page)), { what: 'header refused' });
  await page.locator('button[data-lang=zh]').click();
  await until(async () => /被拒绝了：model\.safetensors 格式有误/.test(await noticeText(page)), { what: 'the reason in Chinese' });
  assert.equal(await page.evaluate(() => location.hash.replace('lang=zh', 'lang=en')), hash, 'nothing was opened');
  assert.deepEqual(page.errors, []);
  await page.context().close();
});
