/**
 * A JSON parser fed a text in pieces, each parsed as it comes: what the stdio
 * reader uses for a large message's body, so that a 5 MB `didOpen` is parsed
 * while its chunks arrive instead of in one `JSON.parse` at the end (45-65 ms
 * of the server's thread in one piece, with the garbage collection after it).
 * Why our own: JSON.parse takes a whole string, and a streaming parser from npm
 * would be a dependency for one message type; this one is small and is tested
 * against JSON.parse on random values cut at every place (incrementalJson.test.ts).
 * It gives what JSON.parse gives (`__proto__` an own key), and throws a
 * SyntaxError naming JSON where JSON.parse would throw.
 * `const p = new IncrementalJson(); p.feed('{"a": [1, "x'); p.feed('y"]}'); p.end()` is `{ a: [1, 'xy'] }`.
 */

type Container = { readonly kind: 'object'; readonly value: Record<string, unknown>; key: string | undefined } | { readonly kind: 'array'; readonly value: unknown[] };

/** What the parser expects next. */
const enum Expect { Value, KeyOrEnd, Key, Colon, CommaOrEnd, ValueOrEnd, Done }

const STRING_STOP = /["\\]/g;
const NUMBER = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?$/;
const ESCAPES: Readonly<Record<string, string>> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };

export class IncrementalJson {
  private readonly stack: Container[] = [];
  private expect: Expect = Expect.Value;
  private result: unknown;
  /** A string being read: its parts so far, and whether it is an object's key. */
  private string: { parts: string[]; key: boolean } | undefined;
  /** The start of an escape cut off at a piece's end (`\`, `\u00`). */
  private escape = '';
  /** A number or literal cut off at a piece's end. */
  private word = '';

  feed(text: string): void {
    let i = 0;
    const n = text.length;
    while (i < n) {
      if (this.string) { i = this.readString(text, i); continue; }
      if (this.word !== '' || isWordStart(text.charCodeAt(i)) && this.expectsValue()) {
        let j = i;
        while (j < n && isWordChar(text.charCodeAt(j))) j++;
        this.word += text.slice(i, j);
        i = j;
        if (j < n) this.endWord();
        continue;
      }
      const c = text.charCodeAt(i);
      if (c === 32 || c === 9 || c === 10 || c === 13) { i++; continue; }
      i++;
      switch (this.expect) {
        case Expect.Value:
        case Expect.ValueOrEnd:
          if (c === 93 && this.expect === Expect.ValueOrEnd) { this.close('array'); break; } // ]
          if (c === 34) { this.string = { parts: [], key: false }; break; } // "
          if (c === 123) { this.open({ kind: 'object', value: {}, key: undefined }); this.expect = Expect.KeyOrEnd; break; } // {
          if (c === 91) { this.open({ kind: 'array', value: [] }); this.expect = Expect.ValueOrEnd; break; } // [
          throw unexpected(c);
        case Expect.KeyOrEnd:
        case Expect.Key:
          if (c === 125 && this.expect === Expect.KeyOrEnd) { this.close('object'); break; } // }
          if (c === 34) { this.string = { parts: [], key: true }; break; }
          throw unexpected(c);
        case Expect.Colon:
          if (c !== 58) throw unexpected(c); // :
          this.expect = Expect.Value;
          break;
        case Expect.CommaOrEnd: {
          const top = this.stack[this.stack.length - 1]!;
          if (c === 44) { this.expect = top.kind === 'object' ? Expect.Key : Expect.Value; break; } // ,
          if (c === 125 && top.kind === 'object') { this.close('object'); break; }
          if (c === 93 && top.kind === 'array') { this.close('array'); break; }
          throw unexpected(c);
        }
        case Expect.Done:
          throw unexpected(c);
      }
    }
  }

  /** The value parsed; throws when the text ended before it did. */
  end(): unknown {
    if (this.word !== '') this.endWord();
    if (this.expect !== Expect.Done || this.string || this.escape !== '') throw new SyntaxError('Unexpected end of JSON input');
    return this.result;
  }

