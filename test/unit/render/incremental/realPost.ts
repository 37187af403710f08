// A post shaped like the long machine-learning and systems posts bloggers write (the issue's 87 KB,
// 460 formulas, 480 blocks): headings, prose with inline math, display math, code fences, lists,
// tables, quotes, images, footnotes, link definitions and Liquid tags. Seeded: a seed gives one post.
// Shared by the incremental-render property test and the benchmark (test/bench/incremental.bench.ts).

const WORDS = ('the gradient of loss with respect to weights converges when learning rate decays kernel scheduler ' +
  'page cache latency throughput attention head softmax layer norm residual stream token embedding eBPF probe ' +
  '動態 追蹤 技術 模型 訓練').split(' ');
const TEX = ['\\alpha_i', 'x^2 + y^2', '\\sum_{i=1}^{n} w_i x_i', '\\frac{\\partial L}{\\partial w}', '\\mathbb{E}[X]', '\\theta_t',
  '\\sqrt{d_k}', 'e^{-\\lambda t}', '\\log p(x)', 'O(n \\log n)', '\\|v\\|_2', 'W_q K^\\top'];

export interface PostShape {
  /** Top-level blocks to write (the 87 KB shape: about 480). */
  blocks: number;
  /** Formulas per paragraph (inline), on average. */
  mathPerParagraph: number;
  /** Write Liquid tags (site mode). */
  liquid: boolean;
}

export const LONG_POST: PostShape = { blocks: 480, mathPerParagraph: 0.85, liquid: true };
export const SHORT_POST: PostShape = { blocks: 40, mathPerParagraph: 0.6, liquid: true };

export function realShapedBody(rng: () => number, shape: PostShape): string {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rng() * xs.length)];
  const words = (n: number) => Array.from({ length: n }, () => pick(WORDS)).join(' ');
  const tex = () => pick(TEX);
  let notes = 0;
  const sentence = () => {
    let s = words(8 + Math.floor(rng() * 14));
    if (rng() < shape.mathPerParagraph) s += ` $$${tex()}$$ ${words(4)}`;
    if (rng() < 0.3) s += ` **${words(2)}** and \`${pick(WORDS)}()\``;
    if (rng() < 0.15) s += ` [${words(2)}](https://example.com/${pick(WORDS)})`;
    if (rng() < 0.06) s += ` [${words(1)}][ref${Math.floor(rng() * 3)}]`;
    if (rng() < 0.05) s += `[^n${++notes}]`;
    if (shape.liquid && rng() < 0.04) s += ` {{ site.title }}`;
    return s + '.';
  };
  const out: string[] = [];
  for (let b = 0; b < shape.blocks; b++) {
    const r = rng();
    if (b % 25 === 0 || r < 0.06) out.push(`${'#'.repeat(2 + Math.floor(rng() * 2))} ${words(3)} ${b}`);
    else if (r < 0.5) out.push([sentence(), sentence(), rng() < 0.5 ? sentence() : ''].join(' ').trim());
    else if (r < 0.62) out.push(`$$\n${tex()} = ${tex()}\n$$`);
    else if (r < 0.7) out.push(['```python', `def f(x):`, `    return ${pick(WORDS)}(x) * 2`, '```'].join('\n'));
    else if (r < 0.78) out.push(Array.from({ length: 2 + Math.floor(rng() * 3) }, (_, i) => `${rng() < 0.5 ? '-' : `${i + 1}.`} ${sentence()}`).join('\n'));
    else if (r < 0.83) out.push(['| name | value |', '|------|-------|', ...Array.from({ length: 3 }, () => `| ${pick(WORDS)} | $$${tex()}$$ |`)].join('\n'));
    else if (r < 0.87) out.push(`> ${sentence()}`);
    else if (r < 0.9) out.push(`![${words(2)}](/images/${rng() < 0.8 ? 'plot' : 'missing'}.png)`);
    else if (shape.liquid && r < 0.92) out.push(`{% include note.html text="${words(2)}" %}`);
    else if (shape.liquid && r < 0.94) out.push(['{% highlight ruby %}', `puts "${words(2)}"`, '{% endhighlight %}'].join('\n'));
    else if (shape.liquid && r < 0.95) out.push(`{% if page.title %}${words(3)}{% endif %}`);
    else if (r < 0.97) out.push(['```', `$ ${words(3)}`, '```'].join('\n'));
    else out.push(sentence());
  }
  for (let n = 1; n <= notes; n++) out.push(`[^n${n}]: ${sentence()}`);
  out.push('[ref0]: https://example.com/a', '[ref1]: https://example.com/b "B"');
  return out.join('\n\n') + '\n';
}

/** The site the post lives in: a post → default layout chain, an include, an image. */
export const REAL_SITE_FILES: Record<string, string> = {
  '_config.yml': 'title: Systems notes\nkramdown:\n  math_engine: mathjax\n',
  '_layouts/default.html': '<!DOCTYPE html>\n<html><head><title>{{ page.title }} | {{ site.title }}</title></head><body><header class="site-header">{{ site.title }}</header>\n<main>{{ content }}</main><footer>{{ site.time | date: "%Y" }}</footer></body></html>\n',
  '_layouts/post.html': '---\nlayout: default\n---\n<article class="post"><h1 class="post-title">{{ page.title | escape }}</h1>\n<div class="post-content">{{ content }}</div></article>\n',
  '_includes/note.html': '<div class="note">{{ include.text }}</div>\n',
  'images/plot.png': 'PNG',
};

export const REAL_FRONT_MATTER = '---\nlayout: post\ntitle: "Attention, kernels and page caches"\n---\n';
