// Semantic tokens on fixtures: every token is underlined with its type and, in parentheses, its
// modifier; a token without a marker, or a marker without a token, fails.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { analyze } from '../../server/src/analysis';
import { SEMANTIC_TOKENS_LEGEND, semanticTokens } from '../../server/src/features/semanticTokens';
import { parseFeatureFixture } from '../support/markers';
import { realDockerfileSets } from '../corpus/corpus';
import { listFiles, repoRoot } from '../support/paths';

const dir = path.join(repoRoot(), 'test', 'fixtures', 'features', 'semanticTokens');
const fixtures = listFiles(dir, (n) => n.endsWith('.Dockerfile'));

/** Decodes LSP's relative encoding into `line:start-end type(modifiers)`. */
function decodeTokens(data: number[]): string[] {
  const tokens: string[] = [];
  let line = 0;
  let start = 0;
  for (let i = 0; i < data.length; i += 5) {
    const [deltaLine, deltaStart, length, type, modifiers] = data.slice(i, i + 5);
    line += deltaLine;
    start = deltaLine === 0 ? start + deltaStart : deltaStart;
    const names = SEMANTIC_TOKENS_LEGEND.tokenModifiers.filter((_, bit) => modifiers & (1 << bit));
    tokens.push(`${line + 1}:${start + 1}-${start + length + 1} ${SEMANTIC_TOKENS_LEGEND.tokenTypes[type]}${names.length ? `(${names.join(',')})` : ''}`);
  }
  return tokens;
}

test('semantic tokens has fixtures', () => assert.ok(fixtures.length >= 1));

for (const file of fixtures) {
  const name = path.basename(file, '.Dockerfile');
  test(`semantic tokens are exactly the marked ones: ${name}`, () => {
    const fixture = parseFeatureFixture(fs.readFileSync(file, 'utf8'));
    const expected = fixture.marks.map((m) => `${m.range.start.line + 1}:${m.range.start.character + 1}-${m.range.end.character + 1} ${m.label}${m.kind ? `(${m.kind})` : ''}`);
    assert.deepEqual(decodeTokens(semanticTokens(analyze(fixture.text))), expected);
  });
}

for (const set of realDockerfileSets()) {
  test(`semantic tokens come in order, without overlap, each over a name, on every file of ${set.label}`, { skip: set.skip }, () => {
    assert.ok(set.files.length >= 10, `${set.files.length} files`);
    for (const file of set.files) {
      const analysis = analyze(fs.readFileSync(file.path, 'utf8'));
      const data = semanticTokens(analysis);
      let line = 0;
      let start = 0;
      let previousEnd = { line: -1, character: 0 };
      for (let i = 0; i < data.length; i += 5) {
        line += data[i];
        start = data[i] === 0 ? start + data[i + 1] : data[i + 1];
        const where = `${file.name} ${line + 1}:${start + 1}`;
        assert.ok(line > previousEnd.line || start >= previousEnd.character, `${where}: overlaps the token before`);
        const text = analysis.lines.lineText(line).slice(start, start + data[i + 2]);
        assert.match(text, /^[A-Za-z0-9_.-]+$/, `${where}: token over ${JSON.stringify(text)}`);
        previousEnd = { line, character: start + data[i + 2] };
      }
    }
  });
}
