// Every feature fixture again, this time through the shipped server over JSON-RPC: the same
// expectations (markers, `# expect` lines), read from what an editor would receive.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import {
  CodeLens,
  CompletionItem,
  CompletionList,
  DocumentHighlight,
  DocumentHighlightKind,
  DocumentSymbol,
  FoldingRange,
  Hover,
  Location,
  LocationLink,
  MarkupContent,
  Range,
  ResponseError,
  SemanticTokens,
  SemanticTokensLegend,
  WorkspaceEdit,
} from 'vscode-languageserver-protocol/node';
import { expectationsOf, FeatureFixture, formatRange, lineRangesOf, parseFeatureFixture } from '../support/markers';
import { listFiles, repoRoot } from '../support/paths';
import { LspClient } from './lspClient';

const RENAME_FAILED = -32803; // LSPErrorCodes.RequestFailed

let client: LspClient;
const settingsByUri = new Map<string, unknown>();

before(async () => {
  client = await LspClient.start({ settings: (uri) => (uri && settingsByUri.get(uri)) ?? {} });
});

after(async () => {
  assert.deepEqual(client.errors(), [], 'the server logged no failure');
  await client.stop();
});

/** Opens every fixture of a feature as its own document, with the settings its expect lines name. */
function fixturesOf(feature: string): { name: string; uri: string; fixture: FeatureFixture }[] {
  const dir = path.join(repoRoot(), 'test', 'fixtures', 'features', feature);
  const files = listFiles(dir, (n) => n.endsWith('.Dockerfile'));
  assert.ok(files.length > 0, `${feature} has fixtures`);
  return files.map((file) => {
    const name = path.basename(file, '.Dockerfile');
    const fixture = parseFeatureFixture(fs.readFileSync(file, 'utf8'));
    return { name, uri: `file:///fixtures/${feature}/${name}.Dockerfile`, fixture };
  });
}

async function openFixture(uri: string, fixture: FeatureFixture): Promise<void> {
  const [buildArgs] = expectationsOf(fixture, 'build-args');
  const [target] = expectationsOf(fixture, 'target');
  settingsByUri.set(uri, { buildArgs: buildArgs ? JSON.parse(buildArgs) : {}, target });
  await client.open(uri, fixture.text);
}

const marked = (fixture: FeatureFixture, ...labels: string[]) =>
  fixture.marks.filter((m) => labels.includes(m.label)).map((m) => formatRange(m.range)).sort();
const ranges = (list: { range: Range }[] | null) => (list ?? []).map((x) => formatRange(x.range)).sort();
const at = (uri: string, fixture: FeatureFixture) => ({ textDocument: { uri }, position: fixture.cursor });

test('definition over LSP returns location links to the def markers', async () => {
  for (const { name, uri, fixture } of fixturesOf('definition')) {
    await openFixture(uri, fixture);
    const links = await client.request<LocationLink[] | null>('textDocument/definition', at(uri, fixture));
    assert.deepEqual((links ?? []).map((l) => formatRange(l.targetSelectionRange)).sort(), marked(fixture, 'def'), name);
    assert.ok((links ?? []).every((l) => l.targetUri === uri && l.originSelectionRange), name);
  }
});

test('references and document highlight over LSP match the decl and ref markers', async () => {
  for (const { name, uri, fixture } of fixturesOf('references')) {
    await openFixture(uri, fixture);
    const all = await client.request<Location[] | null>('textDocument/references', { ...at(uri, fixture), context: { includeDeclaration: true } });
    assert.deepEqual(ranges(all), marked(fixture, 'decl', 'ref'), name);
    assert.ok((all ?? []).every((l) => l.uri === uri));
    const refs = await client.request<Location[] | null>('textDocument/references', { ...at(uri, fixture), context: { includeDeclaration: false } });
    assert.deepEqual(ranges(refs), marked(fixture, 'ref'), name);
    const highlights = await client.request<DocumentHighlight[] | null>('textDocument/documentHighlight', at(uri, fixture));
    assert.deepEqual(ranges((highlights ?? []).filter((h) => h.kind === DocumentHighlightKind.Write)), marked(fixture, 'decl'), name);
    assert.deepEqual(ranges((highlights ?? []).filter((h) => h.kind === DocumentHighlightKind.Read)), marked(fixture, 'ref'), name);
  }
});

test('rename over LSP edits the marked ranges, or fails with the expected message', async () => {
  for (const { name, uri, fixture } of fixturesOf('rename')) {
    await openFixture(uri, fixture);
    const [newName] = expectationsOf(fixture, 'rename');
    const [error] = expectationsOf(fixture, 'error');
    const renaming = client.request<WorkspaceEdit | null>('textDocument/rename', { ...at(uri, fixture), newName });
    if (error !== undefined) {
      await assert.rejects(renaming, (e: unknown) => {
        assert.ok(e instanceof ResponseError, `${name}: a ResponseError`);
        assert.equal(e.code, RENAME_FAILED, name);
        assert.ok(e.message.includes(error), `${name}: "${e.message}" should contain "${error}"`);
        return true;
      });
      continue;
    }
    const edit = await renaming;
    assert.deepEqual(ranges(edit?.changes?.[uri] ?? []), marked(fixture, 'edit'), name);
    assert.deepEqual(Object.keys(edit?.changes ?? {}), [uri], `${name}: one document changes`);
    const [placeholder] = expectationsOf(fixture, 'placeholder');
    if (placeholder !== undefined) {
      const prepared = await client.request<{ range: Range; placeholder: string } | null>('textDocument/prepareRename', at(uri, fixture));
      assert.equal(prepared?.placeholder, placeholder, name);
    }
  }
});

