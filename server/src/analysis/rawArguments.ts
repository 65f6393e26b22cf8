// dockerfile-ast 0.7's Instruction.getRawArguments, written again for speed: the same loop over the
// instruction's text, the same Argument values and ranges (test/unit/rawArguments.test.ts compares
// the two on every corpus file and on random text), but a value is sliced from the text in runs
// instead of grown a character at a time, and a range is made without Range.create's checks. It
// was the parser's largest cost on a first open (10 MB of strings for 10,000 lines).
import { Argument, Instruction } from 'dockerfile-ast';
import type { TextDocument } from 'vscode-languageserver-textdocument';

/** What getRawArguments reads of an instruction: fields dockerfile-ast does not declare public. */
interface InstructionInternals {
  document: TextDocument;
  escapeChar: string;
  getInstructionRange(): { start: { line: number; character: number }; end: { line: number; character: number } };
  getTextContent(): string;
}

/** dockerfile-ast's own implementation, for the comparison test. */
export const parserRawArguments = (Instruction.prototype as unknown as { getRawArguments(this: Instruction): Argument[] }).getRawArguments;

const isWhitespace = (c: string) => c === ' ' || c === '\t' || c === '\r' || c === '\n';

export function rawArguments(instruction: Instruction): Argument[] {
  const self = instruction as unknown as InstructionInternals;
  const document = self.document;
  const escapeChar = self.escapeChar;
  const args: Argument[] = [];
  const range = self.getInstructionRange();
  const rangeStart = document.offsetAt(range.start);
  const extra = document.offsetAt(range.end) - rangeStart;
  const fullArgs = self.getTextContent().substring(extra);
  const offset = rangeStart + extra;
  let start = false;
  let comment = false;
  let found = -1;
  // Whether a blank that is part of an escaped newline sequence was seen, and whether one is being read.
  let escapedWhitespaceDetected = false;
  let escaping = false;
  let escapeMarker = -1;
  // The argument's value so far: `flushed`, then fullArgs[runStart, runEnd) when runEnd >= 0.
  let flushed = '';
  let runStart = 0;
  let runEnd = -1;
  const append = (from: number, to: number) => {
    if (runEnd === from) {
      runEnd = to;
      return;
    }
    if (runEnd >= 0) flushed += fullArgs.slice(runStart, runEnd);
    runStart = from;
    runEnd = to;
  };
  const push = (endOffset: number) => {
    const value = runEnd >= 0 ? flushed + fullArgs.slice(runStart, runEnd) : flushed;
    args.push(new Argument(value, { start: document.positionAt(offset + found), end: document.positionAt(endOffset) }));
    flushed = '';
    runEnd = -1;
    found = -1;
  };
  for (let i = 0; i < fullArgs.length; i++) {
    const char = fullArgs.charAt(i);
    if (isWhitespace(char)) {
      if (escaping) {
        escapedWhitespaceDetected = true;
        if (char === '\r' || char === '\n') {
          // A newline: blanks seen before it do not count, and a comment ends.
          escapedWhitespaceDetected = false;
          if (comment) {
            comment = false;
            start = true;
          }
        }
        continue;
      } else if (found !== -1) {
        push(offset + (escapeMarker === -1 ? i : escapeMarker));
        escapeMarker = -1;
      }
    } else if (char === escapeChar) {
      const next = fullArgs.charAt(i + 1);
      if (next === ' ' || next === '\t') {
        for (let j = i + 2; j < fullArgs.length; j++) {
          const after = fullArgs.charAt(j);
          if (after === ' ' || after === '\t') continue;
          if (after === '\r' || after === '\n') {
            // As the parser does: a '\r' takes the character after it along, whatever it is.
            if (after === '\r') j++;
            comment = false;
            escaping = true;
            start = true;
            if (found !== -1) escapeMarker = i;
            i = j;
          } else {
            escapeMarker = i;
            if (found === -1) i = j - 1;
          }
          break;
        }
      } else if (next === '\r') {
        comment = false;
        escaping = true;
        start = true;
        if (found !== -1 && escapeMarker === -1) escapeMarker = i;
        i += 2;
      } else if (next === '\n') {
        comment = false;
        escaping = true;
        start = true;
        if (found !== -1 && escapeMarker === -1) escapeMarker = i;
        i++;
      } else {
        if (escapedWhitespaceDetected && escapeMarker !== -1) push(offset + escapeMarker);
        escapeMarker = -1;
        escapedWhitespaceDetected = false;
        escaping = false;
        if (next === '$') {
          append(i, i + 2);
        } else if (next === '') {
          // The end of the text.
          break;
        } else {
          append(i + 1, i + 2);
        }
        if (found === -1) found = i;
        i++;
      }
    } else if (!comment) {
      if (start && char === '#') {
        comment = true;
      } else {
        if (escapedWhitespaceDetected && escapeMarker !== -1) push(offset + escapeMarker);
        escapedWhitespaceDetected = false;
        escaping = false;
        escapeMarker = -1;
        append(i, i + 1);
        if (found === -1) found = i;
      }
      // A character that is no blank.
      start = false;
    }
  }
  if (found !== -1) push(offset + (escapeMarker === -1 ? fullArgs.length : escapeMarker));
  return args;
}
