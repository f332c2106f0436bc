import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BibEntry } from '../../../server/out/bibliography/entry.js';
import { Bibliography, compareKeys } from '../../../server/out/bibliography/bibliography.js';
import { ArrivingBibEntry, isSettled } from '../../../server/out/bibliography/lazyEntry.js';
import { entryFromScan, scanBibtex } from '../../../server/out/bibliography/scanBibtex.js';
import { BibliographyStore } from '../../../server/out/bibliography/store.js';
import { memoryFileSystem } from '../../../server/out/engine/memoryFileSystem.js';
import { bibtexThread, startBibtexWorker } from '../../../server/out/node/bibtexThread.js';
import { sha256Digest } from '../../../server/out/node/digest.js';
import { fullBibParser } from '../../../server/out/node/fullBibParse.js';
import { sharedFile } from '../bibliography/sharedData.js';
import { MALFORMED_BIB } from './bibFixture.js';

const BIB = `${MALFORMED_BIB}@misc{Zeta, title = {Z}}
@misc{alpha, title = {A}}
`;

/** Every entry the thread sends, step by step. */
async function readAll(bytes: Uint8Array, path: string, parse = true, cacheDir?: string) {
  // A thread started ahead, as the server's is.
  const reading = bibtexThread(() => cacheDir, { spare: startBibtexWorker() })(bytes, path);
  const keys = (await reading.keys)!;
  const scanned: BibEntry[] = [];
  assert.equal(await reading.scanned((batch) => scanned.push(...batch)), true);
  const parsed = parse ? await reading.parsed() : undefined;
  reading.stop();
  return { keys, scanned, parsed };
}

test('the thread\'s keys, types, lines, problems and entries\' text are the scan\'s here, and its order is the keys sorted', async () => {
  const text = BIB + Array.from({ length: 600 }, (_, i) => `@misc{m${i}, title = {Caf\\'e ${i} \u4e2d}, author = {M\\"uller, J\u00fcrgen}}\n`).join('');
  // A byte order mark and characters of several bytes: decoded there as here.
  const { keys, scanned, parsed } = await readAll(new TextEncoder().encode('\uFEFF' + text), 'refs.bib');
  const here = scanBibtex(text, 'refs.bib');
  assert.deepEqual(keys.keys, here.entries.map((e) => e.key));
  assert.deepEqual(keys.types, here.entries.map((e) => e.type));
  assert.deepEqual(Array.from(keys.lines), here.entries.map((e) => e.line));
  assert.deepEqual(keys.problems, here.problems);
  assert.deepEqual(Array.from(keys.order, (i) => keys.keys[i]), [...keys.keys].sort(compareKeys));
  // More entries than one batch (250), in file order.
  assert.deepEqual(scanned, here.entries.map(entryFromScan));
  // Then the full parse, as the full parse alone gives it.
  assert.deepEqual(parsed, await fullBibParser(() => undefined)(text, 'refs.bib'));
});

test('on the 10,000 entries of big-10k.bib the thread sends what the scan here makes', async (t) => {
  const path = sharedFile(t, 'formats/bib/big-10k.bib');
  if (!path) return;
  const bytes = readFileSync(path);
  const here = scanBibtex(bytes.toString('utf8'), path);
  const { keys, scanned } = await readAll(new Uint8Array(bytes), path, false);
  assert.ok(keys.keys.length > 9_700);
  assert.deepEqual(keys.keys, here.entries.map((e) => e.key));
  assert.deepEqual(Array.from(keys.lines), here.entries.map((e) => e.line));
  assert.deepEqual(keys.problems, here.problems);
  assert.deepEqual(Array.from(keys.order, (i) => keys.keys[i]), [...keys.keys].sort(compareKeys));
  assert.deepEqual(scanned, here.entries.map(entryFromScan));
});

