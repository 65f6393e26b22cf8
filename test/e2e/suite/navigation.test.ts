// Navigation and editing through VS Code's own commands: what a user gets from F12, Shift+F12,
// hover, completion, F2, folding and semantic colouring on the seed-000 pattern.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { openFixture, waitFor } from './helpers';

const FIXTURE = 'navigation/select-by-arg.Dockerfile';

/** Where a definition points: the name, for both Location and LocationLink answers. */
function targetRange(l: vscode.Location | vscode.LocationLink): vscode.Range {
  return 'targetUri' in l ? l.targetSelectionRange ?? l.targetRange : l.range;
}

/** The position of the first `needle` (plus `offset`) in the document. */
function at(document: vscode.TextDocument, needle: string, offset = 0, after = ''): vscode.Position {
  const text = document.getText();
  const from = after ? text.indexOf(after) : 0;
  const index = text.indexOf(needle, from);
  assert.ok(index >= 0, `"${needle}" is not in ${document.uri.path}`);
  return document.positionAt(index + offset);
}

async function ready(): Promise<vscode.TextDocument> {
  const { document } = await openFixture(FIXTURE);
  // The server has the document once it answers for it.
  await waitFor('document symbols', async () => {
    const symbols = await vscode.commands.executeCommand<vscode.DocumentSymbol[]>('vscode.executeDocumentSymbolProvider', document.uri);
    return symbols && symbols.length > 0;
  });
  return document;
}

describe('Navigation', () => {
  it('goes from COPY --from=copy-src to the stage name on its FROM line', async () => {
    const document = await ready();
    const locations = await vscode.commands.executeCommand<(vscode.Location | vscode.LocationLink)[]>(
      'vscode.executeDefinitionProvider', document.uri, at(document, '--from=copy-src', '--from='.length + 2));
    const ranges = locations.map(targetRange);
    assert.deepStrictEqual(ranges.map((r) => document.getText(r)), ['copy-src']);
    assert.strictEqual(ranges[0].start.line, at(document, 'AS copy-src').line);
  });

  it('goes from an ARG-dependent FROM to every stage it can pick', async () => {
    const document = await ready();
    const locations = await vscode.commands.executeCommand<(vscode.Location | vscode.LocationLink)[]>(
      'vscode.executeDefinitionProvider', document.uri, at(document, '-code AS copy-src', 2));
    const names = locations.map((l) => document.getText(targetRange(l))).sort();
    assert.deepStrictEqual(names, ['clear-code', 'obfuscated-code']);
  });

  it('finds every use of the stage base', async () => {
    const document = await ready();
    const references = await vscode.commands.executeCommand<vscode.Location[]>(
      'vscode.executeReferenceProvider', document.uri, at(document, 'AS base', 4));
    const lines = references.map((r) => r.range.start.line).sort((a, b) => a - b);
    assert.deepStrictEqual(lines, [at(document, 'AS base').line, at(document, 'FROM base AS clear-code').line,
      at(document, 'FROM base AS obfuscated-code').line, at(document, 'FROM base AS final').line]);
  });

  it('hovers a global ARG with its default and a stage with what uses it', async () => {
    const document = await ready();
    const onArg = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, at(document, '${SRC_FORMAT}-code', 3));
    const argText = onArg.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
    assert.match(argText, /SRC_FORMAT/);
    assert.match(argText, /obfuscated/);
    const onStage = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, at(document, '--from=copy-src', 9));
    const stageText = onStage.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
    assert.match(stageText, /obfuscated-code/);
    assert.match(stageText, /final/);
  });

  it('completes --from= with the stages before the current one only', async () => {
    const document = await ready();
    const list = await vscode.commands.executeCommand<vscode.CompletionList>(
      'vscode.executeCompletionItemProvider', document.uri, at(document, '--from=copy-src', '--from='.length));
    const labels = list.items.map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
    for (const stage of ['base', 'clear-code', 'obfuscated-code', 'copy-src']) assert.ok(labels.includes(stage), `${stage} in ${labels.join(', ')}`);
    assert.ok(!labels.includes('final'), 'the current stage is not offered');
  });

  it('renames a stage in its AS and every FROM and --from, and nothing else', async () => {
    const document = await ready();
    const edit = await vscode.commands.executeCommand<vscode.WorkspaceEdit>(
      'vscode.executeDocumentRenameProvider', document.uri, at(document, 'AS base', 4), 'py-base');
    const edits = edit.get(document.uri);
    assert.strictEqual(edits.length, 4);
    assert.ok(edits.every((e) => document.getText(e.range) === 'base' && e.newText === 'py-base'));
  });

  it('renames a global ARG through its redeclaration and its uses in RUN', async () => {
    const document = await ready();
    const edit = await vscode.commands.executeCommand<vscode.WorkspaceEdit>(
      'vscode.executeDocumentRenameProvider', document.uri, at(document, 'ARG SRC_FORMAT=', 4), 'SOURCE_FORMAT');
    const edits = edit.get(document.uri);
    const lines = edits.map((e) => e.range.start.line).sort((a, b) => a - b);
    assert.deepStrictEqual(lines, [at(document, 'ARG SRC_FORMAT=').line, at(document, '${SRC_FORMAT}-code').line,
      at(document, 'ARG SRC_FORMAT', 0, 'AS final').line, at(document, 'sources: ${SRC_FORMAT}').line]);
  });

  it('folds each stage and colours stage names', async () => {
    const document = await ready();
    const folds = await vscode.commands.executeCommand<vscode.FoldingRange[]>('vscode.executeFoldingRangeProvider', document.uri);
    for (const stage of ['AS base', 'AS clear-code', 'AS obfuscated-code', 'AS final']) {
      const line = at(document, stage).line;
      assert.ok(folds.some((f) => f.start === line), `a fold starts at the FROM line of ${stage}`);
    }
    const legend = await vscode.commands.executeCommand<vscode.SemanticTokensLegend>('vscode.provideDocumentSemanticTokensLegend', document.uri);
    const tokens = await vscode.commands.executeCommand<vscode.SemanticTokens>('vscode.provideDocumentSemanticTokens', document.uri);
    assert.ok(legend.tokenTypes.length > 0, 'a legend');
    assert.ok(tokens.data.length >= 5 * 8, `tokens for the stage names and variables, got ${tokens.data.length / 5}`);
  });
});
