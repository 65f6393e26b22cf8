// Finds `$NAME` and `${NAME<modifier>word}` in instruction text and expands them as BuildKit's
// shell lexer does. Linear in the text; nesting deeper than MAX_DEPTH is passed over, not followed.
import { replaceShellPattern, trimShellPrefix, trimShellSuffix } from './glob';
import { continuationEnd, skipDroppedLines } from './text';

export interface ScannedVariable {
  name: string;
  nameStart: number;
  nameEnd: number;
  start: number;
  end: number;
  modifier?: string;
}

const MAX_DEPTH = 32;
const MODIFIERS = [':-', ':+', ':?', '##', '%%', '//', '-', '+', '?', '#', '%', '/'];

function isNameStart(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
}

function isNameChar(c: number): boolean {
  return isNameStart(c) || (c >= 48 && c <= 57);
}

function readName(text: string, at: number, end: number): number {
  if (at >= end || !isNameStart(text.charCodeAt(at))) return at;
  let i = at + 1;
  while (i < end && isNameChar(text.charCodeAt(i))) i++;
  return i;
}

export interface ScanOptions {
  escape: string;
  /** Skip comment and blank lines inside continued instructions, as BuildKit's parser drops them. */
  continuationComments?: boolean;
}

/** Scans text[start, end) for variable references, honouring quotes and the escape character. */
export function scanVariables(text: string, start: number, end: number, options: ScanOptions): ScannedVariable[] {
  const found: ScannedVariable[] = [];
  scan(text, start, end, options, found, 0, false);
  return found;
}

/** Returns the offset where scanning stopped: `end`, or the `}` closing a braced word when inBraces. */
function scan(
  text: string,
  start: number,
  end: number,
  options: ScanOptions,
  found: ScannedVariable[],
  depth: number,
  inBraces: boolean,
): number {
  const escape = options.escape.charCodeAt(0);
  let single = false;
  let double = false;
  let i = start;
  while (i < end) {
    const c = text.charCodeAt(i);
    if (c === escape && !single) {
      const next = continuationEnd(text, i);
      if (next >= 0) {
        i = options.continuationComments ? skipDroppedLines(text, next, end) : next;
        continue;
      }
      i += 2;
      continue;
    }
    if (inBraces && c === 125 /* } */ && !single) return i;
    if (c === 39 /* ' */ && !double && !inBraces) {
      single = !single;
      i++;
      continue;
    }
    if (c === 34 /* " */ && !single) {
      double = !double;
      i++;
      continue;
    }
    if (c === 36 /* $ */ && !single) {
      i = readVariable(text, i, end, options, found, depth);
      continue;
    }
    i++;
  }
  return end;
}

function readVariable(
  text: string,
  dollar: number,
  end: number,
  options: ScanOptions,
  found: ScannedVariable[],
  depth: number,
): number {
  const next = text.charCodeAt(dollar + 1);
  if (next !== 123 /* { */) {
    const nameEnd = readName(text, dollar + 1, end);
    if (nameEnd === dollar + 1) return dollar + 1;
    found.push({ name: text.slice(dollar + 1, nameEnd), nameStart: dollar + 1, nameEnd, start: dollar, end: nameEnd });
    return nameEnd;
  }
  const nameStart = dollar + 2;
  const nameEnd = readName(text, nameStart, end);
  if (nameEnd === nameStart) return dollar + 2;
  if (text.charCodeAt(nameEnd) === 125) {
    found.push({ name: text.slice(nameStart, nameEnd), nameStart, nameEnd, start: dollar, end: nameEnd + 1 });
    return nameEnd + 1;
  }
  const modifier = MODIFIERS.find((m) => text.startsWith(m, nameEnd));
  if (!modifier) return nameEnd;
  const wordStart = nameEnd + modifier.length;
  const close = depth < MAX_DEPTH
    ? scan(text, wordStart, end, options, found, depth + 1, true)
    : skipToClose(text, wordStart, end);
  const variable = { name: text.slice(nameStart, nameEnd), nameStart, nameEnd, start: dollar, end: close + 1, modifier };
  if (close >= end) return end; // unterminated: not a reference
  found.push(variable);
  return close + 1;
}

function skipToClose(text: string, at: number, end: number): number {
  let depth = 0;
  for (let i = at; i < end; i++) {
    const c = text[i];
    if (c === '{') depth++;
    else if (c === '}') {
      if (depth === 0) return i;
      depth--;
    }
  }
  return end;
}

