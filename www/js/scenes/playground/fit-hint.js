// When the network cannot fit the data: the training accuracy has stayed
// well below 100% for many epochs (three arms on a 4,2 network sits near
// 46%). The page then suggests what would give it the capacity: more
// neurons, another layer, more input features.

import { addStrings } from '../../i18n.js';

addStrings({
  'hint.cannotFit': {
    en: 'Training accuracy has stayed near {acc} for {n} epochs: this network may be too small for these data. Try more neurons or another layer, or turn on more input features (x₁², x₁x₂, sin…), then reset.',
    zh: '训练准确率已经在 {acc} 附近停了 {n} 轮：这个网络可能太小，拟合不了这些数据。试试增加神经元或隐藏层，或打开更多输入特征（x₁²、x₁x₂、sin 等），然后重置。',
  },
});

/** Epochs without progress before the hint shows. */
export const STUCK_EPOCHS = 400;
/** Accuracy below which a stuck network is called unable to fit. */
const WELL_BELOW = 0.9;
/** Gain in training accuracy that counts as progress. */
const PROGRESS = 0.01;

export class FitWatch {
  constructor() {
    this.reset();
  }

  reset() {
    this.best = -1;
    this.since = 0;
  }

  /**
   * Takes a frame's epoch and training accuracy; returns the hint's values
   * `{ acc, n }` while the network is stuck, else null.
   */
  observe(epoch, accuracy) {
    if (!Number.isFinite(accuracy)) return null;
    if (epoch < this.since) this.reset();
    if (accuracy > this.best + PROGRESS) {
      this.best = accuracy;
      this.since = epoch;
    }
    const stuck = epoch - this.since;
    if (accuracy >= WELL_BELOW || stuck < STUCK_EPOCHS) return null;
    return { acc: `${(100 * accuracy).toFixed(0)}%`, n: Math.floor(stuck / 100) * 100 };
  }
}
