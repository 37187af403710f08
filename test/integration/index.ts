// extensionTestsPath for the main suites: the extension under development, on the sample blog.
import * as path from 'node:path';
import { runSuites } from './mochaRunner';

export function run(): Promise<void> {
  return runSuites(path.join(__dirname, 'suite'), 'integration');
}
