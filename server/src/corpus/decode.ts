import type { CorpusWarning } from './source.js';
import { firstInvalidUtf8, lineOfByte } from './utf8.js';

/** How many leading bytes the binary sniff looks at. */
const SNIFF_BYTES = 8 * 1024;
/** Share of control characters (other than tab, line breaks, form feed) above which a file is binary. */
const MAX_CONTROL_SHARE = 0.1;

export type DecodeResult = { text?: string; warning?: Omit<CorpusWarning, 'path'> };

/**
 * Decodes a corpus file's bytes. UTF-8 (a BOM is stripped) and UTF-16 LE/BE
 * with a BOM decode silently; invalid UTF-8 decodes with U+FFFD and a warning;
 * binary content (NUL bytes, or many control characters in the first 8 KB)
 * gives a warning and no text. Messages leave out the file name: the caller
 * puts it in front.
 * `decodeSource(new Uint8Array([0xef, 0xbb, 0xbf, 0x68, 0x69]))` is `{ text: 'hi' }`.
 */
export function decodeSource(bytes: Uint8Array): DecodeResult {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: decodeUtf16(bytes.subarray(2), true) };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { text: decodeUtf16(bytes.subarray(2), false) };
  const hasBom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  const body = hasBom ? bytes.subarray(3) : bytes;

  const binary = binaryReason(body);
  if (binary) {
    return {
      warning: {
        kind: 'binary',
        message: `looks like a binary file (${binary}), so it was skipped. Sources must be text: ` +
          'save it as UTF-8 .txt or .md, or move it out of the corpus folder.',
      },
    };
  }

  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(body) };
  } catch {
    // fall through: decode with replacement and say where the first bad byte is
  }
  const bad = Math.max(0, firstInvalidUtf8(body));
  const text = new TextDecoder('utf-8').decode(body);
  return {
    text,
    warning: {
      kind: 'invalid-utf8',
      message: `is not valid UTF-8 (first bad byte at offset ${bad + (hasBom ? 3 : 0)}, line ${lineOfByte(body, bad)}); ` +
        'the bad bytes were read as \uFFFD, so quotes near them may not match. Re-save the file as UTF-8.',
    },
  };
}

/**
 * The bytes of a plain UTF-8 text file without its BOM, or undefined when the
 * file needs `decodeSource` (UTF-16, binary, or invalid UTF-8, which all come
 * with a warning or a conversion). A file this returns bytes for decodes to
 * exactly `decodeUtf8(body)`, with no warning.
 * `utf8Body(new Uint8Array([0xef, 0xbb, 0xbf, 0x68]), isValid)` is the bytes of `'h'`.
 */
export function utf8Body(bytes: Uint8Array, isUtf8: (bytes: Uint8Array) => boolean): Uint8Array | undefined {
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) return undefined;
  const body = withoutUtf8Bom(bytes);
  if (binaryReason(body) !== undefined || !isUtf8(body)) return undefined;
  return body;
}

/** `bytes` without a leading UTF-8 byte order mark. */
export function withoutUtf8Bom(bytes: Uint8Array): Uint8Array {
  return bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes;
}

/** Whether `bytes` is valid UTF-8, in JavaScript: the default where no native check is passed. */
export function isUtf8InScript(bytes: Uint8Array): boolean {
  return firstInvalidUtf8(bytes) < 0;
}

/** Why `bytes` looks binary, or undefined when it looks like text. */
function binaryReason(bytes: Uint8Array): string | undefined {
  const n = Math.min(bytes.length, SNIFF_BYTES);
  let controls = 0;
  for (let i = 0; i < n; i++) {
    const b = bytes[i]!;
    if (b === 0) return 'it contains NUL bytes';
    if ((b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c && b !== 0x1b) || b === 0x7f) controls++;
  }
  if (n > 0 && controls / n > MAX_CONTROL_SHARE) return `${controls} control characters in its first ${n} bytes`;
  return undefined;
}

function decodeUtf16(bytes: Uint8Array, littleEndian: boolean): string {
  if (littleEndian) return new TextDecoder('utf-16le').decode(bytes);
  const swapped = new Uint8Array(bytes.length - (bytes.length % 2));
  for (let i = 0; i + 1 < bytes.length; i += 2) {
    swapped[i] = bytes[i + 1]!;
    swapped[i + 1] = bytes[i]!;
  }
  return new TextDecoder('utf-16le').decode(swapped);
}
