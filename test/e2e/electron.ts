// The same suite in a downloaded VS Code, for machines that can reach update.code.visualstudio.com
// (a laptop, a CI with internet). These machines cannot: use run.ts (code-server) there.
//   npm run compile && npm run build && node out/test/e2e/electron.js
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { runTests } from '@vscode/test-electron';
import type { E2eResults } from './suite/index';

async function main(): Promise<number> {
  const repoRoot = path.resolve(__dirname, '..', '..', '..');
  const resultsFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'dockerfile-stages-electron-')), 'results.json');
  let exitCode: number;
  try {
    exitCode = await runTests({
      version: process.env.VSCODE_VERSION ?? 'stable',
      extensionDevelopmentPath: repoRoot,
      extensionTestsPath: path.join(repoRoot, 'out', 'test', 'e2e', 'suite', 'index.js'),
      launchArgs: [path.join(repoRoot, 'test', 'e2e', 'workspace'), '--disable-extensions', '--disable-workspace-trust', '--skip-welcome'],
      extensionTestsEnv: { E2E_RESULTS: resultsFile },
    });
  } catch (error) {
    console.error(error);
    exitCode = 1;
  }
  // Here the exit code is reliable; the results file gives the same closing line as run.ts.
  if (fs.existsSync(resultsFile)) {
    const results = JSON.parse(fs.readFileSync(resultsFile, 'utf8')) as E2eResults;
    console.log(`${results.passed} passed, ${results.failed} failed`);
    if (results.failed > 0 || results.passed === 0) exitCode = exitCode || 1;
  } else {
    console.log('0 passed, 1 failed (the suite wrote no results)');
    exitCode = exitCode || 1;
  }
  return exitCode;
}

main().then((code) => process.exit(code));
