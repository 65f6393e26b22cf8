// The CLI as a user runs it: the bundled dist/cli.js, its options, outputs and exit statuses.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { checkJson, cliFixture, root, rulesOf, runCli, tempTree } from '../support/cli';

const findings = cliFixture('findings/Dockerfile');
const warnings = cliFixture('findings/warnings.Dockerfile');
const clean = 'test/fixtures/cli/findings/clean.Dockerfile';

test('cli check: text lines are path:line:col severity message [Rule], then a summary', () => {
  const { code, stdout } = runCli(['check', '--no-color', findings.file]);
  assert.equal(code, 1);
  const lines = stdout.trimEnd().split('\n');
  assert.equal(lines.length, findings.expected.length + 1);
  for (const expected of findings.expected) {
    const where = `${findings.file}:${expected.range.start.line + 1}:${expected.range.start.character + 1} ${expected.severity} `;
    const line = lines.find((l) => l.startsWith(where));
    assert.ok(line, `no line starting ${where} in\n${stdout}`);
    assert.ok(line.endsWith(`[${expected.rule}]`), line);
    if (expected.message) assert.ok(line.includes(expected.message), line);
  }
  assert.equal(lines.at(-1), '1 file checked: 1 error, 2 warnings, 1 other');
});

test('cli check: json has every finding with 0-based LSP ranges and its fixes', () => {
  const { code, results } = checkJson([findings.file]);
  assert.equal(code, 1);
  assert.equal(results[0].file, findings.file);
  assert.deepEqual(
    results[0].findings.map((f) => ({ rule: f.rule, severity: f.severity, range: f.range })),
    findings.expected.map((e) => ({ rule: e.rule, severity: e.severity, range: e.range })),
  );
  const unknown = results[0].findings.find((f) => f.rule === 'UnknownStage');
  assert.equal(unknown?.fixes[0].edits[0].newText, 'builder');
});

test('cli check: exit 0 when nothing reaches --fail-on, 1 when something does', () => {
  assert.equal(runCli(['check', clean]).code, 0);
  assert.equal(runCli(['check', findings.file]).code, 1);
  assert.equal(runCli(['check', warnings.file]).code, 0, 'warnings do not fail by default');
  assert.equal(runCli(['check', '--fail-on', 'warning', warnings.file]).code, 1);
  assert.equal(runCli(['check', '--fail-on', 'error', warnings.file]).code, 0);
  assert.equal(runCli(['check', '--fail-on', 'never', findings.file]).code, 0);
  assert.equal(runCli(['check', '--exit-zero', findings.file]).code, 0);
  const bad = runCli(['check', '--fail-on', 'info', clean]);
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /--fail-on takes error, warning, never/);
});

test('cli check: --rule changes a severity or turns a rule off; an unknown id names the close ones', () => {
  assert.ok(!rulesOf(checkJson(['--rule', 'UnknownStage=off', findings.file]).results[0]).includes('UnknownStage'));
  const hint = checkJson(['--rule', 'StageNameCasing=error', warnings.file]);
  assert.equal(hint.code, 1);
  assert.equal(hint.results[0].findings[0].severity, 'error');
  const unknown = runCli(['check', '--rule', 'UnknownStag=error', clean]);
  assert.equal(unknown.code, 2);
  assert.match(unknown.stderr, /unknown rule 'UnknownStag'; did you mean 'UnknownStage'/);
  assert.equal(unknown.stderr.trimEnd().split('\n').length, 1);
  assert.equal(runCli(['check', '--rule', 'UnknownStage=loud', clean]).code, 2);
});

