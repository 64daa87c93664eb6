// A text (or bytes) carried inside a link: its UTF-8 compressed with the browser's own
// deflate (CompressionStream, no library) and written as base64url, so a
// reader's pasted text of a few dozen kilobytes fits in a shared link. The
// way back refuses what is not such a text, and stops expanding past a cap
// so a hostile link cannot make the page inflate gigabytes.

/** Base64url (no padding) of bytes. */
function toBase64Url(bytes) {
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** Bytes of base64url text; throws on other characters. */
function fromBase64Url(text) {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) throw new Error('not base64url');
  const b64 = text.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (text.length % 4)) % 4);
  const raw = atob(b64);
  const out = new Uint8Array(raw.length);
  for (let i = 0; i < raw.length; i++) out[i] = raw.charCodeAt(i);
  return out;
}

async function readAll(stream, cap) {
  const reader = stream.getReader();
  const parts = [];
  let n = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    n += value.length;
    if (n > cap) {
      await reader.cancel();
      throw new Error('too long');
    }
    parts.push(value);
  }
  const out = new Uint8Array(n);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** The link form of bytes: base64url of their deflate-raw stream. */
export async function packBytes(bytes) {
  const stream = new Blob([bytes]).stream().pipeThrough(new CompressionStream('deflate-raw'));
  return toBase64Url(await readAll(stream, bytes.length + 1024));
}

/**
 * The bytes a link carries, or an Error naming why not: not base64url, not
 * deflate data, or longer than `maxBytes` once expanded.
 */
export async function unpackBytes(packed, maxBytes) {
  try {
    const bytes = fromBase64Url(packed);
    const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('deflate-raw'));
    return await readAll(stream, maxBytes);
  } catch (e) {
    return e instanceof Error ? e : new Error(String(e));
  }
}

/** The link form of a text: base64url of its deflated UTF-8. */
export async function packText(text) {
  return packBytes(new TextEncoder().encode(text));
}

/**
 * The text a link carries, or an Error naming why not: not base64url, not
 * deflate data, longer than `maxBytes` once expanded, or not UTF-8.
 */
export async function unpackText(packed, maxBytes) {
  const out = await unpackBytes(packed, maxBytes);
  if (out instanceof Error) return out;
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(out);
  } catch (e) {
    return e instanceof Error ? e : new Error(String(e));
  }
}
