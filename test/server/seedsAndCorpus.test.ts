// Rename and completion through the shipped server on the seeds' Dockerfiles and on real Dockerfiles
// (test/fixtures/real always; the seeds and the full corpus when ../shared is beside the checkout).
// The expectations are invariants any correct answer keeps, checked against a fresh analysis:
// a stage rename keeps every dependency and touches no comment or shell text; a variable rename
// keeps what every use resolves to; completion offers exactly the stages BuildKit would accept.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { CompletionItem, CompletionList, Location, ResponseError, WorkspaceEdit } from 'vscode-languageserver-protocol/node';
import { analyze, Analysis, Position, TextEdit } from '../../server/src/analysis';
import { comparePositions, rangeContains } from '../../server/src/analysis/text';
import { applyEdits } from '../support/edits';
import { formatRange } from '../support/markers';
import { realDockerfileSets } from '../corpus/corpus';
import { DockerfileSource, manifestDockerfiles, seedDockerfiles, seedsSkip } from './dockerfileSources';
import { LspClient } from './lspClient';

const seeds = seedDockerfiles();
const SEEDS_MISSING = seedsSkip();

interface SourceSet {
  label: string;
  sources: DockerfileSource[];
  skip: string | false;
  /** Fewer checks than this means the set lost what it is there to exercise. */
  least: { files: number; stageRenames: number; argRenames: number; completions: number };
}

// Files that exercise every kind of stage reference: mount from=, ARG-dependent FROM, COPY --from.
// Short ones only: each rename is checked against a fresh analysis of the renamed text.
const sets: SourceSet[] = [
  { label: 'seed', sources: seeds, skip: SEEDS_MISSING, least: { files: 10, stageRenames: 16, argRenames: 1, completions: 11 } },
  ...realDockerfileSets().map((set) => ({
    label: set.label,
    sources: manifestDockerfiles(set.files, (f) => f.features.includes('mount-from') || (f.features.includes('arg-in-from') && f.features.includes('copy-from') && f.stages >= 4))
      .filter((source) => source.text.split('\n').length <= 100),
    skip: set.skip,
    least: set.label === 'corpus' ? { files: 30, stageRenames: 101, argRenames: 31, completions: 101 } : { files: 10, stageRenames: 40, argRenames: 30, completions: 150 },
  })),
];
const STAGE_NAME = /^[a-z][a-z0-9-_.]*$/;
const VARIABLE_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

let client: LspClient;
let opened = 0;

before(async () => {
  client = await LspClient.start();
});

after(async () => {
  assert.deepEqual(client.errors(), [], 'the server logged no failure');
  await client.stop();
});

async function open(source: DockerfileSource): Promise<{ uri: string; analysis: Analysis }> {
  const uri = `file:///sources/${opened++}/${encodeURIComponent(source.name)}`;
  await client.open(uri, source.text);
  return { uri, analysis: analyze(source.text) };
}

const edges = (a: Analysis) => a.graph.edges.map((e) => `${e.kind} ${e.from}->${e.to}`).sort();
const isComment = (a: Analysis, line: number) => /^\s*#/.test(a.lines.lineText(line));