test('cli check: --build-arg NAME=VALUE, and NAME alone from the environment as docker does', () => {
  const dir = tempTree({ Dockerfile: 'FROM alpine\nARG KEY=app.key\nCOPY ${KEY} /etc/app.key\n', '.dockerignore': '*.key\n' });
  const file = path.join(dir, 'Dockerfile');
  const ignored = (args: string[], env: NodeJS.ProcessEnv = {}) => rulesOf(checkJson([...args, file], { env }).results[0]).includes('CopyIgnoredFile');
  assert.ok(ignored([]));
  assert.ok(!ignored(['--build-arg', 'KEY=app.pem']));
  assert.ok(!ignored(['--build-arg', 'KEY'], { KEY: 'app.pem' }));
  assert.ok(ignored(['--build-arg', 'KEY'], { KEY: undefined }), 'unset in the environment: left out');
  assert.equal(runCli(['check', '--build-arg', '=x', file]).code, 2);
});

test('cli check: --build-context names a context that --from may use', () => {
  const ctx = (args: string[]) => checkJson([...args, findings.file]).results[0].findings.filter((f) => f.rule === 'UnknownStage').length;
  assert.equal(ctx([]), 2);
  assert.equal(ctx(['--build-context', 'ctx=docker-image://alpine']), 1);
  assert.equal(runCli(['check', '--build-context', 'ctx', clean]).code, 2);
});

test('cli check: --builder podman reaches the analysis', () => {
  const podman = checkJson(['--builder', 'podman', 'examples/select-by-arg/broken.Dockerfile']).results[0];
  assert.equal(podman.findings.find((f) => f.rule === 'FromFlagVariable')?.severity, 'hint');
  assert.equal(runCli(['check', '--builder', 'docker', clean]).code, 2);
});

test('cli check: --target names a stage; an unknown one exits 2 naming the stages', () => {
  assert.equal(runCli(['check', '--target', 'base', clean]).code, 0);
  const unknown = runCli(['check', '--target', 'nosuch', clean, findings.file]);
  assert.equal(unknown.code, 2);
  assert.match(unknown.stderr, /clean\.Dockerfile: no stage named 'nosuch' to target; the stages are 'base'/);
  assert.match(unknown.stderr, /findings\/Dockerfile: no stage named 'nosuch' to target; the stages are 'Builder'/);
});

test('cli check: --config takes the VS Code settings as JSON, flags win, bad files are refused', () => {
  const dir = tempTree({
    'settings.json': JSON.stringify({ 'dockerfileStages.rules': { UnknownStage: 'off', StageNameCasing: 'error' }, 'dockerfileStages.codeLens': false }),
    'bare.json': JSON.stringify({ buildContexts: ['ctx'], rules: { StageNameCasing: 'hint' } }),
    'unknown.json': JSON.stringify({ 'dockerfileStages.color': true }),
    'bad-severity.json': JSON.stringify({ rules: { UnknownStage: 'loud' } }),
    'bad-rule.json': JSON.stringify({ rules: { UnknownStag: 'off' } }),
    'broken.json': '{ "rules": ',
  });
  const withSettings = checkJson(['--config', path.join(dir, 'settings.json'), findings.file]).results[0];
  assert.deepEqual(withSettings.findings.map((f) => `${f.rule}:${f.severity}`), ['StageNameCasing:error', 'StageNotBuilt:hint']);
  const flagsWin = checkJson(['--config', path.join(dir, 'settings.json'), '--rule', 'StageNameCasing=warning', warnings.file]);
  assert.equal(flagsWin.results[0].findings[0].severity, 'warning');
  const bare = checkJson(['--config', path.join(dir, 'bare.json'), findings.file]).results[0];
  assert.deepEqual(bare.findings.map((f) => `${f.rule}:${f.severity}`), ['StageNameCasing:hint', 'StageNotBuilt:hint', 'UnknownStage:error']);
  for (const [name, message] of [
    ['unknown.json', /unknown setting 'dockerfileStages.color'/],
    ['bad-severity.json', /'rules.UnknownStage' must be off, hint/],
    ['bad-rule.json', /unknown rule 'UnknownStag'/],
    ['broken.json', /not JSON/],
    ['missing.json', /no such file/],
  ] as const) {
    const run = runCli(['check', '--config', path.join(dir, name), clean]);
    assert.equal(run.code, 2, name);
    assert.match(run.stderr, message, name);
  }
});

