import * as assert from 'assert';
import * as vscode from 'vscode';
import { codeOf, describeDiagnostics, describeRange, fixtureUri, openFixture, ourDiagnostics, readMarkers, waitFor } from './helpers';

describe('Diagnostics', () => {
  it('reports UnknownStage where the fixture marks it, suggesting the stage that exists', async () => {
    const { document } = await openFixture('Dockerfile');
    const markers = readMarkers(document.getText());
    assert.ok(markers.length > 0, 'the fixture must mark at least one expected diagnostic');
    const expected = markers.map((m) => `${m.code}@${describeRange(m.range)}`).join(', ');

    const diagnostics = await waitFor(`diagnostics ${expected}`, () => {
      const found = ourDiagnostics(document.uri);
      return markers.every((m) => found.some((d) => codeOf(d) === m.code)) && found;
    }, { explain: () => describeDiagnostics(vscode.languages.getDiagnostics(document.uri)) });

    for (const marker of markers) {
      const diagnostic = diagnostics.find((d) => codeOf(d) === marker.code && d.range.isEqual(marker.range));
      assert.ok(diagnostic, `expected ${marker.code} at ${describeRange(marker.range)}, got ${describeDiagnostics(diagnostics)}`);
      if (marker.message) {
        assert.ok(diagnostic.message.includes(marker.message), `message ${JSON.stringify(diagnostic.message)} should mention ${JSON.stringify(marker.message)}`);
      }
      // Every finding links to its rule's documentation (VS Code shows the code as that link).
      const code = diagnostic.code;
      assert.ok(typeof code === 'object' && code.target.toString().includes(marker.code), `the code of ${marker.code} should link to its docs, got ${JSON.stringify(code)}`);
    }
    assert.strictEqual(diagnostics.length, markers.length, `only the marked diagnostics, got ${describeDiagnostics(diagnostics)}`);
  });

  it('publishes nothing for the clean files', async () => {
    const clean = ['clean/go-app.Dockerfile', 'clean/node-app.Dockerfile'];
    for (const file of clean) await openFixture(file);
    // An empty publication looks like none at all, so open a file with a known finding last:
    // the server handles documents in the order they were opened, so once this one's finding
    // arrives, the clean files have been checked too.
    const typo = await vscode.workspace.fs.readFile(fixtureUri('Dockerfile'));
    const probe = await vscode.workspace.openTextDocument({ language: 'dockerfile', content: new TextDecoder().decode(typo) });
    await waitFor('a finding on the probe document opened after the clean files', () => ourDiagnostics(probe.uri).length > 0);

    for (const file of clean) {
      const found = ourDiagnostics(fixtureUri(file));
      assert.deepStrictEqual(found.map(codeOf), [], `${file}: ${describeDiagnostics(found)}`);
    }
  });
});
