// The worker's side of export and import, the same for every chapter whose
// handle has the hub's calls (src/wasm/hub.rs): the model leaves as the
// zip archive of its Hugging Face folder, and a checked archive's weights
// come back into the running session.

/**
 * Answers `hubExport` (the folder of the current link's settings, as
 * bytes) and `hubLoad` (weights from an archive; on success the chapter is
 * told its model changed). `w` is `{ handle, adapter, post, query, stop }`.
 */
export function hubCommand(msg, w) {
  if (typeof w.handle.hub_export !== 'function') {
    w.post({ type: msg.type === 'hubExport' ? 'hubExported' : 'hubLoaded', ok: false, code: 'architecture', detail: '' });
    return;
  }
  if (msg.type === 'hubExport') {
    // A chapter with a second model names it (`which`: the RLHF chapter's
    // reward model answers to `hub_export_reward`).
    const which = msg.which ? String(msg.which) : '';
    const call = which ? `hub_export_${which}` : 'hub_export';
    let bytes;
    try {
      if (typeof w.handle[call] !== 'function') throw new Error(`no model "${which}" here`);
      bytes = w.handle[call](w.query, !!msg.half);
    } catch (err) {
      w.post({ type: 'hubExported', ok: false, which, code: 'nonFinite', detail: String((err && err.message) || err).slice(0, 200) });
      return;
    }
    w.post({ type: 'hubExported', ok: true, which, bytes }, [bytes.buffer]);
    return;
  }
  w.stop();
  const answer = w.handle.hub_load(new Uint8Array(msg.zip));
  w.post({ type: 'hubLoaded', ...answer });
  if (answer.ok) w.adapter.announce(w.handle, w.post, 2);
}