test('cli check: - reads stdin; --stdin-filename names it and finds its .dockerignore', () => {
  const input = fs.readFileSync(path.join(root, 'test/fixtures/cli/dockerignore/Dockerfile'));
  const plain = checkJson(['-'], { input });
  assert.equal(plain.results[0].file, '<stdin>');
  assert.ok(!rulesOf(plain.results[0]).includes('CopyIgnoredFile'), 'no .dockerignore without a name');
  const named = checkJson(['--stdin-filename', 'test/fixtures/cli/dockerignore/Dockerfile', '-'], { input });
  assert.equal(named.results[0].file, 'test/fixtures/cli/dockerignore/Dockerfile');
  assert.ok(rulesOf(named.results[0]).includes('CopyIgnoredFile'));
  assert.equal(runCli(['check', '--stdin-filename', 'x', clean]).code, 2, '--stdin-filename without -');
});

test('cli check: the .dockerignore is read as the server reads it, <name>.dockerignore first', () => {
  for (const name of ['dockerignore/Dockerfile', 'dockerignore/app.Dockerfile']) {
    const fixture = cliFixture(name);
    const { results } = checkJson([fixture.file]);
    assert.deepEqual(results[0].findings.map((f) => ({ rule: f.rule, range: f.range })), fixture.expected.map((e) => ({ rule: e.rule, range: e.range })), name);
  }
});

test('cli check: folders skip node_modules, .git and what .gitignore ignores; globs match files', () => {
  const bad = 'FROM alpine\nCOPY --from=nosuch /a /b\n';
  const dir = tempTree({
    'Dockerfile': 'FROM alpine\n',
    'svc/api.Dockerfile': 'FROM alpine\n',
    'svc/notes.txt': 'not a Dockerfile',
    'svc/Containerfile.dev': 'FROM alpine\n',
    'node_modules/pkg/Dockerfile': bad,
    '.git/Dockerfile': bad,
    '.gitignore': 'build/\n*.tmp.Dockerfile\n',
    'build/Dockerfile': bad,
    'svc/scratch.tmp.Dockerfile': bad,
    'svc/deep/.gitignore': 'local.Dockerfile\n',
    'svc/deep/local.Dockerfile': bad,
    'svc/deep/Dockerfile': 'FROM alpine\n',
  });
  const files = (args: string[]) => checkJson(args, { cwd: dir }).results.map((r) => r.file.split(path.sep).join('/'));
  assert.deepEqual(files([]), ['Dockerfile', 'svc/Containerfile.dev', 'svc/api.Dockerfile', 'svc/deep/Dockerfile']);
  assert.deepEqual(files(['svc/**/Dockerfile']), ['svc/deep/Dockerfile']);
  assert.deepEqual(files(['svc/*.Dockerfile', 'Dockerfile']), ['svc/api.Dockerfile', 'Dockerfile']);
  assert.deepEqual(files(['build/Dockerfile']), ['build/Dockerfile'], 'a file named explicitly is checked even when ignored');
});

test('cli check: no file matched, or a file that cannot be read, exits 2 with one line; the others are still checked', () => {
  const dir = tempTree({ 'empty/README.md': '# nothing here' });
  const empty = runCli(['check', path.join(dir, 'empty')]);
  assert.equal(empty.code, 2);
  assert.match(empty.stderr, /empty: no Dockerfile in this folder/);
  const glob = runCli(['check', `${dir}/**/*.Dockerfile`]);
  assert.equal(glob.code, 2);
  assert.match(glob.stderr, /no file matches this pattern/);
  const missing = runCli(['check', '--no-color', 'no/such/Dockerfile', findings.file]);
  assert.equal(missing.code, 2);
  assert.equal(missing.stderr, 'dockerfile-stages: no/such/Dockerfile: no such file or folder\n');
  assert.match(missing.stdout, /\[UnknownStage\]/);
  assert.match(missing.stdout, /1 file checked/);
});

