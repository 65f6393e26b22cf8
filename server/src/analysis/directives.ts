import { Directives, Range } from './types';
import { LineIndex, lineRange } from './text';

export interface DirectiveLine {
  name: string;
  value: string;
  range: Range;
  valueRange: Range;
}

export interface ParsedDirectives extends Directives {
  lines: DirectiveLine[];
  /** Directives given again; BuildKit refuses the file. */
  duplicates: DirectiveLine[];
}

// BuildKit reads `# key=value` lines at the very top; the first other line (an instruction, an
// ordinary comment or a blank line) ends them.
const KNOWN_DIRECTIVES = new Set(['syntax', 'escape', 'check']);
const DIRECTIVE = /^(\uFEFF?)#[ \t]*([a-zA-Z][a-zA-Z0-9]*)[ \t]*=[ \t]*(.*?)[ \t]*$/;

export function parseDirectives(index: LineIndex): ParsedDirectives {
  const result: ParsedDirectives = { escape: '\\', check: { skip: new Set(), error: false }, lines: [], duplicates: [] };
  const seen = new Set<string>();
  for (let line = 0; line < index.lineCount; line++) {
    const match = DIRECTIVE.exec(index.lineText(line));
    if (!match) break;
    const name = match[2].toLowerCase();
    const value = match[3];
    const text = index.lineText(line);
    const valueStart = value ? text.lastIndexOf(value) : text.length;
    const parsed: DirectiveLine = {
      name,
      value,
      range: lineRange(line, match[1].length, text.length),
      valueRange: lineRange(line, valueStart, valueStart + value.length),
    };
    // A repeated directive is an error to BuildKit; the first one counts here.
    if (seen.has(name)) {
      if (KNOWN_DIRECTIVES.has(name)) result.duplicates.push(parsed);
      continue;
    }
    seen.add(name);
    result.lines.push(parsed);
    if (name === 'escape' && (value === '`' || value === '\\')) result.escape = value;
    else if (name === 'syntax') result.syntax = value;
    else if (name === 'check') result.check = parseCheckDirective(value);
  }
  return result;
}

/** `skip=Rule1,Rule2;error=true`: names compare case-insensitively. */
export function parseCheckDirective(value: string): Directives['check'] {
  const check: Directives['check'] = { skip: new Set(), error: false };
  for (const part of value.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    const key = part.slice(0, eq).trim().toLowerCase();
    const val = part.slice(eq + 1).trim();
    if (key === 'skip') {
      const names = val.split(',').map((n) => n.trim().toLowerCase()).filter(Boolean);
      if (names.includes('all')) check.skip = 'all';
      else if (check.skip !== 'all') names.forEach((n) => (check.skip as Set<string>).add(n));
    } else if (key === 'error') {
      check.error = val.toLowerCase() === 'true';
    }
  }
  return check;
}
