// Where a worker bundle the CLI starts lies: beside dist/cli.js, or in out/src/worker/ after tsc.
import { existsSync } from 'node:fs';
import * as path from 'node:path';

/** `dist/<file>` beside this script, else `out/src/worker/<file>`; undefined when neither is built. */
export function workerScript(file: 'renderWorker.js' | 'imageWorker.js'): string | undefined {
  return [path.join(__dirname, file), path.join(__dirname, '..', 'worker', file)].find((f) => existsSync(f));
}
