// The code-action fixtures again, through the shipped server over JSON-RPC: the diagnostics the
// server published go back in the request, as an editor sends them, and the workspace edit of the
// named action must leave the expected text.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { CodeAction, Diagnostic, Range, TextEdit } from 'vscode-languageserver-protocol/node';
import { rangeContains } from '../../server/src/analysis/text';
import { applyEdits } from '../support/edits';
import { expectationsOf, parseFeatureFixture } from '../support/markers';
import { listFiles, repoRoot } from '../support/paths';
import { LspClient } from './lspClient';

const dir = path.join(repoRoot(), 'test', 'fixtures', 'features', 'codeActions');
const fixtures = listFiles(dir, (n) => n.endsWith('.Dockerfile') && !n.endsWith('.fixed.Dockerfile'))
  .map((file) => ({ file, name: path.basename(file, '.Dockerfile'), fixture: parseFeatureFixture(fs.readFileSync(file, 'utf8')) }))
  .filter(({ fixture }) => expectationsOf(fixture, 'action').length > 0);

test('server: every code-action fixture through one server, which logs no failure', async (t) => {
  const settingsByUri = new Map<string, unknown>();
  await LspClient.with({ settings: (uri) => (uri && settingsByUri.get(uri)) ?? {} }, async (client) => {
    const provider = client.initializeResult.capabilities.codeActionProvider;
    assert.ok(typeof provider === 'object' && provider.codeActionKinds);
    for (const kind of ['quickfix', 'source.fixAll.dockerfileStages', 'refactor.extract']) assert.ok(provider.codeActionKinds.includes(kind), kind);

    for (const { file, name, fixture } of fixtures) {
      await t.test(name, async () => {
        const [title] = expectationsOf(fixture, 'action');
        const only = expectationsOf(fixture, 'only');
        const uri = `file:///fixtures/codeActions/${name}.Dockerfile`;
        const sidecar = file.replace(/\.Dockerfile$/, '.options.json');
        settingsByUri.set(uri, fs.existsSync(sidecar) ? JSON.parse(fs.readFileSync(sidecar, 'utf8')) : {});
        await client.open(uri, fixture.text);
        const diagnostics = await client.waitForDiagnostics(uri);
        const range: Range = { start: fixture.cursor!, end: fixture.selectionEnd ?? fixture.cursor! };
        const touching = diagnostics.filter((d: Diagnostic) => rangeContains(d.range, range.start) || rangeContains(range, d.range.start));
        const actions = await client.request('textDocument/codeAction', {
          textDocument: { uri },
          range,
          context: { diagnostics: touching, ...(only.length ? { only } : {}) },
        }) as CodeAction[];
        const action = actions.find((a) => a.title.replace(/`/g, "'") === title);
        assert.ok(action, `no action "${title}"; got ${JSON.stringify(actions.map((a) => a.title))}`);
        const edits = action.edit!.changes![uri] as TextEdit[];
        const trim = (t: string) => t.replace(/\r\n/g, '\n').replace(/\n+$/, '');
        assert.equal(trim(applyEdits(fixture.text, edits)), trim(fs.readFileSync(file.replace(/\.Dockerfile$/, '.fixed.Dockerfile'), 'utf8')));
        await client.close(uri);
      });
    }
    assert.deepEqual(client.errors(), [], 'the server logged no failure');
  });
});

test('server: a client that resolves actions gets fix-all without its edit, then the edit from codeAction/resolve', async () => {
  const resolving = await LspClient.start({ capabilities: { textDocument: { codeAction: { resolveSupport: { properties: ['edit'] } } } } });
  try {
    const file = path.join(dir, 'fixAll-rule.Dockerfile');
    const fixture = parseFeatureFixture(fs.readFileSync(file, 'utf8'));
    const uri = 'file:///fixtures/codeActions/resolve.Dockerfile';
    await resolving.open(uri, fixture.text);
    const diagnostics = await resolving.waitForDiagnostics(uri, (d) => d.length > 0);
    const range: Range = { start: fixture.cursor!, end: fixture.cursor! };
    const actions = await resolving.request('textDocument/codeAction', {
      textDocument: { uri },
      range,
      context: { diagnostics: diagnostics.filter((d) => rangeContains(d.range, range.start)) },
    }) as CodeAction[];
    const [title] = expectationsOf(fixture, 'action');
    const fixAll = actions.find((a) => a.title === title);
    assert.ok(fixAll, `no "${title}" in ${JSON.stringify(actions.map((a) => a.title))}`);
    assert.equal(fixAll.edit, undefined, 'the edit waits for resolve');
    const resolved = await resolving.request('codeAction/resolve', fixAll) as CodeAction;
    const edits = resolved.edit!.changes![uri] as TextEdit[];
    const trim = (t: string) => t.replace(/\r\n/g, '\n').replace(/\n+$/, '');
    assert.equal(trim(applyEdits(fixture.text, edits)), trim(fs.readFileSync(file.replace(/\.Dockerfile$/, '.fixed.Dockerfile'), 'utf8')));
    assert.deepEqual(resolving.errors(), []);
  } finally {
    await resolving.stop();
  }
});
