// kramdown-parser-gfm's headers (src/core/render/kramdown/headers.ts), abbreviation definitions (abbreviations.ts)
// and the end-of-block marker (eob.ts).
import { describe } from 'node:test';
import { sameBlocksAsKramdown } from './oracle';

describe('kramdown headers and block ends', () => {
  sameBlocksAsKramdown('headers', {
    'ATX needs a space': '#5 is text\n\n# Header #\n',
    'ATX with id and closing hashes': '### Header ## {#my-id}\n',
    'ATX ends a paragraph': 'text\n## Head\n',
    'setext after a block boundary': 'Header\n======\n\nSub\n---\n',
    'multi-line paragraph keeps its underline': 'line one\nline two\n========\n',
    'setext under a paragraph is text': 'para\n\nHeader\n-\n',
    'a rule does not end a paragraph': 'text\n\nmore text\n***\n',
  });
  sameBlocksAsKramdown('abbreviation definitions', {
    'IALs around a definition belong to it': 'This is awesome.\n\n{:.testit}\n*[awesome]: Some text here\n{:.test}\n\nhello\n',
    'empty definition': '*[empty]:\n\nempty here\n',
    'does not end a paragraph': 'text\n*[x]: y\n',
  });
  sameBlocksAsKramdown('an IAL line is a block boundary only when it waits for the next block', {
    'setext underline after an IAL that went to the paragraph above': 'a\n{: .x}\nb\n=\n',
    'table after an IAL that went to the paragraph above': 'a\n{: .x}\n|b|c|\n',
    'math block after an IAL that went to the paragraph above': 'a\n{: .x}\n$$x$$\n',
    'table after an IAL that waits': 'a\n\n{: .x}\n|b|c|\n',
  });
  sameBlocksAsKramdown('end-of-block marker', {
    'between paragraphs': 'one\n^\ntwo\n',
    'ends a quote': '> quote\n^\ntext\n',
    'IAL after the marker belongs to the next block': 'one\n^\n{: .cls}\ntwo\n',
  });
});
