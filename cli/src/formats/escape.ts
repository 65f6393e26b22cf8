// Text from a file (stage names, paths, messages quoting the file) must not reach a terminal or a
// CI log raw: an ESC or BEL sequence could retitle or clear the terminal, a newline forge a line.

/** C0 and C1 controls, DEL, and the bidi overrides that reorder what a reader sees. */
function isControl(code: number): boolean {
  return code < 0x20 || (code >= 0x7f && code <= 0x9f) || (code >= 0x202a && code <= 0x202e) || (code >= 0x2066 && code <= 0x2069);
}

const NAMED: Record<number, string> = { 9: '\\t', 10: '\\n', 13: '\\r', 27: '\\e' };

/** The text with every control character written as a visible escape (`\e`, `\n`, `\x07`, `\u202e`). */
export function escapeControl(text: string, keep: (code: number) => boolean = () => false): string {
  let out = '';
  let from = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (!isControl(code) || keep(code)) continue;
    out += text.slice(from, i) + (NAMED[code] ?? (code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16)}`));
    from = i + 1;
  }
  return from === 0 ? text : out + text.slice(from);
}
