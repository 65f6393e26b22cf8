// Runs the extension in a real VS Code workbench on machines that cannot download VS Code:
// code-server (VS Code's workbench and extension host) driven by headless Chromium (see E2E.md).
//
//   node out/test/e2e/run.js                     the extension API suite (test/e2e/suite)
//   node out/test/e2e/run.js --screenshots DIR   as a person would: open, hover, Problems, views
//   ... --extension DIR                           load the extension from DIR instead of the repo,
//                                                 e.g. an unzipped VSIX's extension/ folder
//
// Tools install once into a cache outside the clone, so a fresh CI clone reuses them.
import { ChildProcess, spawn, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as http from 'http';
import * as net from 'net';
import * as os from 'os';
import * as path from 'path';
import type { BrowserContext, Page } from 'playwright-core';
import type { E2eResults } from './suite/index';
import { withLock } from './installLock';

const codeServerVersion = '4.139.1';
const chromiumPath = '/usr/bin/chromium';
const repoRoot = path.resolve(__dirname, '..', '..', '..');
const fixtureWorkspace = path.join(repoRoot, 'test', 'e2e', 'workspace');
const suiteModule = path.join(repoRoot, 'out', 'test', 'e2e', 'suite', 'index.js');
const cacheDir = path.join(process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache'), 'dockerfile-stages-e2e');

/** Deadlines for whole phases; every wait inside polls and returns as soon as its condition holds. */
const deadlines = { healthz: 60_000, workbench: 90_000, results: 300_000, step: 45_000 };

interface Tools {
  node24: string;
  codeServerEntry: string;
}

function option(name: string): string | undefined {
  const at = process.argv.indexOf(name);
  return at >= 0 ? process.argv[at + 1] : undefined;
}

async function main(): Promise<number> {
  const screenshotDir = process.argv.includes('--screenshots') ? path.resolve(option('--screenshots') ?? 'screenshots') : undefined;
  const extensionPath = path.resolve(option('--extension') ?? repoRoot);
  const started = Date.now();
  const tools = ensureInstalled();
  const installedAt = Date.now();
  if (!fs.existsSync(path.join(extensionPath, 'dist', 'extension.js')) || !fs.existsSync(path.join(extensionPath, 'dist', 'server.js'))) {
    throw new Error(`${extensionPath}/dist/extension.js or dist/server.js is missing: run \`npm run build\` first`);
  }

  const memory = new MemorySampler();
  const session = await startCodeServer(tools, screenshotDir !== undefined);
  let failed = 1;
  try {
    failed = screenshotDir ? await runAsPerson(session, extensionPath, screenshotDir) : await runSuite(session, extensionPath);
  } finally {
    await session.stop();
    memory.stop();
  }
  const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
  console.log(`time: install check ${seconds(installedAt - started)}, run ${seconds(Date.now() - installedAt)}; memory above idle at peak ${memory.peakMb()} MB`);
  if (failed === 0) fs.rmSync(session.tmp, { recursive: true, force: true });
  else console.log(`logs kept in ${session.tmp}`);
  return failed === 0 ? 0 : 1;
}

// ---------------------------------------------------------------------------------------------
// Install (once per machine)

const codeServerDir = path.join(cacheDir, `code-server-${codeServerVersion}`);
const codeServerEntry = path.join(codeServerDir, 'node_modules', 'code-server', 'out', 'node', 'entry.js');
// Written only after the native build succeeded, so a half-finished install is redone.
const installedMarker = path.join(codeServerDir, '.installed');
const installLockDir = path.join(cacheDir, '.install.lock');
// Longer than the slowest install seen (code-server's native build, about 5 minutes under load).
const installLockDeadlineMs = 20 * 60_000;

/** The tools, installed first when missing; one run installs while others started at once wait for it. */
function ensureInstalled(): Tools {
  const installed = installedTools();
  if (installed) return installed;
  return withLock(installLockDir, {
    deadlineMs: installLockDeadlineMs,
    onWait: (holder) => log(`another run is installing the e2e tools (${holder}); waiting for it`),
  }, installTools);
}

/** The tools when everything is in place already: no lock needed. */
function installedTools(): Tools | undefined {
  const node24 = findNode24();
  if (!node24 || !fs.existsSync(chromiumPath) || !fs.existsSync(installedMarker)) return undefined;
  return { node24: path.join(node24, 'bin', 'node'), codeServerEntry };
}

function installTools(): Tools {
  const needCodeServer = !fs.existsSync(installedMarker);

  if (!fs.existsSync(chromiumPath) || (needCodeServer && !debianPackageInstalled('libkrb5-dev'))) {
    log('installing chromium and libkrb5-dev (Debian)');
    const sudo = process.getuid?.() === 0 ? [] : ['sudo'];
    run([...sudo, 'apt-get', 'update']);
    run([...sudo, 'apt-get', 'install', '-y', 'chromium', 'libkrb5-dev'], { DEBIAN_FRONTEND: 'noninteractive' });
  }

  let node24 = findNode24();
  if (!node24) {
    log('installing node@24 from npm');
    run(['npm', 'install', '--no-save', '--no-audit', '--no-fund', '--prefix', path.join(cacheDir, 'node24'), 'node@24']);
    node24 = findNode24();
    if (!node24) throw new Error(`node@24 did not install under ${cacheDir}/node24`);
  }

  if (needCodeServer) {
    log(`installing code-server@${codeServerVersion} (its native modules build under Node 24, about 2 to 4 minutes)`);
    fs.rmSync(codeServerDir, { recursive: true, force: true });
    // npm_config_nodedir: without it node-gyp takes npm's nodedir (the system Node's headers)
    // and builds modules Node 24 refuses to load.
    run(['npm', 'install', '--no-audit', '--no-fund', '--prefix', codeServerDir, '--foreground-scripts', `code-server@${codeServerVersion}`], {
      PATH: `${path.join(node24, 'bin')}:${process.env.PATH}`,
      npm_config_nodedir: node24,
    });
    if (!fs.existsSync(codeServerEntry)) throw new Error(`code-server did not install: ${codeServerEntry} is missing`);
    fs.writeFileSync(installedMarker, new Date().toISOString());
  }
  return { node24: path.join(node24, 'bin', 'node'), codeServerEntry };
}

/** The directory holding bin/node and include/ (the arch package; node/bin/node is a hard link into it). */
function findNode24(): string | undefined {
  const packages = path.join(cacheDir, 'node24', 'node_modules', 'node', 'node_modules');
  if (!fs.existsSync(packages)) return undefined;
  const arch = fs.readdirSync(packages).find((name) => name.startsWith('node-linux-'));
  const dir = arch && path.join(packages, arch);
  return dir && fs.existsSync(path.join(dir, 'bin', 'node')) && fs.existsSync(path.join(dir, 'include')) ? dir : undefined;
}

function debianPackageInstalled(name: string): boolean {
  const status = spawnSync('dpkg-query', ['-W', '-f=${Status}', name], { encoding: 'utf8' });
  return status.status === 0 && status.stdout.includes('install ok installed');
}

function run(command: string[], env: NodeJS.ProcessEnv = {}): void {
  // Under `npm run`, the outer npm's npm_config_* variables would configure the inner npm too:
  // its user agent names Node 20, and code-server's postinstall refuses to go on.
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^npm_/i.test(name)));
  const result = spawnSync(command[0], command.slice(1), { stdio: 'inherit', env: { ...inherited, ...env } });
  if (result.status !== 0) throw new Error(`${command.join(' ')} failed with ${result.status ?? result.signal}`);
}

