#!/usr/bin/env node
// Times the draft shapes of issue 11 (pathological Markdown) through the draft parser and,
// for quotations, the quotation pattern: `node scripts/qa/draft-shapes.mjs [outDir] [scale]`.
// outDir defaults to server/out (pass an older build to compare); scale multiplies the
// sizes the issue gives (1 = 20 KB of `- `, 40 KB of setext headings, ...).
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const out = resolve(process.argv[2] ?? 'server/out');
const scale = Number(process.argv[3] ?? '1');
const { parseDraft } = await import(pathToFileURL(`${out}/draft/index.js`).href);
const { quotePattern } = await import(pathToFileURL(`${out}/match/quotePattern.js`).href);

/** Each shape: a function from a size in bytes to a draft. */
export const shapes = {
  'dashes on one line (20 KB)': [20_000, (n) => '- '.repeat(n / 2)],
  'setext headings (40 KB)': [40_000, (n) => 'a\n=\n'.repeat(n / 4)],
  'a.a.a… (160 KB)': [160_000, (n) => 'a.'.repeat(n / 2)],
  'block quote, dash before (80 KB)': [80_000, (n) => `> “it is so” ${'- '.repeat(n / 2)}x [@a]\n`],
  'block quote, cut before (80 KB)': [80_000, (n) => `> “it is so” —${' '.repeat(n)}x [@a]\n`],
  'one quotation with 10,000 ... (70 KB)': [70_000, (n) => `He said “${'word ... '.repeat(n / 7)}end” [@a].\n`],
};

for (const [name, [size, make]] of Object.entries(shapes)) {
  const text = make(Math.round(size * scale / 4) * 4);
  const started = performance.now();
  const cpu = process.cpuUsage();
  const draft = parseDraft(text);
  for (const q of draft.quotes) quotePattern(q.text);
  const ms = performance.now() - started;
  // CPU time too: on a machine shared with other work, wall time mostly measures the wait for a core.
  const used = process.cpuUsage(cpu);
  const cpuMs = (used.user + used.system) / 1000;
  console.log(`${name.padEnd(40)} ×${scale}: ${(text.length / 1000).toFixed(0).padStart(6)} K chars  ${ms.toFixed(1).padStart(9)} ms  (${cpuMs.toFixed(0)} ms CPU)`);
}
