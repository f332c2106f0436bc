/**
 * LaTeX in a BibTeX field turned into the text a reader sees, for the fast
 * scan (the full parse with @retorquere/bibtex-parser replaces it): accents
 * (`\'e`, `{\"o}`, `\c{c}`, `\H o`), special letters (`\ss`, `\o`), escaped
 * characters (`\&`, `\%`), dashes (`--`), ties (`~`), formatting commands
 * (`\emph{x}` is `x`) and case-protecting braces go.
 * `plainTex('G\\"{o}del {{and}} Escher --- \\emph{a} \\& b')` is `Gödel and Escher — a & b`.
 */
export function plainTex(value: string): string {
  if (!/[\\{}~-]/.test(value)) return value.replace(/\s+/g, ' ').trim();
  // Without a command, only braces, dashes and ties change: the same result as below for a third of the work.
  if (!value.includes('\\') && !/[\uE000\uE001]/.test(value)) {
    return nfc(value.replace(/[{}]/g, '').replace(/---/g, '—').replace(/--/g, '–').replace(/~/g, '\u00a0').replace(/\s+/g, ' ').trim());
  }
  const text = value
    .replace(/\\([`'^"~=.uvHckrbd])\s*\{?\s*\\?([A-Za-z])\}?/g, (whole, accent: string, letter: string) => accented(letter, accent) ?? whole)
    .replace(/\\(ss|ae|AE|oe|OE|aa|AA|o|O|l|L|i|j)(?![A-Za-z])\s?/g, (_w, name: string) => LETTERS[name] ?? name)
    .replace(/\\([&%$#_])/g, '$1')
    .replace(/\\\{/g, '\uE000').replace(/\\\}/g, '\uE001') // escaped braces are characters: kept apart from the braces that go
    .replace(/\\(?:textbackslash)(?![A-Za-z])\s?/g, '\\')
    .replace(/\\[A-Za-z]+\*?\s*(?=\{)/g, '') // \emph{x} → {x}
    .replace(/\\[A-Za-z]+(?![A-Za-z])\s?/g, '') // unknown commands without arguments
    .replace(/\\(.)/g, '$1')
    .replace(/[{}]/g, '')
    .replace(/---/g, '—')
    .replace(/--/g, '–')
    .replace(/~/g, '\u00a0')
    .replace(/\uE000/g, '{').replace(/\uE001/g, '}');
  return nfc(text.replace(/\s+/g, ' ').trim());
}

/** `text.normalize('NFC')`, without calling ICU for ASCII, which it leaves as it is. */
function nfc(text: string): string {
  return /^[\x00-\x7f]*$/.test(text) ? text : text.normalize('NFC');
}

const LETTERS: Readonly<Record<string, string>> = {
  ss: 'ß', ae: 'æ', AE: 'Æ', oe: 'œ', OE: 'Œ', aa: 'å', AA: 'Å', o: 'ø', O: 'Ø', l: 'ł', L: 'Ł', i: 'ı', j: 'ȷ',
};

const COMBINING: Readonly<Record<string, string>> = {
  '`': '\u0300', "'": '\u0301', '^': '\u0302', '~': '\u0303', '=': '\u0304', u: '\u0306', '.': '\u0307', '"': '\u0308',
  r: '\u030a', H: '\u030b', v: '\u030c', c: '\u0327', k: '\u0328', b: '\u0331', d: '\u0323',
};

function accented(letter: string, accent: string): string | undefined {
  const mark = COMBINING[accent];
  return mark === undefined ? undefined : (letter + mark).normalize('NFC');
}
