// Links: hostile ones open safely with a note, embed links hide what they
// name, and the Share dialog builds both.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { start, open, until, number } from './helpers.mjs';

let env;
before(async () => { env = await start(); });
after(async () => { await env.close(); });

test('a hostile link opens with defaults, names the bad fields and injects nothing', async () => {
  const hostile = '#/playground?networkShape=99999,1e9&batchSize=NaN&learningRate=Infinity'
    + '&dataset=%3Cimg%20src%3Dx%20onerror%3D%22window.__pwned%3D1%22%3E'
    + '&%3Cscript%3Ewindow.__pwned%3D2%3C%2Fscript%3E=1&seed=%3Cb%3Ebold%3C%2Fb%3E&lang=xx&embed=maybe'
    + `&points=${'A'.repeat(70000)}`;
  const page = await open(env, hostile);
  const note = page.locator('.notice');
  await until(async () => (await note.count()) > 0, { what: 'notice' });
  const text = await note.first().textContent();
  for (const field of ['networkShape', 'batchSize', 'learningRate', 'dataset', '<script>', 'seed', 'lang', 'embed']) {
    assert.ok(text.includes(field), `note names ${field}: ${text}`);
  }
  assert.equal(await page.evaluate(() => window.__pwned), undefined);
  assert.equal(await page.locator('main img, #notice img, #notice script, #notice b').count(), 0);
  // Defaults took their place, and the page trains.
  await until(async () => (await page.locator('.neuron-controls').count()) === 2, { what: 'default network' });
  assert.equal(await page.getByLabel('Batch size').inputValue(), '10');
  const hash = await page.evaluate(() => location.hash);
  assert.ok(!hash.includes('<') && !hash.includes('%3C'), hash.slice(0, 200));
  await page.getByRole('button', { name: 'Play' }).click();
  await until(async () => (await number(page, '.epoch-value')) > 3, { what: 'training after a hostile link' });
  assert.deepEqual(page.errors.filter((e) => !e.includes('Content Security Policy')), []);
  await page.context().close();
});

test('an embed link hides the header, the text and the named controls, and can autoplay', async () => {
  const link = '#/playground?embed=true&autoplay=true&seed=7&learningRate_hide=true&dataset_hide=true&playButton_hide=true&numHiddenLayers_hide=true';
  const page = await open(env, link, { viewport: { width: 900, height: 620 } });
  assert.equal(await page.locator('header.site').isVisible(), false);
  assert.equal(await page.locator('.chapter-text').isVisible(), false);
  assert.equal(await page.getByLabel('Learning rate').isVisible(), false);
  assert.equal(await page.locator('button.play').isVisible(), false);
  assert.equal(await page.locator('.datasets').isVisible(), false);
  // The embed shows the picture first; the other settings are behind Controls.
  assert.equal(await page.getByLabel('Activation').isVisible(), false);
  await page.getByRole('button', { name: 'Controls' }).click();
  assert.equal(await page.getByLabel('Activation').isVisible(), true);
  assert.equal(await page.getByLabel('Learning rate').isVisible(), false, 'a hidden control stays hidden');
  await until(async () => (await page.locator('.graph .node.neuron').count()) > 0, { what: 'graph' });
  assert.equal(await page.locator('.layer-controls').count(), 0);
  await until(async () => (await number(page, '.epoch-value')) > 5, { what: 'autoplay' });
  await page.context().close();
});

test('the Share dialog builds the link and an iframe snippet with hidden controls', async () => {
  const page = await open(env, '#/playground?seed=8&activation=relu');
  await page.getByRole('button', { name: 'Share' }).click();
  const link = page.getByLabel('Link to these settings and seed');
  assert.ok((await link.inputValue()).includes('activation=relu'));
  await page.getByLabel('Noise').last().check();
  await page.getByLabel('Start training on load').check();
  const snippet = await page.getByLabel('Embed in a page (iframe)').inputValue();
  assert.match(snippet, /^<iframe src="http:\/\/127\.0\.0\.1:\d+\/#\/playground\?lang=en&amp;embed=true&amp;autoplay=true|^<iframe src="http:\/\/127\.0\.0\.1:\d+\/#\/playground\?lang=en&embed=true&autoplay=true/);
  assert.ok(snippet.includes('noise_hide=true'));
  assert.ok((await link.inputValue()).includes('noise_hide=true'));
  // The embed link it made works.
  const src = snippet.match(/src="([^"]+)"/)[1].replace(/&amp;/g, '&');
  const embedded = await open(env, src.slice(src.indexOf('#')));
  assert.equal(await embedded.getByLabel('Noise').isVisible(), false);
  await until(async () => (await number(embedded, '.epoch-value')) > 2, { what: 'embedded autoplay' });
  await page.context().close();
  await embedded.context().close();
});

test('editing the address bar applies the new settings', async () => {
  const page = await open(env, '#/playground?seed=9');
  await until(async () => (await page.locator('.neuron-controls').count()) === 2, { what: 'graph' });
  await page.evaluate(() => { location.hash = '#/playground?seed=9&networkShape=3&activation=sigmoid'; });
  await until(async () => (await page.locator('.neuron-controls').count()) === 1, { what: 'new shape' });
  assert.equal(await page.getByLabel('Activation').inputValue(), 'sigmoid');
  await page.context().close();
});
