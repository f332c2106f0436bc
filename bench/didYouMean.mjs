#!/usr/bin/env node
/**
 * "Did you mean" over a large corpus (issue 11): the CPU time of one unknown
 * key's suggestions over the 100,000 tiny files of bench/hostileScale.mjs
 * (keys `d012/f345`, titles `Note 12345: twelve words…`), loaded in memory,
 * against Fuse.js over every source (what `suggestKeys` ran before
 * `KeyCandidates`: `findSources(index, 'correct', key)`), and whether both
 * suggest the same keys.
 *
 *   node bench/didYouMean.mjs        (SCALE_FILES=100000)
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadCorpus } from '../server/out/corpus/loadCorpus.js';
import { memoryFileSystem } from '../server/out/engine/memoryFileSystem.js';
import { findSources } from '../server/out/features/keyFinder.js';
import { suggestKeys } from '../server/out/features/suggestKeys.js';
import { CorpusIndex } from '../server/out/index/corpusIndex.js';
import { seededRandom } from '../server/out/index/quoteSampler.js';

const repo = fileURLToPath(new URL('..', import.meta.url));
const SOTU = join(resolve(process.env.BENCH_DATA ?? join(repo, '..', 'shared', 'data')), 'sotu');
const FILES = Number(process.env.SCALE_FILES ?? 100_000);

const random = seededRandom(11);
const words = readFileSync(join(SOTU, '1790_george_washington_n.txt'), 'utf8').toLowerCase().match(/[a-z]+/g);
const files = {};
for (let i = 0; i < FILES; i++) {
  const at = Math.floor(random() * (words.length - 12));
  files[`corpus/d${String(Math.floor(i / 1000)).padStart(3, '0')}/f${i % 1000}.txt`] = `Note ${i}: ${words.slice(at, at + 12).join(' ')}.\n`;
}
const { sources } = await loadCorpus(memoryFileSystem(files), ['corpus']);
const index = new CorpusIndex(sources);

/** CPU ms of `work`. */
function cpu(work) {
  const start = process.cpuUsage();
  const value = work();
  const used = process.cpuUsage(start);
  return { ms: (used.user + used.system) / 1000, value };
}

function everySource(key) {
  const found = findSources(index, 'correct', key).filter((r) => r.score <= 0.4)
    .sort((a, b) => a.score - b.score || (a.item.key < b.item.key ? -1 : a.item.key > b.item.key ? 1 : 0));
  return [...new Set(found.map((r) => r.item.key))].slice(0, 3);
}

console.log(`bench/didYouMean: ${index.size} sources; ${new Date().toISOString()}, load average ${(await import('node:os')).loadavg().map((l) => l.toFixed(1)).join(' ')}`);
const first = cpu(() => suggestKeys(index, 'small'));
console.log(`first search (the candidate filters made): ${first.ms.toFixed(0)} ms CPU`);
for (const key of ['small', 'd012/f3455', 'd12/f345', 'note', 'washington', 'f999x']) {
  const filtered = cpu(() => suggestKeys(index, key));
  const all = cpu(() => everySource(key));
  const same = JSON.stringify(filtered.value) === JSON.stringify(all.value);
  console.log(`${key.padEnd(12)} candidates ${filtered.ms.toFixed(1)} ms, Fuse over every source ${all.ms.toFixed(0)} ms; ${same ? 'same' : 'DIFFERENT'} suggestions: ${filtered.value.join(' ') || '(none)'}`);
}
