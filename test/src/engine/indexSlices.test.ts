import { test } from 'node:test';
import assert from 'node:assert/strict';
import { memoryFileSystem } from '../../../server/out/engine/memoryFileSystem.js';
import { nextTurn } from '../../../server/out/engine/timeSlices.js';
import { CACHE_FORMAT_VERSION, decodeCache, decodeCacheInSlices, encodeCache, encodeCacheInSlices, type CacheContents, type CachedFile } from '../../../server/out/index/cacheFormat.js';
import { CorpusIndex } from '../../../server/out/index/corpusIndex.js';
import { hashWord } from '../../../server/out/index/hash.js';
import { openIndex } from '../../../server/out/index/openIndex.js';
import { cacheFilePath, cacheScope, saveIndex } from '../../../server/out/index/savedIndex.js';
import { buildSegmentData, SEGMENT_ARRAYS } from '../../../server/out/index/segmentData.js';

/**
 * Saving and adding segments in slices (issue 11: no request waits behind
 * them): the same bytes and the same index as in one piece, and requests get
 * in between the slices.
 */

const WORDS = ['harbour', 'ferry', 'breakwater', 'timetable', 'survey', 'Zürich', 'naïve', 'café', '東京', 'emoji 🦀', 'quote “x”', 'back\\slash', 'tab\there'];

/** `count` small documents, each a line of words (some not ASCII). */
function documents(count: number, seed = 1): string[] {
  const out: string[] = [];
  let x = seed;
  for (let i = 0; i < count; i++) {
    const line: string[] = [];
    for (let w = 0; w < 6; w++) {
      x = (Math.imul(x, 1103515245) + 12345) >>> 0;
      line.push(WORDS[x % WORDS.length]!);
    }
    out.push(`Note ${i}: ${line.join(' ')}.\n`);
  }
  return out;
}

/** Saved contents of two segments of generated files, some removed (null), with extracted texts and failures. */
function contents(): CacheContents {
  const texts: Uint8Array[] = [];
  let at = 0;
  const segments = [documents(1200, 3), documents(37, 5)].map((docs, s) => ({
    data: buildSegmentData(docs.map((text) => ({ text, bodyStart: 0 }))),
    files: docs.map((text, i): CachedFile | null => {
      if (i % 97 === 13) return null;
      const file = { path: `corpus/s${s}/f${i}.txt`, size: text.length, mtimeMs: 1_700_000_000_000 + i, digest: `d${i}`, bodyStart: 0 };
      if (i % 50 !== 7) return { ...file, meta: { key: `s${s}_f${i}`, title: `Title ${text.slice(0, 20)}`, opening: text.slice(0, 30), bodyStart: 0 } };
      const bytes = new TextEncoder().encode(text);
      texts.push(bytes);
      const range = { at, length: bytes.length };
      at += bytes.length;
      return { ...file, meta: { key: `s${s}_p${i}`, title: 'A PDF', opening: '', bodyStart: 0, format: 'pdf' as const }, text: range, readerVersion: 1, settled: true as const };
    }),
  }));
  return { scope: '["corpus"]|', segments, texts, failures: [{ path: 'corpus/bad.pdf', size: 3, digest: 'x', kind: 'no-text', message: 'no text', readerVersion: 1 }] };
}

/** The saved index as the format describes it, in one piece (the encoder before slicing): the reference the slices must match. */
function referenceEncode(c: CacheContents): Uint8Array {
  const align4 = (n: number) => (n + 3) & ~3;
  const texts = c.texts ?? [];
  const textBytes = texts.reduce((n, t) => n + t.length, 0);
  const manifest = { scope: c.scope, segments: c.segments.map((s) => ({ files: s.files, lengths: SEGMENT_ARRAYS.map((name) => s.data[name].length) })), textBytes, failures: c.failures ?? [] };
  const json = new TextEncoder().encode(JSON.stringify(manifest));
  let total = 24 + align4(json.length);
  for (const s of c.segments) for (const name of SEGMENT_ARRAYS) total += align4(s.data[name].byteLength);
  total += textBytes;
  const bytes = new Uint8Array(total);
  const view = new DataView(bytes.buffer);
  bytes.set(new TextEncoder().encode('VERBATIX'), 0);
  view.setUint32(8, CACHE_FORMAT_VERSION, true);
  new Uint32Array(bytes.buffer, 12, 1)[0] = 0x01020304;
  view.setUint32(20, json.length, true);
  bytes.set(json, 24);
  let at = 24 + align4(json.length);
  for (const s of c.segments) {
    for (const name of SEGMENT_ARRAYS) {
      const a = s.data[name];
      bytes.set(new Uint8Array(a.buffer, a.byteOffset, a.byteLength), at);
      at += align4(a.byteLength);
    }
  }
  for (const t of texts) { bytes.set(t, at); at += t.length; }
  view.setUint32(16, referenceChecksum(bytes, 24, total), true);
  return bytes;
}

