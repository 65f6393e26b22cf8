// .dockerignore patterns as BuildKit reads and matches them: moby/patternmatcher (v0.6) and its
// ignorefile reader, on Linux paths. Matched with linear glob tokens, never a RegExp built from the file.
import { codePoints, GlobToken, matchesWhole } from '../glob';

/** Go's path.Clean: the shortest path naming the same file, lexically. */
export function cleanPath(path: string): string {
  if (path === '') return '.';
  const rooted = path.startsWith('/');
  const parts: string[] = [];
  for (const part of path.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (parts.length && parts[parts.length - 1] !== '..') parts.pop();
      else if (!rooted) parts.push('..');
      continue;
    }
    parts.push(part);
  }
  const joined = parts.join('/');
  return rooted ? '/' + joined : joined || '.';
}

/** A line of a .dockerignore as ignorefile.ReadAll turns it into a pattern; undefined for comments and blanks. */
export function normalizeIgnoreLine(line: string): string | undefined {
  if (line.startsWith('#')) return undefined;
  let pattern = line.trim();
  if (pattern === '') return undefined;
  const invert = pattern.startsWith('!');
  if (invert) pattern = pattern.slice(1).trim();
  if (pattern) {
    pattern = cleanPath(pattern);
    if (pattern.length > 1 && pattern.startsWith('/')) pattern = pattern.slice(1);
  }
  return invert ? '!' + pattern : pattern;
}

/** A compiled pattern; the first three kinds are plain string tests, looked up in sets when there are many. */
type Matcher =
  | { kind: 'exact' | 'prefix' | 'suffix'; text: string }
  | { kind: 'glob'; match: (path: string) => boolean; literalPrefix: string };

function matches(matcher: Matcher, path: string): boolean {
  switch (matcher.kind) {
    case 'exact':
      return path === matcher.text;
    case 'prefix':
      return path.startsWith(matcher.text);
    case 'suffix':
      return path.endsWith(matcher.text) || (matcher.text.startsWith('/') && path === matcher.text.slice(1));
    default:
      return matcher.match(path);
  }
}

