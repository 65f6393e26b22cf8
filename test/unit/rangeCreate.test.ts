// parse.ts replaces vscode-languageserver-types' Range.create with a faster one for the arguments
// dockerfile-ast gives it: for any arguments it must return what the original returns, or throw
// where the original throws.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { Range } from 'vscode-languageserver-types';
import { validatedCreate } from '../../server/src/analysis/parse';

const number = fc.oneof(
  fc.nat(),
  fc.integer(),
  fc.constantFrom(2147483647, 2147483648, -1, 0.5, NaN, Infinity, Number.MAX_VALUE),
  fc.double(),
);
const value: fc.Arbitrary<unknown> = fc.oneof(
  number,
  fc.record({ line: number, character: number }),
  fc.record({ line: fc.oneof(number, fc.string()), character: number }),
  fc.constantFrom(undefined, null, '1', {}, [], new Number(3)),
);

function outcome(create: (...args: unknown[]) => unknown, args: unknown[]): unknown {
  try {
    return { returned: create(...args) };
  } catch (error) {
    return { threw: (error as Error).message };
  }
}

test('Range.create answers as the original does, for any arguments', () => {
  const fast = Range.create as unknown as (...args: unknown[]) => unknown;
  assert.notEqual(fast, validatedCreate, 'parse.ts did not replace Range.create');
  fc.assert(
    fc.property(fc.array(value, { minLength: 0, maxLength: 4 }), (args) => {
      assert.deepEqual(outcome(fast, args), outcome(validatedCreate as unknown as (...args: unknown[]) => unknown, args));
    }),
    { seed: Number(process.env.FUZZ_SEED ?? 21), numRuns: Number(process.env.FUZZ_RUNS ?? 5000) },
  );
});
