import * as vscode from 'vscode';
import { ruleAnchor } from '../../core/frontmatter/rules';
import type { RuleId } from '../../core/frontmatter/types';
import { readExtensionFile } from '../util/extensionFile';

/**
 * Where a rule is explained: its section of the README shipped with the extension, opened at the
 * heading's line. Works offline and in remote windows, unlike a web link; on vscode.dev the README is read
 * where the extension is served from (readExtensionFile).
 */
export class RuleDocs {
  private lines: Map<string, number> | undefined;
  private loading: Promise<void> | undefined;

  constructor(private readonly extensionUri: vscode.Uri) {}

  /** Reads the README once; until then targets open it at the top. */
  load(): Promise<void> {
    this.loading ??= (async () => {
      for (const name of ['README.md', 'readme.md']) {
        try {
          const text = new TextDecoder().decode(await readExtensionFile(vscode.Uri.joinPath(this.extensionUri, name)));
          const lines = new Map<string, number>();
          text.split('\n').forEach((line, i) => {
            const m = /<a id="(rule-[a-z-]+)"/.exec(line);
            if (m) lines.set(m[1], i + 1);
          });
          this.lines = lines;
          this.readme = name;
          return;
        } catch {
          // try the next spelling: vsce stores the README as readme.md
        }
      }
    })();
    return this.loading;
  }

  private readme = 'README.md';

  target(rule: RuleId): vscode.Uri {
    const line = this.lines?.get(ruleAnchor(rule));
    return vscode.Uri.joinPath(this.extensionUri, this.readme).with({ fragment: line ? `L${line}` : '' });
  }
}