const notSlash = (c: string): boolean => c !== '/';
const anyChar = (): boolean => true;
const isDigit = (c: string): boolean => c >= '0' && c <= '9';
const isWordChar = (c: string): boolean => isDigit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c === '_';
const isSpace = (c: string): boolean => c === ' ' || c === '\t' || c === '\n' || c === '\f' || c === '\r' || c === '\v';
const PERL_CLASSES: Record<string, (c: string) => boolean> = {
  d: isDigit, D: (c) => !isDigit(c), w: isWordChar, W: (c) => !isWordChar(c), s: isSpace, S: (c) => !isSpace(c),
};
const CONTROL_ESCAPES: Record<string, string> = { a: '\x07', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v' };

/**
 * What Go's regexp makes of `\` + c, which patternmatcher passes on as written: punctuation is
 * literal, `\d` `\w` `\s` are classes. undefined for the escapes we do not follow (`\b`, `\pL`,
 * `\x41`...): the pattern is then left unchecked rather than guessed at.
 */
function escapedChar(c: string): ((x: string) => boolean) | undefined {
  if (PERL_CLASSES[c]) return PERL_CLASSES[c];
  if (CONTROL_ESCAPES[c]) return (x) => x === CONTROL_ESCAPES[c];
  if (c.length === 1 && c < '\x80' && !isWordChar(c)) return (x) => x === c;
  return undefined;
}

/**
 * A `[...]` at chars[open] as Go's regexp reads what patternmatcher passes on: `^` negates,
 * `a-z` ranges, escapes as outside. undefined for what we do not follow (POSIX `[:alpha:]`, and
 * `*` or `?`, which patternmatcher rewrites into the class).
 */
function readClass(chars: string[], open: number): { accepts: (c: string) => boolean; end: number } | undefined {
  let i = open + 1;
  const negated = chars[i] === '^';
  if (negated) i++;
  const items: ((c: string) => boolean)[] = [];
  for (; i < chars.length && (chars[i] !== ']' || items.length === 0); i++) {
    const c = chars[i];
    if (c === '*' || c === '?' || (c === '[' && chars[i + 1] === ':')) return undefined;
    let lo: string | ((x: string) => boolean) = c;
    if (c === '\\') {
      const escaped = chars[++i];
      if (escaped === undefined) return undefined;
      if (PERL_CLASSES[escaped]) lo = PERL_CLASSES[escaped];
      else if (!escapedChar(escaped)) return undefined;
      else lo = CONTROL_ESCAPES[escaped] ?? escaped;
    }
    if (typeof lo === 'string' && chars[i + 1] === '-' && chars[i + 2] !== undefined && chars[i + 2] !== ']') {
      let hi = chars[i + 2];
      i += 2;
      if (hi === '\\') {
        const escaped = chars[++i];
        if (escaped === undefined || PERL_CLASSES[escaped] || !escapedChar(escaped)) return undefined;
        hi = CONTROL_ESCAPES[escaped] ?? escaped;
      }
      const from = lo.codePointAt(0)!;
      const to = hi.codePointAt(0)!;
      if (from > to) return undefined; // Go's regexp refuses the range
      items.push((x) => x.codePointAt(0)! >= from && x.codePointAt(0)! <= to);
    } else {
      const single = lo;
      items.push(typeof single === 'string' ? (x) => x === single : single);
    }
  }
  if (i >= chars.length) return undefined;
  return { accepts: (c) => items.some((item) => item(c)) !== negated, end: i };
}

/** The pattern's text before its first wildcard, class, escape or anchor: every path it matches starts so. */
function literalPrefix(pattern: string): string {
  let end = 0;
  while (end < pattern.length && !'*?[]\\^'.includes(pattern[end])) end++;
  return pattern.slice(0, end);
}

/** patternmatcher's Pattern.compile: exact, prefix (`dir/**`), suffix (`**\/name`) or, for the rest, glob tokens. */
function compilePattern(pattern: string): Matcher | undefined {
  const chars = codePoints(pattern);
  const tokens: GlobToken[] = [];
  let type: 'exact' | 'prefix' | 'suffix' | 'regexp' = 'exact';
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i];
    if (c === '*') {
      if (chars[i + 1] === '*') {
        const atStart = i === 0;
        i++;
        if (chars[i + 1] === '/') i++;
        if (i + 1 >= chars.length) {
          if (type === 'exact') type = 'prefix';
          else {
            tokens.push({ accepts: anyChar, repeats: true });
            type = 'regexp';
          }
        } else {
          // `(.*/)?`: anything ending in a slash, or nothing.
          tokens.push(
            { accepts: anyChar, repeats: false, skipTo: tokens.length + 3 },
            { accepts: anyChar, repeats: true },
            { accepts: (x) => x === '/', repeats: false },
          );
          type = 'regexp';
        }
        // `**` first: the rest may match at any depth.
        if (atStart) type = 'suffix';
      } else {
        tokens.push({ accepts: notSlash, repeats: true });
        type = 'regexp';
      }
    } else if (c === '?') {
      tokens.push({ accepts: notSlash, repeats: false });
      type = 'regexp';
    } else if (c === '\\') {
      if (i + 1 < chars.length) {
        const accepts = escapedChar(chars[++i]);
        if (!accepts) return undefined;
        tokens.push({ accepts, repeats: false });
        type = 'regexp';
      } else {
        tokens.push({ accepts: (x) => x === '\\', repeats: false });
      }
    } else if (c === '[') {
      const parsed = readClass(chars, i);
      if (!parsed) return undefined;
      tokens.push({ accepts: parsed.accepts, repeats: false });
      i = parsed.end;
      type = 'regexp';
    } else if (c === ']') {
      tokens.push({ accepts: (x) => x === ']', repeats: false });
      type = 'regexp';
    } else if (c === '^') {
      // Passed on unescaped, `^` is Go's start-of-text anchor.
      tokens.push({ accepts: anyChar, repeats: false, atStartOnly: true });
    } else {
      tokens.push({ accepts: (x) => x === c, repeats: false });
    }
  }
  switch (type) {
    case 'exact':
      return { kind: 'exact', text: pattern };
    case 'prefix':
      return { kind: 'prefix', text: pattern.slice(0, -2) };
    case 'suffix':
      return { kind: 'suffix', text: pattern.slice(2) };
    default:
      return { kind: 'glob', match: (path) => matchesWhole(tokens, codePoints(path)), literalPrefix: literalPrefix(pattern) };
  }
}

/**
 * Go's filepath.Match refuses the pattern (BuildKit checks each with it): a trailing `\\`, or a
 * class that is empty, unclosed, or has a bare `-` or `]` where a character belongs.
 */
function isBadPattern(pattern: string): boolean {
  const chars = codePoints(pattern);
  for (let i = 0; i < chars.length; i++) {
    if (chars[i] === '\\') {
      if (++i >= chars.length) return true;
      continue;
    }
    if (chars[i] !== '[') continue;
    i++;
    if (chars[i] === '^') i++;
    for (let ranges = 0; chars[i] !== ']' || ranges === 0; ranges++) {
      i = pastClassChar(chars, i);
      if (i >= 0 && chars[i] === '-') i = pastClassChar(chars, i + 1);
      if (i < 0) return true;
    }
  }
  return false;
}

/** filepath.Match's getEsc: past one character of a class, or -1 where it reports a bad pattern. */
function pastClassChar(chars: string[], i: number): number {
  if (i >= chars.length || chars[i] === '-' || chars[i] === ']') return -1;
  if (chars[i] === '\\' && ++i >= chars.length) return -1;
  return i + 1 < chars.length ? i + 1 : -1;
}

