// The first chapters draw what their texts promise: the convex hulls and
// the unit's line on every step of exclusive-or, the update w ← w + y·x with
// its numbers, the separating plane in the new feature space once the
// product feature converges, the unit diagram of 1943 lit for the current
// input with the corners shaded by the side that fires, parity on three
// inputs, and the perceptron's three margins told apart. Texts that depend
// on a number take their form in both languages, and the benchmark page
// has the site's header and both languages.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { CHAPTERS } from '../../www/js/chapters.js';
import { start, open, until, number } from './helpers.mjs';

let env;
before(async () => { env = await start(); });
after(async () => { await env.close(); });

/** RGBA of the perceptron plot's top canvas at a point of the plane. */
const pixel = (page, x, y) => page.evaluate(([x, y]) => {
  const c = document.querySelector('.plot-fg');
  const px = Math.round(((x / 6 + 1) / 2) * c.width);
  const py = Math.round(((1 - y / 6) / 2) * c.height);
  return Array.from(c.getContext('2d').getImageData(px, py, 1, 1).data);
}, [x, y]);

/** How many pixels of the top canvas are dark (the unit's line, drawn or faded). */
const darkPixels = (page) => page.evaluate(() => {
  const c = document.querySelector('.plot-fg');
  const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
  let n = 0;
  for (let i = 0; i < d.length; i += 4) if (d[i + 3] > 60 && d[i] < 90 && d[i + 1] < 90 && d[i + 2] < 90) n++;
  return n;
});

const isOrange = ([r, g, b, a]) => a > 40 && r > 200 && b < 110 && g > 100 && g < 190;
const isBlue = ([r, g, b, a]) => a > 40 && b > 150 && r < 80;