/** The saved index's checksum in one plain loop: four lanes over whole groups of four words, then the lanes and the tail folded in. */
function referenceChecksum(bytes: Uint8Array, from: number, to: number): number {
  const lanes = [0x811c9dc5 ^ (to - from), 0x01000193, 0x9e3779b9, 0x85ebca6b];
  const words = new Uint32Array(bytes.buffer, bytes.byteOffset + from, ((to - from) >>> 2) & ~3);
  for (let w = 0; w < words.length; w++) {
    const lane = w % 4;
    let h = Math.imul(lanes[lane]! ^ words[w]!, 0x01000193);
    h ^= h >>> 15;
    lanes[lane] = h | 0;
  }
  let h = lanes[0]!;
  for (let lane = 1; lane < 4; lane++) {
    h = Math.imul(h ^ lanes[lane]!, 0x01000193);
    h ^= h >>> 15;
  }
  for (let i = from + words.length * 4; i < to; i++) {
    h = Math.imul(h ^ bytes[i]!, 0x01000193);
    h ^= h >>> 15;
  }
  return h >>> 0;
}

/** A `due` for `timeSlices`'s place that ends the slice at every step, counting them. */
function everyStep() {
  const due = () => { due.yields++; return nextTurn(); };
  due.yields = 0;
  return due;
}

test('the sliced encode writes the saved index byte for byte as the one-piece encode and the format describe it', async () => {
  const c = contents();
  const reference = referenceEncode(c);
  const due = everyStep();
  const sliced = await encodeCacheInSlices(c, due);
  assert.ok(due.yields > 3, `it stopped ${due.yields} times`);
  assert.deepEqual(sliced, reference);
  assert.deepEqual(encodeCache(c), reference);
  const decoded = decodeCache(sliced);
  assert.deepEqual(decoded.segments.map((s) => s.files), c.segments.map((s) => s.files));
  assert.deepEqual(decoded.failures, c.failures);
});

/** A memory corpus of `count` tiny files, indexed without a cache folder. */
async function tinyCorpus(count: number) {
  const files: Record<string, string> = {};
  documents(count, 7).forEach((text, i) => { files[`corpus/d${i % 7}/f${i}.txt`] = text; });
  const fs = memoryFileSystem(files);
  const { index } = await openIndex(fs, ['corpus']);
  return { fs, index };
}

test('a save lets waiting work in between its slices, and writes what a save in one piece writes', async () => {
  const { fs, index } = await tinyCorpus(1500);
  const events: string[] = [];
  const writeFile = fs.writeFile!.bind(fs);
  const recording = { ...fs, writeFile: async (path: string, data: Uint8Array) => { events.push('written'); return writeFile(path, data); } };
  const due = everyStep();
  const saving = saveIndex(recording, 'sliced', ['corpus'], index, { due });
  // Queued after the save began, as a request arriving meanwhile would be.
  setImmediate(() => events.push('request'));
  assert.equal(await saving, undefined);
  assert.deepEqual(events, ['request', 'written']);
  assert.ok(due.yields > 1000, `it stopped ${due.yields} times`);
  assert.equal(await saveIndex(fs, 'whole', ['corpus'], index, { due: () => undefined }), undefined);
  const path = (dir: string) => cacheFilePath(dir, cacheScope(['corpus'], {}));
  assert.deepEqual(await fs.readFile(path('sliced')), await fs.readFile(path('whole')));
});

