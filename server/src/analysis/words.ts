// The words of an instruction's arguments as BuildKit's parser splits them: whitespace outside
// quotes separates words, the escape character escapes, continuation lines join, and comment
// lines inside a continued instruction are dropped.

import { continuationEnd, skipDroppedLines } from './text';

export interface Word {
  text: string;
  start: number;
  end: number;
}

export function splitWords(text: string, start: number, end: number, escape: string): Word[] {
  const words: Word[] = [];
  let current: Word | undefined;
  let quote: string | undefined;
  const push = () => {
    if (current) words.push(current);
    current = undefined;
  };
  for (let i = start; i < end; i++) {
    const c = text[i];
    if (c === escape) {
      const next = continuationEnd(text, i);
      if (next >= 0) {
        i = skipDroppedLines(text, next, end) - 1;
        if (!quote) push();
        continue;
      }
      current ??= { text: '', start: i, end: i };
      current.text += c + (text[i + 1] ?? '');
      current.end = i + 2;
      i++;
      continue;
    }
    if (c === '\n' || c === '\r') break;
    if (!quote && (c === ' ' || c === '\t')) {
      push();
      continue;
    }
    if (c === '"' || c === "'") quote = quote === c ? undefined : quote ?? c;
    current ??= { text: '', start: i, end: i };
    current.text += c;
    current.end = i + 1;
  }
  push();
  return words;
}

/**
 * The words of one logical line as BuildKit's parseWords and its shell lexer split them
 * (parser/line_parsers.go, shell/lex.go): blanks outside quotes separate, quotes and escapes are
 * kept in the word and keep blanks inside it.
 */
export function shellWords(text: string, escape: string): string[] {
  const result: string[] = [];
  let word = '';
  let inWord = false;
  let quote = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (!quote && /\s/.test(c)) {
      if (inWord) result.push(word);
      word = '';
      inWord = false;
      continue;
    }
    inWord = true;
    if (c === escape && quote !== "'" && i + 1 < text.length) {
      word += c + text[++i];
      continue;
    }
    if (quote && c === quote) quote = '';
    else if (!quote && (c === '"' || c === "'")) quote = c;
    word += c;
  }
  if (inWord) result.push(word);
  return result;
}