// ---------------------------------------------------------------------------------------------
// code-server

interface Session {
  port: number;
  tmp: string;
  workspaceFolder: string;
  resultsFile: string;
  codeServer: ChildProcess;
  stop(): Promise<void>;
}

async function startCodeServer(tools: Tools, asPerson: boolean): Promise<Session> {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'dockerfile-stages-e2e-'));
  const resultsFile = path.join(tmp, 'results.json');
  // A copy: VS Code for the web saves edits after a delay by default, and the person-like run
  // applies a quick fix, which must not rewrite the fixture in the repository.
  const workspaceFolder = path.join(tmp, 'workspace');
  fs.cpSync(fixtureWorkspace, workspaceFolder, { recursive: true });
  const userDir = path.join(tmp, 'user');
  fs.mkdirSync(path.join(userDir, 'User'), { recursive: true });
  // Without these a Welcome tab and a Chat side bar cover the editor in every screenshot.
  fs.writeFileSync(
    path.join(userDir, 'User', 'settings.json'),
    JSON.stringify({ 'workbench.startupEditor': 'none', 'workbench.secondarySideBar.defaultVisibility': 'hidden', 'chat.disableAIFeatures': true, 'workbench.tips.enabled': false }, null, 2),
  );
  fs.writeFileSync(path.join(tmp, 'config.yaml'), 'auth: none\n');
  const port = await freePort();
  const logFile = fs.openSync(path.join(tmp, 'code-server.log'), 'a');
  const args = [
    tools.codeServerEntry,
    '--bind-addr', `127.0.0.1:${port}`, '--auth', 'none',
    '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust',
    '--reconnection-grace-time', '5', '--vscode-option', 'enable-smoke-test-driver',
    '--user-data-dir', userDir, '--extensions-dir', path.join(tmp, 'ext'), '--config', path.join(tmp, 'config.yaml'),
    workspaceFolder,
  ];
  // detached: its own process group, so stop() can end the forked helpers along with it.
  const codeServer = spawn(tools.node24, args, {
    detached: true,
    stdio: ['ignore', logFile, logFile],
    env: { ...process.env, XDG_CONFIG_HOME: path.join(tmp, 'cfg'), XDG_DATA_HOME: path.join(tmp, 'data'), E2E_RESULTS: resultsFile },
  });
  fs.closeSync(logFile);
  let exited = false;
  const exitedPromise = new Promise<void>((resolve) => codeServer.once('exit', () => { exited = true; resolve(); }));
  const stopOnSignal = () => { killGroup(codeServer, 'SIGKILL'); process.exit(130); };
  process.once('SIGINT', stopOnSignal).once('SIGTERM', stopOnSignal);

  const session: Session = {
    port,
    tmp,
    workspaceFolder,
    resultsFile,
    codeServer,
    async stop() {
      process.off('SIGINT', stopOnSignal).off('SIGTERM', stopOnSignal);
      if (exited) return;
      killGroup(codeServer, 'SIGTERM');
      const stopped = await Promise.race([exitedPromise.then(() => true), delay(5_000).then(() => false)]);
      if (!stopped) killGroup(codeServer, 'SIGKILL');
    },
  };
  try {
    await pollUntil('code-server /healthz', deadlines.healthz, async () => {
      if (exited) throw new Error(`code-server exited; see ${path.join(tmp, 'code-server.log')}`);
      return (await httpStatus(`http://127.0.0.1:${port}/healthz`)) === 200;
    });
  } catch (error) {
    await session.stop();
    throw error;
  }
  log(`code-server ${codeServerVersion} on port ${port}${asPerson ? ' (as a person)' : ''}`);
  return session;
}

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  try {
    if (child.pid) process.kill(-child.pid, signal);
  } catch {
    // Already gone.
  }
}

