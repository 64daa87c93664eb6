// The CNN chapter's default network in TensorFlow.js's ops (the same layers,
// initialisation scheme, optimizer and batch as the engine's), for the
// benchmark's CNN cases: training images per second at batch 32, and one
// digit forward with every layer's maps.
//
// The wasm backend (4.22) has no Conv2DBackpropFilter kernel, so conv2d
// cannot be trained on it; it does have conv3d's filter and input
// gradients. Training therefore runs each convolution as conv3d over a
// depth of 1 (the same arithmetic); reading one digit uses conv2d.

const BATCH = 32;

/** He-uniform weights of `shape` with `fanIn` inputs. */
function he(tf, shape, fanIn) {
  const a = Math.sqrt(6 / fanIn);
  return tf.variable(tf.randomUniform(shape, -a, a));
}

/**
 * conv 16@5×5 same → ReLU → max 2 → conv 32@3×3 same → ReLU → max 2 →
 * dense 10, NHWC; with `depth1`, the convolutions are conv3d over a depth
 * of 1 (trainable on the wasm backend).
 */
function network(tf, depth1 = false) {
  const k = (shape) => (depth1 ? [1, ...shape] : shape);
  const vars = {
    w1: he(tf, k([5, 5, 1, 16]), 25), b1: tf.variable(tf.zeros([16])),
    w2: he(tf, k([3, 3, 16, 32]), 144), b2: tf.variable(tf.zeros([32])),
    w3: he(tf, [288, 10], 288), b3: tf.variable(tf.zeros([10])),
  };
  const conv = (x, w) => {
    if (!depth1) return tf.conv2d(x, w, 1, 'same');
    const [b, hh, ww, c] = x.shape;
    const y = tf.conv3d(tf.reshape(x, [b, 1, hh, ww, c]), w, 1, 'same');
    return tf.reshape(y, [b, hh, ww, w.shape[4]]);
  };
  /** The logits and every conv layer's activated maps. */
  const forward = (x) => {
    const a1 = tf.relu(tf.add(conv(x, vars.w1), vars.b1));
    const p1 = tf.maxPool(a1, 2, 2, 'valid');
    const a2 = tf.relu(tf.add(conv(p1, vars.w2), vars.b2));
    const p2 = tf.maxPool(a2, 2, 2, 'valid');
    const logits = tf.add(tf.matMul(tf.reshape(p2, [-1, 288]), vars.w3), vars.b3);
    return { logits, maps: [a1, a2] };
  };
  return { vars, list: Object.values(vars), forward };
}

/** The cases, on the shipped digits `digits()` gives ({train, x, y}). */
export function cnnCases(tf, digits) {
  return {
    'cnn-digits-b32': {
      async setup() {
        const d = await digits();
        const net = network(tf, true);
        const batches = [];
        for (let s = 0; s + BATCH <= d.train; s += BATCH) {
          batches.push([tf.tensor4d(d.x.subarray(s * 196, (s + BATCH) * 196), [BATCH, 14, 14, 1]), tf.tensor2d(d.y.subarray(s * 10, (s + BATCH) * 10), [BATCH, 10])]);
        }
        return { net, batches, next: 0, opt: tf.train.adam(0.003) };
      },
      sample(s, ms) {
        return rateOf(() => {
          const [xs, ys] = s.batches[s.next++ % s.batches.length];
          s.opt.minimize(() => tf.losses.softmaxCrossEntropy(ys, s.net.forward(xs).logits), false, s.net.list);
          return BATCH;
        }, ms, () => s.net.vars.b3.dataSync());
      },
    },
    'cnn-read-one': {
      async setup() {
        const d = await digits();
        return { net: network(tf), x: tf.tensor4d(d.x.subarray(d.train * 196, (d.train + 1) * 196), [1, 14, 14, 1]) };
      },
      sample(s, ms) {
        const reads = rateOf(() => {
          tf.tidy(() => {
            const { logits, maps } = s.net.forward(s.x);
            tf.softmax(logits).dataSync();
            for (const m of maps) m.dataSync();
          });
          return 1;
        }, ms);
        return 1000 / reads;
      },
    },
  };
}

/** Work per second of `fn` over `ms`, with `sync` run before the clock stops. */
function rateOf(fn, ms, sync = () => {}) {
  let work = 0;
  const t0 = performance.now();
  let t = t0;
  do {
    work += fn();
    t = performance.now();
  } while (t - t0 < ms);
  sync();
  return work / ((performance.now() - t0) / 1000);
}
