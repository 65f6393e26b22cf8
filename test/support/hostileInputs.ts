// The hostile inputs of issue 10 at the sizes the issue reported them, for `npm run bench`
// (test/unit/hostile.test.ts checks them against a deadline).
import type { AnalysisOptions } from '../../server/src/analysis';

export interface HostileInput {
  name: string;
  text: string;
  options?: AnalysisOptions;
}

const GLOB = '*a'.repeat(12) + '*b';

export function hostileInputs(): HostileInput[] {
  return [
    { name: '1: ${A%%glob} with 13 stars on 40 characters', text: `ARG A=${'a'.repeat(40)}\nFROM \${A%%${GLOB}} AS x\n` },
    { name: '2: FROM with 15 variables among 50-character stage names', text: `FROM alpine AS ${'x'.repeat(50)}\nFROM ${'${A}x'.repeat(14)}\${A}y AS z\n` },
    { name: '3: a 13-star .dockerignore pattern', text: `FROM alpine\nCOPY ${'a'.repeat(40)} /x\n`, options: { dockerignore: [GLOB] } },
    { name: "4: build arg '(a+)+c'", text: `FROM \${${'a'.repeat(32)}}\n`, options: { buildArgs: { '(a+)+c': 'x' } } },
    { name: '5: RUN with 80,000 backslashes', text: `FROM alpine\nRUN echo ${'\\'.repeat(80_000)}x\n` },
    {
      name: '6: 5,000 global ARGs and 5,000 FROM $Ai',
      text: Array.from({ length: 5000 }, (_, i) => `ARG A${i}=alpine\n`).join('') + Array.from({ length: 5000 }, (_, i) => `FROM $A${i}\n`).join(''),
    },
    { name: '7: one line with 100,000 $A', text: `FROM alpine\nARG A=1\nRUN echo ${'$A'.repeat(100_000)}\n` },
    {
      name: '8: 60,000 .dockerignore patterns, 300 COPY lines',
      text: 'FROM alpine\n' + Array.from({ length: 300 }, (_, i) => `COPY src/file${i}.txt /x/\n`).join(''),
      options: { dockerignore: Array.from({ length: 60_000 }, (_, i) => (i % 2 ? `pattern${i}/*.tmp` : `dir${i}`)) },
    },
    { name: '9: ARG values doubling for 40 lines', text: 'ARG A=aa\n' + 'ARG A=${A//a/$A}\n'.repeat(40) + 'FROM alpine:$A\n' },
    { name: '16: pip install 50,000 times in one RUN (insight rules)', text: `FROM alpine\nRUN ${'pip install '.repeat(50_000)}poetry\n` },
    {
      name: '16: a chain of 8,000 python stages copying venvs (insight rules)',
      text: 'FROM python:3.11 AS s0\nRUN python -m venv /venv\n' + Array.from({ length: 7999 }, (_, i) => `FROM s${i} AS s${i + 1}\nRUN python -m venv /venv\nCOPY --from=s${i} /venv /venv2\n`).join('') + 'FROM python:3.12-alpine\nCOPY --from=s7999 /venv /venv\n',
    },
    { name: '15: ENV with 80,000 variables on one line', text: `FROM alpine\nENV ${Array.from({ length: 80_000 }, (_, i) => `V${i}=$V${i}`).join(' ')}\n` },
  ];
}
