import * as assert from 'assert';
import * as vscode from 'vscode';
import { fromLineOf, openFixture, waitFor } from './helpers';

describe('Code lenses', () => {
  afterEach(() => vscode.commands.executeCommand('closeReferenceSearch'));

  it('say which stages are not built, and their command opens the references through the client', async () => {
    const { document } = await openFixture('graph/with-tester.Dockerfile');
    const lenses = await waitFor('code lenses', async () => {
      // The 2nd argument resolves lenses whose command the server fills in lazily.
      const found = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', document.uri, 50);
      return found && found.length > 0 && found;
    });
    const titlesAt = (stage: string) => lenses.filter((l) => l.range.start.line === fromLineOf(document, stage)).map((l) => l.command?.title ?? '');
    assert.ok(titlesAt('tester').some((t) => /not built/.test(t)), `tester: ${JSON.stringify(titlesAt('tester'))}`);
    assert.ok(titlesAt('runtime').includes('target'), `runtime: ${JSON.stringify(titlesAt('runtime'))}`);

    const used = lenses.find((l) => l.range.start.line === fromLineOf(document, 'builder') && /used by/.test(l.command?.title ?? ''));
    assert.ok(used?.command, `builder has a "used by" lens: ${JSON.stringify(titlesAt('builder'))}`);
    // The lens names a client command with protocol-shaped arguments: an unregistered command, or
    // arguments VS Code's references view rejects, make this throw.
    await vscode.commands.executeCommand(used.command.command, ...(used.command.arguments ?? []));
  });
});