test('given no bytes, the thread reads the file itself, and a thread started ahead (`spare`) is the one used', { timeout: 10_000 }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'verbatim-bibread-'));
  try {
    const path = join(dir, 'refs.bib');
    writeFileSync(path, BIB);
    const given = await readAll(new TextEncoder().encode(BIB), path);
    const spare = startBibtexWorker();
    const exited = once(spare, 'exit');
    const reading = bibtexThread(() => undefined, { spare })(undefined, path);
    const keys = (await reading.keys)!;
    const scanned: BibEntry[] = [];
    assert.equal(await reading.scanned((batch) => scanned.push(...batch)), true);
    assert.deepEqual(keys, given.keys);
    assert.deepEqual(scanned, given.scanned);
    // The thread that read it ends when the reading stops: the spare (unused, it would last 20 s, past this test's time).
    reading.stop();
    await exited;
    // A file the thread cannot read: no keys (the store then reads it here, which says why).
    assert.equal(await bibtexThread(() => undefined)(undefined, join(dir, 'missing.bib')).keys, undefined);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a store whose thread reads the files lists the keys the thread read, and reads here what the thread cannot', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'verbatim-bibread-'));
  try {
    const onDisk = join(dir, 'refs.bib').replace(/\\/g, '/');
    writeFileSync(onDisk, BIB);
    // The store sees refs.bib (its stat), but reading it here throws: the thread reads it from disk.
    const fs = memoryFileSystem({ [onDisk]: BIB, '/w/only-in-memory.bib': '@book{memory, title = {M}}\n' });
    const thread = bibtexThread(() => undefined);
    const handed: string[] = [];
    const store = new BibliographyStore({ ...fs, readFile: async (path) => {
      if (path === onDisk) throw new Error('read on the server\'s thread');
      return fs.readFile(path);
    } }, { bibtexThread: (bytes, path) => { handed.push(path); return thread(bytes, path); }, threadReadsFiles: true });
    const file = await store.load(onDisk);
    assert.deepEqual(file.entries.map((e) => e.key), ['deOliveira2010', 'broken', 'after', 'Zeta', 'alpha']);
    assert.ok(file.entries[0] instanceof ArrivingBibEntry);
    await store.whenSettled(onDisk);
    assert.equal(store.peek(onDisk)!.entries[0]!.title, '(Liquid+liquid) Equilibrium of {water}');
    // Not on disk: the thread fails, and the store reads it through its FileSystem.
    assert.deepEqual((await store.load('/w/only-in-memory.bib')).entries.map((e) => e.key), ['memory']);
    const missing = await store.load('/w/missing.bib');
    assert.equal(missing.status, 'missing');
    // A missing file is found so on this thread: no thread is started (or the early one taken) for it.
    assert.deepEqual(handed, [onDisk, '/w/only-in-memory.bib']);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a buffer shared with other bytes is copied to the thread, never emptied', async () => {
  const shared = new Uint8Array(new TextEncoder().encode(`xx${BIB}yy`).buffer, 2, new TextEncoder().encode(BIB).length);
  const { keys } = await readAll(shared, 'refs.bib', false);
  assert.deepEqual(keys.keys, ['deOliveira2010', 'broken', 'after', 'Zeta', 'alpha']);
  assert.equal(new TextDecoder().decode(shared), BIB);
});

test('the store lists a thread\'s keys first, then their text, then the full parse, keeping lines and attachments', async () => {
  const changes: BibEntry[][] = [];
  let parsed!: () => void;
  const landed = new Promise<void>((resolve) => { parsed = resolve; });
  const store = new BibliographyStore(memoryFileSystem({ '/w/refs.bib': BIB }), {
    bibtexThread: bibtexThread(() => undefined),
    onChange: (path) => {
      const file = store.peek(path)!;
      changes.push([...file.entries]);
      if (file.parsed) parsed();
    },
  });
  const first = await store.load('/w/refs.bib');
  assert.deepEqual(first.entries.map((e) => [e.key, e.line, e.type]), [['deOliveira2010', 1, 'article'], ['broken', 9, 'book'], ['after', 12, 'book'], ['Zeta', 13, 'misc'], ['alpha', 14, 'misc']]);
  assert.equal(first.problems.length, 1);
  assert.ok(first.entries[0] instanceof ArrivingBibEntry);
  // Sorted on the thread: the bibliography lists them in key order without sorting here.
  assert.deepEqual(Array.from(first.keyOrder!), [3, 2, 4, 1, 0]);
  assert.deepEqual(new Bibliography([first]).sortedEntries().map((e) => e.key), ['Zeta', 'after', 'alpha', 'broken', 'deOliveira2010']);
  await store.whenSettled('/w/refs.bib');
  const here = scanBibtex(BIB, '/w/refs.bib').entries.map(entryFromScan);
  assert.ok(first.entries.every(isSettled));
  assert.deepEqual(JSON.parse(JSON.stringify(first.entries)), JSON.parse(JSON.stringify(here)));
  // The file changed when the text came (a new file of the same entries), and again with the full parse.
  assert.notEqual(store.peek('/w/refs.bib'), first);
  await landed;
  const full = store.peek('/w/refs.bib')!;
  assert.equal(full.parsed, true);
  assert.deepEqual(full.entries.map((e) => [e.key, e.line]), [['deOliveira2010', 1], ['broken', 9], ['after', 12], ['Zeta', 13], ['alpha', 14]]);
  assert.equal(full.entries[0]!.title, '(Liquid+liquid) Equilibrium of {water}');
  assert.deepEqual(full.entries[0]!.files, ['Deleuze1990.pdf']);
  assert.equal(changes.length, 3);
});

