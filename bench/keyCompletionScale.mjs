#!/usr/bin/env node
/**
 * Key completion over a large corpus (issue 11): the CPU time of one
 * `keyCompletions` request over the 100,000 tiny files of bench/hostileScale.mjs
 * (keys `d012/f345`, titles `Note 12345: twelve words…`), loaded in memory, for
 * prefixes a writer types, with the size of the list and of its JSON.
 *
 *   node bench/keyCompletionScale.mjs        (SCALE_FILES=100000)
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadCorpus } from '../server/out/corpus/loadCorpus.js';
import { memoryFileSystem } from '../server/out/engine/memoryFileSystem.js';
import { keyCompletions } from '../server/out/features/keyCompletion.js';
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
console.log(`bench/keyCompletionScale: ${index.size} sources; ${new Date().toISOString()}, load average ${(await import('node:os')).loadavg().map((l) => l.toFixed(1)).join(' ')}`);
for (const prefix of ['', '', 'd01', 'd012/f34', 'note', 'union', 'xyz', 'd012/f34']) {
  const start = process.cpuUsage();
  const list = keyCompletions(index, { kind: 'key', prefix, span: { start: 0, end: prefix.length } });
  const used = process.cpuUsage(start);
  const first = list.items.slice(0, 3).map((i) => i.label).join(' ');
  console.log(`${JSON.stringify(prefix).padEnd(12)} ${((used.user + used.system) / 1000).toFixed(1).padStart(6)} ms CPU, ${list.items.length} items${list.isIncomplete ? ' (incomplete)' : ''}, ` +
    `${(JSON.stringify(list.items).length / 1024).toFixed(0)} KB: ${first}`);
}