test('segments added in slices make the index that adding them whole makes, and the version moves while they are added', async () => {
  const { index: built } = await tinyCorpus(700);
  const entries = built.segmentEntries();
  const whole = new CorpusIndex();
  for (const entry of entries) whole.addBuilt(entry.sources, entry.data);
  const sliced = new CorpusIndex();
  const versions = new Set<number>();
  const due = () => { versions.add(sliced.version); return nextTurn(); };
  for (const entry of entries) await sliced.addBuiltInSlices(entry.sources, entry.data, due);
  assert.ok(versions.size > 0 && ![...versions].includes(sliced.version), 'nothing seen between slices has the final version');
  assert.deepEqual(sliced.keys(), whole.keys());
  assert.equal(sliced.size, whole.size);
  assert.equal(sliced.wordCount, whole.wordCount);
  for (const word of ['harbour', 'ferry', 'survey', 'note']) {
    const places = (index: CorpusIndex) => {
      const found: string[] = [];
      index.forEachOccurrence(hashWord(word), (doc, at) => { found.push(`${index.doc(doc)?.source.key}:${at}`); });
      return found;
    };
    assert.deepEqual(places(sliced), places(whole), word);
    assert.ok(places(sliced).length > 0, word);
  }
});

/** `bytes` (a saved index) with its manifest replaced by `manifest` and the checksum made again. */
function withManifest(bytes: Uint8Array, manifest: string): Uint8Array {
  const align4 = (n: number) => (n + 3) & ~3;
  const oldLength = new DataView(bytes.buffer, bytes.byteOffset).getUint32(20, true);
  const rest = bytes.subarray(24 + align4(oldLength));
  const json = new TextEncoder().encode(manifest);
  const out = new Uint8Array(24 + align4(json.length) + rest.length);
  out.set(bytes.subarray(0, 24));
  out.set(json, 24);
  out.set(rest, 24 + align4(json.length));
  const view = new DataView(out.buffer);
  view.setUint32(20, json.length, true);
  view.setUint32(16, referenceChecksum(out, 24, out.length), true);
  return out;
}

/** The manifest as one `JSON.parse` reads it: what the sliced decode must give. */
function parsedManifest(bytes: Uint8Array) {
  const length = new DataView(bytes.buffer, bytes.byteOffset).getUint32(20, true);
  return JSON.parse(new TextDecoder().decode(bytes.subarray(24, 24 + length))) as { segments: { files: unknown[] }[] };
}

test('the sliced decode reads what one JSON.parse of the manifest reads, however the manifest is laid out', async () => {
  const bytes = referenceEncode(contents());
  const text = new TextDecoder().decode(bytes.subarray(24, 24 + new DataView(bytes.buffer).getUint32(20, true)));
  const manifest = JSON.parse(text) as { segments: { files: unknown[]; lengths: number[] }[] };
  const variants = [
    bytes,
    // Spaces and new lines: not as encodeCache writes it, so parsed whole.
    withManifest(bytes, JSON.stringify(manifest, null, 1)),
    // Another key order in each segment, and a "files" key in a failure.
    withManifest(bytes, JSON.stringify({ ...manifest, failures: [{ path: 'a', size: 1, digest: 'x', kind: 'no-text', message: 'm', files: [1, 2] }],
      segments: manifest.segments.map((s) => ({ lengths: s.lengths, files: s.files })) })),
    // An earlier "segments" key, which JSON.parse overrides.
    withManifest(bytes, text.replace('{"scope"', '{"segments":[{"files":[null,null],"lengths":[]}],"scope"')),
  ];
  for (const [i, variant] of variants.entries()) {
    const expected = parsedManifest(variant).segments.map((s) => s.files);
    assert.deepEqual(decodeCache(variant).segments.map((s) => s.files), expected, `variant ${i}`);
    const due = everyStep();
    assert.deepEqual((await decodeCacheInSlices(variant, due)).segments.map((s) => s.files), expected, `variant ${i} in slices`);
    if (i === 0) assert.ok(due.yields > 3, `it stopped ${due.yields} times`);
  }
  // Not JSON (an entry cut short): the same error as a whole parse gives.
  const broken = withManifest(bytes, text.replace('"digest":"d8"', '"digest":"d8'));
  assert.throws(() => decodeCache(broken), /manifest is not valid JSON/);
  await assert.rejects(decodeCacheInSlices(broken, everyStep()), /manifest is not valid JSON/);
});
