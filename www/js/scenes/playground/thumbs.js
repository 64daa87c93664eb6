// Every node's heatmap on one canvas: the maps are painted into one image
// (an atlas of thumb × thumb tiles) and copied to their places, scaled, in
// a single pass, so hundreds of neurons cost one image upload per frame.

import { layerCanvas } from '../../ui/dom.js';
import { divergingFast } from '../../ui/colors.js';

export class ThumbLayer {
  constructor(width, height, thumb) {
    this.dpr = window.devicePixelRatio || 1;
    this.canvas = layerCanvas('thumbs', width, height, this.dpr);
    this.thumb = thumb;
    this.tiles = [];
    this.atlas = document.createElement('canvas');
  }

  /** Places the tiles: {x, y, size, dim} in CSS pixels. */
  setTiles(tiles) {
    this.tiles = tiles;
    this.cols = Math.max(1, Math.ceil(Math.sqrt(tiles.length)));
    const rows = Math.max(1, Math.ceil(tiles.length / this.cols));
    this.atlas.width = this.cols * this.thumb;
    this.atlas.height = rows * this.thumb;
    this.image = this.atlas.getContext('2d').createImageData(this.atlas.width, this.atlas.height);
  }

  /**
   * Paints tile `i` from a map, straight into the atlas: 'feature' values
   * are divided by 6 (the plane's extent), 'probs' map p to 2p − 1, others
   * are shown as they are.
   */
  paintTile(i, values, kind) {
    const t = this.thumb;
    const [a, b] = kind === 'probs' ? [2, -1] : kind === 'feature' ? [1 / 6, 0] : [1, 0];
    const tx = (i % this.cols) * t;
    const ty = Math.floor(i / this.cols) * t;
    const W = this.atlas.width;
    const data = this.image.data;
    for (let r = 0; r < t; r++) {
      const row = ((ty + r) * W + tx) * 4;
      for (let c = 0; c < t; c++) divergingFast(values[r * t + c], data, row + 4 * c, a, b);
    }
  }

  /** Uploads the atlas and draws every tile in place. */
  flush() {
    const t = this.thumb;
    this.atlas.getContext('2d').putImageData(this.image, 0, 0);
    const ctx = this.canvas.getContext('2d');
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.clearRect(0, 0, this.canvas.width, this.canvas.height);
    ctx.setTransform(this.dpr, 0, 0, this.dpr, 0, 0);
    this.tiles.forEach((tile, i) => {
      ctx.globalAlpha = tile.dim ? 0.3 : 1;
      ctx.drawImage(this.atlas, (i % this.cols) * t, Math.floor(i / this.cols) * t, t, t, tile.x, tile.y, tile.size, tile.size);
    });
    ctx.globalAlpha = 1;
  }
}
