// The 1957 chapter's texts, and those of the perceptron view it shares with
// the 1969 chapter, in English and Chinese.

import { addStrings } from '../../i18n.js';

addStrings({
  'pc.speed': { en: 'Speed', zh: '速度' },
  'pc.perSecond': { count: 'n', en: { one: '{n} point/s', other: '{n} points/s' }, zh: '每秒 {n} 个点' },
  'pc.max': { en: 'as fast as possible', zh: '尽可能快' },
  'pc.step': { en: 'Show the next point', zh: '展示下一个点' },
  'pc.plot': {
    en: 'The points, the convex hull of each class, the unit’s line and its weight vector, and the side it calls blue',
    zh: '数据点、每一类的凸包、神经元的分界线和权重向量，以及它判为蓝色的一侧',
  },
  'pc.updates': { en: 'Updates', zh: '更新次数' },
  'pc.epochs': { en: 'Epochs', zh: '轮次' },
  'pc.steps': { en: 'Points shown', zh: '已展示的点' },
  'pc.mistake': {
    en: 'Point {i} (x = {x}, y = {y}) was misclassified: y·(w·x + b) = {m} ≤ 0. The rule adds y·x to the weights and y to the bias:',
    zh: '第 {i} 个点（x = {x}，y = {y}）被分错了：y·(w·x + b) = {m} ≤ 0。于是规则把 y·x 加到权重上，把 y 加到偏置上：',
  },
  'pc.correct': {
    en: 'Point {i} (x = {x}, y = {y}) was correctly classified: y·(w·x + b) = {m} > 0, so nothing changes.',
    zh: '第 {i} 个点（x = {x}，y = {y}）分类正确：y·(w·x + b) = {m} > 0，所以什么都不变。',
  },
  'pc.labels': { en: 'Labels: y = +1 for blue, y = −1 for orange.', zh: '标签：蓝色点 y = +1，橙色点 y = −1。' },
  'pc.noLine.blue': {
    en: 'Now w = 0: the unit has no line and gives every point the score b = {b} > 0, so it calls them all blue.',
    zh: '此刻 w = 0：神经元没有分界线，给每个点的得分都是 b = {b} > 0，所以把所有点都判为蓝色。',
  },
  'pc.noLine.orange': {
    en: 'Now w = 0: the unit has no line and gives every point the score b = {b} < 0, so it calls them all orange.',
    zh: '此刻 w = 0：神经元没有分界线，给每个点的得分都是 b = {b} < 0，所以把所有点都判为橙色。',
  },
  'pc.noLine.zero': {
    en: 'Now w = 0 and b = 0: the unit has no line and scores every point 0, which counts as a mistake for either class.',
    zh: '此刻 w = 0 且 b = 0：神经元没有分界线，给每个点的得分都是 0，而得分为 0 对两类点都算分错。',
  },
  'pc.offPicture': { en: 'The unit’s line lies outside the picture.', zh: '神经元的分界线落在了图外。' },
  'pc.ghost': { en: 'The faded line is where it stood before.', zh: '淡色的线是它先前的位置。' },
  'pc.scaled': { en: 'Arrows drawn at {k} of their length, to fit.', zh: '为放得下，箭头按原长的 {k} 绘制。' },
  'pc.legend': {
    en: 'Shaded: the convex hull of each class. Solid line: the unit’s line (faded: before the last update). Black arrow: the weights w, pointing to the side the unit calls blue; after a mistake, grey: w before, and in the point’s colour: the y·x that was added.',
    zh: '阴影：每一类点的凸包。实线：神经元的分界线（淡色的是上次更新之前的）。黑色箭头：权重 w，指向神经元判为蓝色的一侧；分错之后，灰色箭头是更新前的 w，与该点同色的箭头是加上去的 y·x。',
  },
  'pc.legendProduct': {
    en: 'Shaded: the convex hull of each class. Solid curve: w₁x₁ + w₂x₂ + w₃x₁x₂ + b = 0, the unit’s boundary in the plane (faded: before the last update).',
    zh: '阴影：每一类点的凸包。实线曲线：w₁x₁ + w₂x₂ + w₃x₁x₂ + b = 0，即神经元在平面上的分界（淡色的是上次更新之前的）。',
  },
  'pc.running': { count: 'updates', en: { one: 'Still learning: {updates} update so far.', other: 'Still learning: {updates} updates so far.' }, zh: '仍在学习：已更新 {updates} 次。' },
  'pc.bound': {
    count: 'n',
    en: { one: 'Novikoff’s bound for these points: at most (R/γ)² = ({r}/{g})² ≈ {bound} update.', other: 'Novikoff’s bound for these points: at most (R/γ)² = ({r}/{g})² ≈ {bound} updates.' },
    zh: '这组点的 Novikoff 上界：最多 (R/γ)² = ({r}/{g})² ≈ {bound} 次更新。',
  },
  'pc.converged': { count: 'updates', en: { one: 'Converged: a whole epoch without a mistake, after {updates} update (epoch {epoch}).', other: 'Converged: a whole epoch without a mistake, after {updates} updates (epoch {epoch}).' }, zh: '已收敛：整整一轮没有出错，共更新 {updates} 次（第 {epoch} 轮）。' },
  'pc.withinBound': {
    count: 'n',
    en: { one: 'Novikoff’s bound for these points was {bound} update (R = {r}, γ = {g}).', other: 'Novikoff’s bound for these points was {bound} updates (R = {r}, γ = {g}).' },
    zh: '这组点的 Novikoff 上界是 {bound} 次更新（R = {r}，γ = {g}）。',
  },
  'pc.boundWhy': {
    en: 'Where R and γ come from: write every point as {lifted}, the last 1 standing for the bias. R = {r} is the length of the longest; γ = {g} is the distance from the nearest to {sep}.',
    zh: 'R 和 γ 的来历：把每个点写成 {lifted}，最后的 1 对应偏置。R = {r} 是其中最长的那个点的长度；γ = {g} 是最近的点到{sep}的距离。',
  },
  'pc.sep.generator': { en: 'the plane through the origin that holds the hidden line the points were drawn around', zh: '那个过原点、又包含生成数据时那条隐藏直线的平面' },
  'pc.sep.widest': { en: 'the plane through the origin that holds the widest separating line', zh: '那个过原点、又包含最宽分界线的平面' },
  'pc.sep.product': { en: 'the plane x₁·x₂ = 0, which passes through the origin already', zh: '平面 x₁·x₂ = 0（它本来就过原点）' },
  'pc.gammaApart': {
    en: 'So γ is the bound’s own margin: neither the slider’s gap (how far every point was kept from the hidden line) nor the widest margin (how far the dashed line stays from the nearest point in the picture).',
    zh: '所以 γ 是这个上界专用的间隔：它既不是滑块设定的空隙（生成时每个点与隐藏直线至少相隔多远），也不是最宽间隔（虚线与图中最近的点相距多远）。',
  },
  'pc.cycling': {
    count: 'period',
    en: {
      '=1': 'A cycle: the weights at the start of epoch {epoch} are those of epoch {from}. The rule repeats itself every epoch and will never settle, so training stops here; Play starts again from zero weights.',
      other: 'A cycle: the weights at the start of epoch {epoch} are those of epoch {from}. The rule repeats itself every {period} epochs and will never settle, so training stops here; Play starts again from zero weights.',
    },
    zh: {
      '=1': '出现循环：第 {epoch} 轮开始时的权重与第 {from} 轮完全相同。此后每一轮都原样重复，这个规则永远不会停下，所以训练到此为止；点“播放”会从零权重重新开始。',
      other: '出现循环：第 {epoch} 轮开始时的权重与第 {from} 轮完全相同。此后每 {period} 轮重复一次，这个规则永远不会停下，所以训练到此为止；点“播放”会从零权重重新开始。',
    },
  },
  'pc.separable': {
    en: 'A straight line separates the two classes: their convex hulls (shaded) do not meet. The widest such line (dashed) stays {m} from the nearest point of either class: that is the widest margin.',
    zh: '存在能分开两类点的直线：两类点的凸包（阴影）互不相交。其中最宽的那条（虚线）与两类中最近的点都相距 {m}，这就是最宽间隔。',
  },
  'pc.notSeparable': { en: 'No straight line separates these two classes: their convex hulls (shaded) overlap.', zh: '没有任何直线能分开这两类点：它们的凸包（阴影）相互重叠。' },
  'pc.editHelp': { en: 'Drag a point to move it; a click or tap adds or removes one as chosen above the plane (with a mouse, Shift+click also adds orange and Ctrl+click removes). The rule goes on from its current weights.', zh: '拖动一个点可以移动它；点击平面会按上方的选择添加或删除点（用鼠标时，Shift+点击也可添加橙点，Ctrl+点击删除）。规则会从当前权重继续学习。' },
  'pc.numPoints': { en: 'Points', zh: '点数' },
  'pc.margin': { en: 'Gap around the hidden line', zh: '隐藏直线两侧的空隙' },
  'pt.heading': { en: '1957 · Rosenblatt’s perceptron: a rule that finds the weights', zh: '1957 · 罗森布拉特的感知机：自己找到权重的规则' },
  'pt.p1': {
    en: 'Frank Rosenblatt made the threshold unit learn. Show it one example at a time: if it classifies the example correctly, nothing changes; if not, add the example to the weights (or subtract it, for the other class): w ← w + y·x, with y = +1 for blue and −1 for orange. The weight vector points to the side the unit calls blue, so the unit’s line jumps towards the point it got wrong.',
    zh: '弗兰克·罗森布拉特让阈值单元学会了学习。一次给它看一个样例：分对了，什么都不变；分错了，就把这个样例加到权重上（另一类则减去），即 w ← w + y·x，蓝色点 y = +1，橙色点 y = −1。权重向量指向单元判为蓝色的一侧，所以分界线会朝着分错的那个点跳过去。',
  },
  'pt.p2': {
    en: 'When some straight line separates the two classes, this simple rule is sure to find one. Albert Novikoff proved in 1962 that it makes at most (R/γ)² corrections, where R measures how far the data reaches and γ how clearly some separating line keeps the classes apart. The page computes both for the points in front of you and counts the updates against that bound.',
    zh: '只要存在一条能分开两类点的直线，这个简单的规则就一定能找到一条。阿尔伯特·诺维科夫在 1962 年证明，它最多修正 (R/γ)² 次：R 衡量数据伸展得多远，γ 衡量某条分界直线把两类点隔开得多清楚。页面会为眼前这些点算出这两个数，并把实际的更新次数与这个上界对照。',
  },
  'pt.p3': {
    en: 'Three margins appear on this page, and they are different numbers. The slider’s gap is how far every generated point keeps from the hidden line the points were drawn around. The widest margin is how far the best separating line (dashed) can stay from the nearest point. γ, in the bound, is measured with the bias as a third coordinate, as the note beside the bound explains. Drag a point across the line, or click to add one, and the rule reacts from where it stands; narrow the gap and watch the number of updates grow.',
    zh: '这一页上出现了三种“间隔”，它们是三个不同的数。滑块的空隙，是生成的每个点与那条隐藏直线至少相隔的距离；最宽间隔，是最好的那条分界线（虚线）与最近的点能保持的距离；上界里的 γ，则把偏置当作第三个坐标来量，右边上界旁的说明讲了它的算法。把一个点拖过分界线，或者点击添加新点，规则会从当前状态接着学；把空隙调窄，看看更新次数怎样增加。',
  },
  'pc.clickDoes': { en: 'A click or tap on the plane', zh: '点击平面时' },
  'pc.addBlue': { en: 'adds blue', zh: '添加蓝点' },
  'pc.addOrange': { en: 'adds orange', zh: '添加橙点' },
  'pc.removePoint': { en: 'removes a point', zh: '删除点' },
  'pt.hub': {
    en: 'The unit is three numbers. Export model saves them as a Hugging Face folder, and Share can put them in the link, so that the page opens with the line where the rule left it.',
    zh: '这个单元只有三个数。“导出模型”把它们存为 Hugging Face 文件夹，“分享”也可以把它们放进链接，打开链接时直线就在规则停下的地方。',
  },
});