  private expectsValue(): boolean {
    return this.expect === Expect.Value || this.expect === Expect.ValueOrEnd;
  }

  /** Reads string characters from `i`; where it stopped (the piece's end, or after the closing quote). */
  private readString(text: string, i: number): number {
    const string = this.string!;
    while (this.escape !== '') {
      // An escape begun in the last piece: complete it from this one (`\` then its letter, and for `\u` four digits).
      const need = this.escape.length >= 2 && this.escape[1] === 'u' ? 6 : 2;
      if (this.escape.length === need) {
        string.parts.push(unescape(this.escape));
        this.escape = '';
        break;
      }
      if (i >= text.length) return i;
      this.escape += text[i++];
    }
    for (;;) {
      STRING_STOP.lastIndex = i;
      const stop = STRING_STOP.exec(text);
      const end = stop ? stop.index : text.length;
      if (end > i) {
        const run = text.slice(i, end);
        if (/[\u0000-\u001f]/.test(run)) throw new SyntaxError('Bad control character in string literal in JSON');
        string.parts.push(run);
      }
      if (!stop) return text.length;
      if (text.charCodeAt(end) === 34) {
        this.string = undefined;
        const value = string.parts.length === 1 ? string.parts[0]! : string.parts.join('');
        if (string.key) this.gotKey(value); else this.gotValue(value);
        return end + 1;
      }
      // A backslash: its escape whole in this piece, or kept for the next.
      const need = text[end + 1] === 'u' ? 6 : 2;
      if (end + need > text.length) {
        this.escape = text.slice(end);
        return text.length;
      }
      string.parts.push(unescape(text.slice(end, end + need)));
      i = end + need;
    }
  }

  private endWord(): void {
    const word = this.word;
    this.word = '';
    let value: unknown;
    if (word === 'true') value = true;
    else if (word === 'false') value = false;
    else if (word === 'null') value = null;
    else if (NUMBER.test(word)) value = Number(word);
    else throw new SyntaxError(`Unexpected token '${word.slice(0, 20)}' in JSON`);
    this.gotValue(value);
  }

  private open(container: Container): void {
    this.gotValue(container.value, true);
    this.stack.push(container);
  }

  private close(kind: Container['kind']): void {
    const top = this.stack.pop();
    if (top?.kind !== kind) throw new SyntaxError('Unexpected token in JSON');
    this.expect = this.stack.length === 0 ? Expect.Done : Expect.CommaOrEnd;
  }

  private gotKey(key: string): void {
    (this.stack[this.stack.length - 1] as Extract<Container, { kind: 'object' }>).key = key;
    this.expect = Expect.Colon;
  }

  /** A value read; `opened`: a container, whose own values come next. */
  private gotValue(value: unknown, opened = false): void {
    const top = this.stack[this.stack.length - 1];
    if (!top) this.result = value;
    else if (top.kind === 'array') top.value.push(value);
    // As JSON.parse makes it: `__proto__` an own property, never the object's prototype.
    else Object.defineProperty(top.value, top.key!, { value, writable: true, enumerable: true, configurable: true });
    if (!opened) this.expect = this.stack.length === 0 ? Expect.Done : Expect.CommaOrEnd;
  }
}

function isWordStart(c: number): boolean {
  return c === 45 || (c >= 48 && c <= 57) || c === 116 || c === 102 || c === 110; // - 0-9 t f n
}

function isWordChar(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 97 && c <= 122) || c === 45 || c === 43 || c === 46 || c === 69; // 0-9 a-z - + . E
}

function unescape(escape: string): string {
  if (escape[1] === 'u') {
    if (!/^\\u[0-9a-fA-F]{4}$/.test(escape)) throw new SyntaxError('Bad Unicode escape in JSON');
    return String.fromCharCode(parseInt(escape.slice(2), 16));
  }
  const c = ESCAPES[escape[1]!];
  if (c === undefined) throw new SyntaxError('Bad escaped character in JSON');
  return c;
}

function unexpected(c: number): SyntaxError {
  return new SyntaxError(`Unexpected token '${String.fromCharCode(c)}' in JSON`);
}
