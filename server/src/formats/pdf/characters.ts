/**
 * Character clean-up of a line of PDF text: a TeX accent set as a separate
 * spacing glyph before its letter ("na¨ıve", "´ecole") is composed with it
 * ("naïve", "école"), as pdftotext does, and a soft hyphen inside a line is
 * dropped (one at the line's end marks a break, see hyphens.ts).
 */
const ACCENTS: Record<string, string> = {
  '\u00a8': '\u0308', // diaeresis
  '\u00b4': '\u0301', // acute
  '\u0060': '\u0300', // grave
  '\u02c6': '\u0302', // circumflex
  '\u02dc': '\u0303', // tilde
  '\u00b8': '\u0327', // cedilla
  '\u02da': '\u030a', // ring
  '\u02c7': '\u030c', // caron
  '\u02d8': '\u0306', // breve
  '\u00af': '\u0304', // macron
  '\u02d9': '\u0307', // dot above
};
const SPACING_ACCENT = /(^|[\p{L}\s])([\u00a8\u00b4\u0060\u02c6\u02dc\u00b8\u02da\u02c7\u02d8\u00af\u02d9]) ?([a-zA-Z\u0131\u0237])/gu;

/** `cleanLine('na¨ıve')` is `naïve`. */
export function cleanLine(line: string): string {
  let out = line.includes('\u00ad') ? line.replace(/\u00ad(?!$)/g, '') : line;
  if (/[\u00a8\u00b4\u0060\u02c6\u02dc\u00b8\u02da\u02c7\u02d8\u00af\u02d9]/.test(out)) {
    out = out.replace(SPACING_ACCENT, (_m, before: string, accent: string, letter: string) => {
      const base = letter === '\u0131' ? 'i' : letter === '\u0237' ? 'j' : letter;
      return before + (base + ACCENTS[accent]!).normalize('NFC');
    });
  }
  return out;
}