function workbenchUrl(session: Session, payload: [string, string][]): string {
  const remote = (p: string) => `vscode-remote://127.0.0.1:${session.port}${p}`;
  const json = JSON.stringify(payload.map(([key, value]) => [key, remote(value)]));
  return `http://127.0.0.1:${session.port}/?folder=${encodeURIComponent(session.workspaceFolder)}&payload=${encodeURIComponent(json)}`;
}

async function openBrowser(session: Session): Promise<BrowserContext> {
  const { chromium } = await import('playwright-core');
  return chromium.launchPersistentContext(path.join(session.tmp, 'chromium'), {
    executablePath: chromiumPath,
    args: ['--disable-gpu', '--disable-quic', '--disable-sync'],
    viewport: { width: 1440, height: 900 },
  });
}

// ---------------------------------------------------------------------------------------------
// Mode 1: the extension API suite

async function runSuite(session: Session, extensionPath: string): Promise<number> {
  const browser = await openBrowser(session);
  try {
    const page = browser.pages()[0] ?? (await browser.newPage());
    await page.goto(workbenchUrl(session, [['extensionDevelopmentPath', extensionPath], ['extensionTestsPath', suiteModule]]));
    const results = await pollUntil('the suite results file', deadlines.results, () => {
      if (session.codeServer.exitCode !== null) throw new Error('code-server exited before the suite finished');
      return fs.existsSync(session.resultsFile) && (JSON.parse(fs.readFileSync(session.resultsFile, 'utf8')) as E2eResults);
    });
    for (const test of results.tests) {
      console.log(`${test.state === 'passed' ? '  ✓' : '  ✗'} ${test.name}${test.durationMs !== undefined ? ` (${test.durationMs} ms)` : ''}`);
      if (test.error) console.log(indent(test.error, 6));
    }
    // No tests at all is a broken run, not a green one.
    const failed = results.failed + (results.passed + results.failed === 0 ? 1 : 0);
    console.log(`${results.passed} passed, ${results.failed} failed`);
    return failed;
  } finally {
    await browser.close();
  }
}

