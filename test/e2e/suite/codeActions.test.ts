import * as assert from 'assert';
import * as vscode from 'vscode';
import { codeOf, fixtureUri, ourDiagnostics, readMarkers, waitFor } from './helpers';

describe('Quick fixes', () => {
  afterEach(async () => {
    // The fix is applied to an untitled copy; close it without a save prompt.
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  it('offers to rename "biulder" to "builder", and applying it clears UnknownStage', async () => {
    // An untitled copy: the fixture on disk stays as it is, and the untitled scheme is exercised.
    const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(fixtureUri('Dockerfile')));
    const document = await vscode.workspace.openTextDocument({ language: 'dockerfile', content: text });
    await vscode.window.showTextDocument(document);
    const marker = readMarkers(text).find((m) => m.code === 'UnknownStage');
    assert.ok(marker, 'the fixture marks an UnknownStage');
    await waitFor('UnknownStage on the untitled copy', () => ourDiagnostics(document.uri).some((d) => codeOf(d) === 'UnknownStage'));

    const fixes = await waitFor('a quick fix at the marked range', async () => {
      // The 4th argument asks VS Code to resolve edits the server may fill in lazily.
      const actions = await vscode.commands.executeCommand<(vscode.CodeAction | vscode.Command)[]>(
        'vscode.executeCodeActionProvider', document.uri, marker.range, vscode.CodeActionKind.QuickFix.value, 10);
      const quickFixes = (actions ?? []).filter((a): a is vscode.CodeAction => 'kind' in a && !!a.kind && vscode.CodeActionKind.QuickFix.contains(a.kind));
      return quickFixes.length > 0 && quickFixes;
    });
    const fix = fixes.find((a) => a.edit?.get(document.uri).some((e) => e.newText === 'builder' && e.range.isEqual(marker.range)));
    assert.ok(fix, `no fix replacing the marked range with "builder"; got ${JSON.stringify(fixes.map((f) => f.title))}`);

    assert.ok(await vscode.workspace.applyEdit(fix.edit!), 'the edit applies');
    assert.match(document.lineAt(marker.range.start.line).text, /--from=builder\b/);
    await waitFor('UnknownStage to go once fixed', () => !ourDiagnostics(document.uri).some((d) => codeOf(d) === 'UnknownStage'));
  });

  let copies = 0;

  /**
   * An untitled copy of a workspace fixture, shown; the file on disk stays as it is. Each copy has
   * a name of its own: a plain untitled document reuses 'Untitled-1', and VS Code may hand back the
   * previous test's document under that name while it is still closing.
   */
  async function untitledCopy(relativePath: string): Promise<vscode.TextDocument> {
    const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(fixtureUri(relativePath)));
    const uri = vscode.Uri.from({ scheme: 'untitled', path: `/copy-${++copies}-${Date.now()}-${relativePath.replace(/\//g, '-')}` });
    const document = await vscode.languages.setTextDocumentLanguage(await vscode.workspace.openTextDocument(uri), 'dockerfile');
    const insert = new vscode.WorkspaceEdit();
    insert.insert(uri, new vscode.Position(0, 0), text);
    assert.ok(await vscode.workspace.applyEdit(insert), 'the copy takes the fixture text');
    await vscode.window.showTextDocument(document);
    await waitFor(`the untitled copy of ${relativePath}`, () => document.getText() === text, { explain: () => JSON.stringify(document.getText().slice(0, 200)) });
    return document;
  }

  async function expectedText(relativePath: string): Promise<string> {
    return new TextDecoder().decode(await vscode.workspace.fs.readFile(fixtureUri(relativePath)));
  }

  async function actionsAt(document: vscode.TextDocument, range: vscode.Range, kind: vscode.CodeActionKind): Promise<vscode.CodeAction[]> {
    const actions = await vscode.commands.executeCommand<(vscode.CodeAction | vscode.Command)[]>(
      'vscode.executeCodeActionProvider', document.uri, range, kind.value, 10);
    return (actions ?? []).filter((a): a is vscode.CodeAction => 'kind' in a && !!a.kind && kind.contains(a.kind));
  }

  it('applies the FromFlagVariable fix: a global ARG, an alias stage, and --from pointing at it', async () => {
    const document = await untitledCopy('codeActions/fromFlagVariable.Dockerfile');
    const marker = readMarkers(document.getText()).find((m) => m.code === 'FromFlagVariable');
    assert.ok(marker, `the fixture marks a FromFlagVariable; markers ${JSON.stringify(readMarkers(document.getText()))} in ${JSON.stringify(document.getText().slice(0, 400))}`);
    await waitFor('FromFlagVariable on the untitled copy', () => ourDiagnostics(document.uri).some((d) => codeOf(d) === 'FromFlagVariable'));
    const fix = await waitFor('the alias-stage quick fix', async () =>
      (await actionsAt(document, marker.range, vscode.CodeActionKind.QuickFix)).find((a) => a.title.startsWith('Add alias stage')));
    assert.strictEqual(fix.isPreferred, true, 'the alias stage is the preferred fix');
    assert.ok(await vscode.workspace.applyEdit(fix.edit!), 'the edit applies');
    assert.strictEqual(document.getText(), await expectedText('codeActions/fromFlagVariable.expected.Dockerfile'));
    await waitFor('FromFlagVariable to go once fixed', () => !ourDiagnostics(document.uri).some((d) => codeOf(d) === 'FromFlagVariable'));
  });

  it('applies Extract builder stage: the build steps move to a builder and the venv is copied back', async () => {
    const document = await untitledCopy('codeActions/extractBuilder.Dockerfile');
    const cursor = readMarkers(document.getText()).find((m) => m.code === 'cursor');
    assert.ok(cursor, 'the fixture marks the cursor');
    const at = new vscode.Range(cursor.range.start, cursor.range.start);
    const extract = await waitFor('Extract builder stage', async () =>
      (await actionsAt(document, at, vscode.CodeActionKind.RefactorExtract)).find((a) => a.title.startsWith('Extract builder stage')));
    assert.ok(await vscode.workspace.applyEdit(extract.edit!), 'the edit applies');
    assert.strictEqual(document.getText(), await expectedText('codeActions/extractBuilder.expected.Dockerfile'));
  });
});
