// The oracle for the kramdown rule tests: Debian's kramdown through Jekyll's converter (kramdownOracle.ts), run in the
// test run (one Ruby process per test file) on the same Markdown we render; the two compare block by block.
// Without Ruby's kramdown the oracle cases skip with a printed line; the structural asserts still run.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { alignBlocks, blockSignatures } from '../blocks';
import { memorySite } from '../helpers';
import { kramdownHtml as jekyllKramdownHtml, kramdownMissing } from './kramdownOracle';

/** kramdown's HTML for each input through Jekyll's own converter and options (the fuzzer's oracle), or why it cannot run. */
export function kramdownHtml(inputs: string[]): { html?: string[]; missing?: string } {
  const missing = kramdownMissing();
  return missing ? { missing } : { html: jekyllKramdownHtml(inputs) };
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
