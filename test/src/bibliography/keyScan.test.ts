import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { scanBibtex } from '../../../server/out/bibliography/scanBibtex.js';
import { scanBibtexKeys } from '../../../server/out/bibliography/scanBibtexKeys.js';
import { seededRandom } from '../../../server/out/index/quoteSampler.js';
import { sharedFile } from './sharedData.js';

const encode = (text: string) => new TextEncoder().encode(text);

/** What `scanBibtex` finds in the decoded bytes, in the key scan's shape. */
function fullScan(bytes: Uint8Array, path = 'refs.bib') {
  const scan = scanBibtex(new TextDecoder().decode(bytes), path);
  return { keys: scan.entries.map((e) => e.key), types: scan.entries.map((e) => e.type), lines: scan.entries.map((e) => e.line), problems: scan.problems };
}

/** Holds the key scan of `text` equal to the full scan's, and returns it. */
function sameAsFullScan(text: string | Uint8Array) {
  const bytes = typeof text === 'string' ? encode(text) : text;
  const keys = scanBibtexKeys(bytes, 'refs.bib');
  assert.deepEqual(keys, fullScan(bytes), JSON.stringify(typeof text === 'string' ? text : new TextDecoder().decode(text)));
  return keys;
}

test('the key scan finds what the full scan finds in values with braces, quotes, `#` and macros', () => {
  const scan = sameAsFullScan(`% a comment with an @ sign: someone@example.org
@string{jcp = "J. Chem. Phys."}
@String(name = {A } # "B")
@preamble{ "\\newcommand{\\noop}[1]{}" }
@comment{ @article{commented, title = {Not read}} }  (not an entry)
@article{deOliveira2010,
  title = {({{Liquid}}+liquid) Equilibrium of \\{water\\} and \\}},
  author = {de Oliveira, Leonardo and Aznar, Mart{\\'i}n},
  journal = jcp # " Letters" # {, {B}},
  note = "A quoted {value} with \\" and } braces { inside",
  file = {:Deleuze1990.pdf:PDF}
}
@BOOK(Cousteau1963, author = {{Cousteau Jacques}}, title = "{The Living Sea}", year = 1963)
@online{email, url = {mailto:someone@example.org}, note = {Write to a@b.c}}
`);
  assert.deepEqual(scan.keys, ['deOliveira2010', 'Cousteau1963', 'email']);
  assert.deepEqual(scan.types, ['article', 'book', 'online']);
  assert.deepEqual(scan.problems, []);
});

test('keys with Pandoc\'s internal punctuation, beyond ASCII, or spaced from their braces are read as the full scan reads them', () => {
  const scan = sameAsFullScan(`@misc{url:https://example.org/a.html, title = {A}}
@misc{ doe.2020-a+b?c<d>e~f/g#h$i%j&k , title = {B}}
@misc{Müller2020\u4e2d, title = {C}}
@misc{\u00a0nbsp2020\u00a0, title = {D}}
@misc{emoji\u{1F600}key, title = {E}}
`);
  assert.deepEqual(scan.keys, ['url:https://example.org/a.html', 'doe.2020-a+b?c<d>e~f/g#h$i%j&k', 'Müller2020\u4e2d', 'nbsp2020', 'emoji\u{1F600}key']);
});

test('malformed entries are reported with the same line and words, and scanning resumes at the same place', () => {
  const scan = sameAsFullScan(`@article{a,
  title = {Kept},
  publisher = {Taylor {{\\&} Francis},
  year = {2009}
}

@article{b, title = {Next}}
@article{c title = {No comma}}
@article{b, title = {Again}}
@book{d, title = {Last}}
@book{, title = {No key}}
@book{e
  title = {Missing comma before a field}}
@book{f, title = "Unclosed quote}
@book{g, title {no equals}}
@book{h, title = }
@book{i, = {no name}}
@book{j, title = {A} {B}}
@book{k\u00a0l, title = {Unicode space in a key}}
@book{m, title = {Last one, never closed
`);
  assert.deepEqual(scan.keys, ['a', 'b', 'd', 'e', 'f', 'm']);
  assert.ok(scan.problems.some((p) => /defined again/.test(p.message)));
  assert.ok(scan.problems.some((p) => /no comma after the key “k”/.test(p.message)));
});

test('a byte order mark, Windows line ends and an empty file change nothing', () => {
  sameAsFullScan(new Uint8Array([0xef, 0xbb, 0xbf, ...encode('@misc{bom, title = {A}}\r\n@misc{crlf,\r\n title = {B}\r\n}\r\n')]));
  assert.deepEqual(sameAsFullScan(''), { keys: [], types: [], lines: [], problems: [] });
  sameAsFullScan('no entries here, but an @ sign and @foo and @{');
  // Bytes that are not UTF-8 in a key and in a value: replaced as the decoder replaces them.
  sameAsFullScan(new Uint8Array([...encode('@misc{bad'), 0xff, 0xc3, ...encode(', title = {'), 0xe2, 0x82, ...encode('}}\n@misc{next, title={N}}\n')]));
});

test('on thousands of randomly broken files the key scan agrees with the full scan', () => {
  const base = `@string{pub = {Pub}}
@article{first, title = {A {nested} title}, journal = pub # " X", pages = {1--2}}
@book(second, title = "Quoted {with} braces", year = 2001)
@comment{ignored {braces}}
@misc{third:with.punct, note = {back\\}slash}, file = {:a.pdf:PDF}}
@inproceedings{fourth,
  author = {M{\\"u}ller, J.},
  title = {Über alles},
}
`;
  const pieces = ['{', '}', '(', ')', '"', '@', ',', '=', '#', '\\', '\n', ' ', '\t', '%', 'a', 'é', '\u00a0', '@misc{', '\n@book{x,', 'title = '];
  const random = seededRandom(20261207);
  let broken = 0;
  for (let round = 0; round < 3000; round++) {
    let text = base;
    for (let edits = 1 + Math.floor(random() * 4); edits > 0; edits--) {
      const at = Math.floor(random() * (text.length + 1));
      const cut = random() < 0.4 ? Math.floor(random() * 4) : 0;
      const insert = random() < 0.7 ? pieces[Math.floor(random() * pieces.length)]! : '';
      text = text.slice(0, at) + insert + text.slice(at + cut);
    }
    if (sameAsFullScan(text).problems.length > 0) broken++;
  }
  // Most edits break something: the recovery paths are what is compared.
  assert.ok(broken > 1000, `${broken} of 3000 files had problems`);
});

test('on the 10,000 entries of big-10k.bib the key scan gives the full scan\'s keys, types, lines and problems', (t) => {
  const path = sharedFile(t, 'formats/bib/big-10k.bib');
  if (!path) return;
  const bytes = new Uint8Array(readFileSync(path));
  const keys = scanBibtexKeys(bytes, path);
  assert.ok(keys.keys.length > 9_700, `${keys.keys.length} keys`);
  assert.deepEqual(keys, fullScan(bytes, path));
});
