import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isAllowedError, summarize, sweep } from './sweep';
import { realDockerfileSets } from './corpus';

for (const set of realDockerfileSets()) {
  test(`sweep of ${set.label}: no crash, no hang, no error on a buildable file`, { skip: set.skip }, async () => {
    const results = await sweep(set.files);
    console.log(summarize(results));
    const crashes = results.filter((r) => r.error || r.timedOut).map((r) => `${r.file.name}: ${r.error ?? 'timed out'}`);
    assert.deepEqual(crashes, []);
    const forbidden = results.flatMap((r) => r.file.buildable
      ? r.findings.filter((f) => f.severity === 'error' && !isAllowedError(f)).map((f) => `${r.file.name}:${f.line} ${f.rule}: ${f.message}`)
      : []);
    assert.deepEqual(forbidden, []);
  });
}
