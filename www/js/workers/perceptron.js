// The worker's side of the perceptron chapters: one example per "batch",
// at the reader's pace in examples per second.

const GRID = 60;

export default {
  async create(engine, msg) {
    return new engine.PerceptronLab(msg.scene, msg.query);
  },

  /** Examples per second, as epochs per frame; 1000 means as fast as possible. */
  speed(msg, lab) {
    const perSecond = msg.speed || 5;
    return perSecond >= 1000 ? Infinity : perSecond / 60 / Math.max(1, lab.batches_per_epoch());
  },

  /** The step button runs one example. */
  step(lab) {
    lab.train(1);
  },

  announce(lab, post, flags) {
    if (flags & 1) {
      const points = lab.points();
      post({ type: 'data', points, hulls: lab.hulls() }, [points.buffer]);
    }
    if (flags & 2) post({ type: 'model' });
  },

  command() {},

  frame(lab) {
    const state = lab.state();
    const map = lab.grid(GRID);
    return [{ state, map, density: GRID }, [map.buffer]];
  },
};
