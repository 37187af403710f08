// headingsOf and findLinks skip prose lines without cutting them out of the text (`techblog check` reads
// every post of a blog): on seeded random documents of prose, headers, setext underlines, fences, indented
// code, lists, links and CRLF lines they find what a plain line-by-line reading finds.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { headingsOf, type Heading } from '../../../src/core/links/headings';
import { HeaderIdGenerator } from '../../../src/core/render/kramdown/headerIds';
import { kramdownOptionsFrom } from '../../../src/core/render/kramdown/options';
import { findLinks, type FoundLink } from '../../../src/core/links/scan';
import { mulberry32 } from '../prng';

const LINES = [
  'Plain prose line.', 'More text with a [link](/a/b/) and ![img](/i.png).', '[ref]: /target', 'See {% post_url 2021-01-01-x %}#part.',
  'Text <a href="/x">x</a> and <img src="y.png">', 'Text < 3 and a > b', '`code [x](/no)` then [y](/yes)', '# Header one', '## Header *two* {#two}',
  'Setext title', '===', '---', '- item [l](/l)', '1. item', '```', '~~~', '    indented [x](/code)', '\tTabbed [x](/code)', '', '   ', 'Hé ünïcode [é](/é)',
  '> quote [q](/q)', 'Title\r', '===\r', '#hashtag not a header', 'Line with ]( alone', '=', 'A line with \u00a0 nbsp', '\u00a0', '* star', '{% link _posts/x.md %}',
  '這次的 keynote [連結](/zh)', '\u3000', '\u3000# 全形空白', '\u2003```', '\ufeff# bom', '\u0085# nel', '動態追蹤', 'é\n===',
];

function doc(seed: number): string {
  const r = mulberry32(seed);
  const n = 5 + Math.floor(r() * 40);
  const out: string[] = [];
  for (let i = 0; i < n; i++) out.push(LINES[Math.floor(r() * LINES.length)]);
  return out.join('\n') + (r() < 0.5 ? '\n' : '');
}

const FENCE = /^ {0,3}(`{3,}|~{3,})/;

/** findLinks read line by line: each line outside fences and indented code found on its own. */
function linksByLine(text: string): FoundLink[] {
  const out: FoundLink[] = [];
  let fence: string | undefined;
  let base = 0;
  for (const line of text.split('\n')) {
    const f = FENCE.exec(line);
    if (fence) {
      if (f && f[1][0] === fence[0] && f[1].length >= fence.length && line.trim() === f[1]) fence = undefined;
    } else if (f) fence = f[1];
    else if (!/^( {4}|\t)/.test(line)) {
      for (const l of findLinks(line)) {
        const moved: FoundLink = { ...l, start: l.start + base, end: l.end + base };
        if (l.fragment) moved.fragment = { ...l.fragment, start: l.fragment.start + base, end: l.fragment.end + base };
        out.push(moved);
      }
    }
    base += line.length + 1;
  }
  return out.sort((a, b) => a.start - b.start);
}

const KRAMDOWN = { input: 'kramdown' };

/** Headers read line by line (kramdown's rules as headingsOf applies them). */
function headersByLine(text: string): Heading[] {
  const options = kramdownOptionsFrom(KRAMDOWN);
  const gen = new HeaderIdGenerator('kramdown', options.autoIdPrefix, options.transliteratedHeaderIds);
  const out: Heading[] = [];
  let fence: string | undefined;
  let prevBlank = true;
  let prev: { line: string; start: number; blankBefore: boolean } | undefined;
  const add = (raw: string, start: number) => {
    const t = raw.trimEnd();
    const m = /[\t ]\{#([A-Za-z_:][\w:.-]*)\}$/.exec(t);
    const body = (m ? t.slice(0, m.index) : t).replace(/[\t ]#+$/, '').trimEnd();
    const id = body && (m ? m[1] : options.autoIds ? gen.next(body) : '');
    if (id) out.push({ text: body, id, start });
  };
  let start = 0;
  for (const raw of text.split('\n')) {
    const line = raw.replace(/\r$/, '');
    const at = start;
    start += raw.length + 1;
    if (at >= text.length) break;
    const f = FENCE.exec(line);
    if (fence) {
      if (f && f[1][0] === fence[0] && f[1].length >= fence.length && line.trim() === f[1]) fence = undefined;
      prev = undefined;
      continue;
    }
    if (f) { fence = f[1]; prev = undefined; prevBlank = false; continue; }
    const blank = line.trim() === '';
    const atx = /^(#{1,6})[\t ]+(.*)$/.exec(line);
    if (atx) add(atx[2], at);
    else if (prev && prev.blankBefore && /^([-=])[-=]*[ \t]*$/.test(line) && !/^\s/.test(prev.line) && !prev.line.startsWith('#')) add(prev.line, prev.start);
    prev = blank ? undefined : { line, start: at, blankBefore: prevBlank };
    prevBlank = blank;
  }
  return out;
}

describe('line scans that skip prose lines', () => {
  test('findLinks finds what a line-by-line reading finds', () => {
    for (let seed = 1; seed <= 3000; seed++) {
      const text = doc(seed);
      assert.deepEqual(findLinks(text), linksByLine(text), `seed ${seed}: ${JSON.stringify(text)}`);
    }
  });

  test('headingsOf finds the headers a line-by-line reading finds', () => {
    for (let seed = 1; seed <= 3000; seed++) {
      const text = doc(seed);
      assert.deepEqual(headingsOf(text, KRAMDOWN), headersByLine(text), `seed ${seed}: ${JSON.stringify(text)}`);
    }
  });

  test('GFM ids: headers with and without markup', () => {
    const ids = headingsOf('# Plain title\n\n# Hello *World* and `code`\n\n# [Linked](/x) title\n', { input: 'GFM' }).map((h) => h.id);
    assert.deepEqual(ids, ['plain-title', 'hello-world-and-code', 'linked-title']);
  });
});