test('prepareRename over LSP refuses a position with nothing to rename, saying why', async () => {
  const uri = 'file:///fixtures/prepare-rename/comment.Dockerfile';
  const { text, cursor } = parseFeatureFixture('FROM golang AS builder\n# built by bui$0lder\n');
  await client.open(uri, text);
  await assert.rejects(
    client.request('textDocument/prepareRename', { textDocument: { uri }, position: cursor }),
    (e: unknown) => e instanceof ResponseError && e.code === RENAME_FAILED && /Only stage names/.test(e.message),
  );
});

test('hover over LSP is Markdown holding the expected fragments', async () => {
  for (const { name, uri, fixture } of fixturesOf('hover')) {
    await openFixture(uri, fixture);
    const hover = await client.request<Hover | null>('textDocument/hover', at(uri, fixture));
    if (expectationsOf(fixture, 'nothing').length) {
      assert.equal(hover, null, name);
      continue;
    }
    const contents = hover?.contents as MarkupContent;
    assert.equal(contents.kind, 'markdown', name);
    for (const fragment of expectationsOf(fixture, 'contains')) assert.ok(contents.value.includes(fragment), `${name}: ${fragment}\n${contents.value}`);
  }
});

test('completion over LSP offers exactly the expected labels', async () => {
  for (const { name, uri, fixture } of fixturesOf('completion')) {
    await openFixture(uri, fixture);
    const result = await client.request<CompletionItem[] | CompletionList | null>('textDocument/completion', at(uri, fixture));
    const items = Array.isArray(result) ? result : result?.items ?? [];
    const [labels] = expectationsOf(fixture, 'labels');
    assert.deepEqual(items.map((i) => i.label).sort(), labels.split(',').map((l) => l.trim()).filter(Boolean).sort(), name);
  }
});

test('document symbols over LSP form the expected hierarchical outline', async () => {
  for (const { name, uri, fixture } of fixturesOf('symbols')) {
    await openFixture(uri, fixture);
    const symbols = await client.request<DocumentSymbol[] | null>('textDocument/documentSymbol', { textDocument: { uri } });
    const outline = (symbols ?? []).map((s) => `${s.name} (${(s.children ?? []).map((c) => c.name).join(', ')})`).join(' | ');
    assert.equal(outline, expectationsOf(fixture, 'outline')[0], name);
  }
});

test('folding ranges over LSP match the fold and end markers', async () => {
  for (const { name, uri, fixture } of fixturesOf('folding')) {
    await openFixture(uri, fixture);
    const folds = await client.request<FoldingRange[] | null>('textDocument/foldingRange', { textDocument: { uri } });
    const format = (f: { startLine: number; endLine: number; kind?: string }) => `${f.startLine + 1}-${f.endLine + 1}${f.kind ? ` ${f.kind}` : ''}`;
    assert.deepEqual((folds ?? []).map(format).sort(), lineRangesOf(fixture.marks).map(format).sort(), name);
  }
});

test('semantic tokens over LSP, decoded with the legend the server announced, are the marked tokens', async () => {
  const legend = (client.initializeResult.capabilities.semanticTokensProvider as { legend: SemanticTokensLegend }).legend;
  for (const { name, uri, fixture } of fixturesOf('semanticTokens')) {
    await openFixture(uri, fixture);
    const { data } = await client.request<SemanticTokens>('textDocument/semanticTokens/full', { textDocument: { uri } });
    const decoded: string[] = [];
    let line = 0;
    let start = 0;
    for (let i = 0; i < data.length; i += 5) {
      line += data[i];
      start = data[i] === 0 ? start + data[i + 1] : data[i + 1];
      const modifiers = legend.tokenModifiers.filter((_, bit) => data[i + 4] & (1 << bit));
      decoded.push(`${line + 1}:${start + 1}-${start + data[i + 2] + 1} ${legend.tokenTypes[data[i + 3]]}${modifiers.length ? `(${modifiers.join(',')})` : ''}`);
    }
    const expected = fixture.marks.map((m) => `${m.range.start.line + 1}:${m.range.start.character + 1}-${m.range.end.character + 1} ${m.label}${m.kind ? `(${m.kind})` : ''}`);
    assert.deepEqual(decoded, expected, name);
  }
});

test('code lenses over LSP match the lens markers, with the target from the settings', async () => {
  for (const { name, uri, fixture } of fixturesOf('codeLens')) {
    await openFixture(uri, fixture);
    const lenses = await client.request<CodeLens[] | null>('textDocument/codeLens', { textDocument: { uri } });
    assert.deepEqual(
      (lenses ?? []).map((l) => `${formatRange(l.range)} ${l.command?.title}`).sort(),
      fixture.marks.filter((m) => m.label === 'lens').map((m) => `${formatRange(m.range)} ${m.note}`).sort(),
      name,
    );
  }
});
