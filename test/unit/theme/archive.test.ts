// Theme downloads without the network: the strict tar reader, .gem and GitHub tarball unpacking,
// the registry's SHA-256, and the URLs and release picked.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { gzipSync } from 'node:zlib';
import {
  ChecksumError, codeloadUrl, gemFileUrl, parseRemoteTheme, pickGemRelease, sha256Hex, unpackGem, unpackRepoArchive, verifySha256,
} from '../../../src/core/theme/archive';
import { readTar, UnsafeArchiveError, writeTar } from '../../../src/core/theme/tar';

const enc = new TextEncoder();
const dec = new TextDecoder();

/** A .gem as `gem build` makes it: metadata.gz, data.tar.gz and checksums.yaml.gz in a plain tar. */
function gem(files: Array<{ path: string; data?: string; type?: '0' | '2' | '5' }>, tamper = false): Uint8Array {
  const data = gzipSync(writeTar(files));
  const sums = `---\nSHA256:\n  metadata.gz: ${'0'.repeat(64)}\n  data.tar.gz: ${tamper ? 'f'.repeat(64) : sha256Hex(data)}\n`;
  return writeTar([{ path: 'metadata.gz', data: gzipSync(enc.encode('--- !ruby/object:Gem::Specification\nname: t\n')) }, { path: 'data.tar.gz', data }, { path: 'checksums.yaml.gz', data: gzipSync(enc.encode(sums)) }]);
}

describe('tar reader', () => {
  test('reads files (also long names with a ustar prefix), skips directories', () => {
    const long = `assets/${'deep/'.repeat(25)}x.css`;
    const t = readTar(writeTar([{ path: 'a/', type: '5' }, { path: 'a/b.txt', data: 'hello' }, { path: long, data: 'x{}' }]));
    assert.deepEqual(t.files.map((f) => f.path), ['a/b.txt', long]);
    assert.equal(dec.decode(t.files[0].data), 'hello');
  });

  test('refuses ../ and absolute paths, anywhere in the archive', () => {
    for (const bad of ['../evil.txt', '_layouts/../../evil.txt', '/etc/passwd', 'C:/x.txt', 'a\\..\\b']) {
      assert.throws(() => readTar(writeTar([{ path: 'ok.txt', data: '1' }, { path: bad, data: 'x' }])), UnsafeArchiveError, bad);
    }
  });

  test('never produces links or device files: symlinks, hard links and devices are left out', () => {
    const t = readTar(writeTar([
      { path: '_includes/passwd', type: '2', linkname: '/etc/passwd' }, { path: '_includes/hard', type: '1', linkname: '/etc/shadow' },
      { path: 'dev', type: '3' }, { path: '_includes/ok.html', data: 'ok' },
    ]));
    assert.deepEqual(t.files.map((f) => f.path), ['_includes/ok.html']);
    assert.deepEqual(t.skipped, ['_includes/passwd', '_includes/hard', 'dev']);
  });

  test('bounded: too many files, a file too large, too many bytes in all', () => {
    const many = Array.from({ length: 11 }, (_, i) => ({ path: `f${i}`, data: 'x' }));
    assert.throws(() => readTar(writeTar(many), { maxFiles: 10, maxTotalBytes: 1e6, maxFileBytes: 1e6 }), /more than 10/);
    assert.throws(() => readTar(writeTar([{ path: 'big', data: 'x'.repeat(2000) }]), { maxFiles: 10, maxTotalBytes: 1e6, maxFileBytes: 1000 }), /larger than 1000/);
    assert.throws(() => readTar(writeTar([{ path: 'a', data: 'x'.repeat(800) }, { path: 'b', data: 'x'.repeat(800) }]), { maxFiles: 10, maxTotalBytes: 1000, maxFileBytes: 1000 }), /more than 1000 bytes/);
  });

  test('not a tar (or damaged): refused by the header checksum', () => {
    const t = writeTar([{ path: 'a', data: 'x' }]);
    t[10] ^= 0xff;
    assert.throws(() => readTar(t), /checksum/);
  });
});

describe('gem and tarball unpacking', () => {
  const theme = [{ path: '_layouts/default.html', data: '<html>{{ content }}</html>' }, { path: 'README.md', data: 'readme' }, { path: 'assets/main.scss', data: '---\n---\n' }, { path: 'lib/x.rb', data: 'puts 1' }];

  test('a .gem: data.tar.gz checked against checksums.yaml.gz, only the theme\'s folders kept', () => {
    const out = unpackGem(gem(theme));
    assert.deepEqual(out.files.map((f) => f.path).sort(), ['_layouts/default.html', 'assets/main.scss']);
    assert.throws(() => unpackGem(gem(theme, true)), ChecksumError);
    assert.throws(() => unpackGem(writeTar([{ path: 'x', data: 'y' }])), /no data\.tar\.gz/);
    assert.throws(() => unpackGem(gem([{ path: '../x', data: 'y' }])), UnsafeArchiveError);
  });

  test('a GitHub tarball: the top folder stripped', () => {
    const tgz = gzipSync(writeTar([{ path: 'owner-repo-abc123/', type: '5' }, ...theme.map((f) => ({ ...f, path: `owner-repo-abc123/${f.path}` }))]));
    assert.deepEqual(unpackRepoArchive(tgz).files.map((f) => f.path).sort(), ['_layouts/default.html', 'assets/main.scss']);
  });

  test('checksum mismatch refused; the registry\'s release list picked from', () => {
    const data = enc.encode('gem bytes');
    verifySha256(data, sha256Hex(data));
    assert.throws(() => verifySha256(data, 'a'.repeat(64)), ChecksumError);
    const versions = JSON.stringify([
      { number: '3.0.0.pre', sha: 'a'.repeat(64), platform: 'ruby', prerelease: true },
      { number: '2.5.2', sha: 'B'.repeat(64), platform: 'ruby', prerelease: false },
      { number: '2.5.1', sha: 'c'.repeat(64), platform: 'ruby', prerelease: false },
    ]);
    assert.deepEqual(pickGemRelease(versions), { version: '2.5.2', sha256: 'b'.repeat(64) });
    assert.deepEqual(pickGemRelease(versions, '2.5.1'), { version: '2.5.1', sha256: 'c'.repeat(64) });
    assert.equal(pickGemRelease(versions, '9.9.9'), undefined);
    assert.equal(pickGemRelease('not json'), undefined);
    assert.equal(gemFileUrl('http://127.0.0.1:9/', 'minima', '2.5.1'), 'http://127.0.0.1:9/gems/minima-2.5.1.gem');
  });

  test('remote_theme values as jekyll-remote-theme reads them', () => {
    assert.deepEqual(parseRemoteTheme('pages-themes/cayman@v0.2.0'), { owner: 'pages-themes', repo: 'cayman', ref: 'v0.2.0' });
    assert.deepEqual(parseRemoteTheme('https://github.com/mmistakes/minimal-mistakes'), { owner: 'mmistakes', repo: 'minimal-mistakes', ref: 'HEAD' });
    assert.equal(parseRemoteTheme('../../etc'), undefined);
    assert.equal(parseRemoteTheme('owner/repo@../x'), undefined);
    assert.equal(codeloadUrl('https://codeload.github.com', { owner: 'o', repo: 'r', ref: 'HEAD' }), 'https://codeload.github.com/o/r/tar.gz/HEAD');
  });
});
