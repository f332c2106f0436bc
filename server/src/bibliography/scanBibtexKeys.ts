import type { BibProblem } from './entry.js';
import { isFieldStop, isNameChar, isSpace } from './scanBibtex.js';

/** A BibTeX file's keys as `scanBibtexKeys` finds them: in file order, with their entries' types and lines. */
export interface BibKeyScan {
  readonly keys: string[];
  readonly types: string[];
  readonly lines: number[];
  readonly problems: BibProblem[];
}

/** Thrown inside the scan only, as in `scanBibtex`: what is wrong, where scanning resumes, whether the entry still counts. */
class Malformed {
  constructor(readonly message: string, readonly resume: number, readonly keepsEntry = false) {}
}

/**
 * The keys of a BibTeX/BibLaTeX file, read from its UTF-8 bytes: the same
 * keys, types, lines and problems as `scanBibtex` on the decoded text, in
 * a fraction of its time. Why a second scanner: the first completion waits
 * for the keys, and `scanBibtex` first needs the whole file decoded (~50 ms
 * for 7 MB) and then builds every entry's fields (~100 ms warm for 10,000
 * entries, two or three times that in a thread whose code is not compiled
 * yet); this pass walks the same structure (entries, fields, braced and quoted
 * values, `#`, `@string`, `@comment`, the same recovery from a bad brace) over
 * the bytes without making any string but the keys and types. Every character
 * the structure depends on is ASCII, so bytes and characters agree on it; a
 * key is decoded from its own bytes. `test/src/bibliography/keyScan.test.ts`
 * holds it equal to `scanBibtex` on `big-10k.bib`, on tricky fixtures and on
 * thousands of randomly broken files.
 * `scanBibtexKeys(new TextEncoder().encode('@book{a, title={T}}'), 'refs.bib').keys` is `['a']`.
 */
export function scanBibtexKeys(bytes: Uint8Array, path: string): BibKeyScan {
  return new KeyScanner(bytes, path).scan();
}

const decoder = new TextDecoder('utf-8');
const encoder = new TextEncoder();

/** `comment`, `preamble`, `string` in bytes, to compare an entry's type with (lower case). */
const COMMENT = [99, 111, 109, 109, 101, 110, 116];
const PREAMBLE = [112, 114, 101, 97, 109, 98, 108, 101];
const STRING = [115, 116, 114, 105, 110, 103];

/**
 * The scan's state. Why keys are kept as byte spans until the end: making
 * 10,000 small strings (and hashing them for the duplicates) one at a time
 * was a third of the scan; all keys joined are decoded in one call and split.
 */
class KeyScanner {
  /** Each entry kept so far (before duplicates are dropped): its key's and type's byte spans and its line. */
  private readonly keyStarts: number[] = [];
  private readonly keyEnds: number[] = [];
  private readonly typeStarts: number[] = [];
  private readonly typeEnds: number[] = [];
  private readonly entryLines: number[] = [];
  /** Keys with bytes outside ASCII, by entry: decoded and trimmed one by one (JavaScript's `trim` knows more spaces). */
  private readonly decodedKeys = new Map<number, string>();
  /** Problems, each with the number of entries kept before it, to interleave those of duplicate keys. */
  private readonly problems: BibProblem[] = [];
  private readonly problemAt: number[] = [];
  private line = 1;
  private lineAt = 0;
  /** The name of the last field read (its bytes), for a problem's message. */
  private nameStart = 0;
  private nameEnd = 0;

  constructor(private readonly b: Uint8Array, private readonly path: string) {}

  private lineOf(offset: number): number {
    const b = this.b;
    let line = this.line;
    for (let j = this.lineAt; j < offset; j++) if (b[j] === 10) line++;
    this.line = line;
    this.lineAt = offset;
    return line;
  }

  private problem(line: number, message: string): void {
    this.problems.push({ path: this.path, line, message });
    this.problemAt.push(this.keyStarts.length);
  }

