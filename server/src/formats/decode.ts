/**
 * Decodes bytes in a WHATWG encoding (`utf-8`, `windows-1252`, `shift_jis`...)
 * with TextDecoder, mending windows-1252: Node 20's TextDecoder decodes it as
 * ISO-8859-1, so bytes 0x80–0x9F come out as C1 control characters instead of
 * € ‚ ƒ „ … † ‡ ˆ ‰ Š ‹ Œ Ž ‘ ’ “ ” • – — ˜ ™ š › œ ž Ÿ (the curly quotes and
 * dashes of every legacy Western page). The mapping is the WHATWG index; a
 * correct decoder never yields those controls for these bytes, so mending is
 * harmless where Node is fixed.
 *
 *   decodeBytes('windows-1252', Uint8Array.of(0x93, 0x41, 0x94)) → '“A”'
 */
export function decodeBytes(encoding: string, bytes: Uint8Array): string {
  const text = new TextDecoder(encoding).decode(bytes);
  if (encoding !== 'windows-1252') return text;
  return text.replace(/[\u0080-\u009f]/g, (control) => WINDOWS_1252_C1[control.charCodeAt(0) - 0x80] ?? control);
}

/** What windows-1252 puts at 0x80–0x9F (the five it leaves undefined map to themselves, as in the WHATWG index). */
const WINDOWS_1252_C1 = [
  '\u20ac', '\u0081', '\u201a', '\u0192', '\u201e', '\u2026', '\u2020', '\u2021',
  '\u02c6', '\u2030', '\u0160', '\u2039', '\u0152', '\u008d', '\u017d', '\u008f',
  '\u0090', '\u2018', '\u2019', '\u201c', '\u201d', '\u2022', '\u2013', '\u2014',
  '\u02dc', '\u2122', '\u0161', '\u203a', '\u0153', '\u009d', '\u017e', '\u0178',
];