// ---------------------------------------------------------------------------------------------
// Mode 2: as a person would, with screenshots to look at

interface Step {
  name: string;
  run(page: Page): Promise<void>;
}

async function runAsPerson(session: Session, extensionPath: string, screenshotDir: string): Promise<number> {
  fs.mkdirSync(screenshotDir, { recursive: true });
  const dockerfile = fs.readFileSync(path.join(fixtureWorkspace, 'Dockerfile'), 'utf8').split('\n');
  const builderLine = dockerfile.findIndex((line) => /^FROM .* AS builder$/.test(line)) + 1;
  const shot = (page: Page, name: string) => page.screenshot({ path: path.join(screenshotDir, `${name}.png`) });

  const steps: Step[] = [
    {
      name: 'the workbench loads',
      run: (page) => page.locator('.monaco-workbench').waitFor({ timeout: deadlines.workbench }),
    },
    {
      name: 'Ctrl+P opens the Dockerfile',
      async run(page) {
        await pollUntil('quick open', deadlines.step, async () => {
          await page.keyboard.press('Control+P');
          return page.getByRole('textbox', { name: /Search files by name/ }).isVisible();
        });
        await page.getByRole('textbox', { name: /Search files by name/ }).fill('Dockerfile');
        await page.getByRole('option', { name: /^Dockerfile, file results/ }).first().waitFor({ timeout: deadlines.step });
        await page.keyboard.press('Enter');
        await page.getByRole('tab', { name: /^Dockerfile\b/ }).first().waitFor({ timeout: deadlines.step });
      },
    },
    {
      name: 'the misspelt stage is underlined',
      async run(page) {
        await page.locator('.squiggly-error, .squiggly-warning').first().waitFor({ timeout: deadlines.step });
        await shot(page, '01-squiggle');
      },
    },
    {
      name: 'hovering the underline explains it',
      async run(page) {
        const hover = page.locator('.monaco-hover').filter({ hasText: /builder/ }).first();
        // locator.hover() times out: the editor's text layer covers the decoration. Measure again
        // on every try: code lenses arriving late push the lines down under a still mouse.
        await pollUntil('the hover over the squiggle', deadlines.step, async () => {
          const box = await page.locator('.squiggly-error, .squiggly-warning').first().boundingBox();
          if (!box) return false;
          await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
          return hover.waitFor({ timeout: 2_000 }).then(() => true, () => false);
        });
        await shot(page, '02-hover');
        await page.mouse.move(5, 5);
      },
    },
    {
      name: 'Problems lists the finding',
      async run(page) {
        await page.keyboard.press('Control+Shift+M');
        await page.getByRole('treeitem', { name: /^(Error|Warning): .*biulder/ }).first().waitFor({ timeout: deadlines.step });
        await shot(page, '03-problems');
      },
    },
    {
      name: 'the Dockerfile Stages container shows the stages and the graph',
      async run(page) {
        await page.getByRole('tab', { name: /^Dockerfile Stages/ }).first().click({ timeout: deadlines.step });
        await page.getByRole('treeitem', { name: /^Stage builder, / }).first().waitFor({ timeout: deadlines.step });
        await graphFrame(page).locator('.node').first().waitFor({ timeout: deadlines.step });
        await shot(page, '04-stages-view');
      },
    },
    {
      name: 'clicking builder in the graph puts the cursor on its FROM line',
      async run(page) {
        await graphFrame(page).locator('.node', { hasText: 'builder' }).first().click({ timeout: deadlines.step });
        await page.locator('.statusbar').getByText(new RegExp(`^Ln ${builderLine}, Col \\d+`)).first().waitFor({ timeout: deadlines.step });
        await shot(page, '05-graph-click');
      },
    },
    {
      name: 'the light bulb fix renames biulder to builder',
      async run(page) {
        const box = await page.locator('.squiggly-error, .squiggly-warning').first().boundingBox();
        if (!box) throw new Error('the squiggle has no box');
        await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
        await page.keyboard.press('Control+.');
        const fix = page.locator('.action-widget').getByText(/builder/).first();
        await fix.waitFor({ timeout: deadlines.step });
        await shot(page, '06-quick-fix-menu');
        await fix.click();
        await page.locator('.view-lines').getByText('--from=builder').first().waitFor({ timeout: deadlines.step });
        await pollUntil('the squiggle to go', deadlines.step, async () => (await page.locator('.squiggly-error, .squiggly-warning').count()) === 0);
        // The views follow the edit too: builder is now needed, and the graph draws the copy.
        await page.getByRole('treeitem', { name: /^Stage builder, .*built for the target/ }).first().waitFor({ timeout: deadlines.step });
        await graphFrame(page).locator('.edge-label', { hasText: 'copy' }).first().waitFor({ timeout: deadlines.step });
        await shot(page, '07-fixed');
      },
    },
    {
      name: 'a larger graph: with-tester.Dockerfile',
      async run(page) {
        await page.keyboard.press('Control+P');
        await page.getByRole('textbox', { name: /Search files by name/ }).fill('with-tester');
        await page.getByRole('option', { name: /with-tester\.Dockerfile/ }).first().waitFor({ timeout: deadlines.step });
        await page.keyboard.press('Enter');
        await page.getByRole('tab', { name: /^with-tester\.Dockerfile\b/ }).first().waitFor({ timeout: deadlines.step });
        await pollUntil('the graph of four stages', deadlines.step, async () => (await graphFrame(page).locator('.node.stage').count()) === 4);
        await shot(page, '08-larger-graph');
      },
    },
    {
      name: 'hovering a --from stage tells what the ARG-dependent stage resolves to',
      async run(page) {
        await page.keyboard.press('Control+P');
        await page.getByRole('textbox', { name: /Search files by name/ }).fill('select-by-arg');
        await page.getByRole('option', { name: /select-by-arg\.Dockerfile/ }).first().waitFor({ timeout: deadlines.step });
        await page.keyboard.press('Enter');
        await page.getByRole('tab', { name: /^select-by-arg\.Dockerfile\b/ }).first().waitFor({ timeout: deadlines.step });
        const hover = page.locator('.monaco-hover').filter({ hasText: /obfuscated-code/ }).first();
        await pollUntil('the hover over copy-src', deadlines.step, async () => {
          const line = page.locator('.view-line', { hasText: 'COPY --from=copy-src' }).first();
          const word = line.locator('span', { hasText: /^copy-src$/ }).first();
          const box = (await word.count()) ? await word.boundingBox() : await line.boundingBox();
          if (!box) return false;
          await page.mouse.move(box.x + Math.min(box.width / 2, 130), box.y + box.height / 2);
          return hover.waitFor({ timeout: 2_000 }).then(() => true, () => false);
        });
        await shot(page, '09-stage-hover');
        await page.mouse.move(5, 5);
      },
    },
    {
      name: 'completion after --from= offers the earlier stages',
      async run(page) {
        await page.locator('.view-lines').click();
        await page.keyboard.press('Control+End');
        await page.keyboard.press('Enter');
        await page.keyboard.type('COPY --from=');
        const suggest = page.locator('.suggest-widget').filter({ hasText: 'clear-code' }).first();
        await pollUntil('the suggestions', deadlines.step, async () => {
          if (!(await suggest.isVisible())) await page.keyboard.press('Control+Space');
          return suggest.waitFor({ timeout: 2_000 }).then(() => true, () => false);
        });
        await shot(page, '10-completion');
        await page.keyboard.press('Escape');
      },
    },
    ...stageGraphShots(screenshotDir),
  ];

  const browser = await openBrowser(session);
  let passed = 0;
  let failed = 0;
  try {
    const page = browser.pages()[0] ?? (await browser.newPage());
    await page.goto(workbenchUrl(session, [['extensionDevelopmentPath', extensionPath]]));
    for (const step of steps) {
      const began = Date.now();
      try {
        await step.run(page);
        passed++;
        console.log(`  ✓ ${step.name} (${Date.now() - began} ms)`);
      } catch (error) {
        failed++;
        console.log(`  ✗ ${step.name}\n${indent(error instanceof Error ? error.message : String(error), 6)}`);
        await shot(page, 'failure').catch(() => undefined);
        break; // later steps build on this one
      }
    }
  } finally {
    await browser.close();
  }
  const skipped = steps.length - passed - failed;
  console.log(`screenshots in ${screenshotDir}`);
  console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} not run` : ''}`);
  return failed;
}

