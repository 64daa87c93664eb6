// The #/hub chapter as a reader meets it: the story and one card per ready
// model of the gallery (www/models/index.json, made by `make models`), in
// English and Chinese; a card's link opens its chapter with the model
// loaded, showing the card's figures before anything is trained; the GPT
// writes from its loaded weights; an unknown model gets a note and the
// chapter trains from its settings; a phone and a small embed fit.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { start, open, until, number, embeddedElsewhere } from './helpers.mjs';

const INDEX = JSON.parse(readFileSync(new URL('../../www/models/index.json', import.meta.url), 'utf8'));
const model = (id) => INDEX.models.find((m) => m.id === id);
const figure = (m, name) => m.figures.find((f) => f.name === name).value;

let env;
before(async () => { env = await start(); });
after(async () => { await env.close(); });

const noticeText = (page) => page.locator('#notice').textContent();
const cards = (page) => page.locator('.model-card');

test('#/hub tells the story and shows a card per gallery model, in English and Chinese', async () => {
  const page = await open(env, '#/hub');
  await until(async () => (await cards(page).count()) === INDEX.models.length, { what: 'the cards' });
  assert.match(await page.locator('.chapter-text').textContent(), /pytorch-pretrained-bert.*Git LFS.*safetensors/s);
  assert.match(await page.locator('pre.hub-python').textContent(), /GPT2LMHeadModel\.from_pretrained.*load_file/s);
  for (const m of INDEX.models) {
    const card = page.locator(`.model-card[data-model="${m.id}"]`);
    assert.equal(await card.locator('h3').textContent(), m.title.en);
    const text = await card.textContent();
    assert.ok(text.includes(m.settings), `${m.id}: its settings link`);
    assert.ok(text.includes(`seed “${m.seed}”`), `${m.id}: its seed`);
    assert.ok(text.includes('make models'), `${m.id}: the command`);
    assert.ok(text.includes(`${Math.ceil(m.bytes / 1024)} kB`), `${m.id}: its size`);
    assert.equal(await card.getByRole('link', { name: 'Download', exact: false }).getAttribute('href'), `models/${m.id}.zip`);
    const href = await card.getByRole('link', { name: `Open “${m.title.en}” in its chapter` }).getAttribute('href');
    assert.ok(href.startsWith(`#/${m.route}?`) && href.includes(`model=${m.id}`), href);
  }
  const spiral = model('playground-spiral');
  const acc = `${(100 * figure(spiral, 'test accuracy')).toFixed(1)}%`;
  assert.ok((await page.locator('.model-card[data-model="playground-spiral"] .model-figures').textContent()).includes(acc), acc);
  // The zip served is the shipped file.
  const bytes = await page.evaluate(async () => (await (await fetch('models/gpt-moby.zip')).arrayBuffer()).byteLength);
  assert.equal(bytes, model('gpt-moby').bytes);
  console.log(`  ${INDEX.models.length} cards; spiral test accuracy ${acc}`);

  await page.locator('button[data-lang=zh]').click();
  await until(async () => (await page.locator('.model-card h3').first().textContent()) === INDEX.models[0].title.zh, { what: 'Chinese titles' });
  assert.match(await page.locator('.chapter-text h2').textContent(), /分享训练好的模型/);
  assert.equal(await page.getByRole('link', { name: `在所属章节中打开“${INDEX.models[0].title.zh}”` }).count(), 1);
  assert.match(await page.locator('.model-card[data-model="playground-spiral"]').textContent(), /测试准确率/);
  // Every figure's name is given in Chinese too (none left in English words).
  for (const dt of await page.locator('.model-figures dt').allTextContents()) {
    assert.ok(/[\u4e00-\u9fff]/.test(dt), `a figure named in Chinese: ${dt}`);
  }
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('the playground gallery model opens in its chapter showing the card’s figures without Play', async () => {
  const m = model('playground-spiral');
  const page = await open(env, '#/hub');
  await page.getByRole('link', { name: `Open “${m.title.en}” in its chapter` }).click();
  await until(async () => /Model imported/.test(await noticeText(page)), { what: 'the model loaded' });
  const hash = await page.evaluate(() => location.hash);
  assert.ok(hash.startsWith('#/playground?') && hash.includes('model=playground-spiral') && hash.includes('dataset=spiral'), hash);
  const acc = `${(100 * figure(m, 'test accuracy')).toFixed(1)}%`;
  const loss = figure(m, 'test loss').toFixed(3);
  await until(async () => (await page.locator('#acc-test').textContent()) === acc && (await page.locator('#test-loss').textContent()) === loss,
    { what: `test accuracy ${acc} and test loss ${loss}` });
  assert.equal(await page.locator('button.play').getAttribute('aria-label'), 'Play', 'nothing trained');
  console.log(`  loaded: test accuracy ${acc}, test loss ${loss} (index.json ${figure(m, 'test loss')})`);
  // A setting changed by the reader: the link no longer names the model.
  await page.getByLabel('Learning rate').selectOption('0.01');
  await until(async () => { const h = await page.evaluate(() => location.hash); return h.includes('learningRate=0.01') && !h.includes('model='); },
    { what: 'the link without model=' });
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('the GPT gallery model writes a sample from its loaded weights', async () => {
  const m = model('gpt-moby');
  const page = await open(env, `#/gpt?${m.settings}&model=${m.id}`);
  await until(async () => /Model imported/.test(await noticeText(page)), { what: 'the model loaded', timeout: 120000 });
  const valid = figure(m, 'validation cross-entropy (nats per token)').toFixed(3);
  await until(async () => (await page.locator('.loss-info').textContent()).includes(valid), { what: `validation loss ${valid}`, timeout: 60000 });
  await page.getByRole('button', { name: 'Generate', exact: true }).click();
  await until(async () => (await page.locator('.gen-out .tok.gen').count()) >= 40, { what: 'a sample', timeout: 60000 });
  const generated = (await page.locator('.gen-out .tok.gen').allTextContents()).join('');
  // Trained weights write words of English: mostly letters and spaces.
  const letters = (generated.match(/[a-z ·]/gi) || []).length;
  assert.ok(letters > 0.7 * generated.length, generated);
  console.log(`  validation loss ${valid}; generated after the prompt: ${JSON.stringify(generated.slice(0, 80))}`);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('every gallery model opens in its chapter with its weights loaded', async () => {
  for (const m of INDEX.models) {
    const page = await open(env, `#/${m.route}?${m.settings}&model=${m.id}`);
    await until(async () => /Model imported/.test(await noticeText(page)), { what: `${m.id} loaded`, timeout: 120000 });
    assert.ok((await noticeText(page)).includes(m.parameters.toLocaleString('en-US')), `${m.id}: ${m.parameters} parameters`);
    assert.deepEqual(page.errors, [], m.id);
    await page.context().close();
  }
});

test('a folder imported on the hub page opens in its own chapter with its weights', async () => {
  const m = model('playground-xor');
  const page = await open(env, '#/hub');
  const [chooser] = await Promise.all([
    page.waitForEvent('filechooser'),
    page.getByRole('button', { name: 'Import model' }).click(),
  ]);
  await chooser.setFiles({ name: `${m.id}.zip`, mimeType: 'application/zip', buffer: readFileSync(new URL(`../../www/${m.file}`, import.meta.url)) });
  await until(async () => /Model imported/.test(await noticeText(page)), { what: 'the model loaded' });
  const hash = await page.evaluate(() => location.hash);
  assert.ok(hash.startsWith('#/playground?') && hash.includes('dataset=xor'), hash);
  const acc = `${(100 * figure(m, 'test accuracy')).toFixed(1)}%`;
  await until(async () => (await page.locator('#acc-test').textContent()) === acc, { what: `test accuracy ${acc}` });
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('an unknown gallery model gets a note and the chapter trains from its settings', async () => {
  const page = await open(env, '#/playground?seed=3&networkShape=3&model=no-such-model');
  await until(async () => /no gallery model “no-such-model”/.test(await noticeText(page)), { what: 'the note' });
  await page.getByRole('button', { name: 'Play' }).click();
  await until(async () => (await number(page, '.epoch-value')) > 2, { what: 'training' });
  await page.getByRole('button', { name: 'Pause' }).click();
  // A model id that cannot be a file name is a bad link value.
  const bad = await open(env, '#/playground?seed=3&model=..%2Fx');
  await until(async () => /model/.test(await noticeText(bad)), { what: 'the bad value noted' });
  // A gallery model of another chapter is not loaded here.
  const other = await open(env, '#/playground?seed=3&model=gpt-moby');
  await until(async () => /no gallery model “gpt-moby”/.test(await noticeText(other)), { what: 'the other chapter’s model refused' });
  for (const p of [page, bad, other]) {
    assert.deepEqual(p.errors, []);
    await p.context().close();
  }
});

test('#/hub on a 390 px phone with touch: no sideways scroll, the gallery first, a tap opens a model', async () => {
  const context = await env.browser.newContext({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true, locale: 'en-US' });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(`${env.base}#/hub`);
  await page.waitForSelector('body[data-ready=true]', { state: 'attached', timeout: 60000 });
  await until(async () => (await cards(page).count()) === INDEX.models.length, { what: 'the cards' });
  const box = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, width: innerWidth, height: innerHeight }));
  assert.equal(box.scroll, 390, 'no sideways scrolling');
  const main = await page.locator('.hub-overview').boundingBox();
  // The gallery comes first: its overview starts in the first half screen.
  assert.ok(main.y <= box.height / 2, `the overview begins on the first screen: ${JSON.stringify(main)}`);
  const m = model('playground-xor');
  const link = page.getByRole('link', { name: `Open “${m.title.en}” in its chapter` });
  await link.scrollIntoViewIfNeeded();
  assert.ok((await link.boundingBox()).height >= 40, 'a finger-sized link');
  await link.tap();
  const acc = `${(100 * figure(m, 'test accuracy')).toFixed(1)}%`;
  await until(async () => (await page.locator('#acc-test').textContent()) === acc, { what: `test accuracy ${acc}` });
  assert.deepEqual(errors, []);
  await context.close();
});

test('#/hub embedded at 600×450 on another origin fits its frame', async () => {
  const e = await embeddedElsewhere(env, `${env.base}#/hub?embed=true`);
  await until(async () => (await e.frame.locator('.hub-overview tr').count()) === INDEX.models.length, { what: 'the overview' });
  // Measured inside the frame: no scroll bars, the overview wholly in view.
  const fit = () => e.inner.evaluate(() => {
    const r = document.querySelector('.hub-overview').getBoundingClientRect();
    const d = document.documentElement;
    return { scroll: [d.scrollWidth, d.scrollHeight], view: [innerWidth, innerHeight], main: [r.left, r.top, r.right, r.bottom] };
  });
  const ok = (f) => f.scroll[0] <= f.view[0] && f.scroll[1] <= f.view[1] && f.main[0] >= -0.5 && f.main[1] >= -0.5
    && f.main[2] <= f.view[0] + 0.5 && f.main[3] <= f.view[1] + 0.5 && f.main[2] > f.main[0];
  const f = await until(async () => { const x = await fit(); return ok(x) && x; }, { what: 'the fit' }).catch(async (err) => {
    throw new Error(`${err.message}: ${JSON.stringify(await fit())}`);
  });
  console.log(`  embedded: ${JSON.stringify(f)}`);
  assert.equal(await e.frame.locator('.chapter-text').isVisible(), false);
  assert.equal(await e.frame.getByRole('link', { name: INDEX.models[0].title.en }).isVisible(), true);
  await e.close();
});
