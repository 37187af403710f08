// Generated posts shaped like the long machine-learning / systems posts real math-heavy blogs publish:
// headings, prose with inline formulas (about one formula per 190 bytes, as a real 87 KB post with
// 460 formulas has), display math, lists, code blocks (fenced and `{% highlight %}`), images, tables and the
// Liquid such posts use (`relative_url`, `page.*`, `site.*`, `{% raw %}`). Math is kramdown's: `$$…$$`
// inline and as a block of its own. Deterministic: the same arguments give the same text. Used by the
// scaling and memory benchmarks.

import { mulberry32 as rng } from '../unit/prng';

const SYMBOLS = ['\\alpha', '\\beta', '\\theta', '\\lambda', '\\mu', '\\sigma', '\\eta', '\\gamma', 'x', 'y', 'W', 'b', 'h', 'z'];

/** Real posts rarely repeat a formula: most carry an index or a constant of their own. */
function inlineFormula(r: () => number): string {
  const s = () => SYMBOLS[Math.floor(r() * SYMBOLS.length)];
  const n = Math.floor(r() * 997) + 1;
  switch (Math.floor(r() * 5)) {
    case 0: return `$$${s()}_{${n}}$$`;
    case 1: return `$$\\frac{\\partial L}{\\partial ${s()}_{${n}}}$$`;
    case 2: return `$$${s()} \\in \\mathbb{R}^{${n}}$$`;
    case 3: return `$$\\sum_{i=1}^{${n}} ${s()}_i^2$$`;
    default: return `$$O(n^{${n}})$$`;
  }
}

function displayFormula(r: () => number, i: number): string {
  const n = Math.floor(r() * 20) + 2;
  return [
    `$$\\mathcal{L}_{${i}}(\\theta) = -\\frac{1}{${n}} \\sum_{i=1}^{${n}} \\log p_\\theta(y_i \\mid x_i) + \\lambda \\lVert \\theta \\rVert_2^2$$`,
    `$$h_t = \\tanh(W_{hh} h_{t-1} + W_{xh} x_t + b_{${i}})$$`,
    `$$\\mathrm{Attention}(Q, K, V) = \\mathrm{softmax}\\left(\\frac{QK^\\top}{\\sqrt{d_{${n}}}}\\right) V$$`,
    `$$\\begin{aligned} m_t &= \\beta_1 m_{t-1} + (1 - \\beta_1) g_t \\\\ v_t &= \\beta_2 v_{t-1} + (1 - \\beta_2) g_t^2 \\end{aligned}$$`,
  ][i % 4];
}

/** One section (~2 KB, about eleven formulas); `i` varies its headings, formulas and code. */
export function mathSection(i: number, seed = 1): string {
  const r = rng(seed * 100_003 + i);
  const prose = (k: number) => Array.from({ length: k }, (_, j) =>
    `The gradient of the loss with respect to ${inlineFormula(r)} is computed by back-propagation through the unrolled graph, and step ${i}.${j} updates the weights with the learning rate the schedule gives.`).join(' ');
  const lines = [
    `## ${i}. Optimizing layer ${i} of {{ page.title }}`, '',
    prose(2), '',
    displayFormula(r, i), '',
    `- the hidden state ${inlineFormula(r)} keeps the sequence so far;`,
    `- the weights ${inlineFormula(r)} are shared across steps ([notes]({{ "/notes/layer-${i % 7}/" | relative_url }}));`,
    `- see the [figure]({{ site.baseurl }}/images/2024/fig-${i % 13}.png) for the unrolled graph.`, '',
    `![unrolled graph ${i}]({{ "/images/2024/fig-${i % 13}.png" | relative_url }})`, '',
    prose(1), '',
  ];
  if (i % 3 === 0) lines.push('```python', `def step_${i}(params, grads, lr=1e-${(i % 5) + 1}):`, '    for p, g in zip(params, grads):', `        p -= lr * g  # layer ${i}`, '    return params', '```', '');
  else if (i % 3 === 1) lines.push('{% highlight c %}', `static inline float relu_${i}(float x) {`, '    return x > 0.0f ? x : 0.0f;', '}', '{% endhighlight %}', '');
  else lines.push('| step | value | note |', '|------|-------|------|', `| ${i} | ${(r() * 100).toFixed(2)} | {% raw %}{{ kept }}{% endraw %} |`, `| ${i + 1} | ${(r() * 100).toFixed(2)} | ${inlineFormula(r)} |`, '');
  return lines.join('\n');
}

export const MATH_FRONT = '---\nlayout: post\ntitle: "Notes on training recurrent networks"\ntags: [ml, math]\nmath: true\n---\n';

/** A post body of at least `bytes` UTF-8 bytes (whole sections). */
export function mathBody(bytes: number, seed = 1): string {
  const parts: string[] = [];
  let size = 0;
  for (let i = 0; size < bytes; i++) {
    const s = mathSection(i, seed) + '\n';
    parts.push(s);
    size += Buffer.byteLength(s);
  }
  return parts.join('');
}
