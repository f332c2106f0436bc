/**
 * The corpus of tiny files the issue 11 benches use, in memory: `count`
 * files `corpus/d012/f345.txt` of one line, `Note 12345: ` and twelve words of
 * a sotu speech (bench/hostileScale.mjs writes the same to disk).
 * `const index = await tinyIndex(100_000)`.
 */
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadCorpus } from '../server/out/corpus/loadCorpus.js';
import { memoryFileSystem } from '../server/out/engine/memoryFileSystem.js';
import { CorpusIndex } from '../server/out/index/corpusIndex.js';
import { seededRandom } from '../server/out/index/quoteSampler.js';

const repo = fileURLToPath(new URL('..', import.meta.url));
const SOTU = join(resolve(process.env.BENCH_DATA ?? join(repo, '..', 'shared', 'data')), 'sotu');

export async function tinyIndex(count = Number(process.env.SCALE_FILES ?? 100_000)) {
  const random = seededRandom(11);
  const words = readFileSync(join(SOTU, '1790_george_washington_n.txt'), 'utf8').toLowerCase().match(/[a-z]+/g);
  const files = {};
  for (let i = 0; i < count; i++) {
    const at = Math.floor(random() * (words.length - 12));
    files[`corpus/d${String(Math.floor(i / 1000)).padStart(3, '0')}/f${i % 1000}.txt`] = `Note ${i}: ${words.slice(at, at + 12).join(' ')}.\n`;
  }
  const { sources } = await loadCorpus(memoryFileSystem(files), ['corpus']);
  return new CorpusIndex(sources);
}

/** `name: 100000 sources; <time>, load average 1.0 1.2 1.5`. */
export function heading(name, index) {
  return `${name}: ${index.size} sources; ${new Date().toISOString()}, load average ${loadavg().map((l) => l.toFixed(1)).join(' ')}`;
}

/** CPU ms of `work`, and its value. */
export function cpu(work) {
  const start = process.cpuUsage();
  const value = work();
  const used = process.cpuUsage(start);
  return { ms: (used.user + used.system) / 1000, value };
}
