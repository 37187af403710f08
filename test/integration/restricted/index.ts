// extensionTestsPath for the Restricted Mode run: VS Code started with Workspace Trust on and the
// folder not trusted (scripts/test.mjs, test/host/run-tests.mjs --restricted), on the sample blog with
// a stranger's post, include and workspace settings laid over it (test/fixtures/restricted-workspace).
import * as path from 'node:path';
import { runSuites } from '../mochaRunner';

export function run(): Promise<void> {
  return runSuites(path.join(__dirname), 'integration');
}
