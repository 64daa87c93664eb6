// The 1943 chapter's texts, in English and Chinese.

import { addStrings } from '../../i18n.js';

addStrings({
  'mp.inputs': { en: 'Inputs', zh: '输入个数' },
  'mp.two': { en: '2', zh: '2' },
  'mp.three': { en: '3', zh: '3' },
  'mp.target': { en: 'Target gate', zh: '目标逻辑门' },
  'mp.gate.none': { en: 'none', zh: '不指定' },
  'mp.gate.and': { en: 'AND', zh: '与门（AND）' },
  'mp.gate.or': { en: 'OR', zh: '或门（OR）' },
  'mp.gate.not': { en: 'NOT (of x₁)', zh: '非门（对 x₁ 取反）' },
  'mp.gate.nand': { en: 'NAND', zh: '与非门（NAND）' },
  'mp.gate.xor': { en: 'XOR (exclusive or)', zh: '异或门（XOR）' },
  'mp.gate.xor3': { en: 'XOR (parity: an odd number of inputs on)', zh: '异或门（XOR，即奇偶校验：奇数个输入为 1）' },
  'mp.presets': { en: 'Presets:', zh: '预设：' },
  'mp.weight': { en: 'Weight w{i}', zh: '权重 w{i}' },
  'mp.threshold': { en: 'Threshold θ', zh: '阈值 θ' },
  'mp.sum': { en: 'Weighted sum', zh: '加权和' },
  'mp.output': { en: 'Output', zh: '输出' },
  'mp.wanted': { en: 'Wanted', zh: '目标' },
  'mp.match': { en: 'Match', zh: '是否符合' },
  'mp.yes': { en: 'matches', zh: '符合' },
  'mp.no': { en: 'does not match', zh: '不符合' },
  'mp.unitTitle': { en: 'The unit', zh: '神经元' },
  'mp.tableTitle': { en: 'Truth table', zh: '真值表' },
  'mp.listComma': { en: ', ', zh: '，' },
  'mp.diagramLabel': {
    en: 'The unit on the current inputs: {inputs}; the weighted sum {sum} {cmp} the threshold {theta}, so the output is {out}.',
    zh: '当前输入下的神经元：{inputs}；加权和 {sum} {cmp} 阈值 {theta}，所以输出 {out}。',
  },
  'mp.allMatch': { en: 'All {rows} rows match {gate}.', zh: '真值表的 {rows} 行全部符合{gate}。' },
  'mp.someMatch': {
    count: 'right',
    en: { '=1': '{right} of {rows} rows matches {gate}.', other: '{right} of {rows} rows match {gate}.' },
    zh: { '=0': '真值表共 {rows} 行，没有一行符合{gate}。', other: '真值表共 {rows} 行，其中 {right} 行符合{gate}。' },
  },
  'mp.squareTitle': { en: 'The inputs as corners of a square', zh: '把输入看作正方形的四个角' },
  'mp.cubeTitle': { en: 'The inputs as corners of a cube', zh: '把输入看作立方体的八个角' },
  'mp.xorTitle': { en: 'Why no setting gives exclusive-or', zh: '为什么怎么调都得不到异或' },
  'mp.squareHelp': {
    en: 'Each row of inputs is a corner of the square. The unit fires (outputs 1) on the blue side of the line w₁x₁ + w₂x₂ = θ and stays silent on the orange side.',
    zh: '每一行输入都是正方形的一个角。在直线 w₁x₁ + w₂x₂ = θ 的蓝色一侧，神经元输出 1；在橙色一侧，输出 0。',
  },
  'mp.cubeHelp': {
    en: 'With three inputs the rows are the eight corners of a cube, and the unit’s boundary w₁x₁ + w₂x₂ + w₃x₃ = θ is a flat plane (grey). A corner has a blue halo where the unit fires and an orange one where it stays silent.',
    zh: '三个输入时，八行输入就是立方体的八个角，神经元的分界 w₁x₁ + w₂x₂ + w₃x₃ = θ 是一个平面（灰色）。神经元输出 1 的角带蓝色光圈，输出 0 的角带橙色光圈。',
  },
  'mp.colorsHelp': {
    en: 'A corner’s colour is what the target gate wants there; a green ring marks a corner the unit gets right, a red ring one it gets wrong.',
    zh: '每个角的颜色是目标逻辑门在这里要求的输出；绿圈表示神经元在这个角答对了，红圈表示答错了。',
  },
  'mp.outputColorsHelp': { en: 'A corner’s colour is the unit’s output there.', zh: '每个角的颜色就是神经元在这里的输出。' },
  'mp.xorHelp': {
    en: 'Exclusive-or wants two opposite corners (blue) on one side and the other two (orange) on the other, and no straight line does that.',
    zh: '异或要求一对对角（蓝色）在一侧、另一对对角（橙色）在另一侧，而任何一条直线都做不到。',
  },
  'mp.xorHelp3': {
    en: 'Parity gives every corner the other colour from its neighbours along an edge, like a chessboard in three dimensions, and no flat plane cuts a cube that way.',
    zh: '奇偶校验让每个角都与沿棱相邻的角颜色相反，就像一个立体的棋盘；任何平面都不可能这样切开立方体。',
  },
  'mp.search': { en: 'Try every setting from −4 to 4 for {gate}', zh: '在 −4 到 4 之间逐一尝试所有设置，寻找{gate}' },
  'mp.searchResult': {
    en: 'Tried {tried} settings of weights and threshold (steps of 0.5): at best {best} of {rows} rows match.',
    zh: '以 0.5 为步长试遍了 {tried} 组权重和阈值，最好的一组也只答对了 {rows} 行中的 {best} 行。',
  },
  'mp.searchFound': {
    en: 'Found after {tried} settings: weights {w} and threshold {t} match all {rows} rows.',
    zh: '试到第 {tried} 组就找到了：权重取 {w}、阈值取 {t} 时，{rows} 行全部符合。',
  },
  'mp.planeLabel': { en: 'The four inputs as corners of a square, the unit’s line, and the side where it fires', zh: '四种输入构成的正方形、神经元的分界线，以及它输出 1 的一侧' },
  'mp.cubeLabel': { en: 'The eight inputs as corners of a cube, and the unit’s plane', zh: '八种输入构成的立方体，以及神经元的分界平面' },
  'mp.heading': { en: '1943 · The McCulloch–Pitts neuron: logic from a threshold', zh: '1943 · M-P 神经元：由阈值构成的逻辑' },
  'mp.p1': {
    en: 'In 1943 the neurophysiologist Warren McCulloch and the young logician Walter Pitts proposed a drastically simple model of a nerve cell. It receives signals that are either on or off, weighs each by the strength of its connection, adds them up, and fires only if the sum reaches a threshold.',
    zh: '1943 年，神经生理学家沃伦·麦卡洛克和年轻的逻辑学家沃尔特·皮茨提出了一个极其简单的神经细胞模型。它接收的信号非开即关；每个信号按所在连接的强弱加权，再全部加起来；只有总和达到阈值，它才发出信号。',
  },
  'mp.p2': {
    en: 'With the right weights and threshold, one such unit computes AND, OR, NOT or NAND. Pick a preset and watch every row of the truth table match; then move a weight and see which rows break. The diagram follows the inputs you switch on through the unit, and every mark in the table is computed from the unit you have set.',
    zh: '只要权重和阈值选得合适，一个这样的单元就能实现与、或、非、与非。选一个预设，真值表的每一行都会符合；再拖动某个权重，看看哪几行被打破。示意图会跟着你打开的输入，一步步走过这个单元；表里的每个对错标记，也都由你设定的单元实时算出。',
  },
  'mp.p3': {
    en: 'Now ask for exclusive-or. With two inputs it outputs 1 when exactly one input is on; with three, when an odd number are on (so 1, 1, 1 gives 1), which is why it is also called parity. The rows of inputs are the corners of a square (of a cube, with three inputs), and a unit always splits them with a straight line (a flat plane): the shading shows its two sides. No line puts two opposite corners on one side and the other two on the other, and no plane sorts a cube’s corners by parity. The search button under the picture tries every setting on a grid to make the point concrete.',
    zh: '再来试试异或。两个输入时，恰好一个输入为 1 才输出 1；三个输入时，只要有奇数个输入为 1 就输出 1（所以 1、1、1 也输出 1），因此它又叫奇偶校验。各行输入就是正方形的四个角（三个输入时是立方体的八个角），而单元总是用一条直线（三维中是一个平面）把它们分成两边，图中的底色标出了这两边。没有哪条直线能把一对对角分到一边、另一对分到另一边；也没有哪个平面能按奇偶把立方体的角分开。图下方的搜索按钮会在网格上逐一尝试所有设置，用实际的数字说明这一点。',
  },
});
