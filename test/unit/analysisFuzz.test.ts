// Property tests on the analysis: for documents put together from Dockerfile pieces (and pieces
// that do not belong), analyze() never throws, every range lies inside the text, and a second
// analysis of the same text (served from the parse cache) finds the same.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { analyze } from '../../server/src/analysis';
import { LineIndex } from '../../server/src/analysis/text';

const PIECES = [
  'FROM alpine', 'FROM base AS b', 'FROM ${X}-code AS c', 'from scratch as S', ' AS ', 'COPY --from=b /a /b', 'COPY --from=0 /a /b',
  'RUN --mount=type=cache,from=b,target=/c true', 'ARG X=1', 'ARG Y', 'ENV A=$X B=${Y:-d}', 'RUN echo $X ${Y}', 'RUN <<EOF', 'EOF',
  'WORKDIR $A', '# check=skip=all', '# escape=`', 'ONBUILD COPY --from=b /a /b', 'LABEL a=b c', 'EXPOSE 80/TCP', '\\', '`', '$', '${',
  '}', '"', "'", '', ' ', '\t', 'CMD echo hi', 'HEALTHCHECK NONE', 'SHELL ["sh"]', 'MAINTAINER me', 'ADD --from=b a b', '\uFEFF', '\u0000',
];

const documents = fc.array(fc.array(fc.constantFrom(...PIECES), { maxLength: 4 }).map((p) => p.join(' ')), { maxLength: 30 })
  .chain((lines) => fc.constantFrom('\n', '\r\n').map((eol) => lines.join(eol)));

test('analysis property: no exception, ranges inside the text, same result twice', () => {
  fc.assert(
    fc.property(documents, (text) => {
      const first = analyze(text);
      const lines = new LineIndex(text);
      const inside = (r: { start: { line: number; character: number }; end: { line: number; character: number } }) =>
        r.start.line >= 0 && r.end.line < lines.lineCount && (r.start.line < r.end.line || r.start.character <= r.end.character)
        && r.end.character <= lines.lineText(r.end.line).length + 1;
      for (const finding of first.findings) {
        assert.ok(inside(finding.range), `${finding.rule} range ${JSON.stringify(finding.range)} outside\n${JSON.stringify(text)}`);
        for (const fix of finding.fixes) for (const edit of fix.edits) assert.ok(inside(edit.range), `${finding.rule} fix edit outside`);
      }
      const again = analyze(text);
      assert.deepEqual(again.findings.map((f) => [f.rule, f.range]), first.findings.map((f) => [f.rule, f.range]));
    }),
    { seed: Number(process.env.FUZZ_SEED ?? 77), numRuns: Number(process.env.FUZZ_RUNS ?? 600) },
  );
});