/**
 * The Stage Graph of a 2-stage file, seed-000 and a 7-stage file, in the side bar at its default
 * width and in the editor panel, in the Light, Dark and High Contrast themes.
 */
function stageGraphShots(screenshotDir: string): Step[] {
  const files = [['two-stage', 2, 'build'], ['seed-000', 5, 'base'], ['seven-stage', 7, 'deps']] as const;
  const themes = [['light', 'Light Modern', 'vs'], ['dark', 'Dark Modern', 'vs-dark'], ['hc', 'Dark High Contrast', 'hc-black']] as const;
  // Quick open can answer Enter with a stale list: try again until the file's tab is the active one.
  const open = (page: Page, name: string) => pollUntil(`${name}.Dockerfile as the active editor`, deadlines.step, async () => {
    await page.keyboard.press('Escape');
    await page.keyboard.press('Control+1');
    await page.keyboard.press('Control+P');
    await page.getByRole('textbox', { name: /Search files by name/ }).fill(`${name}.Dockerfile`);
    await page.getByRole('option', { name: new RegExp(`^${name}\\.Dockerfile`) }).first().waitFor({ timeout: deadlines.step });
    await page.keyboard.press('Enter');
    return page.locator('.editor-group-container.active .tab.active', { hasText: `${name}.Dockerfile` }).first()
      .waitFor({ timeout: 3_000 }).then(() => true, () => false);
  });
  // Every Stage Graph page on screen (side bar, editor panel) draws the file's stages.
  const drawn = (page: Page, stages: number, pages: number) => pollUntil(`${pages} graph(s) of ${stages} stages`, deadlines.step, async () => {
    const frames = page.locator('iframe.webview.ready');
    const count = await frames.count();
    if (count < pages) return false;
    for (let i = 0; i < count; i++) {
      const graph = frames.nth(i).contentFrame().locator('iframe#active-frame').contentFrame();
      if ((await graph.locator('.node.stage').count()) !== stages) return false;
    }
    return true;
  });
  const steps: Step[] = [{
    name: 'right-click a stage in the graph: Set as Build Target; the status bar item picks the default again',
    async run(page) {
      await open(page, 'two-stage');
      await drawn(page, 2, 1);
      const target = page.locator('.statusbar').getByText(/target: /).first();
      await pollUntil('the status bar target', deadlines.step, async () => /target: stage 1/.test((await target.textContent()) ?? ''));
      await graphFrame(page).locator('.node.stage', { hasText: 'build' }).first().click({ button: 'right', timeout: deadlines.step });
      const item = page.getByRole('menuitem', { name: /Set as Build Target/ }).first();
      await item.waitFor({ timeout: deadlines.step });
      await page.screenshot({ path: path.join(screenshotDir, 'graph-context-menu.png') });
      await item.click();
      await pollUntil('target: build in the status bar', deadlines.step, async () => /target: build/.test((await target.textContent()) ?? ''));
      await graphFrame(page).locator('.node.stage.target', { hasText: 'build' }).first().waitFor({ timeout: deadlines.step });
      await target.click();
      await page.getByRole('option', { name: /Default/ }).first().waitFor({ timeout: deadlines.step });
      await page.keyboard.type('Default');
      await page.keyboard.press('Enter');
      await pollUntil('target: stage 1 again', deadlines.step, async () => /target: stage 1/.test((await target.textContent()) ?? ''));
      await page.mouse.move(5, 5);
    },
  }];
  steps.push({
    name: 'keyboard: ArrowDown moves the focus ring to the next stage, Enter puts the cursor on its FROM line',
    async run(page) {
      await open(page, 'two-stage');
      await drawn(page, 2, 1);
      const graph = graphFrame(page);
      await graph.locator('.node.stage', { hasText: 'build' }).first().focus();
      await page.keyboard.press('ArrowDown');
      await graph.locator('.node.stage.focused', { hasText: 'stage 1' }).first().waitFor({ timeout: deadlines.step });
      await page.keyboard.press('Enter');
      await page.locator('.statusbar').getByText(/^Ln 6, Col \d+/).first().waitFor({ timeout: deadlines.step });
    },
  }, {
    name: 'a COPY --from with a variable is a red dangling edge that says why',
    async run(page) {
      await open(page, 'broken-reference');
      await drawn(page, 2, 1);
      const dangling = graphFrame(page).locator('.edge.dangling').first();
      // 'attached': a straight vertical edge has no width, which Playwright counts as hidden.
      await dangling.waitFor({ state: 'attached', timeout: deadlines.step });
      const why = (await dangling.locator('title').textContent()) ?? '';
      if (!/variable|\$\{SRC_FORMAT\}/i.test(why)) throw new Error(`the dangling edge's hover says: ${why}`);
      await page.locator('.part.sidebar').screenshot({ path: path.join(screenshotDir, 'graph-broken-reference-sidebar.png') });
    },
  });
  for (const [theme, title, bodyClass] of themes) {
    steps.push({
      name: `the ${title} theme`,
      async run(page) {
        await page.keyboard.press('Escape');
        await page.keyboard.press('Control+K');
        await page.keyboard.press('Control+T');
        await page.keyboard.type(title);
        await page.getByRole('option', { name: new RegExp(`^${title}`) }).first().waitFor({ timeout: deadlines.step });
        await page.keyboard.press('Enter');
        await page.locator(`.monaco-workbench.${bodyClass}`).waitFor({ timeout: deadlines.step });
        // The Problems panel of the earlier steps would take half the editor's height.
        await page.keyboard.press('F1');
        await page.keyboard.type('View: Hide Panel');
        const hide = page.getByRole('option', { name: /View: Hide Panel/ }).first();
        if (await hide.waitFor({ timeout: 3_000 }).then(() => true, () => false)) await page.keyboard.press('Enter');
        else await page.keyboard.press('Escape');
      },
    });
    for (const [file, stages, first] of files) {
      steps.push({
        name: `Stage Graph of ${file} in the side bar and the editor panel (${theme})`,
        async run(page) {
          await open(page, file);
          await drawn(page, stages, 1);
          await page.locator('.part.sidebar').getByRole('treeitem', { name: new RegExp(`^Stage ${first}, `) }).first().waitFor({ timeout: deadlines.step });
          await page.locator('.part.sidebar').screenshot({ path: path.join(screenshotDir, `graph-${file}-${theme}-sidebar.png`) });
          await page.keyboard.press('F1');
          await page.keyboard.type('Open Stage Graph in Editor');
          await page.getByRole('option', { name: /Open Stage Graph in Editor/ }).first().waitFor({ timeout: deadlines.step });
          await page.keyboard.press('Enter');
          await page.getByRole('tab', { name: /^Stage Graph/ }).first().waitFor({ timeout: deadlines.step });
          await drawn(page, stages, 2);
          await page.locator('.part.editor').screenshot({ path: path.join(screenshotDir, `graph-${file}-${theme}-editor.png`) });
          if (file === 'seven-stage') await assertNotBuiltLegible(page, theme);
        },
      });
    }
  }
  return steps;
}