test('exclusive-or: both hulls drawn, a line on every step, and each update with its numbers', async () => {
  const page = await open(env, '#/xor?speed=5');
  await until(async () => (await page.locator('.plot').getAttribute('data-hulls')) === '2', { what: 'hulls drawn' });
  // Before any step: the two diagonals, each in its class's colour.
  for (const [x, y] of [[-1.5, 1.5], [1.5, -1.5]]) assert.ok(isOrange(await pixel(page, x, y)), `orange hull at ${x}, ${y}`);
  for (const [x, y] of [[-1.5, -1.5], [1.5, 1.5]]) assert.ok(isBlue(await pixel(page, x, y)), `blue hull at ${x}, ${y}`);
  assert.match(await page.locator('.geometry').textContent(), /convex hull of the blue corners is one diagonal/);
  // Every step until the cycle shows a line: the unit's, or, while its
  // weights are zero, the one it had before (and says so).
  const seen = [];
  for (let step = 1; step <= 4; step++) {
    await page.getByRole('button', { name: 'Show the next point' }).click();
    await until(async () => (await number(page, '#pc-steps')) === step, { what: `step ${step}` });
    await until(async () => (await page.locator('.update-note .step-note').textContent()).startsWith(`Point ${step} `), { what: `note ${step}` });
    const line = await page.locator('.plot').getAttribute('data-line');
    const note = await page.locator('.line-note').textContent();
    const dark = await darkPixels(page);
    seen.push(line);
    assert.ok(line === 'current' || line === 'previous', `step ${step}: line ${line}`);
    assert.ok(dark > 150, `step ${step}: ${dark} dark pixels`);
    if (line === 'previous') assert.match(note, /^Now w = 0(:| and b = 0:) .* The faded line is where it stood before\./);
    else assert.equal(note.trim(), '');
  }
  console.log(`  lines on the four steps: ${seen.join(', ')}`);
  assert.ok(seen.includes('previous'), 'exclusive-or passes through zero weights');
  // The first step, in numbers: zero weights score 0, a mistake.
  await page.getByRole('button', { name: 'Reset the network' }).click();
  await until(async () => (await number(page, '#pc-steps')) === 0, { what: 'reset' });
  await page.getByRole('button', { name: 'Show the next point' }).click();
  await until(async () => (await page.locator('.update-note .formula').count()) === 2, { what: 'update shown' });
  assert.equal(await page.locator('.update-note .step-note').textContent(),
    'Point 1 (x = (−3, −3), y = +1) was misclassified: y·(w·x + b) = 0 ≤ 0. The rule adds y·x to the weights and y to the bias:');
  assert.deepEqual(await page.locator('.update-note .formula').allTextContents(),
    ['w ← w + y·x = (0, 0) + (+1)·(−3, −3) = (−3, −3)', 'b ← b + y = 0 + (+1) = 1']);
  assert.equal(await page.locator('.plot').getAttribute('data-line'), 'current');
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('exclusive-or with the product feature: separable in the new feature space, and the page says so', async () => {
  const page = await open(env, '#/xor?features=product&speed=1000');
  await until(async () => /a flat plane fits between them/.test(await page.locator('.geometry').textContent()), { what: 'lifted text' });
  assert.equal(await page.locator('.lift').isVisible(), true);
  await page.getByRole('button', { name: 'Play' }).click();
  await until(async () => /^Converged/.test(await page.locator('.status').textContent()), { what: 'convergence' });
  await until(async () => /^Separable in the new feature space/.test(await page.locator('.geometry').textContent()), { what: 'separable text' });
  const side = await page.locator('.pc-columns .column').nth(1).textContent();
  assert.doesNotMatch(side, /No straight line separates/);
  const lift = page.getByRole('img', { name: /lifted to height x₁·x₂/ });
  assert.equal(await lift.getAttribute('data-plane'), 'true');
  assert.equal(await lift.getAttribute('data-separates'), 'true', 'the plane has the colours on its two sides');
  assert.equal(await lift.locator('polygon.unit-plane').count(), 1);
  assert.equal(await lift.locator('circle.lifted').count(), 4);
  const eq = await page.locator('.lift-equation').textContent();
  console.log(`  the plane found: ${eq}`);
  assert.match(eq, /x₁x₂.* = 0$/);
  assert.ok((await page.locator('.geometry').textContent()).includes(eq));
  // In the plane the boundary is drawn as the curve.
  assert.equal(await page.locator('.plot').getAttribute('data-line'), 'current');
  // Without the product feature the lifted picture goes away.
  await page.getByLabel('Add the feature x₁·x₂').uncheck();
  await until(async () => !(await page.locator('.lift').isVisible()), { what: 'lift hidden' });
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('1943: the unit diagram lights up with the current input, and the corners are shaded by the side that fires', async () => {
  const page = await open(env, '#/neuron?target=xor&w1=1&w2=1&threshold=1.5');
  const diagram = page.getByRole('img', { name: /^The unit on the current inputs/ });
  assert.equal(await diagram.getAttribute('aria-label'),
    'The unit on the current inputs: x₁ = 1, x₂ = 0; the weighted sum 1.00 < the threshold 1.50, so the output is 0.');
  assert.equal(await diagram.locator('g.input[data-on=true]').count(), 1);
  assert.equal(await diagram.locator('line.wire.lit').count(), 1);
  assert.equal(await diagram.locator('g.output').getAttribute('data-fires'), 'false');
  // Switch x₂ on: both wires lit, the sum reaches the threshold, it fires.
  await page.getByRole('button', { name: 'x₂ = 0' }).click();
  await until(async () => (await diagram.locator('g.input[data-on=true]').count()) === 2, { what: 'x₂ on' });
  assert.match(await diagram.getAttribute('aria-label'), /sum 2\.00 ≥ the threshold 1\.50, so the output is 1\.$/);
  assert.equal(await diagram.locator('g.output').getAttribute('data-fires'), 'true');
  assert.equal(await page.locator('#mp-out').textContent(), '1');
  // The square: every corner lies in the shaded side that matches its output.
  const square = page.getByRole('img', { name: /corners of a square/ });
  assert.equal(await square.locator('polygon.side.fires').count(), 1);
  assert.equal(await square.locator('polygon.side.quiet').count(), 1);
  const corners = await square.evaluate((svg) => [...svg.querySelectorAll('g.corner')].map((g) => {
    const c = g.querySelectorAll('circle');
    const dot = c[c.length - 1];
    const p = new DOMPoint(Number(dot.getAttribute('cx')), Number(dot.getAttribute('cy')));
    const fires = svg.querySelector('polygon.side.fires');
    const quiet = svg.querySelector('polygon.side.quiet');
    return { fires: g.dataset.fires === 'true', right: g.dataset.right, inFires: fires.isPointInFill(p), inQuiet: quiet.isPointInFill(p) };
  }));
  assert.equal(corners.length, 4);
  for (const c of corners) assert.ok(c.fires ? c.inFires && !c.inQuiet : c.inQuiet && !c.inFires, JSON.stringify(c));
  // As many green rings as the table has matches.
  const matches = await page.locator('table.truth td.match').count();
  assert.equal(corners.filter((c) => c.right === 'true').length, matches);
  // The text's search button is on the page before any search.
  for (const gate of ['none', 'and', 'xor']) {
    await page.getByLabel('Target gate').selectOption(gate);
    assert.equal(await page.getByRole('button', { name: /^Try every setting from −4 to 4/ }).isVisible(), true, gate);
  }
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('1943 on three inputs: exclusive-or is parity in the table, the text and the search, drawn on a cube', async () => {
  const page = await open(env, '#/neuron?inputs=3&target=xor&w1=1&w2=1&w3=1&threshold=1');
  const gate = 'XOR (parity: an odd number of inputs on)';
  assert.equal(await page.locator('select').nth(1).locator('option:checked').textContent(), gate);
  assert.match(await page.locator('.summary').textContent(), new RegExp(`^\\d of 8 rows match ${gate.replace(/[()]/g, '\\$&')}\\.$`));
  // The row 1, 1, 1 wants 1, and the text says so.
  const last = await page.locator('table.truth tr').last().locator('td').allTextContents();
  assert.deepEqual(last.slice(0, 3), ['1', '1', '1']);
  assert.equal(last[5], '1');
  assert.match(await page.locator('.chapter-text').textContent(), /with three, when an odd number are on \(so 1, 1, 1 gives 1\)/);
  assert.match(await page.locator('.why').textContent(), /^Parity/);
  const cube = page.getByRole('img', { name: /corners of a cube/ });
  assert.equal(await cube.locator('g.corner').count(), 8);
  assert.equal(await cube.locator('polygon.unit-plane').count(), 1);
  await page.getByRole('button', { name: /^Try every setting from −4 to 4 for XOR \(parity/ }).click();
  await until(async () => /at best \d of 8 rows match/.test(await page.locator('.search-result').textContent()), { what: 'search on three inputs' });
  const found = await page.locator('.search-result').textContent();
  console.log(`  ${found}`);
  assert.doesNotMatch(found, /at best 8 of 8/);
  // A gate one unit can compute is found by the same search.
  await page.getByLabel('Target gate').selectOption('and');
  await page.getByRole('button', { name: /^Try every setting from −4 to 4 for AND/ }).click();
  await until(async () => /^Found after [\d,]+ settings: .* match all 8 rows\.$/.test(await page.locator('.search-result').textContent()), { what: 'AND found' });
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('1957: three margins named apart, γ explained beside the bound, “correctly classified”, axis labels clear of the caption', async () => {
  const page = await open(env, '#/perceptron?seed=4&numPoints=40&margin=0.3&speed=5');
  assert.equal(await page.getByLabel('Gap around the hidden line').count(), 1);
  await until(async () => /Novikoff’s bound/.test(await page.locator('.status').textContent()), { what: 'bound' });
  const why = await page.locator('.bound-note').textContent();
  assert.match(why, /write every point as \(x₁, x₂, 1\)/);
  assert.match(why, /R = [\d.]+ is the length of the longest; γ = [\d.]+ is the distance .* the hidden line the points were drawn around/);
  assert.match(why, /neither the slider’s gap .* nor the widest margin/);
  // γ in the note is γ in the bound.
  const g = /γ = ([\d.]+)/.exec(why)[1];
  assert.ok((await page.locator('.status').textContent()).includes(`/${g})²`));
  assert.match(await page.locator('.geometry').textContent(), /that is the widest margin\.$/);
  // Steps say correctly classified or misclassified, never right or wrong side.
  for (let i = 1; i <= 3; i++) {
    await page.getByRole('button', { name: 'Show the next point' }).click();
    await until(async () => (await number(page, '#pc-steps')) === i, { what: `step ${i}` });
  }
  const note = await page.locator('.step-note').textContent();
  assert.match(note, /^Point 3 \(x = .*\) was (misclassified|correctly classified)/);
  assert.doesNotMatch(note, /right side|wrong side/);
  // No tick label of the plot overlaps a caption below or beside it.
  const overlaps = await page.evaluate(() => {
    const col = document.querySelector('.pc-columns .column');
    const ticks = [...col.querySelectorAll('.tick')].map((e) => e.getBoundingClientRect());
    const texts = [...col.querySelectorAll(':scope > p')].map((e) => e.getBoundingClientRect()).filter((r) => r.height > 0);
    const meet = (a, b) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
    const box = col.getBoundingClientRect();
    return {
      overlaps: ticks.flatMap((t) => texts.filter((p) => meet(t, p)).map((p) => [t.top, p.top])),
      outside: ticks.filter((t) => t.left < box.left || t.right > box.right).length,
      texts: texts.length,
    };
  });
  assert.ok(overlaps.texts >= 2);
  assert.deepEqual(overlaps.overlaps, []);
  assert.equal(overlaps.outside, 0);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('texts that depend on a number take their form in both languages; “max” and “out” are translated; the gate sentences read naturally in Chinese', async () => {
  const page = await open(env, '#/playground?networkShape=1&lang=en');
  await until(async () => (await page.getByText('1 hidden layer', { exact: true }).count()) === 1, { what: '1 hidden layer' });
  assert.equal(await page.getByText('1 neuron', { exact: true }).count(), 1);
  assert.equal(await page.locator('button.node.output').getAttribute('aria-label'), 'out');
  assert.equal(await page.getByLabel('Speed (epochs per frame)').locator('option[value="1000"]').textContent(), 'max');
  await page.getByRole('button', { name: '中文' }).click();
  await until(async () => (await page.getByText('1 个隐藏层', { exact: true }).count()) === 1, { what: '1 个隐藏层' });
  assert.equal(await page.getByText('1 个神经元', { exact: true }).count(), 1);
  await until(async () => (await page.locator('button.node.output').getAttribute('aria-label')) === '输出', { what: 'output named in Chinese' });
  assert.equal(await page.getByLabel('速度（每帧轮数）').locator('option[value="1000"]').textContent(), '最快');
  const forms = await page.evaluate(async () => {
    const i18n = await import('/js/i18n.js');
    await import('/js/scenes/neuron/strings.js');
    await import('/js/scenes/perceptron/strings.js');
    const out = {};
    for (const l of ['en', 'zh']) {
      i18n.setLang(l);
      const gate = i18n.t('mp.gate.and');
      out[l] = [
        i18n.t('csv.loaded', { n: 1 }), i18n.t('csv.loaded', { n: 3 }),
        i18n.t('graph.layers', { n: 2 }), i18n.t('graph.neurons', { n: 2 }),
        i18n.t('pc.bound', { n: 1, bound: '1', r: '10.00', g: '9.000' }), i18n.t('pc.bound', { n: 505, bound: '505', r: '6.10', g: '0.271' }),
        i18n.t('pc.withinBound', { n: 1, bound: '1', r: '10.00', g: '9.000' }),
        i18n.t('mp.someMatch', { right: 1, rows: 4, gate }), i18n.t('mp.someMatch', { right: 0, rows: 4, gate }), i18n.t('mp.someMatch', { right: 3, rows: 4, gate }),
      ];
    }
    return out;
  });
  assert.deepEqual(forms.en, [
    'Loaded 1 point.', 'Loaded 3 points.', '2 hidden layers', '2 neurons',
    'Novikoff’s bound for these points: at most (R/γ)² = (10.00/9.000)² ≈ 1 update.',
    'Novikoff’s bound for these points: at most (R/γ)² = (6.10/0.271)² ≈ 505 updates.',
    'Novikoff’s bound for these points was 1 update (R = 10.00, γ = 9.000).',
    '1 of 4 rows matches AND.', '0 of 4 rows match AND.', '3 of 4 rows match AND.',
  ]);
  // (Chinese punctuation is full-width: \uff0c comma, \uff08 \uff09 brackets.)
  assert.deepEqual(forms.zh.slice(7), ['真值表共 4 行\uff0c其中 1 行符合与门\uff08AND\uff09。', '真值表共 4 行\uff0c没有一行符合与门\uff08AND\uff09。', '真值表共 4 行\uff0c其中 3 行符合与门\uff08AND\uff09。']);
  assert.equal(forms.zh[0], '已载入 1 个点。');
  // The 1943 chapter in Chinese, as a reader sees it.
  const zh = await open(env, '#/neuron?lang=zh&target=xor&w1=1&w2=1&threshold=1');
  assert.equal(await zh.locator('.summary').textContent(), '真值表共 4 行\uff0c其中 3 行符合异或门\uff08XOR\uff09。');
  await zh.getByLabel('输入个数').selectOption('3');
  await until(async () => /^真值表共 8 行\uff0c其中 \d 行符合异或门\uff08XOR\uff0c即奇偶校验\uff1a奇数个输入为 1\uff09。$/.test(await zh.locator('.summary').textContent()), { what: 'parity in Chinese' });
  for (const p of [page, zh]) assert.doesNotMatch(await p.locator('main').textContent(), /行与 |1 updates|1 points\b/);
  assert.deepEqual([...page.errors, ...zh.errors], []);
  await page.context().close();
  await zh.context().close();
});

test('the benchmark page has the site’s header and speaks the language of the link that opened it', async () => {
  const page = await open(env, '#/?lang=zh');
  const bench = page.locator('header.site a[data-lang-link]');
  assert.equal(await bench.getAttribute('href'), 'bench.html?lang=zh');
  await bench.click();
  await page.waitForURL(/bench\.html\?lang=zh$/);
  await until(async () => (await page.locator('h1').textContent()) === '性能测试', { what: 'Chinese heading' });
  assert.equal(await page.title(), 'Neuroplay 性能测试');
  assert.equal(await page.getByRole('button', { name: '开始测试' }).count(), 1);
  assert.match(await page.locator('main p').first().textContent(), /TensorFlow\.js 的 WebAssembly 后端/);
  // The header: every chapter, the language kept in the links back.
  const nav = page.getByRole('navigation', { name: '章节' });
  // The timeline, every chapter of the registry, and the benchmark.
  assert.equal(await nav.getByRole('link').count(), CHAPTERS.length + 2);
  assert.equal(await nav.getByRole('link', { name: '时间线' }).getAttribute('href'), './#/?lang=zh');
  assert.equal(await page.locator('a.brand').getAttribute('href'), './#/?lang=zh');
  assert.equal(await page.getByRole('button', { name: '中文' }).getAttribute('aria-pressed'), 'true');
  // Switching language rewrites the page and its address.
  await page.getByRole('button', { name: 'EN' }).click();
  await until(async () => (await page.locator('h1').textContent()) === 'Benchmark', { what: 'English heading' });
  assert.match(page.url(), /bench\.html\?lang=en$/);
  assert.equal(await page.getByRole('navigation', { name: 'Chapters' }).getByRole('link', { name: 'Timeline' }).getAttribute('href'), './#/?lang=en');
  // Back into the app, in the language chosen.
  await page.getByRole('link', { name: '1957' }).click();
  await page.waitForSelector('body[data-ready=true]', { state: 'attached', timeout: 60000 });
  await until(async () => (await page.locator('html').getAttribute('lang')) === 'en' && (await page.evaluate(() => location.hash)).startsWith('#/perceptron?lang=en'), { what: 'perceptron in English' });
  assert.deepEqual(page.errors, []);
  await page.context().close();
});
