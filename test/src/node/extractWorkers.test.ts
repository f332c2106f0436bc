import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { memoryFileSystem } from '../../../server/out/engine/memoryFileSystem.js';
import { ExtractionError, type ExtractedSource } from '../../../server/out/formats/extracted.js';
import { extractInProcess } from '../../../server/out/formats/readers.js';
import { openIndex } from '../../../server/out/index/openIndex.js';
import { extractionBudgetMs, extractWorkers, type ExtractWorkersOptions } from '../../../server/out/node/extractWorkers.js';

const FAKE = new URL('./fakeExtractWorker.js', import.meta.url);
const bytes = new TextEncoder().encode('%PDF-1.4');

/** Runs `body` with a pool of the fake workers, closing it after. */
async function withPool(options: ExtractWorkersOptions, body: (pool: ReturnType<typeof extractWorkers>) => Promise<void>): Promise<void> {
  const pool = extractWorkers({ workerUrl: FAKE, threads: 2, ...options });
  try {
    await body(pool);
  } finally {
    await pool.close();
  }
}

/** The failure a promise rejects with, as `kind: message`. */
async function failureOf(promise: Promise<ExtractedSource>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof ExtractionError, `an ExtractionError, not ${String(error)}`);
    return `${error.failure}: ${error.message}`;
  }
  assert.fail('expected the file to fail');
}

test('reads files on worker threads, several at once, with their pages and metadata', async () => {
  await withPool({}, async (pool) => {
    const results = await Promise.all(['a.pdf', 'b.pdf', 'c.html'].map((name) => pool.extract(name.endsWith('.pdf') ? 'pdf' : 'html', bytes, `corpus/${name}`)));
    assert.deepEqual(results.map((r) => r.text), ['text of corpus/a.pdf (pdf, 8 bytes)', 'text of corpus/b.pdf (pdf, 8 bytes)', 'text of corpus/c.html (html, 8 bytes)']);
    assert.deepEqual(results[0]!.locators, [{ kind: 'page', start: 0, end: 4, index: 1 }]);
    assert.deepEqual(results[0]!.meta, { title: 'Title of corpus/a.pdf' });
  });
});

test('stops a file that runs over its time budget, and the pool goes on reading', async () => {
  await withPool({ timeoutMs: () => 1500 }, async (pool) => {
    const hanging = pool.extract('pdf', bytes, 'corpus/hang.pdf');
    const next = pool.extract('pdf', bytes, 'corpus/after.pdf');
    assert.equal(await failureOf(hanging), 'timeout: corpus/hang.pdf took longer than 2 s to read, so it was skipped. ' +
      'It may be damaged or unusually complex: save it again (for a PDF, print it to a new PDF), or split it.');
    assert.equal((await next).text, 'text of corpus/after.pdf (pdf, 8 bytes)');
    // Both threads stuck at once: each is replaced.
    const stuck = await Promise.all([pool.extract('pdf', bytes, 'hang-1.pdf'), pool.extract('pdf', bytes, 'hang-2.pdf')].map(failureOf));
    assert.deepEqual(stuck.map((s) => s.split(':')[0]), ['timeout', 'timeout']);
    assert.equal((await pool.extract('pdf', bytes, 'fine.pdf')).text, 'text of fine.pdf (pdf, 8 bytes)');
  });
});

test("passes a reader's failure on: its own kind, or 'corrupt' for anything else it throws", async () => {
  await withPool({}, async (pool) => {
    assert.equal(await failureOf(pool.extract('pdf', bytes, 'corpus/locked.pdf')), 'encrypted: corpus/locked.pdf is encrypted: save a copy without a password.');
    assert.equal(await failureOf(pool.extract('docx', bytes, 'corpus/throw.docx')),
      'corrupt: corpus/throw.docx could not be read (Cannot read properties of undefined (reading "xref")); it may be damaged. ' +
      'Open it and save it again, or remove it from the corpus.');
    assert.equal((await pool.extract('pdf', bytes, 'ok.pdf')).text, 'text of ok.pdf (pdf, 8 bytes)');
  });
});

