import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isAllowedError, summarize, sweep } from './sweep';
import { loadCorpus } from './corpus';

const corpus = loadCorpus();

test('corpus sweep: no crash, no hang, no error on a buildable file', { skip: corpus.length === 0 && 'no ../shared/corpus here' }, async () => {
  const results = await sweep(corpus);
  console.log(summarize(results));
  const crashes = results.filter((r) => r.error || r.timedOut).map((r) => `${r.file.name}: ${r.error ?? 'timed out'}`);
  assert.deepEqual(crashes, []);
  const forbidden = results.flatMap((r) => r.file.buildable
    ? r.findings.filter((f) => f.severity === 'error' && !isAllowedError(f)).map((f) => `${r.file.name}:${f.line} ${f.rule}: ${f.message}`)
    : []);
  assert.deepEqual(forbidden, []);
});
