// The linear glob matcher against oracles that follow BuildKit's code step by step: the shell's
// `${A#glob}` family as frontend/dockerfile/shell/lex.go turns it into a regular expression, and
// .dockerignore patterns as moby/patternmatcher does. JavaScript's backtracking RegExp has the
// same leftmost-first semantics as Go's regexp for these patterns; it is exponential, so the
// oracles only see short, generated inputs (a test may build RegExps; the product may not).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { replaceShellPattern, trimShellPrefix, trimShellSuffix, partsMatcher } from '../../server/src/analysis/glob';
import { cleanPath, ignoreMatcher, normalizeIgnoreLine } from '../../server/src/analysis/rules/dockerignore';

// ---- Oracle 1: lex.go convertShellPatternToRegex, trimPrefix, trimSuffix, replace ----

function shellRegex(pattern: string, greedy: boolean, anchored: boolean): RegExp {
  const chars = Array.from(pattern);
  let out = anchored ? '^' : '';
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i];
    if (c === '*') out += greedy ? '.*' : '.*?';
    else if (c === '?') out += '.';
    else if (c === '\\' && i + 1 < chars.length) out += '\\' + chars[++i]; // the generator escapes only * ? \\
    else out += c.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  }
  return new RegExp(out, 'su');
}

function oracleTrimPrefix(value: string, pattern: string, longest: boolean): string {
  const match = shellRegex(pattern, longest, true).exec(value);
  return match ? value.slice(match[0].length) : value;
}

function reversePattern(pattern: string): string {
  const chars = Array.from(pattern);
  const out: string[] = [];
  for (let i = 0; i < chars.length; i++) {
    if (chars[i] === '\\' && i + 1 < chars.length) out.unshift('\\' + chars[++i]);
    else out.unshift(chars[i]);
  }
  return out.join('');
}

function oracleTrimSuffix(value: string, pattern: string, longest: boolean): string {
  const reversed = Array.from(value).reverse().join('');
  return Array.from(oracleTrimPrefix(reversed, reversePattern(pattern), longest)).reverse().join('');
}

// What Go's Regexp.Expand makes of each replacement the generator uses, given the match.
const GO_EXPANDED: Record<string, (match: string) => string> = {
  '$$': () => '$', '$0': (m) => m, '${0}': (m) => `${m}`, '$1x': () => '', '$&': () => '$&', '$': () => '$', 'a${1': () => 'a${1',
};

function oracleReplace(value: string, pattern: string, replacement: string, all: boolean): string {
  const re = shellRegex(pattern, true, false);
  if (!all) {
    const match = re.exec(value);
    return match ? value.slice(0, match.index) + replacement + value.slice(match.index + match[0].length) : value;
  }
  // Go's ReplaceAllString, by its own loop: an empty match right after a match is skipped.
  const global = new RegExp(re.source, 'gsu');
  let out = '';
  let lastMatchEnd = 0;
  let searchFrom = 0;
  while (searchFrom <= value.length) {
    global.lastIndex = searchFrom;
    const match = global.exec(value);
    if (!match) break;
    const start = match.index;
    const end = start + match[0].length;
    out += value.slice(lastMatchEnd, start);
    if (end > lastMatchEnd || start === 0) out += GO_EXPANDED[replacement]?.(match[0]) ?? replacement;
    lastMatchEnd = end;
    const width = value.codePointAt(searchFrom)! > 0xffff ? 2 : 1;
    searchFrom = searchFrom + width > end ? searchFrom + width : end;
  }
  return out + value.slice(lastMatchEnd);
}

const shellValue = fc.array(fc.constantFrom('a', 'b', 'c', '/', '.', '😀'), { maxLength: 10 }).map((a) => a.join(''));
const shellGlob = fc.array(fc.constantFrom('a', 'b', '/', '.', '*', '?', '\\*', '\\?', '\\\\', '[', '😀'), { maxLength: 6 }).map((a) => a.join(''));

test('glob: ${A#p} and ${A##p} trim what BuildKit trims', () => {
  fc.assert(fc.property(shellValue, shellGlob, fc.boolean(), (value, pattern, longest) => {
    assert.equal(trimShellPrefix(value, pattern, longest), oracleTrimPrefix(value, pattern, longest));
  }), { numRuns: 3000 });
});

test('glob: ${A%p} and ${A%%p} trim what BuildKit trims', () => {
  fc.assert(fc.property(shellValue, shellGlob, fc.boolean(), (value, pattern, longest) => {
    assert.equal(trimShellSuffix(value, pattern, longest), oracleTrimSuffix(value, pattern, longest));
  }), { numRuns: 3000 });
});

test('glob: ${A/p/r} and ${A//p/r} replace what BuildKit replaces', () => {
  fc.assert(fc.property(shellValue, shellGlob.filter((p) => p.length > 0), fc.constantFrom('', 'x', '$$', '$0', '${0}', '$1x', '$&', '$', 'a${1'), fc.boolean(), (value, pattern, replacement, all) => {
    assert.equal(replaceShellPattern(value, pattern, replacement, all), oracleReplace(value, pattern, replacement, all));
  }), { numRuns: 3000 });
});

