// The #/hub chapter's texts, in English and Chinese.

import { addStrings } from '../../i18n.js';

addStrings({
  'hubch.title': { en: 'Transformers and the Hub', zh: 'Transformers 与 Hub' },
  'hubch.heading': { en: 'Sharing trained models', zh: '分享训练好的模型' },
  'hubch.p1': {
    en: 'In 2016 Clément Delangue, Julien Chaumond and Thomas Wolf started a company named after the hugging-face emoji. Its first product was a chatbot for teenagers. The tools they wrote to train its models, given away as open source, soon mattered more than the chatbot, and the company turned to them.',
    zh: '2016 年，克莱芒·德朗格、朱利安·肖蒙和托马斯·沃尔夫创办了一家以“拥抱笑脸”表情命名的公司：Hugging Face。它最初的产品是面向青少年的聊天机器人。他们为训练模型而写、随手开源的工具，很快比聊天机器人本身更受重视，公司便转而专做这些工具。',
  },
  'hubch.p2': {
    en: 'In 2018 Google published BERT. Hugging Face rewrote it in PyTorch and put it on GitHub as pytorch-pretrained-bert; with help from others it soon held GPT, GPT-2 and Transformer-XL too and was renamed pytorch-transformers. Once it could move a model between PyTorch and TensorFlow it became simply Transformers, one of the fastest-growing projects on GitHub. Datasets, Tokenizers and Diffusers followed, and together they gave model building a common, everyday way of working.',
    zh: '2018 年谷歌发布了 BERT。Hugging Face 用 PyTorch 重新实现了它，以 pytorch-pretrained-bert 之名发布在 GitHub 上；在社区帮助下，项目很快又加入了 GPT、GPT-2 和 Transformer-XL，改名为 pytorch-transformers。后来它能让同一个模型在 PyTorch 与 TensorFlow 之间切换，于是干脆叫作 Transformers，成为 GitHub 上增长最快的项目之一。随后又有了 Datasets、Tokenizers 和 Diffusers，它们一起为构建模型定下了通行的日常做法。',
  },
  'hubch.p3': {
    en: 'Pre-training and fine-tuning changed what a trained model is worth: one network trained at great cost on a huge corpus can be adapted to a new task with little data and little computing. Sharing the weights, not only the code, became the point. In 2020 Hugging Face opened the Hub, built on Git and Git LFS, where anyone can publish models, data sets and small applications; it came to be called the GitHub of machine learning.',
    zh: '预训练加微调改变了训练好的模型的价值：一个在海量语料上耗费巨资训练出来的网络，只需少量数据和算力就能适应新任务。于是，分享的重点不再只是代码，而是权重本身。2020 年，Hugging Face 推出了基于 Git 与 Git LFS 的 Hub，任何人都可以在上面发布模型、数据集和小应用；它被称为机器学习领域的 GitHub。',
  },
  'hubch.p4': {
    en: 'A model on the Hub is a folder. config.json names the architecture and its sizes. model.safetensors holds every weight: a short JSON header gives each tensor’s name, type, shape and byte range, and raw little-endian numbers follow, so loading it runs no code (Python’s pickle files could). README.md is the model card: a header the Hub reads (licence, data sets, measured figures), then what the model is, how it was trained and what it cannot do.',
    zh: 'Hub 上的一个模型就是一个文件夹。config.json 写明架构和各项尺寸。model.safetensors 存放全部权重：开头一段简短的 JSON 给出每个张量的名字、类型、形状和字节范围，后面紧跟小端序的原始数值，因此载入时不会执行任何代码（Python 的 pickle 文件则可能会）。README.md 是模型卡：先是一段供 Hub 读取的头部（许可证、数据集、实测指标），再说明模型是什么、怎样训练、有哪些局限。',
  },
  'hubch.p5': {
    en: 'Every chapter here that trains a model has an Export button that writes exactly such a folder, as one zip file; the GPT’s folder adds tokenizer.json and generation_config.json and uses GPT-2’s names, so the transformers library builds it directly. Import reads a folder back into its chapter. To go on in Python, unzip the folder and load it:',
    zh: '本站每个训练模型的章节都有“导出模型”按钮，写出的正是这样一个文件夹，打包成一个 zip 文件；GPT 的文件夹还多出 tokenizer.json 和 generation_config.json，并沿用 GPT-2 的参数名，transformers 库可以直接构建它。“导入模型”则把文件夹读回它所属的章节。想在 Python 里继续，就解压文件夹再载入：',
  },
  'hubch.galleryTitle': { en: 'Ready models', zh: '现成的模型' },
  'hubch.galleryHelp': {
    en: 'Each of these was trained by this engine through the same chapter code the page runs, from the settings link and seed shown, and is rebuilt byte for byte by the command `make models` (a test checks it). Open one to see its chapter with the model loaded, or download its folder.',
    zh: '下面每个模型都由本站引擎、通过页面所用的同一套章节代码训练，设置链接和种子如卡片所示；命令 `make models` 可以逐字节重建它们（有测试检查）。打开一个模型，就会进入它的章节并载入模型；也可以下载它的文件夹。',
  },
  'hubch.importHelp': {
    en: 'Have a folder exported here, or one written in Python in the same format? Import it (or drop it on the page) and it opens in its chapter.',
    zh: '有在这里导出的文件夹，或者用 Python 按同样格式写出的文件夹？导入它（或拖放到页面上），它就会在所属章节中打开。',
  },
  'hubch.loading': { en: 'Loading the gallery…', zh: '正在载入画廊……' },
  'hubch.noIndex': { en: 'The gallery could not be loaded ({detail}).', zh: '画廊载入失败（{detail}）。' },
  'hubch.chapter': { en: 'Chapter:', zh: '章节：' },
  'hubch.trained.epochs': {
    en: 'Trained for {count} epochs ({steps} steps) from the settings below, seed “{seed}”.',
    zh: '按下面的设置训练了 {count} 轮（{steps} 步），种子为“{seed}”。',
  },
  'hubch.trained.steps': {
    en: 'Trained for {count} steps from the settings below, seed “{seed}”.',
    zh: '按下面的设置训练了 {count} 步，种子为“{seed}”。',
  },
  'hubch.settings': { en: 'Settings link', zh: '设置链接' },
  'hubch.size': {
    en: '{parameters} parameters ({precision}), {size} kB zipped; made by `{command}`.',
    zh: '{parameters} 个参数（{precision}），zip 文件 {size} kB；由 `{command}` 生成。',
  },
  'hubch.figures': { en: 'Measured after training', zh: '训练后实测' },
  'hubch.open': { en: 'Open in its chapter', zh: '在所属章节中打开' },
  'hubch.download': { en: 'Download', zh: '下载' },
  'hubch.openLabel': { en: 'Open “{title}” in its chapter', zh: '在所属章节中打开“{title}”' },
  'hubch.downloadLabel': { en: 'Download “{title}” (zip)', zh: '下载“{title}”（zip）' },
  'hubch.fig.test accuracy': { en: 'test accuracy', zh: '测试准确率' },
  'hubch.fig.training accuracy': { en: 'training accuracy', zh: '训练准确率' },
  'hubch.fig.test loss': { en: 'test loss', zh: '测试损失' },
  'hubch.fig.test cross-entropy': { en: 'test cross-entropy', zh: '测试交叉熵' },
  'hubch.fig.validation cross-entropy (nats per token)': { en: 'validation cross-entropy (nats per token)', zh: '验证集交叉熵（每词元，奈特）' },
  'hubch.fig.validation perplexity': { en: 'validation perplexity', zh: '验证集困惑度' },
  'hubch.fig.bigram baseline, validation': { en: 'bigram baseline, validation', zh: '二元语法基线（验证集）' },
  'hubch.fig.training accuracy (share of the points on their side)': { en: 'training accuracy (share of the points on their side)', zh: '训练准确率（落在正确一侧的点所占比例）' },
  'hubch.fig.updates made by the rule': { en: 'updates made by the rule', zh: '规则做出的更新次数' },
  'hubch.fig.LSTM held-out accuracy': { en: 'LSTM held-out accuracy', zh: 'LSTM 留出集准确率' },
  'hubch.fig.LSTM held-out cross-entropy': { en: 'LSTM held-out cross-entropy', zh: 'LSTM 留出集交叉熵' },
  'hubch.fig.tanh RNN held-out accuracy': { en: 'tanh RNN held-out accuracy', zh: 'tanh RNN 留出集准确率' },
  'hubch.fig.tanh RNN held-out cross-entropy': { en: 'tanh RNN held-out cross-entropy', zh: 'tanh RNN 留出集交叉熵' },
  'hubch.fig.reconstruction error (squared, per image)': { en: 'reconstruction error (squared, per image)', zh: '重建误差（平方和，每张图）' },
  'hubch.fig.pseudo-log-likelihood per image': { en: 'pseudo-log-likelihood per image', zh: '每张图的伪对数似然' },
});
