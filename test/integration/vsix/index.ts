// extensionTestsPath for the packaged-extension check: the .vsix is installed into the host's
// extensions folder, and these suites check that what was packaged activates and works.
import * as path from 'node:path';
import { runSuites } from '../mochaRunner';

export function run(): Promise<void> {
  return runSuites(path.join(__dirname, 'suite'), 'vsix');
}