test('glob: examples from the shell', () => {
  assert.equal(trimShellPrefix('a/b/c', '*/', false), 'b/c');
  assert.equal(trimShellPrefix('a/b/c', '*/', true), 'c');
  assert.equal(trimShellSuffix('file.tar.gz', '.*', false), 'file.tar');
  assert.equal(trimShellSuffix('file.tar.gz', '.*', true), 'file');
  assert.equal(replaceShellPattern('a-b-c', '-', '_', true), 'a_b_c');
  assert.equal(replaceShellPattern('a-b-c', '-', '_', false), 'a_b-c');
  assert.equal(replaceShellPattern('abc', '*', 'x', true), 'x');
  assert.equal(replaceShellPattern('ab', 'a', 'xy', true, 2), undefined, 'past the limit');
});

test('glob: stage-name candidates are the literal parts with something between', () => {
  const matches = partsMatcher(['', '-code']);
  assert.equal(matches('go-code'), true);
  assert.equal(matches('-code'), false, 'a variable stands for at least one character');
  assert.equal(matches('go-code2'), false);
  assert.equal(partsMatcher(['base-', '-', ''])('base-x-y'), true);
});

// ---- Oracle 2: patternmatcher's regexp, as the matcher built it before it went linear ----

function patternmatcherRegex(pattern: string): (path: string) => boolean {
  let regex = '^';
  let type: 'exact' | 'prefix' | 'suffix' | 'regexp' = 'exact';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '*') {
      if (pattern[i + 1] === '*') {
        const atStart = i === 0;
        i++;
        if (pattern[i + 1] === '/') i++;
        if (i + 1 >= pattern.length) {
          if (type === 'exact') type = 'prefix';
          else {
            regex += '.*';
            type = 'regexp';
          }
        } else {
          regex += '(.*/)?';
          type = 'regexp';
        }
        if (atStart) type = 'suffix';
      } else {
        regex += '[^/]*';
        type = 'regexp';
      }
    } else if (c === '?') {
      regex += '[^/]';
      type = 'regexp';
    } else if ('.+()|{}$'.includes(c)) {
      regex += '\\' + c;
    } else if (c === '\\') {
      regex += '\\' + pattern[++i];
      type = 'regexp';
    } else if (c === '[' || c === ']') {
      regex += c;
      type = 'regexp';
    } else {
      regex += c;
    }
  }
  if (type === 'exact') return (path) => path === pattern;
  if (type === 'prefix') return (path) => path.startsWith(pattern.slice(0, -2));
  if (type === 'suffix') {
    const suffix = pattern.slice(2);
    return (path) => path.endsWith(suffix) || (suffix.startsWith('/') && path === suffix.slice(1));
  }
  const compiled = new RegExp(regex + '$', 's');
  return (path) => compiled.test(path);
}

function oracleIgnores(pattern: string, path: string): boolean {
  const match = patternmatcherRegex(cleanPath(normalizeIgnoreLine(pattern)!));
  const parent = path.includes('/') ? cleanPath(path.slice(0, path.lastIndexOf('/')) || '/') : '.';
  if (match(path)) return true;
  if (parent === '.') return false;
  const dirs = parent.split('/');
  return dirs.some((_, i) => match(dirs.slice(0, i + 1).join('/')));
}

// Patterns the oracle reads as Go would: classes well formed, escapes of punctuation only.
const ignorePattern = fc.array(fc.constantFrom('a', 'b', '/', '.', '*', '**', '**/', '?', '[ab]', '[^a]', '[a-c]', '\\*', '\\.', '^', '$', '+'), { minLength: 1, maxLength: 6 })
  .map((a) => a.join(''))
  .filter((p) => cleanPath(p) !== '.' && !p.startsWith('!'));
const ignoredPath = fc.array(fc.constantFrom('a', 'b', 'c', '/', '.', '*', '$'), { minLength: 1, maxLength: 8 }).map((a) => cleanPath(a.join('')));

test('dockerignore: 20,000 generated pattern and path pairs match as patternmatcher matches them', () => {
  fc.assert(fc.property(ignorePattern, ignoredPath, (pattern, path) => {
    const matcher = ignoreMatcher([pattern]);
    assert.ok(matcher, `pattern ${pattern} compiles`);
    assert.equal(matcher.ignores(path), oracleIgnores(pattern, path), `${pattern} against ${path}`);
  }), { numRuns: 20_000, seed: 20_000 });
});

test('dockerignore: several patterns, as one matcher, ignore what any one ignores', () => {
  fc.assert(fc.property(fc.array(ignorePattern, { minLength: 1, maxLength: 5 }), ignoredPath, (patterns, path) => {
    assert.equal(ignoreMatcher(patterns)!.ignores(path), patterns.some((p) => oracleIgnores(p, path)));
  }), { numRuns: 2000 });
});

test('dockerignore: patterns Go refuses give no matcher, as BuildKit fails the build', () => {
  for (const bad of ['[', '[]', '[]a]', '[-a]', '[a-]', 'a\\', '[z-a]']) assert.equal(ignoreMatcher([bad]), undefined, bad);
});

test('dockerignore: the matcher is built once per content', () => {
  const lines = ['tmp', '*.log'];
  assert.equal(ignoreMatcher(lines), ignoreMatcher(lines));
  assert.equal(ignoreMatcher(lines), ignoreMatcher([...lines]), 'same content, another array');
});
