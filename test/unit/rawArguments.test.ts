// rawArguments.ts rewrites dockerfile-ast's getRawArguments for speed: it must give the same
// arguments (values and ranges) as the parser's own code on every real Dockerfile and on random
// text full of escapes, continuations, comments and blanks.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import fc from 'fast-check';
import { DockerfileParser, Instruction } from 'dockerfile-ast';
import { parserRawArguments, rawArguments } from '../../server/src/analysis/rawArguments';
import { realDockerfileSets } from '../corpus/corpus';

function compareAll(text: string, name: string): number {
  const instructions: Instruction[] = DockerfileParser.parse(text).getInstructions();
  for (const instruction of instructions) {
    const ours = rawArguments(instruction).map((a) => [a.getValue(), a.getRange()]);
    const theirs = parserRawArguments.call(instruction).map((a) => [a.getValue(), a.getRange()]);
    assert.deepEqual(ours, theirs, `${name}: ${JSON.stringify(instruction.getTextContent())}`);
  }
  return instructions.length;
}

for (const set of realDockerfileSets()) {
  test(`rawArguments equals the parser's on ${set.label}`, { skip: set.skip }, () => {
    let instructions = 0;
    for (const file of set.files) instructions += compareAll(fs.readFileSync(file.path, 'utf8'), file.name);
    assert.ok(instructions > 0);
  });
}

const CHARACTERS = [' ', '\t', '\n', '\r', '\r\n', '\\', '`', '$', '#', 'a', 'b', '"', "'", '-', '=', '{', '}', '<<', '\\\n', '`\n', '\\ \n', '\\\r\n', '\\$'];
const lines = fc.array(
  fc.tuple(fc.constantFrom('RUN', 'COPY', 'ENV', 'ARG', 'FROM', 'LABEL', 'ONBUILD RUN', 'HEALTHCHECK', 'run'), fc.array(fc.constantFrom(...CHARACTERS), { maxLength: 24 }))
    .map(([keyword, chars]) => `${keyword} ${chars.join('')}`),
  { maxLength: 8 },
);

test("rawArguments equals the parser's on random text, with either escape character", () => {
  fc.assert(
    fc.property(lines, fc.boolean(), (body, backtick) => {
      compareAll((backtick ? '# escape=`\n' : '') + body.join('\n'), 'random');
    }),
    { seed: Number(process.env.FUZZ_SEED ?? 11), numRuns: Number(process.env.FUZZ_RUNS ?? 3000) },
  );
});
