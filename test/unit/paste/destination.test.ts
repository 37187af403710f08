import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { defaultDestination, resolveDestination, selectDestination, variablesUsed } from '../../../src/core/paste/destination';
import { buildVariables, type PasteVariables } from '../../../src/core/paste/variables';

const ws = '/home/me/blog';
const post = `${ws}/_posts/2021-08-19-ebpf-summit-day1.md`;
const seedTime = new Date(2021, 7, 19, 15, 5, 23, 189);

function vars(overrides: Partial<Parameters<typeof buildVariables>[0]> = {}): PasteVariables {
  return buildVariables({ documentPath: post, siteRoot: ws, workspaceFolder: ws, now: seedTime, ext: 'png', hash: '0123456789abcdef', ...overrides });
}

function resolved(pattern: string, v = vars()): string {
  const r = resolveDestination({ pattern, vars: v });
  assert.ok(r.ok, r.ok ? '' : r.error);
  return r.path;
}

function refused(pattern: string, v = vars()): string {
  const r = resolveDestination({ pattern, vars: v });
  assert.ok(!r.ok, `expected an error for ${pattern}, got ${r.ok ? r.path : ''}`);
  return r.error;
}

describe('resolveDestination', () => {
  test('the default gives Typora\'s path for the seed screenshot', () => {
    assert.equal(defaultDestination, '${siteRoot}/images/${year}/image-${timestamp}.${ext}');
    assert.equal(resolved(defaultDestination), `${ws}/images/2021/image-20210819150523189.png`);
  });

  test('every variable substitutes', () => {
    const v = vars({ documentPath: `${ws}/_posts/2021-08-19-ebpf-summit-day1.md`, siteRoot: `${ws}/site`, frontMatterDate: '2020-02-03', fileName: 'Shot 1.PNG' });
    const cases: [string, string][] = [
      ['${siteRoot}/x.png', `${ws}/site/x.png`],
      ['${workspaceFolder}/x.png', `${ws}/x.png`],
      ['${postDir}/x.png', `${ws}/_posts/x.png`],
      ['/a/${postBaseName}.png', `${ws}/a/2021-08-19-ebpf-summit-day1.png`],
      ['/a/${postSlug}.png', `${ws}/a/ebpf-summit-day1.png`],
      ['/a/${postYear}-${postMonth}-${postDay}.png', `${ws}/a/2020-02-03.png`],
      ['/a/${year}${month}${day}-${hour}${minute}${second}.png', `${ws}/a/20210819-150523.png`],
      ['/a/${timestamp}.png', `${ws}/a/20210819150523189.png`],
      ['/a/${hash}.png', `${ws}/a/01234567.png`],
      ['/a/${fileName}.${ext}', `${ws}/a/Shot 1.png`],
    ];
    for (const [pattern, expected] of cases) {
      assert.equal(resolved(pattern, v), expected, pattern);
    }
  });

  test('a leading / is the workspace folder, a relative pattern the post\'s folder', () => {
    assert.equal(resolved('/assets/${timestamp}.${ext}'), `${ws}/assets/20210819150523189.png`);
    assert.equal(resolved('${postSlug}/${timestamp}.${ext}'), `${ws}/_posts/ebpf-summit-day1/20210819150523189.png`);
    assert.equal(resolved('../images/x.png'), `${ws}/images/x.png`);
  });

  test('a trailing / is a folder and gets Typora\'s file name', () => {
    assert.equal(resolved('${siteRoot}/assets/${postSlug}/'), `${ws}/assets/ebpf-summit-day1/image-20210819150523189.png`);
  });

  test('${name/regex/replacement/flags} transforms the value', () => {
    assert.equal(resolved('/img/${postSlug/-/_/g}.png'), `${ws}/img/ebpf_summit_day1.png`);
    assert.equal(resolved('/img/${postSlug/-.*//}.png'), `${ws}/img/ebpf.png`);
    assert.equal(resolved('/img/${timestamp/^(\\d{4})(\\d{2}).*$/$1\\/$2/}.png'), `${ws}/img/2021/08.png`); // `\/` is a slash, `{}` are fine
    assert.equal(resolved('/img/${fileName/\\s+/-/g}.png', vars({ fileName: 'My  Screen Shot.png' })), `${ws}/img/My-Screen-Shot.png`);
    assert.equal(resolved('/img/${postSlug/EBPF/x/i}.png'), `${ws}/img/x-summit-day1.png`);
  });

  test('an unknown variable is an error naming it and the pattern', () => {
    const error = refused('${siteRoot}/images/${yaer}/x.png');
    assert.match(error, /Unknown variable \$\{yaer\}/);
    assert.match(error, /"\$\{siteRoot\}\/images\/\$\{yaer\}\/x\.png"/);
    assert.match(error, /Known variables: siteRoot, /);
  });

  test('a known variable without a value says why', () => {
    const error = refused('/img/${postYear}/x.png', vars({ documentPath: `${ws}/about.md` }));
    assert.match(error, /\$\{postYear\}/);
    assert.match(error, /no `date:`/);
    assert.match(refused('/img/${hash}.png', vars({ hash: undefined })), /\$\{hash\}.*no content hash/);
  });

  test('syntax errors', () => {
    assert.match(refused('/img/${year'), /Missing "}"/);
    assert.match(refused('/img/${}.png'), /Expected a variable name/);
    assert.match(refused('/img/${year/(/x/}.png'), /Invalid regular expression/);
    assert.match(refused('/img/${year/a/b}.png'), /Unfinished transform/);
    assert.match(refused('   '), /empty/);
  });

  test('a $ that does not start a variable is literal', () => {
    assert.equal(resolved('/img/$5-${year}.png'), `${ws}/img/$5-2021.png`);
  });

  test('refuses paths that escape the workspace, naming pattern and resolved path', () => {
    const error = refused('../../../outside/x.png');
    assert.match(error, /"\.\.\/\.\.\/\.\.\/outside\/x\.png"/);
    assert.match(error, /resolves to \/home\/outside\/x\.png, outside the workspace folder \/home\/me\/blog/);
    refused('${workspaceFolder}/../x.png');
    refused('/../../etc/x.png');
    refused('${postDir}/../../x.png');
    refused('${siteRoot}/x.png', vars({ siteRoot: '/srv/other-site' })); // absolute elsewhere
    refused('${postSlug/.*/..\\/..\\/..\\/x/}.png'); // a transform cannot smuggle it out either
  });

  test('refuses a destination without a file name, or the workspace folder itself', () => {
    assert.match(refused('${workspaceFolder}/images/..'), /no file name|outside/);
    refused('${workspaceFolder}');
  });

  test('refuses characters that are not portable in file names', () => {
    assert.match(refused('/img/a:b.png'), /":"/);
    assert.match(refused('/img/${fileName}.png', vars({ fileName: 'a\u0007b.png' })), /"\\u0007"/);
    assert.match(refused('/img/a?.png'), /"\?"/);
  });

  test('spaces and CJK are allowed in destinations', () => {
    assert.equal(resolved('/圖片/${postSlug} 1.png', vars({ documentPath: `${ws}/_posts/2021-01-01-筆記.md` })), `${ws}/圖片/筆記 1.png`);
  });
});

