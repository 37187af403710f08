// Code highlighting against Debian's Jekyll and Rouge, generated in the test run: the rouge-options
// fixture site (kramdown's syntax_highlighter_opts: a line-number gutter, a css_class, default languages
// for blocks and spans) built by `jekyll build`, and code lexed by `ruby -rrouge`, compared with ours.
// Skips with a printed line when jekyll or ruby-rouge is missing.
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { CodeHighlighter } from '../../../src/core/render/highlight/highlighter';
import { lex, type Grammar } from '../../../src/core/render/highlight/lexer';
import { syntaxHighlighterOptionsFrom } from '../../../src/core/render/highlight/options';
import { GRAMMARS } from '../../../src/core/render/highlight/registry';
import { renderFile, withoutDataLines } from './helpers';
import { repoRoot } from '../repoRoot';

const SITE = path.join(repoRoot, 'test', 'fixtures', 'sites', 'rouge-options');
const POST = '_posts/2024-05-01-highlighted-code.md';

function jekyllBuild(): string | undefined {
  if (spawnSync('jekyll', ['--version']).status !== 0) {
    console.log('[highlight oracle] skipped: jekyll is not installed (Debian: apt-get install jekyll)');
    return undefined;
  }
  const dest = fs.mkdtempSync(path.join(os.tmpdir(), 'techblog-rouge-options-'));
  const r = spawnSync('jekyll', ['build', '-s', SITE, '-d', dest, '--disable-disk-cache', '--quiet'], { encoding: 'utf8', timeout: 120_000 });
  assert.equal(r.status, 0, r.stdout + r.stderr);
  return dest;
}

/** Rouge's HTML for code in a language, from the installed ruby-rouge (undefined without it). */
function rouge(code: string, lang: string): string | undefined {
  const r = spawnSync('ruby', ['-rrouge', '-e', 'l = Rouge::Lexer.find_fancy(ARGV[0], $stdin.read.tap { |s| $code = s }); print(l ? Rouge::Formatters::HTML.new.format(l.lex($code)) : "<none>")', lang],
    { input: code, encoding: 'utf8' });
  return r.status === 0 ? r.stdout : undefined;
}

/** The code elements of a page body: highlighted blocks, bare blocks and inline code, as markup. */
function codeElements(html: string): string[] {
  const re = /<div class="language-[^"]*highlighter-rouge"[^>]*>[\s\S]*?<\/code><\/pre><\/div><\/div>|<pre[^>]*><code[^>]*>[\s\S]*?<\/code><\/pre>|<code[^>]*>[^]*?<\/code>/g;
  return [...withoutDataLines(html).matchAll(re)].map((m) => m[0].replace(/&quot;/g, '"'));
}

describe('code highlighting against Jekyll and Rouge', () => {
  test('syntax_highlighter_opts: gutter, css_class, default_lang per blocks and spans, unknown languages bare, as jekyll build', { timeout: 180_000 }, async (t) => {
    const dest = jekyllBuild();
    if (!dest) return t.skip('jekyll is not installed');
    try {
      const theirs = codeElements(fs.readFileSync(path.join(dest, '2024', '05', '01', 'highlighted-code.html'), 'utf8'));
      const ours = codeElements((await renderFile(SITE, POST, { mode: 'content' })).bodyHtml);
      assert.ok(theirs.some((e) => e.includes('<table class="rouge-table">')), 'the fixture shows the gutter');
      assert.deepEqual(ours, theirs);
    } finally {
      fs.rmSync(dest, { recursive: true, force: true });
    }
  });

  test('names are Rouge\'s, case and all: a name Rouge does not know is plain text', () => {
    const h = new CodeHighlighter();
    const code = 'const a = 1;\n';
    for (const lang of ['JS', 'Javascript', 'nosuchlang', 'text', 'plaintext', undefined]) {
      assert.equal(h.tokens(code, lang), 'const a = 1;\n', String(lang));
    }
    const oracle = rouge(code, 'JS');
    if (oracle !== undefined) assert.equal(oracle, '<none>', 'Rouge has no lexer named JS either');
    assert.match(h.tokens(code, 'js'), /<span class="kd">const<\/span>/);
  });

  test('every modelled language lexes like Rouge on code with odd corners (unclosed strings, stray characters)', (t) => {
    if (rouge('x', 'ruby') === undefined) return t.skip('ruby-rouge is not installed');
    const h = new CodeHighlighter();
    const odd = 'x = "unclosed\n/* open comment\n<<EOF\n`tick\n$(( 1 +\n{ [ ( ) ] }\n@@@ ### ~~~\n\'a\' \\\n' +
      '```text\nplain & <b>\n```\n```nosuchlang\nz\n```\n```python\ndef f(): pass\n```\n';
    const seen = new Set<Grammar>();
    for (const [name, g] of GRAMMARS) {
      if (seen.has(g)) continue;
      seen.add(g);
      // Rouge escapes & < > only; we escape " too.
      assert.equal(h.tokens(odd, name).replace(/&quot;/g, '"'), rouge(odd, name), name);
    }
  });

  test('no input stalls a lexer: 100,000 characters of hostile code lex in bounded time', () => {
    const hostile = ['"'.repeat(20_000), '/*'.repeat(20_000), '((((('.repeat(8_000), 'a '.repeat(25_000), '<<A\n'.repeat(10_000)];
    const seen = new Set<Grammar>();
    for (const g of GRAMMARS.values()) {
      if (seen.has(g)) continue;
      seen.add(g);
      for (const code of hostile) {
        const start = Date.now();
        const tokens = lex(g, code);
        assert.equal(tokens.map(([, s]) => s).join(''), code, `${g.name} keeps the text`);
        assert.ok(Date.now() - start < 5_000, `${g.name}: ${Date.now() - start} ms`);
      }
    }
  });

  test('syntax_highlighter_opts: block and span groups override the shared options; spans are never wrapped', () => {
    const o = syntaxHighlighterOptionsFrom({
      guess_lang: false,
      syntax_highlighter_opts: { css_class: 'syntax', default_lang: 'ruby', block: { line_numbers: true, start_line: 3 }, span: { default_lang: 'python' } },
    });
    assert.deepEqual([o.block.cssClass, o.block.lineNumbers, o.block.startLine, o.block.defaultLang, o.block.wrap, o.block.guessLang], ['syntax', true, 3, 'ruby', true, false]);
    assert.deepEqual([o.span.cssClass, o.span.lineNumbers, o.span.defaultLang, o.span.wrap], ['syntax', false, 'python', false]);
    const h = new CodeHighlighter();
    assert.equal(h.kramdown('x\n', 'text', o.block), undefined, 'plain text without guess_lang is left to kramdown');
    assert.match(h.kramdown('x\n', undefined, o.block)!.html, /^<div class="highlight"><pre class="syntax"><code><table class="rouge-table">.*<pre class="lineno">3\n<\/pre>/s);
  });
});
