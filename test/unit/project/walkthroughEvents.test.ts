// The walkthrough's `onContext:` completion events tick a step even when its key was already true when VS Code
// registered the walkthrough. VS Code (1.100) notes an `onContext:` expression that holds at registration as seen
// and never ticks on it afterwards; the walkthrough registers lazily (when the user first opens a walkthrough),
// usually after activation set `techblog.hasBlog`. So each key is listed three ways: alone (the key turns true
// later), and with `activeEditor == gettingStartedPage` / `!=` — whichever of the two is false at registration
// turns true as soon as the user opens the walkthrough page (or leaves it), and ticks the step.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { repoRoot } from '../repoRoot';

interface Step { id: string; completionEvents?: string[] }
const pkg = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { contributes: { walkthroughs: { steps: Step[] }[] } };
const steps = pkg.contributes.walkthroughs.flatMap((w) => w.steps);

test('every step has an onContext: key, and lists it with the walkthrough page active and not active', () => {
  assert.deepEqual(steps.map((s) => s.id), ['openBlog', 'paste', 'preview', 'fix']);
  for (const step of steps) {
    const events = step.completionEvents ?? [];
    const keys = events.map((e) => /^onContext:([\w.]+)$/.exec(e)?.[1]).filter((k): k is string => !!k);
    assert.equal(keys.length, 1, `${step.id}: one plain onContext: key in ${JSON.stringify(events)}`);
    for (const op of ['==', '!=']) {
      const event = `onContext:${keys[0]} && activeEditor ${op} gettingStartedPage`;
      assert.ok(events.includes(event), `${step.id} lists ${event}: ${JSON.stringify(events)}`);
    }
  }
});
