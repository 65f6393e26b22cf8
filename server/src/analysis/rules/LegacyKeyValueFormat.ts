import { LineIndex } from '../text';
import { Fix, InstructionInfo, TextEdit } from '../types';
import { dispatchedInstructions } from './dispatch';
import { documentOffset, logicalRange, readLogicalLine } from './logicalLine';
import { Kept, perInstruction } from './perInstruction';
import { movedReport, quote, Report, Rule } from './rule';
import { shellWords } from '../words';

const WHITESPACE = /[\t\v\f\r ]+/;

// `ENV key value` sets one variable to everything after the first run of blanks; `key="value"`
// says the same when the value has no quote or escape character of its own.
export const LegacyKeyValueFormat: Rule = {
  id: 'LegacyKeyValueFormat',
  buildkit: true,
  defaultSeverity: 'warning',
  description: 'ENV and LABEL should use `key=value`, not the legacy `key value` form.',
  check(context, report) {
    const { index } = context;
    const escape = context.analysis.directives.escape;
    for (const { info } of dispatchedInstructions(context, ['ENV', 'LABEL'])) {
      const found = perInstruction(reports, info, () => legacyFormat(index, escape, info), (kept, lines) => kept && movedReport(kept, lines));
      if (found) report(found);
    }
  },
};

const reports = new WeakMap<InstructionInfo, Kept<Report | null>>();

function legacyFormat(index: LineIndex, escape: string, info: InstructionInfo): Report | null {
  const logical = readLogicalLine(index, info.range.start.line, escape);
  const text = logical.text.trimEnd();
  const restStart = text.length - text.slice(info.written.length).trimStart().length;
  const rest = text.slice(restStart);
  if (!rest || shellWords(rest, escape)[0].includes('=')) return null;
  const separator = WHITESPACE.exec(rest);
  if (!separator) return null; // `ENV key` alone: a build error, not this rule's
  const keyEnd = restStart + separator.index;
  const valueStart = keyEnd + separator[0].length;
  const key = rest.slice(0, separator.index);
  const value = text.slice(valueStart);
  const fixes: Fix[] = [];
  // One word (`1.0`, `"a b"`) reads the same after `=`; several need quotes, safe only without quotes or escapes of their own.
  const needsQuotes = shellWords(value, escape).length > 1;
  if (!needsQuotes || (!/["']/.test(value) && !value.includes(escape))) {
    const edits: TextEdit[] = [{ range: index.rangeAt(documentOffset(logical, keyEnd), documentOffset(logical, valueStart)), newText: needsQuotes ? '="' : '=' }];
    if (needsQuotes) {
      const end = logicalRange(index, logical, valueStart, text.length).end;
      edits.push({ range: { start: end, end }, newText: '"' });
    }
    fixes.push({ title: `Use ${quote(`${key}=${needsQuotes ? '"…"' : '…'}`)}`, edits, preferred: true });
  }
  return {
    range: logicalRange(index, logical, restStart, keyEnd),
    message: `Legacy '${info.written} key value' format: write '${info.written} ${key}=${needsQuotes ? '"…"' : '…'}'; the space-separated form is deprecated.`,
    fixes,
  };
}