/** Renames every well-named stage; an ARG-dependent FROM's candidates must be refused. */
async function checkStageRenames(source: DockerfileSource): Promise<number> {
  const { uri, analysis } = await open(source);
  let checked = 0;
  for (const stage of analysis.stages) {
    if (!stage.key || !stage.nameRange || !STAGE_NAME.test(stage.name!)) continue;
    if (analysis.stages.some((s) => s.key === stage.key && s.index !== stage.index)) continue; // duplicates are their own rule
    const newName = `${stage.key}-renamed`;
    const where = `${source.name}: rename ${stage.name} (line ${stage.fromRange.start.line + 1})`;
    const chosenByArg = analysis.stages.some((s) => s.base.kind === 'variable' && s.base.candidates?.some((c) => c.stage === stage.index));
    const renaming = client.request<WorkspaceEdit>('textDocument/rename', { textDocument: { uri }, position: stage.nameRange.start, newName });
    if (chosenByArg) {
      await assert.rejects(renaming, (e: unknown) => e instanceof ResponseError && /chosen by/.test(e.message), where);
      continue;
    }
    const edits: TextEdit[] = (await renaming).changes?.[uri] ?? [];
    const byName = analysis.references.filter((r) => (r.target.kind === 'stage' || r.target.kind === 'invalid') && 'stage' in r.target && r.target.stage === stage.index && !/^[0-9]+$/.test(r.text) && !r.text.includes('$'));
    assert.equal(edits.length, 1 + byName.length, `${where}: the AS name and each reference by name`);
    for (const edit of edits) {
      assert.equal(analysis.lines.textIn(edit.range).toLowerCase(), stage.key, `${where}: edits only the old name`);
      assert.ok(!isComment(analysis, edit.range.start.line), `${where}: no comment touched`);
      const instruction = analysis.instructions.find((i) => rangeContains(i.range, edit.range.start));
      if (instruction?.keyword === 'RUN') {
        assert.ok(/--mount=\S*from=$/.test(analysis.lines.lineText(edit.range.start.line).slice(0, edit.range.start.character)), `${where}: in RUN only a mount's from=`);
      }
    }
    const renamed = analyze(applyEdits(source.text, edits));
    assert.deepEqual(edges(renamed), edges(analysis), `${where}: every dependency kept`);
    assert.deepEqual(renamed.stages.map((s) => s.key), analysis.stages.map((s) => (s.index === stage.index ? newName : s.key)), `${where}: only this stage renamed`);
    checked++;
  }
  return checked;
}

/** Renames each global ARG (and so its redeclarations and uses); every use must resolve as before. */
async function checkArgRenames(source: DockerfileSource): Promise<number> {
  const { uri, analysis } = await open(source);
  let checked = 0;
  const names = new Set(analysis.declarations.filter((d) => d.scope === -1 && d.kind === 'ARG' && VARIABLE_NAME.test(d.name)).map((d) => d.name));
  for (const name of names) {
    const declaration = analysis.declarations.find((d) => d.scope === -1 && d.name === name)!;
    const newName = `RENAMED_${name}`;
    if (analysis.uses.some((u) => u.name === newName) || analysis.declarations.some((d) => d.name === newName)) continue;
    const where = `${source.name}: rename ARG ${name}`;
    const position = declaration.range.start;
    const edit = await client.request<WorkspaceEdit>('textDocument/rename', { textDocument: { uri }, position, newName });
    const edits: TextEdit[] = edit.changes?.[uri] ?? [];
    const references = await client.request<Location[]>('textDocument/references', { textDocument: { uri }, position, context: { includeDeclaration: true } });
    assert.deepEqual(edits.map((e) => formatRange(e.range)).sort(), references.map((r) => formatRange(r.range)).sort(), `${where}: rename edits what references finds`);
    for (const e of edits) {
      assert.equal(analysis.lines.textIn(e.range), name, `${where}: edits only the name`);
      assert.ok(!isComment(analysis, e.range.start.line), `${where}: no comment touched`);
    }
    const renamed = analyze(applyEdits(source.text, edits));
    const resolutions = (a: Analysis, n: string) => a.uses.map((u) => `${u.name === n ? '*' : u.name} ${u.resolution} ${u.declarations.length}`);
    assert.deepEqual(resolutions(renamed, newName), resolutions(analysis, name), `${where}: every use resolves as before`);
    checked++;
  }
  return checked;
}

async function completionLabels(uri: string, position: Position): Promise<string[]> {
  const result = await client.request<CompletionItem[] | CompletionList | null>('textDocument/completion', { textDocument: { uri }, position });
  return (Array.isArray(result) ? result : result?.items ?? []).map((i) => i.label);
}

