// Turns source text into Markdown draft text that parses back to the same words.

/**
 * Escapes what Markdown would read as markup, keeps line breaks (one per run,
 * never a blank line) and turns double quote marks inside the quotation into
 * single ones, as writers do. `escapeText('a *b*\n\n- c')` is `a \*b\*\n\- c`.
 */
export function escapeText(text) {
  let t = text.replace(/\r\n?/g, '\n').replace(/[ \t]*\n\s*/g, '\n');
  t = t.replace(/“/g, '‘').replace(/”/g, '’')
    .replace(/(^|[\s(\[—–-])"/g, '$1‘').replace(/"/g, '’');
  t = t.replace(/[\\`*_[\]<>&#|~]/g, '\\$&');
  // A line may not start a list, a heading underline or an ordered item.
  t = t.replace(/\n([-+=])/g, '\n\\$1').replace(/\n(\d+)([.)])/g, '\n$1\\$2');
  return t;
}

/** Draft text for parts `{ t, raw }`: raw parts (editorial marks) go in as written. */
export function renderParts(parts) {
  let out = parts.map((p) => (p.raw ? p.t : escapeText(p.t))).join('');
  // A digit-led line after a break may still read as a list item: join it to the line before.
  out = out.replace(/\n(?=\d)/g, ' ');
  return out;
}

/** The passage as words and the source's separators between them: `{ ws: [...], seps: [...] }`. */
export function tokens(passage) {
  const text = passage.source.text;
  const ws = passage.words.map((w) => w.text);
  // Only a currency or percent sign touches its neighbour (`$5`, `30%`); a space there keeps
  // mutated neighbours apart (`were $5` swapped is `$ were 5`, not `$ were5`) and reads the same.
  const seps = passage.words.slice(1).map((w, i) => text.slice(passage.words[i].end, w.start) || ' ');
  return { ws, seps };
}

/** Parts for words and separators, the words from `from` to `to` (exclusive). */
export function joinParts(ws, seps, from = 0, to = ws.length) {
  const parts = [];
  for (let i = from; i < to; i++) {
    parts.push({ t: ws[i] });
    if (i < to - 1) parts.push({ t: seps[i] ?? ' ' });
  }
  return parts;
}
