// The adaptive typing delay, on a clock the test gives: at once after a pause when the analysis
// is cheap; the full delay in a burst, for an expensive file, before any analysis, or when off.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CHEAP_ANALYSIS_MS, TYPING_PAUSE_MS, TypingDelay } from '../../server/src/typingDelay';

const URI = 'file:///typing/Dockerfile';

test('an edit after a pause in a cheap file is diagnosed at once; the next edit of a burst waits', () => {
  const delay = new TypingDelay(200, true);
  assert.equal(delay.afterChange(URI, 1_000, CHEAP_ANALYSIS_MS), 0);
  assert.equal(delay.afterChange(URI, 1_050, 2), 200, 'typed 50 ms after the last edit');
  assert.equal(delay.afterChange(URI, 1_100, 2), 200);
  assert.equal(delay.afterChange(URI, 1_100 + TYPING_PAUSE_MS, 2), 0, 'after a pause again');
});

test('an expensive file, or one not analysed yet, waits the full delay even after a pause', () => {
  const delay = new TypingDelay(200, true);
  assert.equal(delay.afterChange(URI, 1_000, CHEAP_ANALYSIS_MS + 1), 200);
  assert.equal(delay.afterChange('file:///typing/other', 1_000, undefined), 200);
});

test('with the adaptive delay off, every edit waits the configured delay', () => {
  const delay = new TypingDelay(120, false);
  assert.equal(delay.afterChange(URI, 1_000, 1), 120);
  delay.adaptive = true;
  delay.delayMs = 0;
  assert.equal(delay.afterChange(URI, 1_001, 100), 0, 'a delay of 0 never waits');
});

test('a closed document starts afresh: its first edit after reopening counts as after a pause', () => {
  const delay = new TypingDelay(200, true);
  delay.afterChange(URI, 1_000, 1);
  delay.forget(URI);
  assert.equal(delay.afterChange(URI, 1_010, 1), 0);
});
