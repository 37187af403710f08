// The oracle for the kramdown rule tests: Debian's kramdown with the GFM parser and Jekyll's options, run in the
// test run (one Ruby process per test file) on the same Markdown we render; the two compare block by block.
// Without Ruby's kramdown the oracle cases skip with a printed line; the structural asserts still run.
import { spawnSync } from 'node:child_process';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { alignBlocks, blockSignatures } from '../blocks';
import { memorySite } from '../helpers';

// Jekyll's kramdown options (jekyll/converters/markdown/kramdown_parser.rb) that change the HTML.
const RUBY = `
require "json"; require "kramdown"; require "kramdown-parser-gfm"
inputs = JSON.parse(STDIN.read)
puts JSON.generate(inputs.map { |s| Kramdown::Document.new(s, input: "GFM", hard_wrap: false, auto_ids: true,
  syntax_highlighter: "rouge", syntax_highlighter_opts: { "default_lang" => "plaintext", "guess_lang" => true }, math_engine: "mathjax").to_html })
`;

/** kramdown's HTML for each input, or undefined (with the reason) when Ruby's kramdown is not there. */
export function kramdownHtml(inputs: string[]): { html?: string[]; missing?: string } {
  const r = spawnSync('ruby', ['-e', RUBY], { input: JSON.stringify(inputs), encoding: 'utf8', timeout: 60_000 });
  if (r.error || r.status !== 0) return { missing: (r.error?.message ?? r.stderr.trim().split('\n')[0]) || 'ruby failed' };
  return { html: JSON.parse(r.stdout) as string[] };
}

/** Our body HTML for a post holding `markdown` (a site without layouts, Jekyll's defaults). */
export async function ours(markdown: string, config = ''): Promise<string> {
  const site = await memorySite({ '_config.yml': config }, { noLayouts: true });
  const r = await site.render({ path: '_posts/2024-01-01-t.md', text: `---\n---\n${markdown}`, mode: 'content', now: new Date('2024-06-01T00:00:00Z') });
  return r.bodyHtml.replace(/ data-line="\d+"/g, '');
}

/** One test per input: our blocks (tags, classes, ids, text) are kramdown's. */
export function sameBlocksAsKramdown(what: string, inputs: Record<string, string>): void {
  const names = Object.keys(inputs);
  let oracle: ReturnType<typeof kramdownHtml> | undefined;
  for (const [i, name] of names.entries()) {
    test(`${what}: ${name} — same blocks as kramdown`, async (t) => {
      oracle ??= kramdownHtml(names.map((n) => inputs[n]));
      if (!oracle.html) {
        console.log(`[kramdown oracle] skipped: Ruby's kramdown is not available (${oracle.missing}); Debian: apt-get install ruby-kramdown ruby-kramdown-parser-gfm`);
        t.skip('no kramdown');
        return;
      }
      const a = blockSignatures(await ours(inputs[name]));
      const b = blockSignatures(oracle.html[i]);
      const { onlyA, onlyB } = alignBlocks(a, b);
      assert.deepEqual({ onlyOurs: onlyA, onlyKramdown: onlyB }, { onlyOurs: [], onlyKramdown: [] });
    });
  }
}

/** The elements of a kind in an HTML string, in order. */
export const tags = (html: string, name: string): string[] => [...html.matchAll(new RegExp(`<${name}\\b[^>]*>`, 'g'))].map((m) => m[0]);
