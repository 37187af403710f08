// SiteRenderer only orchestrates (issue 13): the site's files, the site model, the Markdown, the Liquid
// context, the render cache, the layout chain, the theme CSS and the render queue are parts of their own,
// each a field of the renderer. A ninth field or a renderer.ts grown past 300 lines means state or steps
// crept back in: put them in the part whose job they are (or make a part), not in the renderer.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as ts from 'typescript';
import { repoRoot } from '../repoRoot';

const FILE = 'src/core/render/renderer.ts';
const MAX_FIELDS = 8;
const MAX_LINES = 300;

const text = fs.readFileSync(path.join(repoRoot, FILE), 'utf8');
const source = ts.createSourceFile(FILE, text, ts.ScriptTarget.Latest, true);

/** The fields of a class: property declarations and constructor parameters declared as properties. */
function fieldsOf(name: string): string[] {
  let cls: ts.ClassDeclaration | undefined;
  source.forEachChild((n) => { if (ts.isClassDeclaration(n) && n.name?.text === name) cls = n; });
  assert.ok(cls, `class ${name} not found in ${FILE}`);
  const fields: string[] = [];
  for (const m of cls.members) {
    if (ts.isPropertyDeclaration(m)) fields.push(m.name.getText(source));
    if (ts.isConstructorDeclaration(m)) {
      for (const p of m.parameters) if (ts.getModifiers(p)?.length) fields.push(p.name.getText(source));
    }
  }
  return fields;
}

test(`SiteRenderer holds at most ${MAX_FIELDS} fields, each a part`, () => {
  const fields = fieldsOf('SiteRenderer');
  assert.ok(fields.length > 0, 'the scan found no field at all');
  assert.ok(fields.length <= MAX_FIELDS, `SiteRenderer has ${fields.length} fields (${fields.join(', ')}): move state into the part whose job it is`);
});

test(`${FILE} stays under ${MAX_LINES} lines`, () => {
  const lines = text.split('\n').length;
  assert.ok(lines <= MAX_LINES, `${FILE} has ${lines} lines: move a step's work into its part`);
});
