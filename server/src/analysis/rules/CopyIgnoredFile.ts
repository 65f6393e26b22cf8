import { Range } from '../types';
import { dispatchedInstructions } from './dispatch';
import { cleanPath, IgnoreMatcher, ignoreMatcher } from './dockerignore';
import { environmentAt, processWord } from './environment';
import { parseExecForm } from './execForm';
import { LogicalLine, logicalRange, readLogicalLine } from './logicalLine';
import { quote, Rule, RuleContext } from './rule';

const HEREDOC = /^<<-?(["']?)\w+\1$/;
// ADD fetches these itself: they are not read from the build context.
const REMOTE = /^([a-z][a-z0-9+.-]*:\/\/|git@)/i;

interface Source {
  word: string;
  range: Range;
}

/** The sources of COPY/ADD as BuildKit splits them: JSON form, or words split at blanks; flags and heredocs left out. */
function sourcesOf(context: RuleContext, logical: LogicalLine, keywordLength: number): { sources: Source[]; from: boolean } {
  const { index } = context;
  const words: { word: string; start: number }[] = [];
  const pattern = /\S+/g;
  const text = logical.text;
  pattern.lastIndex = keywordLength;
  let from = false;
  let flags = true;
  let jsonStart = -1;
  for (let m = pattern.exec(text); m; m = pattern.exec(text)) {
    if (flags && m[0].startsWith('--')) {
      if (/^--from=/i.test(m[0])) from = true;
      continue;
    }
    if (flags) jsonStart = m.index;
    flags = false;
    words.push({ word: m[0], start: m.index });
  }
  const json = jsonStart >= 0 ? parseExecForm(text.slice(jsonStart)) : undefined;
  if (json) {
    const range = logicalRange(index, logical, jsonStart, text.trimEnd().length);
    return { sources: json.slice(0, -1).map((word) => ({ word, range })), from };
  }
  const sources = words.slice(0, -1).filter((w) => !HEREDOC.test(w.word));
  return { sources: sources.map((w) => ({ word: w.word, range: logicalRange(index, logical, w.start, w.start + w.word.length) })), from };
}

/** `*`, `**` or `**\/*` ignores every entry of the context, so even `COPY . .` copies nothing. */
function ignoresRoot(matcher: IgnoreMatcher): boolean {
  return matcher.patterns.some((p) => p === '*' || p === '**' || p === '**/*');
}

// BuildKit checks only when the .dockerignore has no `!` exception: with one, a folder may be
// ignored and a file in it kept, which it does not try to work out (dockerfile2llb/validations.go).
export const CopyIgnoredFile: Rule = {
  id: 'CopyIgnoredFile',
  buildkit: true,
  defaultSeverity: 'warning',
  description: 'COPY or ADD of a file that the .dockerignore leaves out of the build context.',
  check(context, report) {
    if (!context.options.dockerignore) return;
    const matcher = ignoreMatcher(context.options.dockerignore);
    if (!matcher || matcher.exclusions || matcher.patterns.length === 0) return;
    const escape = context.analysis.directives.escape;
    for (const { info } of dispatchedInstructions(context, ['COPY', 'ADD'])) {
      const logical = readLogicalLine(context.index, info.range.start.line, escape);
      const { sources, from } = sourcesOf(context, logical, info.written.length);
      if (from) continue;
      for (const source of sources) {
        const word = source.word.includes('$') || /["'\\`]/.test(source.word)
          ? processWord(source.word, environmentAt(context, info.stage, info.range.start, escape), escape)
          : undefined;
        if (word?.unknown.size) continue;
        const value = word ? word.value : source.word;
        if (info.keyword === 'ADD' && REMOTE.test(value)) continue;
        const path = cleanPath(value);
        if ((path === '.' || path === '/') && !ignoresRoot(matcher)) continue;
        if (!matcher.ignores(path)) continue;
        const verb = info.keyword === 'ADD' ? 'adds' : 'copies';
        report({
          range: source.range,
          message: `This ${info.keyword} ${verb} ${quote(path)}, which the .dockerignore excludes from the build context, so the build will not find it.`,
        });
      }
    }
  },
};
