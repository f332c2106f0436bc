/**
 * PDF extraction throughput on all cores (issue 9: pages/s "both cores"):
 * `pdftotext`, a bare pdf.js getTextContent loop and Verbatim's reader, each
 * given the same files as a queue served to `jobs` parallel runners (processes
 * for pdftotext, worker threads for the two pdf.js readers, as the corpus's
 * extraction pool runs them), each file once per runner and largest first,
 * so the runners finish together. Wall-clock pages per second; the machine's load average is
 * reported beside it, since other work on a shared machine takes cores too.
 *   const rows = await parallelThroughput({ files: [{ path, pages }], jobs: 2, rounds: 2 });
 */
import { execFile } from 'node:child_process';
import { cpus, loadavg } from 'node:os';
import { Worker } from 'node:worker_threads';

const workerCode = `
const { parentPort, workerData } = require('node:worker_threads');
const { readFileSync } = require('node:fs');
(async () => {
  const { extractPdf } = await import(workerData.reader);
  const { pdfjs } = await import(workerData.pdfjs);
  const lib = await pdfjs();
  const bare = async (bytes) => {
    const task = lib.getDocument({ data: bytes, isEvalSupported: false, disableFontFace: true, verbosity: 0 });
    try {
      const doc = await task.promise;
      let chars = 0;
      for (let p = 1; p <= doc.numPages; p++) {
        const page = await doc.getPage(p);
        for (const item of (await page.getTextContent()).items) chars += item.str.length;
        page.cleanup();
      }
      return chars;
    } finally {
      await task.destroy();
    }
  };
  parentPort.on('message', async ({ path, mode }) => {
    if (path === undefined) { process.exit(0); }
    const bytes = new Uint8Array(readFileSync(path));
    if (mode === 'bare') await bare(bytes); else await extractPdf(bytes, path);
    parentPort.postMessage('done');
  });
  parentPort.postMessage('ready');
})();
`;

/** Runs `queue` (paths) through `jobs` workers in `mode`; resolves to the wall time in ms. */
async function workerRound(queue, mode, jobs, urls) {
  const workers = Array.from({ length: jobs }, () => new Worker(workerCode, { eval: true, workerData: urls }));
  try {
    await Promise.all(workers.map((w) => new Promise((resolve, reject) => { w.once('message', resolve); w.once('error', reject); })));
    const pending = [...queue];
    const start = performance.now();
    await Promise.all(workers.map((w) => new Promise((resolve, reject) => {
      const next = () => {
        const path = pending.shift();
        if (path === undefined) { resolve(); return; }
        w.once('message', next);
        w.postMessage({ path, mode });
      };
      w.once('error', reject);
      next();
    })));
    return performance.now() - start;
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
}

/** Runs pdftotext on `queue` with `jobs` processes at once; resolves to the wall time in ms. */
async function pdftotextRound(queue, jobs) {
  const pending = [...queue];
  const start = performance.now();
  await Promise.all(Array.from({ length: jobs }, async () => {
    for (let path = pending.shift(); path !== undefined; path = pending.shift()) {
      await new Promise((resolve, reject) => execFile('pdftotext', [path, '/dev/null'], (error) => (error ? reject(error) : resolve())));
    }
  }));
  return performance.now() - start;
}

/**
 * Best wall time of `rounds` for each reader over `files`, all in one queue,
 * run on `jobs` runners; rows of [reader, pages/s, ms/page].
 */
export async function parallelThroughput({ files, jobs = Math.min(2, cpus().length), rounds = 2, poppler = true, urls }) {
  // Each file once per runner, largest first: every runner gets a copy of the
  // largest file, so one long file does not leave a core idle at the end.
  const queue = [...files].sort((a, b) => b.pages - a.pages).flatMap((f) => Array.from({ length: jobs }, () => f.path));
  const pages = jobs * files.reduce((a, f) => a + f.pages, 0);
  const best = { pdftotext: Infinity, bare: Infinity, ours: Infinity };
  const load = [loadavg()[0]];
  for (let round = 0; round < rounds; round++) {
    // Alternate the order, so the machine's load falls on both alike.
    const order = round % 2 === 0 ? ['bare', 'ours'] : ['ours', 'bare'];
    for (const mode of order) best[mode] = Math.min(best[mode], await workerRound(queue, mode, jobs, urls));
    if (poppler) best.pdftotext = Math.min(best.pdftotext, await pdftotextRound(queue, jobs));
    load.push(loadavg()[0]);
  }
  const row = (name, ms) => [name, Number.isFinite(ms) ? (pages / (ms / 1000)).toFixed(0) : 'n/a', Number.isFinite(ms) ? (ms / pages).toFixed(1) : 'n/a'];
  return {
    pages,
    jobs,
    load: [Math.min(...load), Math.max(...load)],
    overhead: best.ours / best.bare - 1,
    rows: [row('pdftotext (poppler)', poppler ? best.pdftotext : Infinity), row('pdf.js getTextContent loop', best.bare), ["Verbatim's reader (pdf.js + layout)", ...row('', best.ours).slice(1)]],
  };
}
