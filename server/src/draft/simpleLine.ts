import type { Blockquote, Paragraph, Root, Text } from 'mdast';

/**
 * The tree micromark gives a piece that is one line of plain words, maybe in a
 * block quote (`> ` at its start), built without micromark; undefined for any
 * other piece. micromark reads about 10 MB a second, and 800 K characters of a
 * quoted line (`> “it is so” - - - … [@a]`) cost it 60-110 ms of CPU here.
 *
 * "Plain" is narrow on purpose: the line starts with a letter or a quote mark (so
 * it opens no list, heading, code, HTML, thematic break, definition or deeper
 * block quote), and holds none of `\ & ` * _ < ! (`, a tab, NUL or CR (no escape,
 * entity, code, emphasis, HTML, autolink, link or image). Brackets may stay: with
 * no `(` and no definition in the piece (a definition would start the line with
 * `[`), `[@a]` and `[a][b]` are read as text. Tested against micromark's trees on
 * random lines (`test/src/engine/simpleLine.test.ts`). `maxMarkup`: the most
 * brackets and `>` the parser reads as Markdown (`MAX_MARKUP`); beyond, undefined.
 */
export function simpleLineTree(body: string, maxMarkup: number): Root | undefined {
  let end = body.length;
  while (end > 0 && body.charCodeAt(end - 1) === 10) end--;
  let from = 0;
  if (body.charCodeAt(0) === 62) from = body.charCodeAt(1) === 32 ? 2 : 1; // `>`, `> `
  if (end <= from || !SAFE_START.test(body[from]!)) return undefined;
  // A pattern scans far faster than a loop over char codes here (900 K characters: 18 ms).
  if (NOT_PLAIN.test(from === 0 && end === body.length ? body : body.slice(from, end))) return undefined;
  // More markup than the parser allows, and the slow path reads the piece as plain text (`parse.ts` `plainTree`).
  if (from + count(body, '[', from, end) + count(body, ']', from, end) + count(body, '>', from, end) > maxMarkup) return undefined;
  let textEnd = end;
  while (textEnd > from && body.charCodeAt(textEnd - 1) === 32) textEnd--;
  const lines = end === body.length ? 1 : 1 + body.length - end;
  const rootEnd = { line: lines, column: lines === 1 ? body.length + 1 : 1, offset: body.length };
  const at = (offset: number) => ({ line: 1, column: offset + 1, offset });
  const text: Text = { type: 'text', value: body.slice(from, textEnd), position: { start: at(from), end: at(textEnd) } };
  const paragraph: Paragraph = { type: 'paragraph', children: [text], position: { start: at(from), end: at(end) } };
  if (from === 0) return { type: 'root', children: [paragraph], position: { start: at(0), end: rootEnd } };
  const quote: Blockquote = { type: 'blockquote', children: [paragraph], position: { start: at(0), end: at(end) } };
  return { type: 'root', children: [quote], position: { start: at(0), end: rootEnd } };
}

const SAFE_START = /^[A-Za-z\u201c\u2018"']/;
const NOT_PLAIN = /[\n\r\t\0&!(*\\`_<]/;

/** How many times `ch` occurs in `text[from, to)`. */
function count(text: string, ch: string, from: number, to: number): number {
  let n = 0;
  for (let i = text.indexOf(ch, from); i >= 0 && i < to; i = text.indexOf(ch, i + 1)) n++;
  return n;
}