  scan(): BibKeyScan {
    const b = this.b;
    const n = b.length;
    let at = 0;
    while (at < n) {
      const atSign = b.indexOf(64, at);
      if (atSign < 0) break;
      const entryLine = this.lineOf(atSign);
      let i = atSign + 1;
      const typeStart = i;
      while (i < n && isNameChar(b[i]!)) i++;
      const typeEnd = i;
      i = skipSpace(b, i);
      const open = b[i];
      if (typeEnd === typeStart || (open !== 123 && open !== 40)) { at = atSign + 1; continue; }
      const close = open === 123 ? 125 : 41;
      i++;
      let keyStart = -1;
      let keyEnd = -1;
      let key = '';
      try {
        if (isType(b, typeStart, typeEnd, COMMENT) || isType(b, typeStart, typeEnd, PREAMBLE)) {
          at = open === 123 ? braced(b, i - 1) : skipTo(b, i, 41);
          continue;
        }
        if (isType(b, typeStart, typeEnd, STRING)) {
          const end = this.field(i);
          at = expectClose(b, skipSpace(b, end), close);
          continue;
        }
        const written = findKeyEnd(b, i, close);
        keyStart = i;
        keyEnd = written;
        while (keyStart < keyEnd && isTrimmed(b[keyStart]!)) keyStart++;
        while (keyEnd > keyStart && isTrimmed(b[keyEnd - 1]!)) keyEnd--;
        let wide = false;
        let spaced = false;
        for (let j = keyStart; j < keyEnd; j++) {
          const c = b[j]!;
          if (c >= 128) wide = true;
          else if (isTrimmed(c)) spaced = true;
        }
        if (wide) {
          // Rare: decoded alone, so that JavaScript's own `trim` and `\s` decide, as in `scanBibtex`.
          const decoded = decoder.decode(b.subarray(i, written)).trim();
          if (decoded === '' || /\s/.test(decoded)) throw new Malformed(decoded === '' ? 'the entry has no key' : `no comma after the key “${decoded.split(/\s/)[0]}”`, written);
          key = decoded;
        } else if (keyStart === keyEnd || spaced) {
          throw new Malformed(keyStart === keyEnd ? 'the entry has no key' : `no comma after the key “${text(b, keyStart, keyEnd).split(/\s/)[0]}”`, written);
        }
        i = written;
        for (;;) {
          i = skipSpace(b, i);
          if (i >= n) throw new Malformed(`@${key || text(b, keyStart, keyEnd)}: the entry is not closed`, i, true);
          const c = b[i];
          if (c === 44) { i++; continue; }
          if (c === close) { i++; break; }
          const end = this.field(i);
          const next = skipSpace(b, end);
          if (b[next] !== 44 && b[next] !== close) {
            const name = this.fieldName();
            // The value took the entry's closing brace (it opens one more than it closes): the entry ends before the next.
            const newline = lastNewline(b, end, next);
            const runsOn = newline >= 0 && startsEntry(b, newline + 1);
            const shown = key || text(b, keyStart, keyEnd);
            throw new Malformed(runsOn ? `@${shown}: unbalanced braces in the field “${name}”` : `@${shown}: expected “,” or “${close === 125 ? '}' : ')'}” after the field “${name}”`, next, runsOn);
          }
          i = end;
        }
        at = i;
      } catch (error) {
        if (!(error instanceof Malformed)) throw error;
        this.problem(entryLine, error.message);
        at = nextEntryStart(b, Math.max(error.resume, atSign + 1));
        // An entry cut short by the next one (an unbalanced brace) keeps its key, as in `scanBibtex`.
        if (!error.keepsEntry || keyEnd < 0 || (keyStart === keyEnd && key === '')) continue;
      }
      if (key !== '') this.decodedKeys.set(this.keyStarts.length, key);
      this.keyStarts.push(keyStart);
      this.keyEnds.push(keyEnd);
      this.typeStarts.push(typeStart);
      this.typeEnds.push(typeEnd);
      this.entryLines.push(entryLine);
    }
    return this.finish();
  }

