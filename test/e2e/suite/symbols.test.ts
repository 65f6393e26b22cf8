import * as assert from 'assert';
import * as vscode from 'vscode';
import { fromLineOf, openFixture, waitFor } from './helpers';

type Symbol = vscode.DocumentSymbol | vscode.SymbolInformation;
const rangeOf = (s: Symbol) => ('range' in s ? s.range : s.location.range);

describe('Document symbols', () => {
  it('gives each stage a top-level symbol that starts at its FROM line', async () => {
    const { document } = await openFixture('clean/node-app.Dockerfile');
    const stages = ['deps', 'build', 'runtime'];
    const symbols = await waitFor('document symbols', async () => {
      const found = await vscode.commands.executeCommand<Symbol[]>('vscode.executeDocumentSymbolProvider', document.uri);
      return found && found.length > 0 && found;
    });

    assert.strictEqual(symbols.length, stages.length, `one symbol per stage, got ${JSON.stringify(symbols.map((s) => s.name))}`);
    for (const stage of stages) {
      const line = fromLineOf(document, stage);
      const symbol = symbols.find((s) => rangeOf(s).start.line === line);
      assert.ok(symbol, `no symbol starts at the FROM line of ${stage}`);
      assert.match(symbol.name, new RegExp(`\\b${stage}\\b`), `the symbol at line ${line + 1} should name ${stage}`);
    }
  });
});