export interface Expansion {
  value: string;
  /** Names that were unset and had no default. */
  unset: string[];
  /** The value grew past MAX_EXPANSION: it is left empty and stands for "unknown". */
  overflow?: boolean;
}

/**
 * Longest expanded value, in UTF-16 units. BuildKit sets no limit of its own, but `ARG B=${A//a/$A}`
 * doubles with each line: past this, the value is unknown rather than gigabytes long.
 */
export const MAX_EXPANSION = 256 * 1024;

/**
 * Expands a word as BuildKit does for FROM: `lookup` returns the value, or undefined when the
 * variable is unset. Quotes are kept as written; FROM values are not quoted in practice.
 */
export function expandWord(word: string, lookup: (name: string) => string | undefined, depth = 0): Expansion {
  const unset: string[] = [];
  let value = '';
  let i = 0;
  while (i < word.length) {
    const c = word[i];
    if (c === '\\' && i + 1 < word.length) {
      value += word[i + 1];
      i += 2;
      continue;
    }
    // Quotes group and are removed, as BuildKit's shell lexer does; single quotes stop expansion.
    if (c === "'") {
      const close = word.indexOf("'", i + 1);
      if (close < 0) {
        value += word.slice(i + 1);
        break;
      }
      value += word.slice(i + 1, close);
      i = close + 1;
      continue;
    }
    if (c === '"') {
      i++;
      continue;
    }
    if (c !== '$') {
      value += c;
      i++;
      continue;
    }
    if (word[i + 1] !== '{') {
      const nameEnd = readName(word, i + 1, word.length);
      if (nameEnd === i + 1) {
        value += c;
        i++;
        continue;
      }
      const name = word.slice(i + 1, nameEnd);
      const v = lookup(name);
      if (v === undefined) unset.push(name);
      if (value.length + (v?.length ?? 0) > MAX_EXPANSION) return { value: '', unset, overflow: true };
      value += v ?? '';
      i = nameEnd;
      continue;
    }
    const nameEnd = readName(word, i + 2, word.length);
    const name = word.slice(i + 2, nameEnd);
    const close = depth < MAX_DEPTH ? skipToClose(word, nameEnd, word.length) : word.length;
    if (!name || close >= word.length) {
      value += word.slice(i);
      break;
    }
    const rest = word.slice(nameEnd, close);
    const modifier = MODIFIERS.find((m) => rest.startsWith(m));
    const inner: Expansion = modifier ? expandWord(rest.slice(modifier.length), lookup, depth + 1) : { value: '', unset: [] };
    const v = lookup(name);
    const applied = inner.overflow ? undefined : applyModifier(v, modifier, inner.value);
    if (applied === undefined || value.length + applied.length > MAX_EXPANSION) return { value: '', unset, overflow: true };
    value += applied;
    if (v === undefined && (!modifier || modifier === '#' || modifier === '%' || modifier === '/' || modifier === '##' || modifier === '%%' || modifier === '//')) {
      unset.push(name);
    }
    if (modifier && (modifier.includes('-') || modifier.includes('?'))) unset.push(...inner.unset);
    i = close + 1;
  }
  return { value, unset };
}

/** undefined when a replacement would grow past MAX_EXPANSION. */
function applyModifier(value: string | undefined, modifier: string | undefined, word: string): string | undefined {
  switch (modifier) {
    case undefined:
      return value ?? '';
    case ':-':
      return value ? value : word;
    case '-':
      return value !== undefined ? value : word;
    case ':+':
      return value ? word : '';
    case '+':
      return value !== undefined ? word : '';
    case ':?':
    case '?':
      return value ?? '';
    case '#':
    case '##':
      return trimShellPrefix(value ?? '', word, modifier === '##');
    case '%':
    case '%%':
      return trimShellSuffix(value ?? '', word, modifier === '%%');
    default: {
      const slash = word.indexOf('/');
      const pattern = slash < 0 ? word : word.slice(0, slash);
      const replacement = slash < 0 ? '' : word.slice(slash + 1);
      if (!pattern) return value ?? '';
      return replaceShellPattern(value ?? '', pattern, replacement, modifier === '//', MAX_EXPANSION);
    }
  }
}
