#!/usr/bin/env node
// Runs every PDF of a folder through the PDF reader, each in its own worker
// thread with a time and heap limit, and checks that none hangs, none runs out
// of memory, and none throws anything but an ExtractionError.
//
//   node scripts/qa/pdf-robustness.mjs [--dir ../shared/data/formats/pdf-robustness] [--timeout 20000] [--heap 512] [--jobs 2] [--json FILE]
//
// Prints the outcome table (read / no-text / encrypted / corrupt / other
// failure kinds / timeout / out-of-memory / crash), the slowest files, and every
// file that broke a rule; exits 1 if any did. Run `npx tsc -b` first: it imports
// the compiled reader under server/out/.
import { readdirSync, writeFileSync } from 'node:fs';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { parseArgs } from './lib/random.mjs';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const args = parseArgs(process.argv.slice(2), { dir: join(repo, '..', 'shared', 'data', 'formats', 'pdf-robustness'), timeout: '20000', heap: '512', jobs: '2', json: '' });
const reader = new URL('../../server/out/formats/pdf/index.js', import.meta.url).href;
const contract = new URL('../../server/out/formats/extracted.js', import.meta.url).href;

// The worker reads the file, extracts it, and posts what happened.
const workerCode = `
const { parentPort, workerData } = require('node:worker_threads');
const { readFileSync } = require('node:fs');
(async () => {
  const { extractPdf } = await import(workerData.reader);
  const { ExtractionError } = await import(workerData.contract);
  const bytes = new Uint8Array(readFileSync(workerData.file));
  const start = performance.now();
  try {
    const r = await extractPdf(bytes, workerData.name);
    parentPort.postMessage({ outcome: 'read', ms: performance.now() - start, pages: r.locators?.length ?? 0, chars: r.text.length, notes: r.notes?.length ?? 0, heap: process.memoryUsage().heapUsed });
  } catch (e) {
    const kind = e instanceof ExtractionError ? e.failure : 'threw ' + (e && e.name || typeof e);
    parentPort.postMessage({ outcome: kind, ms: performance.now() - start, message: String(e && e.message || e).slice(0, 200), heap: process.memoryUsage().heapUsed });
  }
})();
`;

function run(file, name) {
  return new Promise((done) => {
    const started = performance.now();
    const worker = new Worker(workerCode, { eval: true, workerData: { file, name, reader, contract }, resourceLimits: { maxOldGenerationSizeMb: Number(args.heap) }, stdout: true, stderr: true });
    worker.stdout.resume();
    worker.stderr.resume();
    let settled = false;
    const finish = (result) => { if (settled) return; settled = true; clearTimeout(timer); worker.terminate().finally(() => done({ name, wall: performance.now() - started, ...result })); };
    const timer = setTimeout(() => finish({ outcome: 'timeout' }), Number(args.timeout));
    worker.on('message', (m) => finish(m));
    worker.on('error', (e) => finish({ outcome: e?.code === 'ERR_WORKER_OUT_OF_MEMORY' ? 'out-of-memory' : 'crash', message: String(e?.message ?? e).slice(0, 200) }));
    worker.on('exit', (code) => finish({ outcome: 'crash', message: `worker exited with ${code}` }));
  });
}

const files = readdirSync(args.dir).filter((f) => f.toLowerCase().endsWith('.pdf')).sort();
const results = [];
let next = 0;
async function lane() {
  while (next < files.length) {
    const name = files[next++];
    results.push(await run(join(args.dir, name), name));
    if (results.length % 50 === 0) process.stderr.write(`pdf-robustness: ${results.length}/${files.length}\n`);
  }
}
const t0 = performance.now();
await Promise.all(Array.from({ length: Math.max(1, Number(args.jobs)) }, lane));
const seconds = (performance.now() - t0) / 1000;

const counts = new Map();
for (const r of results) counts.set(r.outcome, (counts.get(r.outcome) ?? 0) + 1);
console.log(`${files.length} PDFs from ${args.dir} in ${seconds.toFixed(1)} s (timeout ${args.timeout} ms, heap limit ${args.heap} MB, ${args.jobs} at a time)\n`);
console.log('| outcome | files |\n|---|---|');
for (const [outcome, n] of [...counts].sort((a, b) => b[1] - a[1])) console.log(`| ${outcome} | ${n} |`);
const slowest = [...results].sort((a, b) => b.wall - a.wall).slice(0, 10);
console.log('\nSlowest (wall time, including loading pdf.js in a fresh worker):');
for (const r of slowest) console.log(`  ${(r.wall / 1000).toFixed(2)} s  ${r.name}  ${r.outcome}${r.pages ? ` (${r.pages} pages)` : ''}${r.ms !== undefined ? `, extraction alone ${(r.ms / 1000).toFixed(2)} s` : ''}`);
const maxHeap = Math.max(...results.map((r) => r.heap ?? 0));
console.log(`\nLargest heap after a file: ${(maxHeap / 2 ** 20).toFixed(0)} MB`);
const allowed = new Set(['read', 'no-text', 'encrypted', 'corrupt', 'unsupported', 'too-large']);
const broken = results.filter((r) => !allowed.has(r.outcome));
if (broken.length > 0) {
  console.log(`\n${broken.length} broke a rule:`);
  for (const r of broken) console.log(`  ${r.name}: ${r.outcome}${r.message ? ` — ${r.message}` : ''}`);
}
if (args.json) writeFileSync(args.json, JSON.stringify(results, null, 1));
process.exitCode = broken.length > 0 ? 1 : 0;
