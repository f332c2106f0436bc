#!/usr/bin/env node
/**
 * What a cold start costs before big-10k.bib's keys can be listed (issue 10),
 * each step in a new process, so V8 has compiled nothing yet, as in a new thread:
 * - `thread, before`: what the BibTeX thread did before it could send the keys
 *   until session 8: decode the bytes, `scanBibtex`, sort the keys;
 * - `thread, now`: `scanBibtexKeys` on the bytes, sort the keys;
 * - `server`: what the server's thread does with the keys: 10,000
 *   `ArrivingBibEntry`s and the key map, then the first key completion over them.
 * Process CPU (V8's compiler threads included) and wall clock, RUNS times each (default 4).
 *   npm run build && node bench/bibKeysCold.mjs
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const big = join(resolve(process.env.BENCH_DATA ?? join(repo, '..', 'shared', 'data')), 'formats', 'bib', 'big-10k.bib');
const cpu = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };

async function step(name) {
  const { compareKeys } = await import('../server/out/bibliography/bibliography.js');
  const bytes = new Uint8Array(readFileSync(big));
  const sort = (keys) => Int32Array.from(keys.keys()).sort((a, b) => compareKeys(keys[a], keys[b]));
  if (name === 'server') {
    const { scanBibtexKeys } = await import('../server/out/bibliography/scanBibtexKeys.js');
    const { Bibliography, mapKeysInSlices } = await import('../server/out/bibliography/bibliography.js');
    const { ArrivingBibEntry } = await import('../server/out/bibliography/lazyEntry.js');
    const { complete } = await import('../server/out/features/completion.js');
    const { CorpusIndex } = await import('../server/out/index/corpusIndex.js');
    const scan = scanBibtexKeys(bytes, big);
    const order = sort(scan.keys);
    const index = new CorpusIndex();
    let [t, c] = [performance.now(), cpu()];
    const entries = scan.keys.map((key, i) => new ArrivingBibEntry(key, scan.types[i], scan.lines[i]));
    await mapKeysInSlices(entries);
    const made = [performance.now() - t, cpu() - c];
    const bibliography = new Bibliography([{ path: big, entries, problems: [], status: 'ok', keyOrder: order }]);
    const draft = `See [@${scan.keys[1]}`;
    [t, c] = [performance.now(), cpu()];
    complete(index, draft, draft.length, bibliography);
    return `entries and key map ${made[1].toFixed(0)} ms CPU (${made[0].toFixed(0)} wall), first completion ${(cpu() - c).toFixed(0)} ms CPU (${(performance.now() - t).toFixed(0)} wall)`;
  }
  const [t, c] = [performance.now(), cpu()];
  if (name === 'before') {
    const { scanBibtex } = await import('../server/out/bibliography/scanBibtex.js');
    sort(scanBibtex(new TextDecoder().decode(bytes), big).entries.map((e) => e.key));
  } else {
    const { scanBibtexKeys } = await import('../server/out/bibliography/scanBibtexKeys.js');
    sort(scanBibtexKeys(bytes, big).keys);
  }
  return `${(cpu() - c).toFixed(0)} ms CPU (${(performance.now() - t).toFixed(0)} wall)`;
}

if (process.argv[2]) {
  console.log(await step(process.argv[2]));
} else if (!existsSync(big)) {
  console.log(`${big} is missing; nothing was measured.`);
} else {
  console.log(`bench/bibKeysCold: big-10k.bib, load average ${loadavg()[0].toFixed(1)} at the start`);
  const runs = Number(process.env.RUNS ?? 4);
  for (const [name, label] of [['before', 'thread, before'], ['now', 'thread, now'], ['server', 'server']]) {
    const results = [];
    for (let i = 0; i < runs; i++) results.push(execFileSync(process.execPath, [fileURLToPath(import.meta.url), name], { encoding: 'utf8' }).trim());
    console.log(`${label}: ${results.join('; ')}`);
  }
  console.log(`load average ${loadavg()[0].toFixed(1)} at the end`);
}
