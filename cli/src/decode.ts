// Bytes to Dockerfile text, and the refusal of what is no text at all.

/** Invalid UTF-8 sequences tolerated before a file counts as binary (a stray Latin-1 byte is common). */
const MAX_INVALID_SEQUENCES = 8;

/** How the file was written, so `fix --write` writes it back the same way. */
export type Encoding = 'utf8' | 'utf8bom' | 'utf16le' | 'utf16be';

export type Decoded = { text: string; encoding: Encoding } | { binary: true };

/**
 * A file's text: UTF-8, or UTF-16 when a byte-order mark says so (editors on Windows write it).
 * A UTF-8 BOM is dropped; a few bytes that are no UTF-8 become U+FFFD, so analysis still answers.
 * NUL characters or more invalid bytes mean the file is no Dockerfile.
 */
export function decodeDockerfile(bytes: Buffer): Decoded {
  let text: string;
  let encoding: Encoding = 'utf8';
  if (bytes[0] === 0xff && bytes[1] === 0xfe) {
    text = bytes.subarray(2).toString('utf16le');
    encoding = 'utf16le';
  } else if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    const swapped = Buffer.from(bytes.subarray(2));
    swapped.swap16();
    text = swapped.toString('utf16le');
    encoding = 'utf16be';
  } else {
    text = bytes.toString('utf8');
    if (countChar(text, 0xfffd) - countReplacementCharsWritten(bytes) > MAX_INVALID_SEQUENCES) return { binary: true };
    if (text.charCodeAt(0) === 0xfeff) {
      text = text.slice(1);
      encoding = 'utf8bom';
    }
  }
  return text.includes('\0') ? { binary: true } : { text, encoding };
}

export function encodeDockerfile(text: string, encoding: Encoding): Buffer {
  if (encoding === 'utf8') return Buffer.from(text, 'utf8');
  if (encoding === 'utf8bom') return Buffer.from('\ufeff' + text, 'utf8');
  const bytes = Buffer.from('\ufeff' + text, 'utf16le');
  if (encoding === 'utf16be') bytes.swap16();
  return bytes;
}

function countChar(text: string, code: number): number {
  let count = 0;
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === code) count++;
  return count;
}

/** U+FFFD written in the file itself (EF BF BD) is text, not a decoding failure. */
function countReplacementCharsWritten(bytes: Buffer): number {
  let count = 0;
  for (let i = bytes.indexOf(0xef); i >= 0 && i + 2 < bytes.length; i = bytes.indexOf(0xef, i + 1)) {
    if (bytes[i + 1] === 0xbf && bytes[i + 2] === 0xbd) count++;
  }
  return count;
}
