// The static server (tools/serve.mjs), spoken to over raw HTTP (no browser,
// no client that would tidy the paths): types and headers, GET and HEAD
// only, malformed and escaping paths refused without internals, and
// validators that let a reload revalidate instead of downloading again.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { mkdtemp, mkdir, writeFile, symlink, rm, utimes, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { serve, CSP } from '../../tools/serve.mjs';

const SECRET = 'secret outside the served folder';
const BIG = 3 * 1024 * 1024 + 17;
let dir;
let root;
let server;
let port;

before(async () => {
  // A folder to serve, with a file beside it that must stay out of reach.
  dir = await mkdtemp(join(tmpdir(), 'neuroplay-serve-'));
  root = join(dir, 'site');
  await mkdir(join(root, 'sub'), { recursive: true });
  await writeFile(join(dir, 'secret.txt'), SECRET);
  await writeFile(join(root, 'index.html'), '<!doctype html><title>home</title>');
  await writeFile(join(root, 'sub', 'index.html'), '<!doctype html><title>sub</title>');
  await writeFile(join(root, 'app.js'), 'export const x = 1;\n');
  await writeFile(join(root, 'engine.wasm'), Buffer.from([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0]));
  await writeFile(join(root, 'style.css'), 'body { color: black; }\n');
  await writeFile(join(root, 'data.bin'), Buffer.alloc(BIG, 7));
  await symlink(join(dir, 'secret.txt'), join(root, 'link.txt'));
  server = await serve(root, 0);
  port = server.address().port;
});

after(async () => {
  await new Promise((ok) => server.close(ok));
  await rm(dir, { recursive: true, force: true });
});

