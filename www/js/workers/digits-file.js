// The shipped digits file, fetched by the workers of the chapters that read
// digits (from the page's own origin). A failure is named `digits:fetch`,
// which the scenes turn into their data-error note.

const DATA = new URL('../../data/digits-14x14.bin', import.meta.url);

/** The file's bytes. */
export async function fetchDigits() {
  try {
    const res = await fetch(DATA);
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
    return new Uint8Array(await res.arrayBuffer());
  } catch (err) {
    throw new Error(`digits:fetch: ${err.message || err}`);
  }
}
