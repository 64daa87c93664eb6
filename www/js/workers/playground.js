// The worker's side of the backpropagation chapter.

export default {
  async create(engine, msg) {
    return new engine.Playground(msg.query);
  },

  /** Epochs per frame, from the link. */
  speed(msg) {
    return msg.speed || 1;
  },

  /** Tells the page what changed: 1 the data, 2 the network. */
  announce(pg, post, flags) {
    if (flags & 1) {
      const points = pg.points();
      post({ type: 'data', points, split: pg.split() }, [points.buffer]);
    }
    if (flags & 2) post({ type: 'model', sizes: Array.from(pg.sizes()), layout: pg.param_layout() });
  },

  command(pg, msg) {
    if (msg.type === 'setParam') pg.set_param(msg.index, msg.value);
  },

  /** Losses and figures, the large map and every neuron's map, the weights. */
  frame(pg, req) {
    const metrics = pg.evaluate();
    pg.grid(req.density, req.thumb, req.node ?? -1);
    const big = pg.grid_big();
    const nodes = pg.grid_nodes();
    const params = pg.params();
    const body = {
      metrics, params, big, nodes,
      channels: pg.grid_channels(),
      density: req.density,
      thumb: req.thumb,
      node: req.node ?? -1,
    };
    return [body, [params.buffer, big.buffer, nodes.buffer]];
  },
};
