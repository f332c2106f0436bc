import { decodeBytes } from '../decode.js';

/**
 * Decodes a saved web page's bytes: a byte-order mark first; else UTF-8 when
 * the bytes are valid UTF-8 and not all ASCII, whatever the page declares
 * (pages saved by tools that re-encode keep their old `<meta charset>`: one
 * of Readability's test pages declares gb2312 and is UTF-8; legacy text is
 * almost never valid UTF-8 by chance); else the charset the page declares in
 * its first 4 KB (`<meta charset>`, `<meta http-equiv="Content-Type"
 * content="...; charset=...">`, or an XML declaration's `encoding`); else
 * UTF-8, or windows-1252 when the bytes are not valid UTF-8 (what browsers
 * assume for undeclared legacy pages). TextDecoder knows the WHATWG labels
 * (`latin1` is windows-1252, `shift_jis`, `gb2312`, ...); an unknown label
 * counts as undeclared.
 *
 *   decodeHtml(bytes of '<meta charset="windows-1252">caf\xe9') → '<meta charset="windows-1252">café'
 */
export function decodeHtml(bytes: Uint8Array): { text: string; charset: string } {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return decodeAs('utf-8', bytes.subarray(3));
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return decodeAs('utf-16le', bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return decodeAs('utf-16be', bytes.subarray(2));
  const utf8 = strictUtf8(bytes);
  if (utf8 !== undefined && !isAscii(bytes)) return { text: utf8, charset: 'utf-8' };
  const declared = declaredCharset(bytes);
  if (declared) return decodeAs(declared, bytes);
  return utf8 !== undefined ? { text: utf8, charset: 'utf-8' } : decodeAs('windows-1252', bytes);
}

function strictUtf8(bytes: Uint8Array): string | undefined {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
}

function isAscii(bytes: Uint8Array): boolean {
  return bytes.every((byte) => byte <= 0x7f);
}

/** How far into the page a charset declaration is looked for (the HTML standard says 1024 bytes; saved pages put more first). */
const PRESCAN_BYTES = 4096;

/** The WHATWG encoding name the page declares, when TextDecoder knows it. */
export function declaredCharset(bytes: Uint8Array): string | undefined {
  const head = latin1(bytes.subarray(0, PRESCAN_BYTES));
  const xml = /^\s*<\?xml[^>]*\bencoding\s*=\s*["']([^"']+)["']/i.exec(head);
  const candidates: string[] = [];
  if (xml?.[1]) candidates.push(xml[1]);
  for (const meta of head.matchAll(/<meta\b[^>]*>/gi)) {
    const tag = meta[0];
    const direct = /\bcharset\s*=\s*["']?\s*([^"'\s/>;]+)/i.exec(tag);
    if (direct?.[1]) candidates.push(direct[1]);
  }
  for (const label of candidates) {
    const encoding = knownEncoding(label);
    // A page that says UTF-16 but has no byte-order mark is read as UTF-8, as browsers do.
    if (encoding) return encoding.startsWith('utf-16') ? 'utf-8' : encoding;
  }
  return undefined;
}

function knownEncoding(label: string): string | undefined {
  try {
    return new TextDecoder(label.trim()).encoding;
  } catch {
    return undefined;
  }
}

function decodeAs(encoding: string, bytes: Uint8Array): { text: string; charset: string } {
  return { text: decodeBytes(encoding, bytes), charset: encoding };
}

function latin1(bytes: Uint8Array): string {
  let text = '';
  for (const byte of bytes) text += String.fromCharCode(byte);
  return text;
}
