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
});