  /** The keys decoded at once, duplicates dropped (each a problem, in the order `scanBibtex` reports it). */
  private finish(): BibKeyScan {
    const { b, keyStarts, keyEnds, typeStarts, typeEnds, decodedKeys } = this;
    const count = keyStarts.length;
    const wide = [...decodedKeys].map(([at, key]) => [at, encoder.encode(key)] as const);
    const wideAt = new Map(wide);
    let size = count;
    for (let e = 0; e < count; e++) size += wideAt.get(e)?.length ?? keyEnds[e]! - keyStarts[e]!;
    const joinedKeys = new Uint8Array(size);
    let typeSize = count;
    for (let e = 0; e < count; e++) typeSize += typeEnds[e]! - typeStarts[e]!;
    const joinedTypes = new Uint8Array(typeSize);
    let k = 0;
    let t = 0;
    for (let e = 0; e < count; e++) {
      if (e > 0) { joinedKeys[k++] = 10; joinedTypes[t++] = 10; }
      const encoded = wideAt.get(e);
      if (encoded) {
        joinedKeys.set(encoded, k);
        k += encoded.length;
      } else {
        for (let j = keyStarts[e]!, end = keyEnds[e]!; j < end; j++) joinedKeys[k++] = b[j]!;
      }
      for (let j = typeStarts[e]!, end = typeEnds[e]!; j < end; j++) {
        const c = b[j]!;
        joinedTypes[t++] = c >= 65 && c <= 90 ? c + 32 : c;
      }
    }
    const allKeys = count === 0 ? [] : decoder.decode(joinedKeys.subarray(0, k)).split('\n');
    const allTypes = count === 0 ? [] : decoder.decode(joinedTypes.subarray(0, t)).split('\n');
    const keys: string[] = [];
    const types: string[] = [];
    const lines: number[] = [];
    const problems: BibProblem[] = [];
    const seen = new Set<string>();
    let p = 0;
    for (let e = 0; e < count; e++) {
      while (p < this.problems.length && this.problemAt[p]! <= e) problems.push(this.problems[p++]!);
      const key = allKeys[e]!;
      if (seen.has(key)) {
        problems.push({ path: this.path, line: this.entryLines[e]!, message: `the key “${key}” is defined again; the first entry is kept` });
        continue;
      }
      seen.add(key);
      keys.push(key);
      types.push(allTypes[e]!);
      lines.push(this.entryLines[e]!);
    }
    while (p < this.problems.length) problems.push(this.problems[p++]!);
    return { keys, types, lines, problems };
  }

  /** The field's name, lower case, as `scanBibtex` writes it in a problem. */
  private fieldName(): string {
    return text(this.b, this.nameStart, this.nameEnd).toLowerCase();
  }

  /** Skips `name = value # value ...` from `i` (as `readField`), to the end of its last part. */
  private field(i: number): number {
    const b = this.b;
    const n = b.length;
    const nameStart = i;
    while (i < n && !isSpace(b[i]!) && !isFieldStop(b[i]!)) i++;
    this.nameStart = nameStart;
    this.nameEnd = i;
    if (i === nameStart) throw new Malformed(`unexpected “${i < n ? charAt(b, i) : 'end of file'}” where a field name should be`, i);
    i = skipSpace(b, i);
    if (b[i] !== 61) throw new Malformed(`the field “${this.fieldName()}” has no “=”`, i);
    i = skipSpace(b, i + 1);
    for (;;) {
      const c = b[i];
      if (c === 123) {
        i = braced(b, i);
      } else if (c === 34) {
        i = quoted(b, i);
      } else {
        const start = i;
        while (i < n && !isSpace(b[i]!) && !isFieldStop(b[i]!)) i++;
        if (i === start) throw new Malformed(`the field “${this.fieldName()}” has no value`, i);
      }
      const next = skipSpace(b, i);
      if (b[next] !== 35) return i;
      i = skipSpace(b, next + 1);
    }
  }
}

/** Whether the type's bytes are `lower`, in any case. */
function isType(b: Uint8Array, start: number, end: number, lower: readonly number[]): boolean {
  if (end - start !== lower.length) return false;
  for (let j = 0; j < lower.length; j++) if ((b[start + j]! | 32) !== lower[j]) return false;
  return true;
}

/** The ASCII characters JavaScript's `trim` removes and `\s` matches: tab, line feed, vertical tab, form feed, return, space. */
function isTrimmed(c: number): boolean {
  return c === 32 || (c >= 9 && c <= 13);
}

function skipSpace(b: Uint8Array, i: number): number {
  while (i < b.length && isSpace(b[i]!)) i++;
  return i;
}

