// Hover on fixtures: `# expect contains:` / `# expect lacks:` fragments of the Markdown, with the
// settings a fixture names (`# expect build-args:` JSON, `# expect target:`).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { analyze } from '../../server/src/analysis';
import { rangeContains } from '../../server/src/analysis/text';
import { hover } from '../../server/src/features/hover';
import { inlineCode } from '../../server/src/features/markdown';
import { expectationsOf, parseFeatureFixture } from '../support/markers';
import { realDockerfileSets } from '../corpus/corpus';
import { listFiles, repoRoot } from '../support/paths';

const dir = path.join(repoRoot(), 'test', 'fixtures', 'features', 'hover');
const fixtures = listFiles(dir, (n) => n.endsWith('.Dockerfile'));

/** The Markdown with code spans taken out (CommonMark: a run of n backticks closes at the next run of n). */
function outsideCodeSpans(markdown: string): string {
  let result = '';
  let i = 0;
  while (i < markdown.length) {
    const run = /^`+/.exec(markdown.slice(i));
    if (!run) {
      result += markdown[i++];
      continue;
    }
    const fence = run[0];
    const close = new RegExp(`(?<!\`)${fence}(?!\`)`, 'g');
    close.lastIndex = i + fence.length;
    const end = close.exec(markdown);
    if (!end) {
      result += fence;
      i += fence.length;
      continue;
    }
    i = end.index + fence.length;
  }
  return result;
}

test('hover has fixtures', () => assert.ok(fixtures.length >= 10));

for (const file of fixtures) {
  const name = path.basename(file, '.Dockerfile');
  test(`hover shows what the fixture expects: ${name}`, () => {
    const fixture = parseFeatureFixture(fs.readFileSync(file, 'utf8'));
    const [buildArgsJson] = expectationsOf(fixture, 'build-args');
    const buildArgs = buildArgsJson ? (JSON.parse(buildArgsJson) as Record<string, string>) : {};
    const [target] = expectationsOf(fixture, 'target');
    const result = hover(analyze(fixture.text, { buildArgs, target }), fixture.cursor!, buildArgs);
    if (expectationsOf(fixture, 'nothing').length) {
      assert.equal(result, undefined);
      return;
    }
    assert.ok(result, 'expected a hover');
    assert.ok(rangeContains(result.range, fixture.cursor!), 'the hover range holds the cursor');
    for (const fragment of expectationsOf(fixture, 'contains')) assert.ok(result.contents.includes(fragment), `hover should contain ${JSON.stringify(fragment)}:\n${result.contents}`);
    for (const fragment of expectationsOf(fixture, 'lacks')) assert.ok(!outsideCodeSpans(result.contents).includes(fragment), `hover should not show ${JSON.stringify(fragment)} outside code:\n${result.contents}`);
    // Whatever the file holds, outside code spans there is no link, image or HTML.
    assert.doesNotMatch(outsideCodeSpans(result.contents), /\]\(|<[a-z!/]|command:/i);
  });
}

test('inlineCode holds backticks, and a leading or trailing one, as one code span', () => {
  for (const text of ['plain', 'a`b', '``x``', '`edge`', 'x```y', '']) {
    const span = inlineCode(text);
    assert.equal(outsideCodeSpans(span), '', `${JSON.stringify(text)} -> ${span}`);
    const fence = /^`+/.exec(span)![0];
    const inner = span.slice(fence.length, span.length - fence.length);
    // CommonMark strips one space from each side when both are there.
    const shown = inner.startsWith(' ') && inner.endsWith(' ') && inner.trim() ? inner.slice(1, -1) : inner;
    assert.equal(shown, text || ' ');
  }
});

test('inlineCode flattens line breaks, which would end the span', () => {
  assert.equal(inlineCode('a\nb'), '`a b`');
});

// Wherever a diagnostic about a variable sits, the hover there gives the same advice.
test('hover and diagnostics agree on adding an ARG, on rule fixtures and real Dockerfiles', () => {
  const files = [
    ...listFiles(path.join(repoRoot(), 'test', 'fixtures', 'rules'), (n) => n.endsWith('.Dockerfile') && !n.endsWith('.fixed.Dockerfile')),
    ...realDockerfileSets()[0].files.map((f) => f.path),
  ];
  let checked = 0;
  for (const file of files) {
    const analysis = analyze(parseFeatureFixture(fs.readFileSync(file, 'utf8')).text);
    for (const finding of analysis.findings) {
      const where = `${path.basename(file)} ${finding.rule} line ${finding.range.start.line + 1}`;
      if (finding.rule === 'FromFlagVariable') {
        for (const use of analysis.uses.filter((u) => rangeContains(finding.range, u.range.start))) {
          const contents = hover(analysis, use.range.start)?.contents ?? '';
          assert.ok(!contents.includes('Add '), `${where}: ${contents}`);
          assert.ok(contents.includes('alias stage'), `${where}: ${contents}`);
          checked++;
        }
      } else if (finding.rule === 'UndefinedVar' || finding.rule === 'GlobalArgNotRedeclared') {
        const use = analysis.uses.find((u) => rangeContains(finding.range, u.range.start));
        if (use?.resolution !== 'globalNotRedeclared') continue;
        const contents = hover(analysis, finding.range.start)?.contents ?? '';
        const addsArg = finding.fixes.some((f) => f.title.startsWith(`Add 'ARG ${use.name}'`));
        assert.equal(contents.includes(`Add ${inlineCode(`ARG ${use.name}`)}`), addsArg, `${where}: ${finding.message}\nhover: ${contents}`);
        checked++;
      }
    }
  }
  assert.ok(checked >= 10, `${checked} findings checked`);
});
