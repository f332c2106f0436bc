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
import { findSources } from '../server/out/features/keyFinder.js';
import { suggestKeys } from '../server/out/features/suggestKeys.js';
import { cpu, heading, tinyIndex } from './tinyCorpus.mjs';

const index = await tinyIndex();

function everySource(key) {
  const found = findSources(index, 'correct', key).filter((r) => r.score <= 0.4)
    .sort((a, b) => a.score - b.score || (a.item.key < b.item.key ? -1 : a.item.key > b.item.key ? 1 : 0));
  return [...new Set(found.map((r) => r.item.key))].slice(0, 3);
}

console.log(heading('bench/didYouMean', index));
const first = cpu(() => suggestKeys(index, 'small'));
console.log(`first search (the candidate filters made): ${first.ms.toFixed(0)} ms CPU`);
for (const key of ['small', 'd012/f3455', 'd12/f345', 'note', 'washington', 'f999x']) {
  const filtered = cpu(() => suggestKeys(index, key));
  const all = cpu(() => everySource(key));
  const same = JSON.stringify(filtered.value) === JSON.stringify(all.value);
  console.log(`${key.padEnd(12)} candidates ${filtered.ms.toFixed(1)} ms, Fuse over every source ${all.ms.toFixed(0)} ms; ${same ? 'same' : 'DIFFERENT'} suggestions: ${filtered.value.join(' ') || '(none)'}`);
}
