// The deep belief net chapter's RBM in TensorFlow.js's ops, for the
// benchmark's CD-1 case: 196 visible × 128 hidden binary units, batches of
// 20 training digits, binary data drawn from the grey levels, one Gibbs
// step, momentum 0.5 and weight decay 0.0002 at rate 0.05 (the engine's
// settings in DBN_LINK). Images per second.

const BATCH = 20;
const RATE = 0.05;
const MOMENTUM = 0.5;
const DECAY = 0.0002;

/** Binary units on with probabilities `p`. */
const bernoulli = (tf, p) => tf.cast(tf.less(tf.randomUniform(p.shape), p), 'float32');

/** `{ 'rbm-cd1-196x128-b20': { setup, sample } }` given `digits()` and `rate`. */
export function rbmCases(tf, digits, rate) {
  return {
    'rbm-cd1-196x128-b20': {
      async setup() {
        const d = await digits();
        const batches = [];
        for (let s = 0; s + BATCH <= d.train; s += BATCH) batches.push(tf.tensor2d(d.x.subarray(s * 196, (s + BATCH) * 196), [BATCH, 196]));
        const v = (shape) => tf.variable(tf.zeros(shape));
        return {
          w: tf.variable(tf.randomNormal([196, 128], 0, 0.01)), b: v([196]), c: v([128]),
          vw: v([196, 128]), vb: v([196]), vc: v([128]), batches, i: 0,
        };
      },
      sample(s, ms) {
        const r = rate(() => {
          const x = s.batches[s.i++ % s.batches.length];
          tf.tidy(() => {
            const v0 = bernoulli(tf, x);
            const ph0 = tf.sigmoid(tf.add(tf.matMul(v0, s.w), s.c));
            const pv1 = tf.sigmoid(tf.add(tf.matMul(bernoulli(tf, ph0), s.w, false, true), s.b));
            const v1 = bernoulli(tf, pv1);
            const ph1 = tf.sigmoid(tf.add(tf.matMul(v1, s.w), s.c));
            // The negative log-likelihood's CD-1 gradient, then momentum and decay.
            const gw = tf.div(tf.sub(tf.matMul(v1, ph1, true, false), tf.matMul(v0, ph0, true, false)), BATCH);
            const gb = tf.mean(tf.sub(v1, v0), 0);
            const gc = tf.mean(tf.sub(ph1, ph0), 0);
            for (const [p, vel, g, decay] of [[s.w, s.vw, gw, true], [s.b, s.vb, gb, false], [s.c, s.vc, gc, false]]) {
              vel.assign(tf.add(tf.mul(vel, MOMENTUM), g));
              const kept = decay ? tf.mul(p, 1 - RATE * DECAY) : p;
              p.assign(tf.sub(kept, tf.mul(vel, RATE)));
            }
          });
          return BATCH;
        }, ms);
        s.w.dataSync();
        return r;
      },
    },
  };
}
