import * as fs from 'node:fs';
import * as path from 'node:path';

/** The repository root (the folder holding package.json), found from the compiled test's location. */
export const repoRoot: string = (() => {
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, 'package.json')) && fs.existsSync(path.join(dir, 'tsconfig.json'))) return dir;
    if (path.dirname(dir) === dir) throw new Error('package.json not found above ' + __dirname);
  }
})();
