#!/usr/bin/env node
// Times the draft shapes of issue 11 (pathological Markdown): `node scripts/qa/draft-shapes.mjs [outDir] [scale]`.
// outDir defaults to server/out (pass an older build to compare); scale multiplies the
// sizes the issue gives (1 = 20 KB of `- `, 40 KB of setext headings, ...).
//
// Each shape runs in fresh processes, and every figure is CPU time (on a machine shared
// with other work, wall time mostly measures the wait for a core):
// (the first parse also on the main thread alone, in brackets, where Linux tells it: process CPU
// counts V8's compiler and collector threads too, which run beside the main thread);
// - parse: `parseDraft`, the draft read up to its citations and quotations, plus the
//   quotation pattern (`quotePattern`) of each quotation the check would compare (not
//   under the minimum length, not over MAX_QUOTE_WORDS); first in a fresh process, then
//   the median of three more in the same process;
// - first check: `checkDraft` against a one-source in-memory corpus, first in a fresh
//   process: parse, patterns, search, verdicts and findings.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** Each shape: its size in bytes as the issue gives it, and a function from a size to a draft. */
export const shapes = {
  'dashes on one line (20 KB)': [20_000, (n) => '- '.repeat(n / 2)],
  'setext headings (40 KB)': [40_000, (n) => 'a\n=\n'.repeat(n / 4)],
  'a.a.a… (160 KB)': [160_000, (n) => 'a.'.repeat(n / 2)],
  'block quote, dash before (80 KB)': [80_000, (n) => `> “it is so” ${'- '.repeat(n / 2)}x [@a]\n`],
  'block quote, cut before (80 KB)': [80_000, (n) => `> “it is so” —${' '.repeat(n)}x [@a]\n`],
  'one quotation with 10,000 ... (70 KB)': [70_000, (n) => `He said “${'word ... '.repeat(n / 7)}end” [@a].\n`],
};

const out = resolve(process.argv[2] ?? 'server/out');
const scale = Number(process.argv[3] ?? '1');
const [mode, shapeName] = [process.argv[4], process.argv[5]];
const cpuMs = (since) => { const used = process.cpuUsage(since); return (used.user + used.system) / 1000; };
// The main thread's own CPU time (Linux): process CPU also counts V8's compiler and collector threads,
// which run beside the main thread (40-60 ms of a first parse), not in its way.
const schedstat = `/proc/self/task/${process.pid}/schedstat`;
const threadMs = existsSync(schedstat) ? () => Number(readFileSync(schedstat, 'utf8').split(' ')[0]) / 1e6 : undefined;
const draftOf = (name) => { const [size, make] = shapes[name]; return make(Math.round(size * scale / 4) * 4); };

if (mode === 'parse') {
  const { parseDraft } = await import(pathToFileURL(`${out}/draft/index.js`).href);
  const { quotePattern } = await import(pathToFileURL(`${out}/match/quotePattern.js`).href);
  const check = await import(pathToFileURL(`${out}/features/check.js`).href);
  const maxWords = check.MAX_QUOTE_WORDS ?? Infinity;
  const minWords = check.DEFAULT_MIN_QUOTE_WORDS ?? 0;
  const text = draftOf(shapeName);
  const times = [];
  const threadTimes = [];
  for (let run = 0; run < 4; run++) {
    const started = process.cpuUsage();
    const threadStarted = threadMs?.();
    const draft = parseDraft(text);
    for (const q of draft.quotes) if (q.wordCount >= minWords && q.wordCount <= maxWords) quotePattern(q.text);
    times.push(cpuMs(started));
    if (threadMs) threadTimes.push(threadMs() - threadStarted);
  }
  const warm = times.slice(1).sort((a, b) => a - b)[1];
  console.log(JSON.stringify({ chars: text.length, cold: times[0], warm, ...(threadMs ? { coldThread: threadTimes[0] } : {}) }));
} else if (mode === 'check') {
  const { checkDraft } = await import(pathToFileURL(`${out}/features/check.js`).href);
  const { loadCorpus } = await import(pathToFileURL(`${out}/corpus/loadCorpus.js`).href);
  const { memoryFileSystem } = await import(pathToFileURL(`${out}/engine/memoryFileSystem.js`).href);
  const { CorpusIndex } = await import(pathToFileURL(`${out}/index/corpusIndex.js`).href);
  const { sources } = await loadCorpus(memoryFileSystem({ 'corpus/a.md': 'And so she said that it is so, and went on. The words ended there.\n' }), ['corpus']);
  const index = new CorpusIndex(sources);
  const text = draftOf(shapeName);
  const started = process.cpuUsage();
  const report = checkDraft(index, text);
  console.log(JSON.stringify({ ms: cpuMs(started), findings: report.findings.map((f) => f.code) }));
} else {
  const self = fileURLToPath(import.meta.url);
  const run = (what, name) => JSON.parse(execFileSync(process.execPath, [self, out, String(scale), what, name], { encoding: 'utf8' }));
  console.log(`CPU ms at ×${scale} (${out}): parse first / parse warm / first check (its findings); [parse first on the main thread alone]`);
  for (const name of Object.keys(shapes)) {
    const parse = run('parse', name);
    const check = run('check', name);
    const k = `${(parse.chars / 1000).toFixed(0)} K chars`;
    console.log(`${name.padEnd(40)} ${k.padStart(12)}  ${parse.cold.toFixed(0).padStart(5)} / ${parse.warm.toFixed(0).padStart(5)} / ${check.ms.toFixed(0).padStart(5)}  (${check.findings.join(', ') || 'none'})${parse.coldThread === undefined ? '' : ` [${parse.coldThread.toFixed(0)}]`}`);
  }
}
