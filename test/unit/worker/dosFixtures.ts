// Denial-of-service fixtures for the render worker's limits (issue 12), generated at test time in a
// temp folder: nothing big is committed. Each is a small Jekyll site whose post (`_posts/…`) or
// stylesheet or config would run for a long time or take gigabytes if nothing stopped it.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export const DOS_POST = '_posts/2024-01-01-dos.md';
const LAYOUT = '<!DOCTYPE html>\n<html><head><link rel="stylesheet" href="{{ \'/assets/main.css\' | relative_url }}"></head>\n<body>{{ content }}</body></html>\n';
const CSS = '---\n---\nbody { color: #333; }\n';

export interface DosFixture {
  name: string;
  /** The step and file a stop should name (step: see RenderStep). */
  step: string;
  file: string;
  /** The site's files (relative path → text). */
  files: () => Record<string, string>;
  /**
   * When the renderer's own bounds make the render finish inside the limit (linear footnotes, YAML caps),
   * what the finished page must show: a text of the body or of a notice.
   */
  finishes?: RegExp;
}

const post = (body: string) => `---\nlayout: default\ntitle: DoS\n---\n${body}\n`;

export const DOS_FIXTURES: DosFixture[] = [
  {
    name: 'Sass @while true', step: 'sass', file: 'assets/main.scss',
    files: () => ({ 'assets/main.scss': '---\n---\n$i: 0;\n@while true { $i: $i + 1; }\nbody { color: red; }\n', [DOS_POST]: post('Hello.') }),
  },
  {
    name: 'Sass @for to 10,000,000', step: 'sass', file: 'assets/main.scss',
    files: () => ({ 'assets/main.scss': '---\n---\n@for $i from 1 through 10000000 { .c#{$i} { width: $i * 1px; } }\n', [DOS_POST]: post('Hello.') }),
  },
  {
    name: 'Liquid loop to 10^8', step: 'liquid', file: DOS_POST,
    files: () => ({ 'assets/main.css': CSS, [DOS_POST]: post('{% for i in (1..100000000) %}{{ i }} {% endfor %}') }),
  },
  {
    name: '10 MB post', step: 'markdown', file: DOS_POST,
    files: () => {
      const para = 'Lorem *ipsum* dolor sit **amet**, `code` [link](https://example.com) consectetur adipiscing elit.\n\n';
      return { 'assets/main.css': CSS, [DOS_POST]: post(para.repeat(Math.ceil(10 * 1024 * 1024 / para.length))) };
    },
  },
  {
    name: '20,000 footnotes', step: 'markdown', file: DOS_POST, finishes: /Footnote 19999\./,
    files: () => {
      const n = 20000;
      const refs = Array.from({ length: n }, (_, i) => `Note[^n${i}] here.`).join(' ');
      const defs = Array.from({ length: n }, (_, i) => `[^n${i}]: Footnote ${i}.`).join('\n');
      return { 'assets/main.css': CSS, [DOS_POST]: post(`${refs}\n\n${defs}`) };
    },
  },
  {
    name: '400k-deep YAML list in _config.yml', step: 'site', file: '_config.yml', finishes: /_config\.yml is nested or indented more than 64 levels deep/,
    files: () => {
      const depth = 400000;
      return { '_config.yml': `title: Deep\ndeep: ${'['.repeat(depth)}${']'.repeat(depth)}\n`, 'assets/main.css': CSS, [DOS_POST]: post('Hello.') };
    },
  },
];

/** Writes a fixture's site (with a default layout) into a new temp folder; returns its path. */
export function writeDosSite(fixture: DosFixture): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'techblog-dos-'));
  const files: Record<string, string> = { '_config.yml': 'title: DoS\n', '_layouts/default.html': LAYOUT, ...fixture.files() };
  for (const [rel, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    fs.writeFileSync(path.join(root, rel), text);
  }
  return root;
}