test('a file that kills its thread fails alone, and the thread is replaced', async () => {
  await withPool({}, async (pool) => {
    const [crashed, fine] = await Promise.allSettled([pool.extract('epub', bytes, 'corpus/crash.epub'), pool.extract('pdf', bytes, 'corpus/ok.pdf')]);
    assert.equal(crashed.status, 'rejected');
    assert.equal((crashed as PromiseRejectedResult).reason.failure, 'corrupt');
    assert.match((crashed as PromiseRejectedResult).reason.message, /^corpus\/crash\.epub stopped the reader/);
    assert.equal(fine.status === 'fulfilled' && fine.value.text, 'text of corpus/ok.pdf (pdf, 8 bytes)');
    assert.equal((await pool.extract('pdf', bytes, 'later.pdf')).text, 'text of later.pdf (pdf, 8 bytes)');
  });
});

test('a file that exhausts its heap fails as too large, and the pool goes on', async () => {
  await withPool({ maxMemoryMb: 32 }, async (pool) => {
    assert.equal(await failureOf(pool.extract('pdf', bytes, 'corpus/oom.pdf')),
      'too-large: corpus/oom.pdf needed more than 32 MB of memory to read, so it was skipped. Split it into smaller files, or save it again.');
    assert.equal((await pool.extract('pdf', bytes, 'next.pdf')).text, 'text of next.pdf (pdf, 8 bytes)');
  });
});

test('a corpus with a hostile file: it gets one warning, the rest is indexed', async () => {
  await withPool({ timeoutMs: () => 1500 }, async (pool) => {
    const fs = memoryFileSystem({ 'corpus/hang.pdf': 'x', 'corpus/crash.pdf': 'x', 'corpus/report.pdf': 'x', 'corpus/notes.txt': 'Notes\n\nPlain text.' });
    const { index, warnings } = await openIndex(fs, ['corpus'], { extract: pool.extract });
    assert.deepEqual(warnings.map((w) => `${w.kind} ${w.path}`), ['corrupt corpus/crash.pdf', 'timeout corpus/hang.pdf']);
    assert.deepEqual([...index.sources()].map((s) => s.key).sort(), ['notes', 'report']);
  });
});

/** A reader's outcome, comparable across threads: the text, or the failure and its message. */
function outcome(result: PromiseSettledResult<ExtractedSource>): string {
  return result.status === 'fulfilled' ? `text: ${result.value.text}` : `${(result.reason as ExtractionError).failure}: ${(result.reason as Error).message}`;
}

test('the real worker entry runs the registry of readers, as this thread does (a text, or a placeholder saying it cannot read the format yet)', async () => {
  const pool = extractWorkers({ threads: 1 });
  try {
    const html = new Uint8Array(readFileSync(new URL('../../fixtures/formats/colophon.html', import.meta.url)));
    const [inWorker, inThread] = await Promise.allSettled([pool.extract('html', html, 'corpus/colophon.html'), extractInProcess('html', html, 'corpus/colophon.html')]);
    assert.equal(outcome(inWorker), outcome(inThread));
    assert.match(outcome(inWorker), /^(text: [^]*Daring Fireball is written and produced by John Gruber|unsupported: )/);
  } finally {
    await pool.close();
  }
});

test('without a worker entry, files are read in this thread', async () => {
  const pool = extractWorkers({ workerUrl: new URL('./no-such-worker.js', import.meta.url) });
  try {
    const [viaPool, direct] = await Promise.allSettled([pool.extract('docx', bytes, 'a.docx'), extractInProcess('docx', bytes, 'a.docx')]);
    assert.equal(outcome(viaPool), outcome(direct));
  } finally {
    await pool.close();
  }
});

test("a reader's console output goes to stderr, never to stdout (where a server over stdio speaks the protocol)", () => {
  const pool = new URL('../../../server/out/node/extractWorkers.js', import.meta.url).href;
  const script = `const { extractWorkers } = await import(${JSON.stringify(pool)});
    const pool = extractWorkers({ workerUrl: new URL(${JSON.stringify(FAKE.href)}) });
    const result = await pool.extract('pdf', new Uint8Array(1), 'noisy.pdf');
    await pool.close();
    process.stdout.write(result.text);`;
  const dir = mkdtempSync(join(tmpdir(), 'verbatim-extract-'));
  try {
    writeFileSync(join(dir, 'run.mjs'), script);
    const out = execFileSync(process.execPath, [join(dir, 'run.mjs')], { stdio: ['ignore', 'pipe', 'pipe'] });
    assert.equal(out.toString(), 'text of noisy.pdf (pdf, 1 bytes)');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the time budget grows with the file: a minute, and 4 s per MB', () => {
  assert.equal(extractionBudgetMs(0), 60_000);
  assert.equal(extractionBudgetMs(50 * 1024 * 1024), 260_000);
});