test('cli: --help for the program and each command, --version, unknown commands and options', () => {
  const version = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')).version;
  assert.equal(runCli(['--version']).stdout, `${version}\n`);
  for (const args of [['--help'], ['-h'], ['help']]) {
    const run = runCli(args);
    assert.equal(run.code, 0);
    assert.match(run.stdout, /Commands:[\s\S]*check[\s\S]*graph[\s\S]*fix/);
  }
  for (const [command, option] of [['check', '--fail-on'], ['graph', '--format'], ['fix', '--write']]) {
    for (const args of [[command, '--help'], ['help', command]]) {
      const run = runCli(args);
      assert.equal(run.code, 0, args.join(' '));
      assert.match(run.stdout, new RegExp(`Usage: dockerfile-stages ${command}[\\s\\S]*${option}`));
    }
  }
  for (const args of [[], ['lint'], ['check', '--bogus'], ['check', '--format'], ['check', '--format', 'xml', clean]]) {
    const run = runCli(args);
    assert.equal(run.code, 2, args.join(' '));
    assert.equal(run.stdout, '');
    assert.equal(run.stderr.trimEnd().split('\n').length, 1, run.stderr);
  }
});

test('cli check: UTF-16 files (with a byte-order mark) and a UTF-8 BOM are read as text', () => {
  const text = fs.readFileSync(path.join(root, findings.file), 'utf8');
  const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
  const be = Buffer.from(le);
  be.swap16();
  const dir = tempTree({ 'le.Dockerfile': le, 'be.Dockerfile': be, 'bom.Dockerfile': Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]) });
  for (const name of ['le.Dockerfile', 'be.Dockerfile', 'bom.Dockerfile']) {
    const [result] = checkJson([path.join(dir, name)]).results;
    assert.deepEqual(result.findings.map((f) => f.range), findings.expected.map((e) => e.range), name);
  }
});

test('cli check: a binary file is reported once as not a Dockerfile and skipped', () => {
  const binary = Buffer.alloc(4096);
  for (let i = 0; i < binary.length; i++) binary[i] = (i * 37) % 256;
  binary.write('\x1b]0;PWNED\x07FROM alpine\n', 100);
  const invalidUtf8 = Buffer.from(Array.from({ length: 200 }, (_, i) => (i % 2 ? 0x41 : 0xc3)));
  const dir = tempTree({ 'image.Dockerfile': binary, 'latin.Dockerfile': invalidUtf8, 'Dockerfile': 'FROM alpine\n' });
  const mixed = runCli(['check', '--no-color', dir]);
  assert.equal(mixed.code, 0, 'a skipped file does not fail the check');
  assert.equal(mixed.stderr.match(/not a Dockerfile/g)?.length, 2, mixed.stderr);
  assert.ok(!mixed.stderr.includes('\x1b') && !mixed.stdout.includes('\x1b'));
  assert.match(mixed.stdout, /^1 file checked: 0 errors, 0 warnings, 0 other; 2 skipped as not a Dockerfile$/m);
  const alone = runCli(['check', path.join(dir, 'image.Dockerfile')]);
  assert.equal(alone.code, 2, 'nothing was checked at all');
  const fewBadBytes = tempTree({ Dockerfile: Buffer.concat([Buffer.from('FROM alpine\nLABEL author="Jos'), Buffer.from([0xe9]), Buffer.from('"\n')]) });
  assert.equal(runCli(['check', fewBadBytes]).code, 0, 'a stray Latin-1 byte is still text');
});

test('cli check: colour on demand (FORCE_COLOR, --color), never with NO_COLOR or --no-color or into a pipe', () => {
  const red = '\x1b[31m';
  assert.ok(!runCli(['check', findings.file]).stdout.includes(red), 'a pipe gets no colour');
  assert.ok(runCli(['check', findings.file], { env: { FORCE_COLOR: '1' } }).stdout.includes(red));
  assert.ok(runCli(['check', '--color', findings.file]).stdout.includes(red));
  assert.ok(!runCli(['check', '--no-color', findings.file], { env: { FORCE_COLOR: '1' } }).stdout.includes(red));
  assert.ok(!runCli(['check', findings.file], { env: { FORCE_COLOR: '0' } }).stdout.includes(red));
});