export interface IgnoreMatcher {
  /** A pattern starts with `!`: BuildKit then does not check COPY sources at all. */
  exclusions: boolean;
  patterns: string[];
  /** patternmatcher's MatchesOrParentMatches: the path or one of its parent folders is ignored. */
  ignores(path: string): boolean;
}

/** The path and its parent folders, as MatchesOrParentMatches tries them. */
function pathAndParents(path: string): string[] {
  const parent = path.includes('/') ? cleanPath(path.slice(0, path.lastIndexOf('/')) || '/') : '.';
  const candidates = [path];
  if (parent === '.') return candidates;
  let at = parent.indexOf('/');
  while (at >= 0) {
    candidates.push(parent.slice(0, at));
    at = parent.indexOf('/', at + 1);
  }
  candidates.push(parent);
  return candidates;
}

/**
 * Without `!` exceptions a path is ignored when any pattern matches it or a parent: the plain
 * patterns are looked up in sets by length, so tens of thousands cost little per COPY source.
 */
function anyMatch(compiled: readonly { match: Matcher }[]): (path: string) => boolean {
  const exact = new Set<string>();
  const prefixes = new Set<string>();
  const suffixes = new Set<string>();
  // Globs by the literal text they start with: a path meets only those its own start selects.
  const globs = new Map<string, Matcher[]>();
  for (const { match } of compiled) {
    if (match.kind === 'exact') exact.add(match.text);
    else if (match.kind === 'prefix') prefixes.add(match.text);
    else if (match.kind === 'suffix') suffixes.add(match.text);
    else if (match.kind === 'glob') {
      const list = globs.get(match.literalPrefix);
      if (list) list.push(match);
      else globs.set(match.literalPrefix, [match]);
    }
  }
  const globPrefixLengths = [...new Set([...globs.keys()].map((p) => p.length))];
  const prefixLengths = [...new Set([...prefixes].map((p) => p.length))];
  const suffixLengths = [...new Set([...suffixes].map((p) => p.length))];
  const rootedSuffixes = new Set([...suffixes].filter((p) => p.startsWith('/')).map((p) => p.slice(1)));
  return (path) => pathAndParents(path).some((candidate) =>
    exact.has(candidate)
    || prefixLengths.some((n) => n <= candidate.length && prefixes.has(candidate.slice(0, n)))
    || suffixLengths.some((n) => n <= candidate.length && suffixes.has(candidate.slice(candidate.length - n)))
    || rootedSuffixes.has(candidate)
    || globPrefixLengths.some((n) => n <= candidate.length && (globs.get(candidate.slice(0, n)) ?? []).some((glob) => matches(glob, candidate))));
}

/** undefined when a pattern is malformed: BuildKit fails the build before linting. */
function compileIgnore(lines: readonly string[]): IgnoreMatcher | undefined {
  const compiled: { pattern: string; exclusion: boolean; match: Matcher }[] = [];
  for (const line of lines) {
    let pattern = normalizeIgnoreLine(line);
    if (pattern === undefined) continue;
    pattern = cleanPath(pattern);
    const exclusion = pattern.startsWith('!');
    if (exclusion) {
      if (pattern.length === 1) return undefined;
      pattern = pattern.slice(1);
    }
    const match = isBadPattern(pattern) ? undefined : compilePattern(pattern);
    if (!match) return undefined;
    compiled.push({ pattern, exclusion, match });
  }
  const exclusions = compiled.some((p) => p.exclusion);
  return {
    exclusions,
    patterns: compiled.map((p) => (p.exclusion ? '!' : '') + p.pattern),
    ignores: exclusions ? (path) => {
      const candidates = pathAndParents(path);
      let matched = false;
      for (const { exclusion, match } of compiled) {
        if (exclusion !== matched) continue;
        if (candidates.some((candidate) => matches(match, candidate))) matched = !exclusion;
      }
      return matched;
    } : anyMatch(compiled),
  };
}

// Compiled once per .dockerignore content: the same lines come back with every keystroke.
const CACHE_SIZE = 8;
const byContent = new Map<string, IgnoreMatcher | undefined>();
const byLines = new WeakMap<readonly string[], IgnoreMatcher | undefined>();

/** undefined when a pattern is malformed: BuildKit fails the build before linting. */
export function ignoreMatcher(lines: readonly string[]): IgnoreMatcher | undefined {
  if (byLines.has(lines)) return byLines.get(lines);
  const key = lines.join('\n');
  let matcher: IgnoreMatcher | undefined;
  if (byContent.has(key)) {
    matcher = byContent.get(key);
    byContent.delete(key); // re-inserted below as the most recent
  } else {
    matcher = compileIgnore(lines);
  }
  byContent.set(key, matcher);
  if (byContent.size > CACHE_SIZE) byContent.delete(byContent.keys().next().value!);
  byLines.set(lines, matcher);
  return matcher;
}
