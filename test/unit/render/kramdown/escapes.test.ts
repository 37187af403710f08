// Backslashes as kramdown's GFM parser reads them (render/kramdown/escapes.ts), with Debian's kramdown
// as the oracle: only kramdown's escapable characters lose their backslash, and `\\` or `\` before a
// line break is a <br />.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { assertLikeKramdown, oursHtml } from './kramdownOracle';

const CASES = [
  'A \\& B', 'a\\/b \\@c \\%d \\,e \\;f \\?g \\^h', '\\*a\\* \\_b\\_ \\`c\\` \\[d\\] \\~\\~e\\~\\~ \\|',
  'This is a line \\\\\nwith a line\\\\   \nbreak.', 'one\\\nline', 'First line\\\\\n<https://example.com>',
  'Last Line\\\\', 'three\\\\\\\nlines', '\\\\\\& x', '**a\\\\\nb**',
];

describe('backslashes as kramdown reads them', () => {
  test('each case has kramdown\'s elements and text', (t) => assertLikeKramdown(t, CASES, assert.deepEqual));

  test('with hard_wrap, as kramdown reads them too', (t) => assertLikeKramdown(t, CASES, assert.deepEqual, { hard_wrap: true }));

  test('a backslash before a character kramdown does not escape stays', () => {
    assert.match(oursHtml('A \\& B'), /<p>A \\&amp; B<\/p>/);
  });

  test('two backslashes before a line break make a line break', () => {
    assert.match(oursHtml('a \\\\\nb'), /<p>a <br \/>\nb<\/p>/);
  });
});
