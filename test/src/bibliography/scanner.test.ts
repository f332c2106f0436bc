import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { parse } from '@retorquere/bibtex-parser';
import { entryFromScan, scanBibtex } from '../../../server/out/bibliography/scanBibtex.js';
import { scanBibtexKeys } from '../../../server/out/bibliography/scanBibtexKeys.js';
import { plainTex } from '../../../server/out/bibliography/latex.js';
import { parseNames } from '../../../server/out/bibliography/names.js';
import { seededRandom } from '../../../server/out/index/quoteSampler.js';
import { sharedFile } from './sharedData.js';

test('the scanner reads keys, titles, names, years and files', () => {
  const scan = scanBibtex(`% a comment
@string{jcp = "J. Chem. Phys."}
@article{deOliveira2010,
  title = {({{Liquid}}+liquid) Equilibrium of \\{water\\}},
  author = {de Oliveira, Leonardo Hadlich and Aznar, Mart{\\'i}n},
  date = {2010-11},
  journal = jcp # " Letters",
  pages = {1379--1385},
  file = {:Deleuze1990.pdf:PDF}
}
@book(Cousteau1963, author = {{Cousteau Jacques} and {Dugan James}}, title = "{The Living Sea}", year = 1963)
`, 'refs.bib');
  assert.deepEqual(scan.problems, []);
  assert.deepEqual(scan.entries.map((e) => [e.key, e.type, e.line]), [['deOliveira2010', 'article', 3], ['Cousteau1963', 'book', 11]]);
  const first = entryFromScan(scan.entries[0]!);
  assert.equal(first.title, '(Liquid+liquid) Equilibrium of {water}');
  assert.deepEqual(first.authors, [{ family: 'de Oliveira', given: 'Leonardo Hadlich' }, { family: 'Aznar', given: 'Martín' }]);
  assert.equal(first.year, '2010');
  assert.equal(first.container, 'J. Chem. Phys. Letters');
  assert.equal(first.pages, '1379–1385');
  assert.deepEqual(first.files, ['Deleuze1990.pdf']);
  const second = entryFromScan(scan.entries[1]!);
  assert.deepEqual(second.authors, [{ literal: 'Cousteau Jacques' }, { literal: 'Dugan James' }]);
  assert.equal(second.title, 'The Living Sea');
  assert.equal(second.year, '1963');
});

test('one bad brace loses one field, not the bibliography; each problem is reported once with its line', () => {
  const scan = scanBibtex(`@article{a,
  title = {Kept},
  publisher = {Taylor {{\\&} Francis},
  year = {2009}
}

@article{b, title = {Next}}
@article{c title = {No comma}}
@article{b, title = {Again}}
@book{d, title = {Last}}
`, 'refs.bib');
  assert.deepEqual(scan.entries.map((e) => e.key), ['a', 'b', 'd']);
  assert.equal(scan.entries[0]!.fields.get('title'), 'Kept');
  assert.deepEqual(scan.problems.map((p) => p.line), [1, 8, 9]);
  assert.match(scan.problems[0]!.message, /unbalanced braces/);
  assert.match(scan.problems[1]!.message, /no comma after the key “c”/);
  assert.match(scan.problems[2]!.message, /“b” is defined again/);
});

test('a crossref child inherits the fields it lacks', () => {
  const scan = scanBibtex('@inbook{ch, title = {Lebanon}, crossref = {bk}}\n@book{bk, title = {Book}, year = {2004}}\n', 'r.bib');
  const child = entryFromScan(scan.entries[0]!);
  assert.equal(child.title, 'Lebanon');
  assert.equal(child.year, '2004');
});

test('LaTeX becomes text and names are read in all three forms', () => {
  assert.equal(plainTex('G\\"{o}del {{and}} Escher --- \\emph{a} \\& b'), 'Gödel and Escher — a & b');
  assert.equal(plainTex('Pet\\H o and M\\"uller, Brau\\ss e'), 'Pető and Müller, Brauße');
  assert.deepEqual(parseNames('Ludwig van Beethoven and Smith, Jr, John and {World Bank}'),
    [{ family: 'van Beethoven', given: 'Ludwig' }, { family: 'Smith', given: 'John' }, { literal: 'World Bank' }]);
});

test('text with braces, dashes or ties but no LaTeX command takes a shorter path to the same result as with one', () => {
  // `\\Q` is a command that gives nothing, so it sends the same text down the full path.
  const parts = ['a', 'B', ' ', '\t', '\n', '{', '}', '-', '--', '---', '~', '\u00a0', '\u2003', 'é', 'e\u0301', 'A\u030a', '中', ',', ' and ', '\'', '"', '&'];
  const random = seededRandom(10);
  for (let i = 0; i < 20_000; i++) {
    let text = '';
    for (let n = Math.floor(random() * 12); n > 0; n--) text += parts[Math.floor(random() * parts.length)];
    // (Text with none of these is only spaced, not normalized, which is older and another path.)
    if (!/[{}~-]/.test(text)) continue;
    assert.equal(plainTex(text), plainTex(`${text}\\Q`), JSON.stringify(text));
  }
});

test('the scanner and the key scan agree with @retorquere/bibtex-parser on 10,000 real entries', (t) => {
  const path = sharedFile(t, 'formats/bib/big-10k.bib');
  if (!path) return;
  const text = readFileSync(path, 'utf8');
  const library = parse(text, { raw: true });
  const scan = scanBibtex(text, 'big-10k.bib');
  // Entries the parser could not parse cleanly: each is in one of its errors' input.
  const failed = library.errors.map((e) => e.input ?? '').join('\n');
  const theirs = new Map<string, (typeof library.entries)[number]>();
  for (const entry of library.entries) if (!theirs.has(entry.key)) theirs.set(entry.key, entry);
  const mine = new Map(scan.entries.map((e) => [e.key, e]));
  assert.ok(mine.size > 9_700, `the scanner kept ${mine.size} keys`);
  // The keys-only scan of the bytes (what the first completion waits for) is held to the parser the same way.
  const keyScan = scanBibtexKeys(new Uint8Array(readFileSync(path)), 'big-10k.bib');
  assert.deepEqual(keyScan.keys, scan.entries.map((e) => e.key));
  for (const [name, keys] of [['scanner', new Set(mine.keys())], ['key scan', new Set(keyScan.keys)]] as const) {
    for (const key of theirs.keys()) if (!keys.has(key)) assert.ok(failed.includes(key), `the ${name} lost @${key}`);
    for (const key of keys) if (!theirs.has(key)) assert.ok(failed.includes(key.slice(0, 6)), `the ${name} invented @${key}`);
  }
  const flat = (s: string | undefined) => (s === undefined ? undefined : plainTex(s).replace(/\s+/g, ''));
  let compared = 0;
  for (const [key, entry] of theirs) {
    const scanned = mine.get(key);
    if (!scanned || failed.includes(`{${key},`)) continue;
    compared++;
    assert.equal(flat(scanned.fields.get('title')), flat(entry.fields.title as string | undefined), `title of @${key}`);
    assert.equal(scanned.fields.get('year'), entry.fields.year, `year of @${key}`);
  }
  assert.ok(compared > 9_600, `compared ${compared}`);
  // About 95 entries are malformed; each is reported, and no more than that.
  const malformed = scan.problems.filter((p) => !/defined again/.test(p.message));
  assert.ok(malformed.length >= 20 && malformed.length <= 120, `${malformed.length} malformed entries reported`);
});