/**
 * "Not built" stages stay legible: their name's colour against the side bar's and the editor's
 * background has a contrast ratio of at least 3:1 (WCAG's formula), in every graph page on screen.
 */
async function assertNotBuiltLegible(page: Page, theme: string): Promise<void> {
  const frames = page.locator('iframe.webview.ready');
  for (let i = 0; i < (await frames.count()); i++) {
    const graph = frames.nth(i).contentFrame().locator('iframe#active-frame').contentFrame();
    const colours = await graph.locator('.node.stage.not-built text.name').first().evaluate((text) => {
      const root = getComputedStyle(document.documentElement);
      return { text: getComputedStyle(text).fill, backgrounds: ['--vscode-sideBar-background', '--vscode-editor-background'].map((v) => root.getPropertyValue(v).trim()) };
    });
    for (const background of colours.backgrounds.filter(Boolean)) {
      const ratio = contrastRatio(parseColour(colours.text), parseColour(background));
      if (!(ratio >= 3)) throw new Error(`${theme}: not-built text ${colours.text} on ${background} has contrast ${ratio.toFixed(2)}:1`);
      console.log(`    ${theme}: not-built text ${colours.text} on ${background}: ${ratio.toFixed(2)}:1`);
    }
  }
}

/** `#rgb`, `#rrggbb`, `#rrggbbaa`, `rgb()` or `rgba()` as [r, g, b, a] with channels 0-255 and a 0-1. */
function parseColour(text: string): number[] {
  const hex = /^#([0-9a-f]{3,8})$/i.exec(text)?.[1];
  if (hex) {
    const full = hex.length <= 4 ? [...hex].map((c) => c + c).join('') : hex;
    const channels = full.match(/../g)!.map((h) => parseInt(h, 16));
    return [channels[0], channels[1], channels[2], channels.length > 3 ? channels[3] / 255 : 1];
  }
  const numbers = (text.match(/[\d.]+/g) ?? []).map(Number);
  return [numbers[0] ?? 0, numbers[1] ?? 0, numbers[2] ?? 0, numbers[3] ?? 1];
}

