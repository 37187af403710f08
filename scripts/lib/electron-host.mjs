// The same integration suites in desktop VS Code, downloaded by @vscode/test-electron.
// Selected with TECHBLOG_TEST_HOST=electron on machines that can reach VS Code's download service.
import path from 'node:path';
import fs from 'node:fs';
import { root } from './run.mjs';

export async function runInElectron({ extensionDevelopmentPath, extensionTestsPath, workspace, vsix, extensionsDir, locale, env = {} }) {
  const { runTests, downloadAndUnzipVSCode, resolveCliArgsFromVSCodeExecutablePath } = await import('@vscode/test-electron');
  const version = process.env.TECHBLOG_VSCODE_VERSION || 'stable';
  const vscodeExecutablePath = await downloadAndUnzipVSCode({ version, cachePath: path.join(root, '.vscode-test') });
  const userDataDir = fs.mkdtempSync(path.join(path.dirname(workspace), 'user-data-'));
  if (vsix) {
    const [cli, ...args] = resolveCliArgsFromVSCodeExecutablePath(vscodeExecutablePath);
    const { spawnSync } = await import('node:child_process');
    const r = spawnSync(cli, [...args, '--extensions-dir', extensionsDir, '--install-extension', vsix], { encoding: 'utf8', shell: process.platform === 'win32' });
    if (r.status !== 0) throw new Error(`Installing ${vsix} failed:\n${r.stdout}\n${r.stderr}`);
  }
  try {
    await runTests({
      vscodeExecutablePath,
      extensionDevelopmentPath,
      extensionTestsPath,
      extensionTestsEnv: env,
      launchArgs: [workspace, '--user-data-dir', userDataDir, '--disable-workspace-trust', '--skip-welcome', '--skip-release-notes',
        ...(extensionsDir ? ['--extensions-dir', extensionsDir] : ['--disable-extensions']),
        // Desktop VS Code switches language only with the Marketplace language pack installed.
        ...(locale ? ['--locale', locale] : [])],
    });
    return 0;
  } catch (e) {
    console.error(`[electron] ${e instanceof Error ? e.message : e}`);
    return 1;
  }
}
