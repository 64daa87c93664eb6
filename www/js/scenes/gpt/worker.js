// The worker's side of the attention chapter: it fetches the two shipped
// corpora (from the page's own origin), trains as fast as it can, answers
// the page's questions (tokens, attention, per-token losses, neighbours),
// and streams generated tokens a few at a time between training slices.

const POEMS = new URL('../../../data/tang-quatrains.bin', import.meta.url);
const MOBY = new URL('../../../data/moby-dick.bin', import.meta.url);
const EVAL_EVERY_MS = 500;
const PROJECT_EVERY_MS = 1500;
const SAMPLE_EVERY = 200;
const SAMPLE_TOKENS = 100;
// Generated tokens are paced to about 120 a second (two every 16 ms), so
// the reader watches the text grow; the benchmark measures full speed.
const GEN_PER_SLICE = 2;
const GEN_EVERY_MS = 16;

let last = null;
let genTimer = null;

async function fetchBytes(url, name) {
  try {
    const res = await fetch(url);
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
    return new Uint8Array(await res.arrayBuffer());
  } catch (err) {
    throw new Error(`corpus:fetch: ${name}: ${err.message || err}`);
  }
}

function stopGeneration(lab) {
  if (genTimer !== null) clearTimeout(genTimer);
  genTimer = null;
  lab?.gen_stop();
}

export default {
  async create(engine, msg) {
    stopGeneration(null);
    const [poems, moby] = await Promise.all([fetchBytes(POEMS, 'tang-quatrains.bin'), fetchBytes(MOBY, 'moby-dick.bin')]);
    last = { evalT: -Infinity, evalCost: 0, projT: -Infinity, figures: null, sampleStep: -1, rate: { t: performance.now(), tokens: 0, perSecond: 0 } };
    return new engine.GptLab(msg.query, poems, moby);
  },

  speed() {
    return Infinity;
  },

  /** One optimizer step (the step button). */
  step(lab) {
    lab.train(1);
  },

  announce(lab, post, flags) {
    last.evalT = -Infinity;
    last.projT = -Infinity;
    if (flags & 1) {
      last.sampleStep = -1;
      post({ type: 'tokens', info: lab.info(), merges: lab.merges(0), vocab: lab.vocab(), counts: lab.token_counts(), offered: lab.offered_sentence() });
    }
    if (flags & 2) {
      stopGeneration(lab);
      last.sampleStep = -1;
      post({ type: 'model', info: lab.info() });
    }
  },

  command(lab, msg, post) {
    switch (msg.type) {
      case 'tokenize':
        post({ type: 'tokenized', key: msg.key, result: lab.tokenize(String(msg.text)) });
        break;
      case 'exportTokenizer':
        post({ type: 'tokenizerJson', text: lab.export_tokenizer() });
        break;
      case 'ownText':
        try {
          lab.set_own_text(String(msg.text));
          post({ type: 'ownText', ok: true });
          this.announce(lab, post, 3);
        } catch (err) {
          post({ type: 'ownText', ok: false, message: String(err.message || err) });
        }
        break;
      case 'attention': {
        const maps = lab.attention(String(msg.text));
        post({ type: 'attention', key: msg.key, maps }, [maps.weights.buffer]);
        break;
      }
      case 'losses':
        post({ type: 'losses', key: msg.key, result: lab.token_losses(String(msg.text)) });
        break;
      case 'neighbours':
        post({ type: 'neighbours', id: msg.id, rows: lab.neighbours(msg.id >>> 0, 10) });
        break;
      case 'generate': {
        stopGeneration(lab);
        const prompt = lab.gen_start(String(msg.prompt), Number(msg.temperature), msg.topK >>> 0, Number(msg.topP), msg.length >>> 0, msg.seed >>> 0);
        post({ type: 'genStart', prompt });
        const tick = () => {
          genTimer = null;
          const tokens = lab.gen_next(GEN_PER_SLICE);
          if (tokens.length) post({ type: 'genTokens', tokens });
          if (lab.gen_left() > 0) genTimer = setTimeout(tick, GEN_EVERY_MS);
          else post({ type: 'genDone' });
        };
        genTimer = setTimeout(tick, 0);
        break;
      }
      case 'stopGenerate':
        stopGeneration(lab);
        post({ type: 'genDone' });
        break;
      default:
        break;
    }
  },

  /**
   * Steps and tokens every frame; the losses (a pass over validation text)
   * every half second, the embeddings' projection every second and a half,
   * a sample every 200 steps, and all of them whenever paused.
   */
  frame(lab, req, playing) {
    const now = performance.now();
    const steps = lab.steps();
    const tokens = lab.tokens_trained();
    const r = last.rate;
    if (now - r.t > 500) {
      r.perSecond = playing ? (tokens - r.tokens) / ((now - r.t) / 1000) : 0;
      r.t = now;
      r.tokens = tokens;
    }
    const body = { steps, tokensTrained: tokens, tokensPerSecond: r.perSecond };
    const transfer = [];
    // The losses cost a pass over validation text: while training, at most
    // a tenth of the worker's time goes to them.
    if (!playing || last.figures === null || now - last.evalT > Math.max(EVAL_EVERY_MS, 9 * last.evalCost)) {
      last.figures = lab.figures();
      last.evalT = performance.now();
      last.evalCost = last.evalT - now;
      body.figures = last.figures;
    }
    if (req.embeddings && (!playing || now - last.projT > PROJECT_EVERY_MS)) {
      last.projT = now;
      body.tokensProj = lab.projection(false);
      body.positionsProj = lab.projection(true);
      transfer.push(body.tokensProj.coords.buffer, body.positionsProj.coords.buffer);
    }
    const due = Math.floor(steps / SAMPLE_EVERY);
    if (steps > 0 && due !== last.sampleStep) {
      last.sampleStep = due;
      body.sample = { step: steps, text: lab.sample_now(SAMPLE_TOKENS, steps) };
    }
    return [body, transfer];
  },
};
