import * as assert from 'assert';
import * as vscode from 'vscode';
import type { DockerfileStagesApi } from '../../../client/src/extension';
import type { StageElement } from '../../../client/src/stageTree';
import { activateExtension, codeOf, fromLineOf, openFixture, ourDiagnostics, waitFor } from './helpers';

describe('Views', () => {
  let api: DockerfileStagesApi;

  before(async () => {
    api = await activateExtension();
  });

  const labelOf = (element: StageElement) => String(api.stageTree.getTreeItem(element).label);
  /** Each stage's tree context value (stage, stage.target, stage.notBuilt) once the tree shows `document`. */
  const rolesIn = (document: vscode.TextDocument) => {
    const roots = api.stageTree.getChildren();
    if (roots[0]?.uri.toString() !== document.uri.toString()) return undefined;
    return Object.fromEntries(roots.map((r) => [labelOf(r), api.stageTree.getTreeItem(r).contextValue]));
  };

  it('Stages tree: stages in file order, the target and the stage it does not need marked, dependencies as children', async () => {
    const { document } = await openFixture('graph/with-tester.Dockerfile');
    const roots = await waitFor('the Stages tree to show with-tester.Dockerfile', () => {
      const items = api.stageTree.getChildren();
      return items.length > 0 && items[0].uri.toString() === document.uri.toString() && items;
    });
    assert.deepStrictEqual(roots.map(labelOf), ['builder', 'tester', 'certs', 'runtime']);

    const item = (label: string) => api.stageTree.getTreeItem(roots.find((r) => labelOf(r) === label)!);
    assert.strictEqual(item('runtime').contextValue, 'stage.target');
    assert.match(String(item('runtime').description), /\btarget\b/);
    assert.strictEqual(item('tester').contextValue, 'stage.notBuilt');
    assert.match(String(item('tester').description), /not built/);
    assert.strictEqual(item('builder').contextValue, 'stage');
    assert.match(String(item('builder').description), /golang:1\.22/);

    const children = (label: string) =>
      api.stageTree.getChildren(roots.find((r) => labelOf(r) === label)).map((c) => `${labelOf(c)} (${c.usedAs?.join(', ')})`).sort();
    assert.deepStrictEqual(children('runtime'), ['builder (mount)', 'certs (copy)']);
    assert.deepStrictEqual(children('tester'), ['builder (from)']);
    assert.deepStrictEqual(children('certs'), []);

    // Clicking an item runs its command; it must land on that stage's FROM line.
    const { command } = item('certs');
    assert.ok(command, 'a stage item has a click command');
    await vscode.commands.executeCommand(command.command, ...(command.arguments ?? []));
    const expectedLine = fromLineOf(document, 'certs');
    await waitFor(`the cursor on line ${expectedLine + 1}`, () => vscode.window.activeTextEditor?.selection.active.line === expectedLine);
  });

  it('the dockerfileStages.target setting moves the target, and the Stages tree follows', async () => {
    const { document } = await openFixture('graph/with-tester.Dockerfile');
    const roles = () => rolesIn(document);
    const config = vscode.workspace.getConfiguration('dockerfileStages');
    // User settings live in the run's temporary profile, so nothing is written into the repository.
    await config.update('target', 'tester', vscode.ConfigurationTarget.Global);
    try {
      await waitFor('tester as the target, runtime and certs not built', () => {
        const r = roles();
        return r?.tester === 'stage.target' && r.builder === 'stage' && r.runtime === 'stage.notBuilt' && r.certs === 'stage.notBuilt';
      }, { explain: () => JSON.stringify(roles()) });
    } finally {
      await config.update('target', undefined, vscode.ConfigurationTarget.Global);
    }
    await waitFor('runtime as the target again once the setting is cleared', () => roles()?.runtime === 'stage.target', { explain: () => JSON.stringify(roles()) });
  });

  it('Stage Graph view resolves and its webview draws every stage, the target highlighted, the unused stage hatched', async () => {
    await openFixture('graph/with-tester.Dockerfile');
    await vscode.commands.executeCommand('dockerfileStages.showStageGraph');
    await waitFor('the Stage Graph view to resolve', () => api.graphView.isResolved);
    // The page lays out and draws, then reports back: this also proves the CSP let its script run.
    await waitFor('the webview to draw the four stages of with-tester.Dockerfile', () => {
      const { rendered, svg, currentGeneration } = api.graphView;
      return rendered?.generation === currentGeneration && svg.includes('aria-label="tester,') && rendered.nodes === 4;
    }, { explain: () => JSON.stringify(api.graphView.rendered) });
    const svg = api.graphView.svg;
    assert.match(svg, /<g class="node stage target[^"]*"[^>]*aria-label="runtime,/);
    assert.match(svg, /<g class="node stage not-built[^"]*"[^>]*aria-label="tester,/);
    for (const kind of ['from', 'copy', 'mount']) assert.match(svg, new RegExp(`<g class="edge ${kind}"`), `an edge drawn as ${kind}`);

    // Save as SVG: the page writes the theme's colours into a standalone file.
    const standalone = await api.graphView.visiblePage!.exportSvg();
    assert.match(standalone, /^<svg[^>]*xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    assert.match(standalone, /<style>[^<]*\.stage-graph \.edge\.copy path/);
    const unresolved = standalone.indexOf('var(--');
    assert.strictEqual(unresolved, -1, `every theme variable resolved: ${standalone.slice(Math.max(0, unresolved - 120), unresolved + 80)}`);
    assert.match(standalone, /aria-label="runtime,/);

    const html = api.graphView.html;
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]*)">/.exec(html)?.[1];
    assert.ok(csp?.startsWith("default-src 'none';"), `strict CSP, got ${csp}`);
    const nonce = /'nonce-([^']+)'/.exec(csp ?? '')?.[1];
    assert.ok(nonce, 'the CSP allows scripts by nonce');
    const scripts = html.match(/<script[^>]*>/g) ?? [];
    assert.ok(scripts.length === 1 && scripts[0].startsWith(`<script nonce="${nonce}" src="`) && scripts[0].includes('dist/webview/graph.js'), `one bundled script with the nonce: ${scripts}`);
    const sources = [...html.matchAll(/(?:src|href)\s*=\s*"([^"]*)"/gi)].map((m) => m[1]);
    assert.deepStrictEqual(sources.filter((s) => !s.includes('dist/webview/graph.js')), [], 'no other resource');
  });

  it('Open Stage Graph in Editor: a panel beside the Dockerfile draws the graph with images as nodes and labelled edges', async () => {
    await openFixture('graph/with-tester.Dockerfile');
    await vscode.commands.executeCommand('dockerfileStages.openStageGraphInEditor');
    const drawn = () => {
      const { rendered, svg, currentGeneration } = api.graphPanel;
      return rendered?.generation === currentGeneration && rendered.nodes === 4 && svg;
    };
    const svg = await waitFor('the editor panel to draw with-tester.Dockerfile', drawn, { explain: () => JSON.stringify(api.graphPanel.rendered) });
    assert.match(svg, /<g class="node image"[^>]*aria-label="golang:1\.22, image"/);
    for (const kind of ['copy', 'mount']) assert.match(svg, new RegExp(`class="edge-label ${kind}"><rect[^>]*></rect><text[^>]*>${kind}<|class="edge-label ${kind}"><rect[^>]*/><text[^>]*>${kind}<`), `an edge labelled ${kind}`);
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });

  it('Set as Build Target with [uri, stageName] moves the target of that file only; the tree and the server\'s code lenses follow', async () => {
    const { document } = await openFixture('graph/with-tester.Dockerfile');
    const roles = () => rolesIn(document);
    await vscode.commands.executeCommand('dockerfileStages.setBuildTarget', document.uri.toString(), 'tester');
    try {
      await waitFor('tester as the target of this file', () => roles()?.tester === 'stage.target' && roles()?.runtime === 'stage.notBuilt', { explain: () => JSON.stringify(roles()) });
      assert.strictEqual(api.buildChoices.get(document.uri).target, 'tester');
      // The server hears the file's target as its settings: its lenses say so.
      const lensTitles = async () => ((await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', document.uri)) ?? []).map((l) => l.command?.title ?? '');
      await waitFor('a code lens measured against target tester', async () => (await lensTitles()).some((t) => t.includes('not built for target tester')), { explain: () => 'no such lens' });
      assert.strictEqual(vscode.workspace.getConfiguration('dockerfileStages', document.uri).get('target'), '', 'the setting is untouched');
    } finally {
      await api.buildChoices.setTarget(document.uri, undefined);
    }
    await waitFor('runtime as the target again', () => roles()?.runtime === 'stage.target', { explain: () => JSON.stringify(roles()) });
  });

  it('StageNotBuilt\'s quick fix "Set \'tester\' as build target" runs the client command, and tester becomes the target', async () => {
    const { document } = await openFixture('graph/with-tester.Dockerfile');
    const roles = () => rolesIn(document);
    const diagnostic = await waitFor('StageNotBuilt on tester', () => ourDiagnostics(document.uri).find((d) => codeOf(d) === 'StageNotBuilt' && document.getText(d.range) === 'tester'));
    const fix = await waitFor('the quick fix that sets the target', async () => {
      const actions = await vscode.commands.executeCommand<(vscode.CodeAction | vscode.Command)[]>(
        'vscode.executeCodeActionProvider', document.uri, diagnostic.range, vscode.CodeActionKind.QuickFix.value, 10);
      return (actions ?? []).find((a): a is vscode.CodeAction => 'kind' in a && a.title === "Set 'tester' as build target");
    });
    assert.ok(fix.command, 'it runs a command');
    assert.ok(!fix.edit || fix.edit.size === 0, 'and edits nothing');
    await vscode.commands.executeCommand(fix.command.command, ...(fix.command.arguments ?? []));
    try {
      await waitFor('tester as the target of this file', () => roles()?.tester === 'stage.target', { explain: () => JSON.stringify(roles()) });
      await waitFor('StageNotBuilt gone from tester', () => !ourDiagnostics(document.uri).some((d) => codeOf(d) === 'StageNotBuilt' && document.getText(d.range) === 'tester'));
    } finally {
      await api.buildChoices.setTarget(document.uri, undefined);
    }
    await waitFor('runtime as the target again', () => roles()?.runtime === 'stage.target', { explain: () => JSON.stringify(roles()) });
  });

  it('Stage Graph settings: direction "right" turns layers into columns; showUnreachable false leaves out unused stages', async () => {
    await openFixture('graph/with-tester.Dockerfile');
    await vscode.commands.executeCommand('dockerfileStages.showStageGraph');
    const centreOf = (svg: string, label: string) => {
      const match = new RegExp(`aria-label="${label},[^"]*"[^>]*>\\s*<title>[^<]*</title>\\s*(?:<rect class="focus-ring"[^>]*>)?<rect class="box" x="([\\d.]+)" y="([\\d.]+)" width="([\\d.]+)" height="([\\d.]+)"`).exec(svg);
      return match ? { x: Number(match[1]) + Number(match[3]) / 2, y: Number(match[2]) + Number(match[4]) / 2 } : undefined;
    };
    const drawn = (test: (svg: string, nodes: number) => boolean) => () => {
      const { rendered, svg, currentGeneration } = api.graphView;
      return rendered?.generation === currentGeneration && test(svg, rendered.nodes);
    };
    const close = (a: number, b: number) => Math.abs(a - b) < 1;
    const config = vscode.workspace.getConfiguration('dockerfileStages');
    try {
      await config.update('graph.direction', 'right', vscode.ConfigurationTarget.Global);
      // builder and certs use no stage, so they share a layer: a column now, not a row.
      await waitFor('builder above certs in one column, runtime to their right', drawn((svg) => {
        const [builder, certs, runtime] = ['builder', 'certs', 'runtime'].map((label) => centreOf(svg, label));
        return !!builder && !!certs && !!runtime && close(builder.x, certs.x) && builder.y !== certs.y && runtime.x > certs.x;
      }), { explain: () => JSON.stringify(['builder', 'certs', 'runtime'].map((label) => centreOf(api.graphView.svg, label))) });

      await config.update('graph.showUnreachable', false, vscode.ConfigurationTarget.Global);
      await waitFor('three stages drawn, tester left out', drawn((svg, nodes) => nodes === 3 && !svg.includes('aria-label="tester,')));
    } finally {
      await config.update('graph.direction', undefined, vscode.ConfigurationTarget.Global);
      await config.update('graph.showUnreachable', undefined, vscode.ConfigurationTarget.Global);
    }
    await waitFor('four stages, builder and certs in one row, once the settings are cleared', drawn((svg, nodes) => {
      const [builder, certs] = [centreOf(svg, 'builder'), centreOf(svg, 'certs')];
      return nodes === 4 && !!builder && !!certs && close(builder.y, certs.y) && builder.x !== certs.x;
    }));
  });

  it('Stage Graph shows names and bases from the file as text, never as markup', async () => {
    await openFixture('graph/hostile-names.Dockerfile');
    await vscode.commands.executeCommand('dockerfileStages.showStageGraph');
    await waitFor('the webview to draw hostile-names.Dockerfile', () => {
      const { rendered, svg, currentGeneration } = api.graphView;
      return rendered?.generation === currentGeneration && svg.includes('onerror=alert(1)') && rendered.nodes === 2;
    });
    const html = api.graphView.svg;
    assert.ok(!html.includes('<img'), 'an <img> from the file must not become an element');
    assert.ok(!html.includes('<b>'), 'a <b> from the file must not become an element');
    assert.ok(/&(#60|lt);b&(#62|gt);bold/.test(html), 'the text is still shown, escaped');
  });
});