/** At every --from= / from= value and every FROM base: exactly the earlier stages; at every $NAME, NAME when it is in scope. */
async function checkCompletions(source: DockerfileSource): Promise<number> {
  const { uri, analysis } = await open(source);
  let checked = 0;
  for (const reference of analysis.references) {
    const where = `${source.name}: completion at ${reference.kind} ${reference.text} (line ${reference.range.start.line + 1})`;
    const labels = await completionLabels(uri, reference.range.start);
    const earlier = analysis.stages.filter((s) => s.index < reference.stage);
    if (reference.kind === 'from') {
      if (reference.range.start.line !== analysis.stages[reference.stage].fromKeywordRange.start.line) continue; // FROM continued over lines
      assert.deepEqual(labels.sort(), [...earlier.filter((s) => s.key).map((s) => s.key!), 'scratch'].sort(), where);
    } else {
      assert.deepEqual(labels.sort(), earlier.map((s) => s.name ?? String(s.index)).sort(), where);
      if (reference.target.kind === 'stage' && reference.target.by === 'name') {
        assert.ok(labels.some((l) => l.toLowerCase() === reference.text.toLowerCase()), `${where}: offers the stage it names`);
      }
    }
    checked++;
  }
  for (const use of analysis.uses) {
    if (use.resolution !== 'declared' && use.resolution !== 'globalNotRedeclared') continue;
    // In a FROM line the globals are in scope; elsewhere a global must be redeclared to be offered.
    const labels = await completionLabels(uri, use.range.start);
    const where = `${source.name}: completion at $${use.name} (line ${use.range.start.line + 1})`;
    if (use.resolution === 'declared') assert.ok(labels.includes(use.name), `${where}: offers ${use.name}`);
    else assert.ok(!labels.includes(use.name), `${where}: does not offer a global ARG that is empty here`);
    checked++;
  }
  return checked;
}

test('seed-004 is read from its prose', { skip: SEEDS_MISSING }, () => {
  assert.ok(seeds.some((s) => s.name.startsWith('seed-004')));
});

for (const { label, sources, skip, least } of sets) {
  test(`the ${label} selection is there`, { skip }, () => {
    assert.ok(sources.length >= least.files, `${sources.length} ${label} Dockerfiles`);
  });

  test(`stage rename keeps every dependency and touches no comment or shell text (${label} Dockerfiles)`, { skip }, async () => {
    let checked = 0;
    for (const source of sources) checked += await checkStageRenames(source);
    assert.ok(checked >= least.stageRenames, `${checked} stage renames checked`);
  });

  test(`global ARG rename keeps what every use resolves to (${label} Dockerfiles)`, { skip }, async () => {
    let checked = 0;
    for (const source of sources) checked += await checkArgRenames(source);
    assert.ok(checked >= least.argRenames, `${checked} ARG renames checked`);
  });

  test(`completion offers exactly the stages BuildKit accepts, and the variables in scope (${label} Dockerfiles)`, { skip }, async () => {
    let checked = 0;
    for (const source of sources) checked += await checkCompletions(source);
    assert.ok(checked >= least.completions, `${checked} completion positions checked`);
  });
}

test('seed-000: the alias stage renames, the stages its FROM chooses refuse', { skip: SEEDS_MISSING }, async () => {
  const seed = seeds.find((s) => s.text.includes('${SRC_FORMAT}-code'));
  assert.ok(seed, 'seed-000 has the ARG-dependent FROM');
  const { uri, analysis } = await open(seed);
  const nameOf = (key: string) => analysis.stages.find((s) => s.key === key)!.nameRange!.start;
  await assert.rejects(client.request('textDocument/rename', { textDocument: { uri }, position: nameOf('clear-code'), newName: 'plain-code' }), /chosen by/);
  const edit = await client.request<WorkspaceEdit>('textDocument/rename', { textDocument: { uri }, position: nameOf('copy-src'), newName: 'source' });
  const renamed = applyEdits(seed.text, edit.changes![uri]);
  assert.match(renamed, /FROM \$\{SRC_FORMAT\}-code AS source\n/);
  assert.match(renamed, /COPY --from=source \/usr\/src\/app\/ \./);
  assert.match(renamed, /# Cannot reference build arg in COPY --from\./, 'the comment stays');
  assert.ok(edit.changes![uri].some((e) => comparePositions(e.range.start, nameOf('copy-src')) === 0), 'the AS name is one of the edits');
});
