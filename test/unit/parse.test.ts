// The chunked parse must read every file exactly as one whole-file parse does: same instructions,
// same ranges, same arguments and flags, wherever the chunk sits.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { DockerfileParser, Instruction } from 'dockerfile-ast';
import { parseInstructions, splitStages } from '../../server/src/analysis/parse';
import { parseDirectives } from '../../server/src/analysis/directives';
import { LineIndex } from '../../server/src/analysis/text';
import { withoutEscapedContinuations } from '../../server/src/analysis/model';
import { analyze } from '../../server/src/analysis';
import { loadCorpus } from '../corpus/corpus';
import { listFiles, repoRoot } from '../support/paths';

type Flagged = Instruction & { getFlags?: () => { getName(): string; getValue(): string | null; getRange(): unknown; getOptions(): { getName(): string; getValueRange(): unknown }[] }[] };

function describe(instruction: Flagged): unknown {
  return {
    keyword: instruction.getKeyword(),
    range: instruction.getRange(),
    keywordRange: instruction.getInstructionRange(),
    args: instruction.getArguments().map((a) => [a.getValue(), a.getRange()]),
    flags: instruction.getFlags?.().map((f) => [f.getName(), f.getValue(), f.getRange(), f.getOptions().map((o) => [o.getName(), o.getValueRange()])]),
  };
}

function compare(text: string, name: string): void {
  const index = new LineIndex(text);
  const escape = parseDirectives(index).escape;
  const source = withoutEscapedContinuations(text, escape);
  const whole = DockerfileParser.parse(source).getInstructions().map((i) => describe(i as Flagged));
  // Twice: the second run reads every chunk from the cache.
  for (let run = 0; run < 2; run++) {
    const chunked = parseInstructions(source, index, escape).map((i) => describe(i as Flagged));
    assert.deepEqual(chunked, whole, `${name} (run ${run + 1})`);
  }
}

const samples: Record<string, string> = {
  'backtick escape, several stages': '# escape=`\nFROM mcr.microsoft.com/windows AS b\nRUN dir `\n  C:\\ `\n  x\nFROM b\nCOPY --from=b C:\\x C:\\y\nRUN echo `\n\n  done\n',
  'FROM inside a heredoc body and a continuation': 'FROM alpine AS a\nRUN <<EOF\nFROM not-a-stage\nEOF\nRUN echo \\\nFROM \\\n  x\nFROM a AS b\n',
  'numbered heredocs and an unterminated one': 'FROM alpine\nRUN cat 5<<A 6<<B\nFROM x\nA\nFROM y\nB\nFROM alpine AS second\nCOPY <<EOF /x\nFROM z\n',
  'lowercase from, comments, CRLF': 'ARG V=1\r\n# comment\r\nfrom alpine as a\r\n\r\n  FROM a AS b\r\nrun echo hi\r\n',
  'an escaped escape at a line end': 'FROM alpine\nCOPY a C:\\\\\nFROM alpine AS b\n',
};

test('chunked parse: hand-written edge cases read as one whole parse', () => {
  for (const [name, text] of Object.entries(samples)) compare(text, name);
});

test('chunked parse: the corpus and every fixture read as one whole parse', () => {
  const files = [...loadCorpus().map((f) => f.path), ...listFiles(path.join(repoRoot(), 'test', 'fixtures'), (n) => n.endsWith('.Dockerfile'))];
  assert.ok(files.length > 100);
  for (const file of files) compare(fs.readFileSync(file, 'utf8'), path.basename(file));
});

test('chunked parse: stages are split at FROM lines that start an instruction only', () => {
  const index = new LineIndex(samples['FROM inside a heredoc body and a continuation']);
  assert.deepEqual(splitStages(index, '\\').map((c) => c.startLine), [0, 7]);
  // The global ARGs (and anything else before the first FROM) are a chunk of their own; a stage's
  // chunk starts at the blank lines right above its FROM, not at a comment.
  assert.deepEqual(splitStages(new LineIndex(samples['lowercase from, comments, CRLF']), '\\').map((c) => c.startLine), [0, 2, 3]);
  assert.deepEqual(splitStages(new LineIndex('ARG A\n\n\nFROM a\nRUN x\n# two\n\nFROM b\n'), '\\').map((c) => c.startLine), [0, 1, 6]);
});

test('chunked parse: a chunk that moves down is shifted, not re-parsed into the wrong place', () => {
  const text = 'FROM alpine AS a\nRUN one\nFROM a AS b\nCOPY --from=a /x /y\n';
  compare(text, 'before');
  compare(`# a new first line\n${text}`, 'after inserting a line');
  compare(text.replace('RUN one', 'RUN one\nRUN two'), 'after inserting inside the first stage');
});

test('a heredoc word after any blank BuildKit splits at (a vertical tab here) opens a heredoc, as the oracle found', () => {
  const analysis = analyze('FROM alpine\nRUN cat\u000b<<EOF\nhi\nEOF\nFROM alpine AS b\n');
  assert.equal(analysis.stages.length, 2);
  assert.deepEqual(analysis.findings.filter((f) => f.rule === 'UnknownInstruction' || f.rule === 'UnterminatedHeredoc'), []);
});