function contrastRatio(foreground: number[], background: number[]): number {
  // A translucent text colour is what it looks like over the background.
  const [fr, fg, fb, fa] = foreground;
  const blended = [fr, fg, fb].map((c, i) => c * fa + background[i] * (1 - fa));
  const luminance = (rgb: number[]) => {
    const [r, g, b] = rgb.map((c) => (c / 255 <= 0.03928 ? c / 255 / 12.92 : ((c / 255 + 0.055) / 1.055) ** 2.4));
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const [a, b] = [luminance(blended), luminance(background.slice(0, 3))];
  return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
}

/** The Stage Graph webview: an outer iframe per webview, the page itself in the inner one. */
function graphFrame(page: Page) {
  return page.frameLocator('iframe.webview.ready').first().frameLocator('iframe#active-frame');
}

// ---------------------------------------------------------------------------------------------
// Small helpers

async function pollUntil<T>(what: string, deadlineMs: number, probe: () => T | false | undefined | Promise<T | false | undefined>): Promise<T> {
  const deadline = Date.now() + deadlineMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${deadlineMs / 1000} s waiting for ${what}`);
    await delay(200);
  }
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

function httpStatus(url: string): Promise<number | undefined> {
  return new Promise((resolve) => {
    const request = http.get(url, (response) => {
      response.resume();
      resolve(response.statusCode);
    });
    request.on('error', () => resolve(undefined));
    request.setTimeout(2_000, () => request.destroy());
  });
}

/** Machine-wide memory in use above what it was when the run began (code-server, its helpers and Chromium). */
class MemorySampler {
  private readonly baseline = usedMb();
  private peak = this.baseline;
  private readonly timer = setInterval(() => (this.peak = Math.max(this.peak, usedMb())), 250);
  stop(): void {
    clearInterval(this.timer);
  }
  peakMb(): number {
    return Math.round(this.peak - this.baseline);
  }
}

function usedMb(): number {
  const info = fs.readFileSync('/proc/meminfo', 'utf8');
  const kb = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+)`, 'm').exec(info)?.[1] ?? 0);
  return (kb('MemTotal') - kb('MemAvailable')) / 1024;
}

function indent(text: string, spaces: number): string {
  return text.split('\n').map((line) => ' '.repeat(spaces) + line).join('\n');
}

function log(message: string): void {
  console.log(`[e2e] ${message}`);
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(error instanceof Error ? error.stack : error);
    console.log('0 passed, 1 failed');
    process.exit(1);
  },
);