/** One request with the target sent exactly as written. */
function http(method, path, headers = {}, srvPort = port) {
  return new Promise((ok, fail) => {
    const req = request({ host: '127.0.0.1', port: srvPort, method, path, headers }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => ok({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', fail);
    req.end();
  });
}

test('files come with their type, the page\'s headers, a length and validators', async () => {
  const types = { '/': 'text/html; charset=utf-8', '/app.js': 'text/javascript; charset=utf-8', '/engine.wasm': 'application/wasm',
    '/style.css': 'text/css; charset=utf-8', '/data.bin': 'application/octet-stream', '/sub/': 'text/html; charset=utf-8', '/sub': 'text/html; charset=utf-8' };
  for (const [path, type] of Object.entries(types)) {
    const r = await http('GET', path);
    assert.equal(r.status, 200, path);
    assert.equal(r.headers['content-type'], type, path);
    assert.equal(r.headers['content-security-policy'], CSP, path);
    assert.equal(r.headers['x-content-type-options'], 'nosniff', path);
    assert.equal(r.headers['cache-control'], 'no-cache', path);
    assert.equal(Number(r.headers['content-length']), r.body.length, path);
    assert.match(r.headers.etag, /^W\/"[0-9a-f]+-[0-9a-f]+"$/, path);
    assert.ok(Number.isFinite(Date.parse(r.headers['last-modified'])), path);
  }
  const q = await http('GET', '/app.js?v=2#x');
  assert.equal(q.body.toString(), 'export const x = 1;\n', 'the query is not part of the path');
  assert.equal((await http('GET', '/missing.js')).status, 404);
});

test('a large file arrives whole (streamed)', async () => {
  const r = await http('GET', '/data.bin');
  assert.equal(r.status, 200);
  assert.equal(Number(r.headers['content-length']), BIG);
  assert.equal(r.body.length, BIG);
  assert.ok(r.body.every((b) => b === 7));
});

test('HEAD gives the headers of GET, with Content-Length, and no body', async () => {
  for (const path of ['/', '/data.bin', '/engine.wasm']) {
    const [g, h] = [await http('GET', path), await http('HEAD', path)];
    assert.equal(h.status, 200, path);
    assert.equal(h.body.length, 0, path);
    assert.equal(h.headers['content-length'], String(g.body.length), path);
    for (const k of ['content-type', 'etag', 'last-modified', 'content-security-policy']) assert.equal(h.headers[k], g.headers[k], `${path} ${k}`);
  }
});

test('methods other than GET and HEAD answer 405 with Allow', async () => {
  for (const method of ['POST', 'PUT', 'DELETE', 'OPTIONS', 'TRACE', 'PATCH']) {
    const r = await http(method, '/index.html');
    assert.equal(r.status, 405, method);
    assert.equal(r.headers.allow, 'GET, HEAD', method);
    assert.doesNotMatch(r.body.toString(), /doctype/, `${method} sends no file`);
  }
});

test('a malformed path answers 400 and tells nothing of the server', async () => {
  for (const path of ['/%E0%A4%A', '/%', '/%zz', '/a%00b', '/%C0%AF']) {
    const r = await http('GET', path);
    assert.equal(r.status, 400, path);
    assert.doesNotMatch(r.body.toString(), /URIError|malformed|Error|at |\/tmp|node:/, path);
  }
});

test('paths out of the folder stay refused, encoded or not, and links out of it too', async () => {
  const tries = ['/../secret.txt', '/..%2fsecret.txt', '/..%2Fsecret.txt', '/%2e%2e/secret.txt', '/%2e%2e%2fsecret.txt',
    '/sub/..%2f..%2fsecret.txt', '/sub/%2e%2e%2f%2e%2e%2fsecret.txt', '/..%5csecret.txt', '/%2e%2e%5csecret.txt',
    '/..%252fsecret.txt', `/${'..%2f'.repeat(8)}${resolve(dir, 'secret.txt').slice(1)}`, '/link.txt'];
  for (const path of tries) {
    const r = await http('GET', path);
    assert.ok([400, 403, 404].includes(r.status), `${path}: ${r.status}`);
    assert.doesNotMatch(r.body.toString(), new RegExp(SECRET), path);
  }
  assert.equal((await http('GET', '/..%2fsecret.txt')).status, 403);
});

test('a reload revalidates: 304 to If-None-Match and If-Modified-Since, 200 once the file changes', async () => {
  const first = await http('GET', '/data.bin');
  const { etag } = first.headers;
  const modified = first.headers['last-modified'];
  for (const headers of [{ 'if-none-match': etag }, { 'if-none-match': `"other", ${etag}` }, { 'if-none-match': '*' },
    { 'if-modified-since': modified }, { 'if-modified-since': new Date(Date.now() + 60000).toUTCString() }]) {
    for (const method of ['GET', 'HEAD']) {
      const r = await http(method, '/data.bin', headers);
      assert.equal(r.status, 304, `${method} ${JSON.stringify(headers)}`);
      assert.equal(r.body.length, 0);
      assert.equal(r.headers.etag, etag);
    }
  }
  // If-None-Match decides when both are sent.
  assert.equal((await http('GET', '/data.bin', { 'if-none-match': '"other"', 'if-modified-since': modified })).status, 200);
  assert.equal((await http('GET', '/data.bin', { 'if-modified-since': 'Thu, 01 Jan 1998 00:00:00 GMT' })).status, 200);
  assert.equal((await http('GET', '/data.bin', { 'if-modified-since': 'not a date' })).status, 200);
  // A changed file has a new validator.
  await writeFile(join(root, 'data.bin'), Buffer.alloc(BIG + 1, 8));
  const later = new Date(Date.now() + 5000);
  await utimes(join(root, 'data.bin'), later, later);
  const changed = await http('GET', '/data.bin', { 'if-none-match': etag, 'if-modified-since': modified });
  assert.equal(changed.status, 200);
  assert.notEqual(changed.headers.etag, etag);
  assert.equal(changed.body.length, BIG + 1);
  assert.equal((await http('GET', '/data.bin', { 'if-modified-since': modified })).status, 200);
});

test('the shipped digits revalidate instead of downloading again', async () => {
  const www = await serve('www', 0);
  try {
    const wport = www.address().port;
    const file = 'www/data/digits-14x14.bin';
    const first = await http('GET', '/data/digits-14x14.bin', {}, wport);
    assert.equal(first.status, 200);
    assert.equal(first.body.length, (await stat(file)).size);
    const again = await http('GET', '/data/digits-14x14.bin', { 'if-none-match': first.headers.etag }, wport);
    assert.equal(again.status, 304);
    assert.equal(again.body.length, 0);
    console.log(`  digits: ${first.body.length.toLocaleString('en-US')} bytes, then 304 with ${again.body.length} (ETag ${first.headers.etag})`);
  } finally {
    await new Promise((ok) => www.close(ok));
  }
});
