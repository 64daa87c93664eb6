// The attention chapter, as a reader uses it: learn merges and see the
// sample sentence re-tokenized; train the tiny preset until its validation
// loss crosses the bigram line; generate and watch tokens stream; attention
// maps; the scrambled sentence; a shared link; hostile text; a phone's
// width and a blog's iframe.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { start, open, until, number } from './helpers.mjs';

let env;
before(async () => { env = await start(); });
after(async () => { await env.close(); });

const ready = (page) => until(async () => (await page.locator('.vocab-info').textContent()).includes('Vocabulary'), { what: 'tokens', timeout: 90000 });
const losses = async (page) => {
  const t = await page.locator('.loss-info').textContent();
  const m = /validation (\d+\.\d+);.*bigram (\d+\.\d+)/.exec(t);
  return m ? { valid: Number(m[1]), bigram: Number(m[2]) } : null;
};

test('merges are learned one at a time and the sample sentence is re-tokenized', async () => {
  const page = await open(env, '#/gpt?corpus=moby&seed=1');
  await ready(page);
  const strip = page.locator('section[data-control=tokens] .sample-strip .tok');
  await until(async () => (await strip.count()) > 20, { what: 'sample sentence' });
  const before = await strip.count();
  assert.match(await page.locator('.vocab-info').textContent(), /\+ 0 merges/);
  for (let i = 1; i <= 3; i++) {
    await page.getByRole('button', { name: 'Learn one merge' }).click();
    await until(async () => (await page.locator('.vocab-info').textContent()).includes(`+ ${i} merges`), { what: `merge ${i}` });
  }
  await until(async () => (await strip.count()) < before, { what: 'fewer tokens' });
  const list = await page.locator('.merge-list li').allTextContents();
  assert.equal(list.length, 3);
  assert.match(list[2], /^e \+ · → e· \(/, 'the first merge: "e" and a space');
  console.log(`  sample sentence: ${before} tokens with characters, ${await strip.count()} after 3 merges; merges ${JSON.stringify(list)}`);
  // Any text typed shows as tokens with their ids and counts.
  await page.getByLabel('Type any text to see its tokens').fill('the whale');
  await until(async () => (await page.locator('.typed-strip .tok').count()) > 0, { what: 'typed tokens' });
  assert.match(await page.locator('.typed-strip .tok').first().getAttribute('title'), /^token \d+ · [\d,]+ times in the training text$/);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('the tiny preset trains until its validation loss crosses the bigram line', async () => {
  const page = await open(env, '#/gpt?corpus=moby&seed=1');
  await ready(page);
  await page.getByRole('button', { name: 'Play' }).click();
  const t0 = Date.now();
  const crossed = await until(async () => {
    const l = await losses(page);
    return l && l.valid < l.bigram && l;
  }, { what: 'validation below bigram', timeout: 900000, every: 1000 });
  const steps = await number(page, '.epoch-value');
  console.log(`  validation ${crossed.valid} < bigram ${crossed.bigram} at step ${steps}, after ${((Date.now() - t0) / 1000).toFixed(0)} s; ${await page.locator('.perf').textContent()}`);
  await page.getByRole('button', { name: 'Pause' }).click();
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('generation streams tokens, each with its ten likeliest, and attention maps and the scrambled sentence show', async () => {
  const page = await open(env, '#/gpt?corpus=moby&seed=2&stopAtStep=150&length=120&prompt=Call%20me');
  await ready(page);
  await page.getByRole('button', { name: 'Play' }).click();
  await until(async () => (await number(page, '.epoch-value')) >= 150, { what: '150 steps', timeout: 300000 });
  await page.getByRole('button', { name: 'Generate', exact: true }).click();
  const gen = page.locator('.gen-out .tok.gen');
  const counts = [];
  await until(async () => {
    counts.push(await gen.count());
    return counts[counts.length - 1] >= 120;
  }, { what: 'all tokens', every: 50, timeout: 60000 });
  const partial = counts.filter((c) => c > 0 && c < 120);
  console.log(`  tokens seen while streaming: ${[...new Set(partial)].slice(0, 12).join(', ')} … 120`);
  assert.ok(new Set(partial).size >= 3, 'tokens arrived a few at a time');
  await gen.nth(5).hover();
  await until(async () => page.locator('.top-box').isVisible(), { what: 'top ten' });
  assert.equal(await page.locator('.top-box li').count(), 10);
  // Attention: 2 layers × 4 heads for the prompt; hovering a token shows where it looks.
  const maps = page.locator('section[data-control=attention] canvas.heat');
  await until(async () => (await maps.count()) === 8, { what: 'eight maps' });
  await page.locator('.attn-strip .tok').nth(3).hover();
  await until(async () => (await page.locator('.attn-strip .tok.looking').count()) === 1, { what: 'the looking token' });
  // The scrambled sentence: both losses, token by token.
  await page.getByRole('button', { name: 'Scramble it' }).click();
  await until(async () => /mean loss [\d.]+/.test(await page.locator('.scr-head').textContent()), { what: 'scrambled loss' });
  const orig = await page.locator('.orig-head').textContent();
  const scr = await page.locator('.scr-head').textContent();
  console.log(`  ${orig} / ${scr} / ${await page.locator('.scramble-maps + *, .verdict').first().textContent()}`);
  assert.notEqual(await page.locator('.orig-strip').textContent(), await page.locator('.scr-strip').textContent());
  assert.equal(await page.locator('.scramble-maps canvas.heat').count(), 16);
  // Nearest neighbours of a token picked in the sample sentence.
  await page.locator('.sample-strip .tok').nth(2).click();
  await until(async () => (await page.locator('.neighbours li').count()) === 10, { what: 'ten neighbours' });
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('the reader’s own text is checked, then learned', async () => {
  const page = await open(env, '#/gpt?corpus=own&seed=4');
  await ready(page);
  const box = page.getByLabel(/^Paste your own text/);
  await box.fill('too short');
  await page.getByRole('button', { name: 'Train on this text' }).click();
  await until(async () => /too few to train on/.test(await page.locator('.notice.error').first().textContent()), { what: 'refusal' });
  const own = Array.from({ length: 40 }, (_, i) => `Line ${i} of a small text that the reader wrote, with its own words.`).join('\n');
  await box.fill(own);
  await page.getByRole('button', { name: 'Train on this text' }).click();
  await until(async () => /^[\d,]+ characters for training/.test(await page.locator('.data-info').textContent())
    && Number((await page.locator('.data-info').textContent()).split(' ')[0].replace(/,/g, '')) < 3000, { what: 'own text split' });
  const split = (await page.locator('.data-info').textContent()).split(' ')[0];
  await page.getByRole('button', { name: 'Play' }).click();
  await until(async () => (await number(page, '.epoch-value')) > 5, { what: 'training on the own text' });
  // The text travels in the link, compressed, and comes back from it.
  await until(async () => /carry your text/.test(await page.locator('.own [role=status]').textContent()), { what: 'text in the link' });
  const hash = await page.evaluate(() => location.hash);
  assert.match(hash, /[?&]text=[A-Za-z0-9_-]{20,}/);
  assert.ok(hash.length < 2000, `a 2.7 KB text in a ${hash.length}-character link`);
  assert.deepEqual(page.errors, []);
  await page.context().close();
  const again = await open(env, hash);
  await ready(again);
  await until(async () => (await again.getByLabel(/^Paste your own text/).inputValue()) === own, { what: 'text from the link' });
  await until(async () => (await again.locator('.data-info').textContent()).startsWith(`${split} characters for training`), { what: 'the same split' });
  assert.deepEqual(again.errors, []);
  await again.context().close();
  // A text field that is not a packed text: a note, and the poems stand in.
  const bad = await open(env, '#/gpt?corpus=own&seed=4&text=AAAAAAAAAAAA');
  await ready(bad);
  await until(async () => /text in this link cannot be read/.test(await bad.locator('.notice').first().textContent()), { what: 'bad text note' });
  await bad.context().close();
});

test('a shared link restores the configuration and the prompt', async () => {
  const link = '#/gpt?corpus=moby&merges=5&layers=3&width=96&heads=4&context=32&batchSize=8&learningRate=0.001'
    + '&warmup=50&decaySteps=1000&weightDecay=0.01&clip=0.5&stopAtStep=700'
    + '&prompt=Call%20me%20Ishmael&temperature=0.5&topK=10&topP=0.9&length=50&seed=abc&sentence=The%20whale%20surfaced';
  const page = await open(env, link);
  await ready(page);
  assert.equal(await page.getByLabel('Text', { exact: true }).inputValue(), 'moby');
  assert.equal(await page.getByLabel('Layers', { exact: true }).inputValue(), '3');
  assert.equal(await page.getByLabel('Width', { exact: true }).inputValue(), '96');
  assert.equal(await page.getByLabel('Context', { exact: true }).inputValue(), '32');
  assert.equal(await page.getByLabel('Prompt', { exact: true }).inputValue(), 'Call me Ishmael');
  assert.equal(await page.getByLabel('Sentence', { exact: true }).inputValue(), 'The whale surfaced');
  assert.equal(await page.getByLabel(/^Temperature/).inputValue(), '0.5');
  assert.equal(await page.getByLabel('Top-k (0: all)').inputValue(), '10');
  assert.equal(await page.getByLabel('Warm-up steps').inputValue(), '50');
  assert.equal(await page.getByLabel('Cosine decay over (steps)').inputValue(), '1000');
  assert.equal(await page.getByLabel('Weight decay (AdamW)').inputValue(), '0.01');
  assert.equal(await page.getByLabel(/^Clip gradient norm/).inputValue(), '0.5');
  assert.equal(await page.getByLabel(/^Stop at step/).inputValue(), '700');
  await until(async () => (await page.locator('.vocab-info').textContent()).includes('+ 5 merges'), { what: 'five merges' });
  assert.match(await page.locator('.model-info').textContent(), /^3 blocks of 4 heads, width 96, context 32 tokens/);
  const hash = await page.evaluate(() => location.hash);
  assert.ok(hash.includes('prompt=Call%20me%20Ishmael') && hash.includes('seed=abc'), hash);
  await page.context().close();
});

test('hostile prompts and links inject nothing', async () => {
  const evil = encodeURIComponent('<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>');
  const page = await open(env, `#/gpt?corpus=moby&prompt=${evil}&sentence=${evil}&layers=99&heads=3&width=64&merges=-5&context=1e9`);
  await ready(page);
  const note = await page.locator('.notice').first().textContent();
  for (const f of ['layers', 'merges', 'context', 'heads']) assert.ok(note.includes(f), `${f} named: ${note}`);
  assert.equal(await page.getByLabel('Prompt', { exact: true }).inputValue(), decodeURIComponent(evil));
  await page.getByRole('button', { name: 'Generate', exact: true }).click();
  await until(async () => (await page.locator('.gen-out .tok').count()) > 10, { what: 'generated' });
  await page.getByRole('button', { name: 'Scramble it' }).click();
  await until(async () => (await page.locator('.scr-strip .tok').count()) > 5, { what: 'scrambled' });
  await page.getByLabel('Type any text to see its tokens').fill('<b onmouseover=alert(1)>x</b>');
  await until(async () => (await page.locator('.typed-strip .tok').count()) > 5, { what: 'typed' });
  assert.equal(await page.evaluate(() => window.__pwned), undefined);
  assert.equal(await page.locator('main img, main script, main b').count(), 0);
  assert.deepEqual(page.errors.filter((e) => !e.includes('Content Security Policy')), []);
  await page.context().close();
});

test('the chapter works at a phone’s width and in a 600×450 iframe on another origin', async () => {
  const phone = await open(env, '#/gpt?corpus=moby', { viewport: { width: 390, height: 844 } });
  await ready(phone);
  const width = await phone.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(width <= 392, `page is ${width}px wide at 390`);
  await phone.getByRole('button', { name: 'Play' }).click();
  await until(async () => (await number(phone, '.epoch-value')) > 3, { what: 'training on a phone' });
  await phone.context().close();

  const context = await env.browser.newContext({ viewport: { width: 800, height: 600 } });
  const host = await context.newPage();
  const errors = [];
  host.on('pageerror', (e) => errors.push(String(e)));
  await host.setContent(`<iframe src="${env.base}#/gpt?corpus=moby&embed=true&autoplay=true&tokens_hide=true&embeddings_hide=true" width="600" height="450"></iframe>`);
  const frame = await until(async () => host.frames().find((f) => f.url().includes('#/gpt')), { what: 'frame' });
  await frame.waitForSelector('body[data-ready=true]', { state: 'attached', timeout: 60000 });
  await until(async () => Number((await frame.locator('.epoch-value').textContent()).replace(/,/g, '')) > 3, { what: 'autoplay in the iframe', timeout: 120000 });
  assert.equal(await frame.locator('header.site').isVisible(), false);
  assert.equal(await frame.locator('section[data-control=tokens]').isVisible(), false);
  assert.equal(await frame.locator('.chapter-text').isVisible(), false);
  const w = await frame.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(w <= 602, `embed is ${w}px wide in a 600px frame`);
  assert.deepEqual(errors, []);
  await context.close();
});
