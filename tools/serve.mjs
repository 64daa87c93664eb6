// A static file server for the playground, bound to 127.0.0.1. No server
// logic: the same folder works on any static host. Sends the page's
// Content-Security-Policy and the right type for .wasm; answers GET and HEAD
// only; validators (ETag from size and modification time, Last-Modified)
// let a reload revalidate with 304 instead of downloading again; files are
// streamed, never read whole into memory.
//
// usage: node tools/serve.mjs [root] ; PORT (default 8000) picks the port,
// PORT=0 picks a free one. Prints the URL once listening.

import { createServer } from 'node:http';
import { createReadStream } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import { pipeline } from 'node:stream/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
  '.json': 'application/json',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.bin': 'application/octet-stream',
  '.txt': 'text/plain; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8',
};

export const CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; worker-src 'self'; style-src 'self'; "
  + "img-src 'self' data: blob:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'";

const ALLOW = 'GET, HEAD';

/** A short plain-text answer (errors: never any detail of the server). */
function plain(res, code, text, headers = {}) {
  const body = Buffer.from(`${text}\n`);
  res.writeHead(code, {
    'content-type': 'text/plain; charset=utf-8',
    'content-length': body.length,
    'x-content-type-options': 'nosniff',
    ...headers,
  });
  res.end(res.req.method === 'HEAD' ? undefined : body);
}

/** The decoded path of a request target, or null if it is malformed. */
function requestPath(target) {
  try {
    return decodeURIComponent(new URL(target, 'http://localhost').pathname);
  } catch {
    return null;
  }
}

/** A validator that changes when the file does: its size and mtime. */
const etagOf = (info) => `W/"${info.size.toString(16)}-${Math.floor(info.mtimeMs).toString(16)}"`;

/**
 * Whether the client's copy is current (RFC 9110 §13.1): If-None-Match
 * (weak comparison, any of a list, or *) decides when present; else
 * If-Modified-Since, to the second.
 */
function fresh(req, etag, info) {
  const inm = req.headers['if-none-match'];
  if (inm !== undefined) {
    const bare = (t) => t.trim().replace(/^W\//, '');
    return inm.split(',').some((t) => t.trim() === '*' || bare(t) === bare(etag));
  }
  const ims = Date.parse(req.headers['if-modified-since'] ?? '');
  return Number.isFinite(ims) && Math.floor(info.mtimeMs / 1000) * 1000 <= ims;
}

/** Whether `path` lies in `base` (itself included). */
const inside = (base, path) => path === base || path.startsWith(base + sep);

export function serve(root, port = 8000) {
  const base = resolve(root);
  const realBase = realpath(base).catch(() => base);
  const server = createServer(async (req, res) => {
    try {
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        plain(res, 405, 'method not allowed', { allow: ALLOW });
        return;
      }
      const decoded = requestPath(req.url);
      if (decoded === null || decoded.includes('\0')) {
        plain(res, 400, 'bad request');
        return;
      }
      let path = normalize(join(base, decoded));
      if (!inside(base, path)) {
        plain(res, 403, 'forbidden');
        return;
      }
      let info = await stat(path).catch(() => null);
      if (info && info.isDirectory()) {
        path = join(path, 'index.html');
        info = await stat(path).catch(() => null);
      }
      if (!info || !info.isFile()) {
        plain(res, 404, 'not found');
        return;
      }
      // A link inside the folder may point out of it.
      const real = await realpath(path).catch(() => null);
      if (!real) {
        plain(res, 404, 'not found');
        return;
      }
      if (!inside(await realBase, real)) {
        plain(res, 403, 'forbidden');
        return;
      }
      const etag = etagOf(info);
      const headers = {
        'content-security-policy': CSP,
        'x-content-type-options': 'nosniff',
        'cache-control': 'no-cache',
        etag,
        'last-modified': info.mtime.toUTCString(),
      };
      if (fresh(req, etag, info)) {
        res.writeHead(304, headers).end();
        return;
      }
      res.writeHead(200, {
        ...headers,
        'content-type': TYPES[extname(path)] || 'application/octet-stream',
        'content-length': info.size,
      });
      if (req.method === 'HEAD') {
        res.end();
        return;
      }
      await pipeline(createReadStream(path), res);
    } catch (err) {
      // Logged here, never sent: the answer names no path or error.
      if (err?.code !== 'ERR_STREAM_PREMATURE_CLOSE') console.error(`serve: ${req.method} ${req.url}: ${err}`);
      if (!res.headersSent) plain(res, 500, 'internal error');
      else res.destroy();
    }
  });
  return new Promise((ok) => server.listen(port, '127.0.0.1', () => ok(server)));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const root = process.argv[2] || 'www';
  const port = Number(process.env.PORT ?? 8000);
  const server = await serve(root, port);
  console.log(`Neuroplay is being served at http://127.0.0.1:${server.address().port}/`);
}
