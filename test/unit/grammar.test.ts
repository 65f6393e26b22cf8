// The TextMate grammar on real files, with the engine VS Code uses (vscode-textmate + oniguruma).
// Scopes are asserted by the fixtures in test/grammar (npm run test:grammar); this checks that
// nothing breaks on the corpus: no exception, tokens that cover every line, and no heredoc, string
// or continuation left open after the last line (which would mean the grammar lost its place).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import * as vsctm from 'vscode-textmate';
import * as oniguruma from 'vscode-oniguruma';
import { listFiles, repoRoot, sharedDir } from '../support/paths';

const SCOPE_NAME = 'source.dockerfile.stages';
const GRAMMAR_PATH = path.join(repoRoot(), 'syntaxes', 'dockerfile.tmLanguage.json');
const CORPUS_DIR = path.join(sharedDir(), 'corpus');
const CORPUS_MISSING = fs.existsSync(CORPUS_DIR) ? false : `no corpus at ${CORPUS_DIR}; the grammar sweep needs ../shared/corpus beside the checkout`;
/** The scopes a line gets outside any instruction: at the top, or after `# escape=\``. */
const TOP_LEVEL = [[SCOPE_NAME], [SCOPE_NAME, 'meta.escape-backtick.dockerfile']].map((s) => s.join(' '));

async function loadGrammar(): Promise<vsctm.IGrammar> {
  const wasm = fs.readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm'));
  await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
  const registry = new vsctm.Registry({
    onigLib: Promise.resolve({
      createOnigScanner: (sources: string[]) => new oniguruma.OnigScanner(sources),
      createOnigString: (text: string) => new oniguruma.OnigString(text),
    }),
    loadGrammar: async (scopeName: string) =>
      scopeName === SCOPE_NAME ? vsctm.parseRawGrammar(fs.readFileSync(GRAMMAR_PATH, 'utf8'), GRAMMAR_PATH) : null,
  });
  const grammar = await registry.loadGrammar(SCOPE_NAME);
  assert.ok(grammar, `the grammar at ${GRAMMAR_PATH} loads`);
  return grammar;
}

/** Lines as VS Code hands them to the tokenizer: BOM dropped, any line ending split off. */
function editorLines(text: string): string[] {
  return text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
}

/** Corpus file name -> its `features` column; template files are generator inputs, not Dockerfiles. */
function corpusFeatures(): Map<string, string[]> {
  const manifest = path.join(CORPUS_DIR, 'MANIFEST.tsv');
  const features = new Map<string, string[]>();
  if (!fs.existsSync(manifest)) return features;
  const [header, ...rows] = fs.readFileSync(manifest, 'utf8').trim().split('\n');
  const column = header.split('\t').indexOf('features');
  for (const row of rows) {
    const cells = row.split('\t');
    features.set(cells[0], (cells[column] ?? '').split(',').filter(Boolean));
  }
  return features;
}

test('package.json points at this grammar and its language configuration', () => {
  const manifest = JSON.parse(fs.readFileSync(path.join(repoRoot(), 'package.json'), 'utf8'));
  const contribution = manifest.contributes.grammars.find((g: { language?: string }) => g.language === 'dockerfile');
  assert.ok(contribution, 'a grammar is contributed for the dockerfile language');
  assert.equal(contribution.scopeName, SCOPE_NAME);
  assert.equal(path.resolve(repoRoot(), contribution.path), GRAMMAR_PATH);
  assert.equal(JSON.parse(fs.readFileSync(GRAMMAR_PATH, 'utf8')).scopeName, SCOPE_NAME);

  const language = manifest.contributes.languages.find((l: { id: string }) => l.id === 'dockerfile');
  const configuration = JSON.parse(fs.readFileSync(path.resolve(repoRoot(), language.configuration), 'utf8'));
  assert.equal(configuration.comments.lineComment, '#');
  for (const rule of configuration.onEnterRules) {
    assert.doesNotThrow(() => new RegExp(rule.beforeText), rule.beforeText);
    if (rule.previousLineText) assert.doesNotThrow(() => new RegExp(rule.previousLineText), rule.previousLineText);
  }
});

test('every corpus file tokenizes, every line is covered, and no region is left open at the end', { skip: CORPUS_MISSING }, async (t) => {
  const grammar = await loadGrammar();
  const features = corpusFeatures();
  const files = listFiles(CORPUS_DIR, (name) => !name.endsWith('.tsv') && !name.endsWith('.md'))
    .filter((file) => path.dirname(file) === CORPUS_DIR);
  assert.ok(files.length > 0, `corpus files in ${CORPUS_DIR}`);

  const problems: string[] = [];
  let lineCount = 0;
  for (const file of files) {
    const name = path.basename(file);
    let state = vsctm.INITIAL;
    editorLines(fs.readFileSync(file, 'utf8')).forEach((line, index) => {
      const where = `${name}:${index + 1}`;
      let result: vsctm.ITokenizeLineResult;
      try {
        result = grammar.tokenizeLine(line, state);
      } catch (error) {
        problems.push(`${where}: ${String(error)}`);
        return;
      }
      state = result.ruleStack;
      lineCount++;
      const { tokens } = result;
      if (tokens.length === 0 || tokens[0].startIndex !== 0) problems.push(`${where}: the first token does not start the line`);
      tokens.forEach((token, i) => {
        if (token.endIndex <= token.startIndex) problems.push(`${where}: empty token at ${token.startIndex}`);
        if (i > 0 && token.startIndex !== tokens[i - 1].endIndex) problems.push(`${where}: gap or overlap at ${token.startIndex}`);
      });
      // vscode-textmate tokenizes the line plus a newline, so the last token may end one past it.
      const end = tokens.length ? tokens[tokens.length - 1].endIndex : 0;
      if (end !== line.length && end !== line.length + 1) problems.push(`${where}: tokens end at ${end}, the line at ${line.length}`);
    });
    if (!features.get(name)?.includes('template')) {
      const after = grammar.tokenizeLine('', state).tokens[0].scopes.join(' ');
      if (!TOP_LEVEL.includes(after)) problems.push(`${name}: still inside "${after}" after the last line`);
    }
  }
  t.diagnostic(`tokenized ${files.length} corpus files, ${lineCount} lines`);
  assert.deepEqual(problems, []);
});
