// One source of truth for what every feature must agree on: which files are Markdown
// (src/core/site/markdownFiles.ts) and how a site's config is read and its generator recognised
// (src/core/site/config.ts, src/core/site/profile.ts). A second list or reader elsewhere drifts (six
// Markdown lists once differed; the config reader and the profile once disagreed on Hexo): these
// tests scan src/ and name the file and line of any new one.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { repoRoot } from '../repoRoot';

interface Line { file: string; line: number; text: string }

function sourceLines(): Line[] {
  const src = path.join(repoRoot, 'src');
  const out: Line[] = [];
  for (const entry of fs.readdirSync(src, { recursive: true })) {
    const rel = String(entry).split(path.sep).join('/');
    if (!/\.ts$/.test(rel) || rel.endsWith('.d.ts')) continue;
    const lines = fs.readFileSync(path.join(src, rel), 'utf8').split('\n');
    lines.forEach((text, i) => out.push({ file: 'src/' + rel, line: i + 1, text }));
  }
  return out;
}

const lines = sourceLines();

function offenders(pattern: RegExp, allowed: Record<string, string>): string[] {
  return lines.filter((l) => pattern.test(l.text) && !(l.file in allowed)).map((l) => `${l.file}:${l.line}: ${l.text.trim()}`);
}

const EXT = '(?:md|markdown|mkdown|mkdn|mkd|mdown)';

test('the source scan sees the tree (the one list itself is found)', () => {
  assert.ok(lines.length > 10000, `only ${lines.length} lines under src/`);
  assert.ok(lines.some((l) => l.file === 'src/core/site/markdownFiles.ts' && l.text.includes('MARKDOWN_EXTENSIONS =')));
});

test('one list of Markdown extensions: no other file spells two of them as a list, an alternation or a glob', () => {
  const home = { 'src/core/site/markdownFiles.ts': 'the one list' };
  // `a|b` in a regular expression, `'a', 'b'` (or `'index.md', 'index.markdown'`) in an array, `{a,b}` in a glob.
  const alternation = new RegExp(`(?<![\\w-])${EXT}\\|${EXT}(?![\\w-])`);
  const glob = new RegExp(`\\{${EXT},${EXT}[,}]`);
  // Two different extensions (one file name in two cases, `'README.md', 'readme.md'`, is not a list).
  const array = new RegExp(`['"\`](?:[\\w./-]*\\.)?(${EXT})['"\`]\\s*,\\s*['"\`](?:[\\w./-]*\\.)?(?!\\1['"\`])${EXT}['"\`]`);
  const found = [
    ...offenders(alternation, home),
    // Fence info strings Rouge knows as Markdown (a language name, not a file extension).
    ...offenders(array, { ...home, 'src/core/render/highlight/registry.ts': 'code fence language names' }),
    ...offenders(glob, home),
    ...offenders(/endsWith\(\s*['"`]\.(?:md|markdown)['"`]\s*\)/, home),
  ];
  assert.deepEqual(found, [], 'use isMarkdownPath / markdownPattern / markdownGlobAlternatives from src/core/site/markdownFiles.ts');
});

test('one reader of the site config: _config.yml is parsed, Hugo\'s TOML read and the generator recognised in src/core/site only', () => {
  // `_config.yml` as YAML: config.ts reads it; the render model keeps the raw map for `site.*`, and a theme's
  // `_config.yml` is merged under the site's before that one reader sees it.
  const yaml = offenders(/readSiteYaml\([^)]*_config\.yml/, {
    'src/core/site/config.ts': 'the reader',
    'src/core/render/siteModel.ts': 'the raw map of site.* (after parseSiteConfig)',
    'src/core/render/theme/themeLayer.ts': 'a theme\'s _config.yml merged under the site\'s text',
  });
  const toml = offenders(/\breadToml\(/, {
    'src/core/site/config.ts': 'the reader', 'src/core/text/toml.ts': 'the TOML parser', 'src/core/frontmatter/tomlJson.ts': 'TOML front matter (+++), not a config',
  });
  // Hugo's config file names: the one list (HUGO_CONFIG_FILES and the lookup order).
  const hugoNames = offenders(/['"](?:config\/_default\/)?(?:hugo|config)\.(?:toml|ya?ml|json)['"]/, { 'src/core/site/config.ts': 'the one list' });
  // YAML itself is parsed by the site YAML reader (yamlFile.ts) and the front matter's (yamlPath.ts); detection
  // scans a config's top-level keys (tolerating YAML that does not parse, where it scans lines).
  const yamlParsers = offenders(/import \{[^}]*\b(?:parse|parseDocument|parseAllDocuments)\b[^}]*\} from 'yaml'/, {
    'src/core/site/yamlFile.ts': 'site YAML (_config.yml, _data) within bounds', 'src/core/frontmatter/yamlPath.ts': 'front matter',
    'src/core/site/profile.ts': 'top-level keys for detection',
    'src/core/render/kramdown/options.ts': 'a post\'s {::options …} values, not a config',
  });
  // Each reader and detector is defined once.
  const defs = (name: string) => lines.filter((l) => new RegExp(`\\bfunction ${name}\\b`).test(l.text)).map((l) => l.file);
  const definitions = {
    parseSiteConfig: defs('parseSiteConfig'), parseHugoConfig: defs('parseHugoConfig'), hexoKeysIn: defs('hexoKeysIn'), detectGenerator: defs('detectGenerator'),
  };
  // Hexo is recognised by its package.json dependency (profile.ts) or its own config keys (config.ts), nowhere else.
  const hexo = offenders(/"hexo"/, { 'src/core/site/profile.ts': 'the detector' });
  assert.deepEqual({ yaml, yamlParsers, toml, hugoNames, hexo, definitions }, {
    yaml: [], yamlParsers: [], toml: [], hugoNames: [], hexo: [],
    definitions: {
      parseSiteConfig: ['src/core/site/config.ts'], parseHugoConfig: ['src/core/site/config.ts'],
      hexoKeysIn: ['src/core/site/config.ts'], detectGenerator: ['src/core/site/profile.ts'],
    },
  });
});