test('when the thread fails, the store reads the file here; a file read again drops the thread\'s work', async () => {
  const failing = new BibliographyStore(memoryFileSystem({ '/w/refs.bib': BIB }), {
    bibtexThread: () => ({ keys: Promise.resolve(undefined), scanned: async () => false, parsed: async () => undefined, stop: () => undefined }),
  });
  const file = await failing.load('/w/refs.bib');
  assert.deepEqual(file.entries.map((e) => e.key), ['deOliveira2010', 'broken', 'after', 'Zeta', 'alpha']);
  assert.equal(file.entries[0]!.title, '(Liquid+liquid) Equilibrium of {water}');
  // Failing after the keys (a crashed thread): the keys stand, and the file is read here for the text.
  let stops = 0;
  const crashing = new BibliographyStore(memoryFileSystem({ '/w/refs.bib': BIB }), {
    bibtexThread: (bytes) => {
      const keys = scanBibtex(new TextDecoder().decode(bytes), 'refs.bib').entries.map((e) => e.key);
      return {
        keys: Promise.resolve({ keys, types: keys.map(() => 'misc'), lines: keys.map(() => 1), order: keys.map((_, i) => i), problems: [] }),
        scanned: async () => false,
        parsed: async () => undefined,
        stop: () => { stops++; },
      };
    },
  });
  assert.ok((await crashing.load('/w/refs.bib')).entries[0] instanceof ArrivingBibEntry);
  await crashing.whenSettled('/w/refs.bib');
  const reread = crashing.peek('/w/refs.bib')!;
  assert.equal(reread.entries[0]!.title, '(Liquid+liquid) Equilibrium of {water}');
  assert.deepEqual(reread.entries.map((e) => [e.key, e.line]), [['deOliveira2010', 1], ['broken', 9], ['after', 12], ['Zeta', 13], ['alpha', 14]]);
  assert.equal(stops, 1);

  // The first read's text is held back until the file was read again: then it is dropped and its thread stopped.
  let release!: () => void;
  const held = new Promise<void>((resolve) => { release = resolve; });
  let dropped!: () => void;
  const stopped = new Promise<void>((resolve) => { dropped = resolve; });
  const fs = memoryFileSystem({ '/w/refs.bib': '@book{old, title = {Old}}\n' });
  const slow = new BibliographyStore(fs, {
    bibtexThread: (bytes) => {
      const entries = scanBibtex(new TextDecoder().decode(bytes), 'refs.bib').entries;
      const keys = entries.map((e) => e.key);
      const first = keys[0] === 'old';
      return {
        keys: Promise.resolve({ keys, types: keys.map(() => 'book'), lines: keys.map(() => 1), order: keys.map((_, i) => i), problems: [] }),
        scanned: async (onBatch) => {
          if (first) await held;
          onBatch(entries.map(entryFromScan));
          return true;
        },
        parsed: async () => undefined,
        stop: () => { if (first) dropped(); },
      };
    },
  });
  const old = await slow.load('/w/refs.bib');
  assert.deepEqual(old.entries.map((e) => e.key), ['old']);
  await fs.writeFile!('/w/refs.bib', new TextEncoder().encode('@book{new, title = {New}}\n'));
  await slow.reload('/w/refs.bib');
  release();
  await stopped;
  assert.deepEqual(slow.peek('/w/refs.bib')!.entries.map((e) => e.key), ['new']);
  assert.equal(old.entries[0]!.title, undefined, 'the older text was not put in');
});

test('keys scanned once are saved by the bytes\' hash and sent from there at the next read, with the same text after', async () => {
  const cache = mkdtempSync(join(tmpdir(), 'verbatim-bibkeys-'));
  try {
    const bytes = () => new TextEncoder().encode(BIB);
    const first = await readAll(bytes(), 'refs.bib', true, cache);
    const saved = readdirSync(cache).filter((f) => f.startsWith('bibliography-keys-'));
    assert.deepEqual(saved, [`bibliography-keys-1-${sha256Digest(bytes())}.json`]);
    const again = await readAll(bytes(), 'refs.bib', true, cache);
    assert.deepEqual(again, first);
    // The same bytes at another path (another workspace's copy): its problems name that path.
    assert.ok(first.keys.problems.length > 0 && first.keys.problems.every((p) => p.path === 'refs.bib'));
    const elsewhere = await readAll(bytes(), 'other/refs.bib', false, cache);
    assert.deepEqual(elsewhere.keys.problems, first.keys.problems.map((p) => ({ ...p, path: 'other/refs.bib' })));
    // What is sent is what was saved: saved keys that the scan does not find (an older scanner) are
    // sent all the same, each with the text of that key if the scan has it, and the saved keys are dropped.
    const stale = { keys: 'after\nghost', types: 'book\nmisc', lines: [12, 20], order: [0, 1], problems: [] };
    writeFileSync(join(cache, saved[0]!), JSON.stringify(stale));
    const older = await readAll(bytes(), 'refs.bib', false, cache);
    assert.deepEqual(older.keys.keys, ['after', 'ghost']);
    assert.deepEqual(older.scanned.map((e) => [e.key, e.title]), [['after', 'After'], ['ghost', undefined]]);
    assert.deepEqual(readdirSync(cache).filter((f) => f.startsWith('bibliography-keys-')), []);
  } finally {
    rmSync(cache, { recursive: true, force: true });
  }
});