/** ASCII bytes as a string (entry types are name characters only). */
function ascii(b: Uint8Array, start: number, end: number): string {
  let s = '';
  for (let j = start; j < end; j++) s += String.fromCharCode(b[j]!);
  return s;
}

/** The text of bytes `start` to `end`: ASCII directly, else decoded (as the whole file's decoding gives it). */
function text(b: Uint8Array, start: number, end: number): string {
  for (let j = start; j < end; j++) if (b[j]! >= 128) return decoder.decode(b.subarray(start, end));
  return ascii(b, start, end);
}

/** The character (UTF-16 unit) at byte `i`, as `text[i]` gives it at the same place. */
function charAt(b: Uint8Array, i: number): string {
  return decoder.decode(b.subarray(i, i + 4))[0]!;
}

/** The end of a key: the comma or closing brace, or a newline before a field (the comma is missing). */
function findKeyEnd(b: Uint8Array, i: number, close: number): number {
  const n = b.length;
  for (let j = i; j < n; j++) {
    const c = b[j];
    if (c === 44 || c === close) return j;
    // `scanBibtex` tests the next 199 characters: 1,024 bytes hold at least that many.
    if (c === 10 && /^\s*[A-Za-z_][\w-]*\s*=/.test(decoder.decode(b.subarray(j + 1, j + 1025)).slice(0, 199))) return j;
  }
  return n;
}

/** The end (after the closing brace) of the braced group opening at `i`. */
function braced(b: Uint8Array, i: number): number {
  const n = b.length;
  let depth = 0;
  for (let j = i; j < n; j++) {
    const c = b[j]!;
    if (c === 92) { j++; continue; } // a backslash: `\{` and `\}` are characters
    if (c === 123) depth++;
    else if (c === 125) {
      depth--;
      if (depth === 0) return j + 1;
    } else if (c === 10 && startsEntry(b, j + 1)) {
      throw new Malformed('unbalanced braces: the value runs into the next entry', j + 1, true);
    }
  }
  throw new Malformed('unbalanced braces: the value is not closed before the end of the file', n, true);
}

function quoted(b: Uint8Array, i: number): number {
  const n = b.length;
  let depth = 0;
  for (let j = i + 1; j < n; j++) {
    const c = b[j]!;
    if (c === 92) { j++; continue; }
    if (c === 123) depth++;
    else if (c === 125) depth--;
    else if (c === 34 && depth <= 0) return j + 1;
    else if (c === 10 && startsEntry(b, j + 1)) throw new Malformed('unclosed quotation mark: the value runs into the next entry', j + 1, true);
  }
  throw new Malformed('unclosed quotation mark', n);
}

/** Whether a line starting at `i` opens an entry: `@article{`, `@book (`. */
function startsEntry(b: Uint8Array, i: number): boolean {
  const n = b.length;
  let j = i;
  while (j < n && (b[j] === 32 || b[j] === 9)) j++;
  if (b[j] !== 64) return false;
  j++;
  const start = j;
  while (j < n && isNameChar(b[j]!)) j++;
  if (j === start) return false;
  j = skipSpace(b, j);
  return b[j] === 123 || b[j] === 40;
}

/** The last newline at or before `to` and at or after `from`; -1 when none. */
function lastNewline(b: Uint8Array, from: number, to: number): number {
  for (let j = Math.min(to, b.length - 1); j >= from; j--) if (b[j] === 10) return j;
  return -1;
}

function nextEntryStart(b: Uint8Array, from: number): number {
  if ((from === 0 || b[from - 1] === 10) && startsEntry(b, from)) return from;
  let i = from;
  for (;;) {
    const nl = b.indexOf(10, i);
    if (nl < 0) return b.length;
    if (startsEntry(b, nl + 1)) return nl + 1;
    i = nl + 1;
  }
}

function expectClose(b: Uint8Array, i: number, close: number): number {
  if (b[i] !== close) throw new Malformed(`expected “${close === 125 ? '}' : ')'}”`, i);
  return i + 1;
}

function skipTo(b: Uint8Array, i: number, close: number): number {
  const end = b.indexOf(close, i);
  return end < 0 ? b.length : end + 1;
}
