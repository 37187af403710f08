// Debian's kramdown (through Jekyll's converter and Jekyll's options: test/fidelity/kramdown-oracle.rb)
// and our markdown-it kramdown, side by side: the unit tests of render/kramdown/ and the differential
// fuzzer (test/fidelity/kramdown-fuzz.mjs) compare the two in the test run; no oracle output is written down.
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { CodeHighlighter } from '../../../../src/core/render/highlight/highlighter';
import type { RenderEnv } from '../../../../src/core/render/kramdown/env';
import { createKramdownMarkdown } from '../../../../src/core/render/kramdown/markdown';
import { kramdownOptionsFrom } from '../../../../src/core/render/kramdown/options';
import { MathRenderer } from '../../../../src/core/render/math/katex';
import { sanitizeHtml } from '../../../../src/core/render/sanitize';
import { blockSignatures } from '../blocks';

/** The repository root (this file runs compiled from out/test/unit/render/kramdown/). */
const ROOT = path.resolve(__dirname, '..', '..', '..', '..', '..');
export const ORACLE_SCRIPT = path.join(ROOT, 'test', 'fidelity', 'kramdown-oracle.rb');

let missing: string | undefined | null = null;

/** Why kramdown cannot run here (undefined when it can). */
export function kramdownMissing(): string | undefined {
  if (missing === null) {
    const r = spawnSync('ruby', ['-rjekyll', '-e', 'print Kramdown::VERSION'], { encoding: 'utf8' });
    missing = !r.error && r.status === 0 ? undefined : 'ruby with jekyll/kramdown is not installed (Debian: apt-get install jekyll): skipped';
  }
  return missing;
}

/** kramdown's HTML for each text (one ruby process for all), with `kramdown:` options over Jekyll's. */
export function kramdownHtml(texts: string[], kramdown?: Record<string, unknown>): string[] {
  const input = texts.map((text, id) => JSON.stringify({ id, text, kramdown })).join('\n') + '\n';
  const r = spawnSync('ruby', [ORACLE_SCRIPT], { input, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(`kramdown oracle failed: ${r.stderr}`);
  const out: string[] = [];
  for (const line of r.stdout.split('\n')) {
    if (!line) continue;
    const o = JSON.parse(line) as { id: number; html?: string; error?: string };
    out[o.id] = o.html ?? `<!-- kramdown error: ${o.error ?? ''} -->`;
  }
  return out;
}

const markdowns = new Map<boolean, ReturnType<typeof createKramdownMarkdown>>();
const highlighter = new CodeHighlighter();
const math = new MathRenderer();

/** Our HTML for a post body, as the renderer makes it (its raw HTML through the sanitizer), without data-line. */
export function oursHtml(text: string, kramdown?: Record<string, unknown>): string {
  const options = kramdownOptionsFrom(kramdown);
  let md = markdowns.get(options.hardWrap);
  if (!md) markdowns.set(options.hardWrap, (md = createKramdownMarkdown({ hardWrap: options.hardWrap })));
  const env: RenderEnv = {
    options, alds: new Map(), notices: new Set(), sourceLine: (l) => l, dataLines: false,
    image: (src) => ({ src }), html: (h, _line, inline) => sanitizeHtml(h, { resource: (src) => ({ src }), allowEmbeds: true, inline: inline ?? false }),
    highlighter, math, hasMath: false,
  };
  return md.render(text, env as unknown as Record<string, unknown>);
}

const SPANS = /<(\/?)(em|strong|code|a|br|del|abbr|sup|kbd)\b/g;

/** What the comparison looks at: block signatures (kind, class, id, text) and the sequence of span elements. */
export function signature(html: string): string[] {
  const spans = [...html.replace(/<span class="katex-mathml">[\s\S]*?<\/math><\/span>/g, '').matchAll(SPANS)].map((m) => m[1] + m[2]).join(' ');
  return [...blockSignatures(html), `spans|${spans}`];
}

/** Each text renders with kramdown's signature (skips the test when kramdown is missing). */
export function assertLikeKramdown(
  t: { skip(message: string): void }, texts: string[], equal: (a: unknown, b: unknown, message: string) => void, kramdown?: Record<string, unknown>,
): void {
  const why = kramdownMissing();
  if (why) return t.skip(why);
  const theirs = kramdownHtml(texts, kramdown);
  texts.forEach((text, i) => equal(signature(oursHtml(text, kramdown)), signature(theirs[i]), text));
}