describe('selectDestination', () => {
  const rules = [
    { glob: '**/_drafts/**', destination: '${siteRoot}/images/drafts/${fileName}-${timestamp}.${ext}' },
    { glob: '/pages/*.md', destination: '${siteRoot}/images/pages/${postSlug}.${ext}' },
    { glob: '**/_drafts/special/**', destination: 'never: the first match wins' },
  ];
  test('the first matching rule wins', () => {
    assert.equal(selectDestination(`${ws}/_drafts/special/x.md`, ws, rules, defaultDestination), rules[0].destination);
    assert.equal(selectDestination(`${ws}/pages/about.md`, ws, rules, defaultDestination), rules[1].destination);
  });
  test('no match: the default', () => {
    assert.equal(selectDestination(post, ws, rules, defaultDestination), defaultDestination);
    assert.equal(selectDestination(`${ws}/sub/pages/about.md`, ws, rules, defaultDestination), defaultDestination); // `/pages` is anchored
    assert.equal(selectDestination(post, ws, [], 'x'), 'x');
  });
});

describe('variablesUsed', () => {
  test('lists the variables in a pattern', () => {
    assert.deepEqual([...variablesUsed(defaultDestination)].sort(), ['ext', 'siteRoot', 'timestamp', 'year']);
    assert.deepEqual([...variablesUsed('/a/${hash/x/y/}.png')], ['hash']);
    assert.deepEqual([...variablesUsed('${broken')], []);
  });
});
