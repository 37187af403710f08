// The Node version the project asks for (package.json `engines.node`, the README's "Node.js 20.19") is one
// every installed package accepts: `npm ci` prints no EBADENGINE warning (issue 14: katex 0.19 wanted
// commander 15, Node ≥ 22.12; package.json `overrides` pins the commander of katex's unused CLI).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { repoRoot } from '../repoRoot';

// semver as npm itself reads ranges (a dependency of @vscode/vsce, one of ours).
const semver = createRequire(require.resolve('@vscode/vsce/package.json'))('semver') as {
  minVersion(range: string): { version: string } | null;
  satisfies(version: string, range: string): boolean;
};

const pkg = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8'));
const lock = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package-lock.json'), 'utf8')) as { packages: Record<string, { version?: string; engines?: { node?: string } | string[]; optional?: boolean }> };
const minimum = semver.minVersion(pkg.engines.node)!.version;

test('every locked package runs on the oldest Node that package.json engines allows', () => {
  const refused = Object.entries(lock.packages)
    .filter(([name, p]) => name !== '' && p.engines && !Array.isArray(p.engines) && p.engines.node && !semver.satisfies(minimum, p.engines.node))
    .map(([name, p]) => `${name.replace(/^.*node_modules\//, '')}@${p.version} needs Node ${(p.engines as { node: string }).node}`);
  assert.deepEqual(refused, [], `Node ${minimum} (engines.node ${pkg.engines.node})`);
});

test('the README asks for the same Node as engines.node', () => {
  const readme = fs.readFileSync(path.join(repoRoot, 'README.md'), 'utf8');
  const [major, minor] = minimum.split('.');
  assert.match(readme, new RegExp(`Node\\.js ${major}\\.${minor} or newer`));
});

test('the npm package has no runtime dependencies: the bundles hold them all', () => {
  assert.deepEqual(Object.keys(pkg.dependencies ?? {}), []);
  assert.equal(pkg.private, undefined, 'npm publishes it');
});
