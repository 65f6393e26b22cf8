// The words of an instruction's arguments as BuildKit's parser splits them: whitespace outside
// quotes separates words, the escape character escapes, continuation lines join, and comment
// lines inside a continued instruction are dropped.

import { continuationEnd, skipDroppedLines } from './text';

export interface Word {
  text: string;
  start: number;
  end: number;
}

/** The word `by` characters further on: the same word of a text that moved. */
export function movedWord(word: Word, by: number): Word {
  return { text: word.text, start: word.start + by, end: word.end + by };
}

export function movedWords(words: readonly Word[], by: number): Word[] {
  return words.map((w) => movedWord(w, by));
}

export function splitWords(text: string, start: number, end: number, escape: string): Word[] {
  const words: Word[] = [];
  let current: Word | undefined;
  let quote: string | undefined;
  // A word's text is sliced from the text at its end, not built a character at a time: `segment`
  // is where the part since the last continuation inside the word (in quotes) starts, `before`
  // the parts ahead of it.
  let segment = 0;
  let before = '';
  const open = (i: number) => {
    if (current) return;
    current = { text: '', start: i, end: i };
    segment = i;
    before = '';
  };
  const push = () => {
    if (current) {
      current.text = before + text.slice(segment, current.end);
      words.push(current);
    }
    current = undefined;
  };
  for (let i = start; i < end; i++) {
    const c = text[i];
    if (c === escape) {
      const next = continuationEnd(text, i);
      if (next >= 0) {
        const resume = skipDroppedLines(text, next, end);
        if (!quote) push();
        else if (current) {
          before += text.slice(segment, current.end);
          segment = resume;
        }
        i = resume - 1;
        continue;
      }
      open(i);
      current!.end = i + 2;
      i++;
      continue;
    }
    if (c === '\n' || c === '\r') break;
    if (!quote && (c === ' ' || c === '\t')) {
      push();
      continue;
    }
    if (c === '"' || c === "'") quote = quote === c ? undefined : quote ?? c;
    open(i);
    current!.end = i + 1;
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
