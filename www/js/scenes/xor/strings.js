// The 1969 chapter's texts, in English and Chinese.

import { addStrings } from '../../i18n.js';

addStrings({
  'xr.product': { en: 'Add the feature x₁·x₂', zh: '加入特征 x₁·x₂' },
  'xr.backprop': { en: 'Or train a hidden layer by backpropagation →', zh: '或者用反向传播训练一个隐藏层 →' },
  'xr.notSeparable': {
    en: 'No straight line separates the two classes: the convex hull of the blue corners is one diagonal of the square, that of the orange corners is the other, and the two diagonals cross in the middle.',
    zh: '没有任何直线能分开这两类点：蓝色两角的凸包是正方形的一条对角线，橙色两角的凸包是另一条，两条对角线在正中相交。',
  },
  'xr.lifted': {
    en: 'In the plane the two diagonals still cross, but the unit now also reads x₁·x₂. Lifted to that height (right), the blue corners rise to +9 and the orange ones sink to −9, so a flat plane fits between them, and the rule is sure to find one.',
    zh: '在平面上，两条对角线依然相交；但单元现在还读入 x₁·x₂。按这个值把各角抬高（见右图），蓝色两角升到 +9，橙色两角降到 −9，中间就放得下一个平面，所以规则一定能找到一个。',
  },
  'xr.separated': {
    en: 'Separable in the new feature space: the plane {eq} that the rule found puts the blue corners on one side and the orange ones on the other (right). Seen from above, in the plane of x₁ and x₂, it is the curve where the shading changes colour.',
    zh: '在新的特征空间里，两类点被分开了：规则找到的平面 {eq} 把蓝色两角放在一侧，橙色两角放在另一侧（见右图）。从上方往下看，在 x₁、x₂ 平面上，它就是底色变换处的那条曲线。',
  },
  'xr.liftTitle': { en: 'The new feature space', zh: '新的特征空间' },
  'xr.liftLabel': {
    en: 'The four corners lifted to height x₁·x₂, blue up and orange down, and the unit’s plane w₁x₁ + w₂x₂ + w₃·x₁x₂ + b = 0 in that space',
    zh: '四个角按 x₁·x₂ 的值抬高：蓝色向上，橙色向下；以及神经元在这个空间里的分界平面 w₁x₁ + w₂x₂ + w₃·x₁x₂ + b = 0',
  },
  'xr.noPlane': { en: 'The weights are all zero: no plane yet.', zh: '权重全为零：还没有分界平面。' },
  'xr.heading': { en: '1969 · Minsky’s objection: what one layer cannot do', zh: '1969 · 明斯基的质疑：单层网络做不到的事' },
  'xr.p1': {
    en: 'In Perceptrons (1969) Marvin Minsky and Seymour Papert worked out exactly what a single layer of threshold units can compute, and exclusive-or is not among it. Join each colour’s two corners and you get the two diagonals of the square, the convex hulls of the classes: they cross, so no line can keep them apart. Run the perceptron rule on the four points: the line keeps jumping, and the page notices when the weights come back to an earlier state, proof that the rule will go round forever.',
    zh: '在 1969 年的《感知机》一书中，马文·明斯基和西摩·佩珀特精确地分析了单层阈值单元能算什么，而异或不在其中。把同色的两个角连起来，就得到正方形的两条对角线，也就是两类点的凸包：它们相交，所以没有哪条直线能把两类分开。在这四个点上运行感知机规则：分界线不停跳动；一旦权重回到先前的某个状态，页面就会察觉，这证明规则将永远兜圈子。',
  },
  'xr.p2': {
    en: 'The book cooled interest in neural networks for more than a decade. Yet there are two ways out. Give the unit one more input, the product x₁·x₂, and the same rule converges: with that third coordinate the blue corners rise and the orange ones sink, and in the new space a flat plane separates the classes, as the picture beside the plot shows.',
    zh: '这本书让神经网络研究冷落了十多年。其实有两条出路。给单元再加一个输入，即乘积 x₁·x₂，同样的规则就能收敛：有了这第三个坐标，蓝色两角升高、橙色两角降低，在新的空间里一个平面就能分开两类点，图旁的立体图展示了这一点。',
  },
  'xr.p3': {
    en: 'Or keep the inputs and put a hidden layer in between, trained by backpropagation, the method that became practical in 1986. The link opens that chapter with these four points and a small hidden layer, ready to train.',
    zh: '或者保持输入不变，在中间加一个隐藏层，用 1986 年变得实用的反向传播来训练。点击链接会打开那一章，带着这四个点和一个小隐藏层，随时可以开始训练。',
  },
});
