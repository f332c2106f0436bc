#!/usr/bin/env node
/**
 * Key completion over a large corpus (issue 11): the CPU time of one
 * `keyCompletions` request over the 100,000 tiny files of bench/hostileScale.mjs
 * (keys `d012/f345`, titles `Note 12345: twelve words…`), loaded in memory, for
 * prefixes a writer types, with the size of the list and of its JSON.
 *
 *   node bench/keyCompletionScale.mjs        (SCALE_FILES=100000)
 */
import { keyCompletions } from '../server/out/features/keyCompletion.js';
import { cpu, heading, tinyIndex } from './tinyCorpus.mjs';

const index = await tinyIndex();
console.log(heading('bench/keyCompletionScale', index));
for (const prefix of ['', '', 'd01', 'd012/f34', 'note', 'union', 'xyz', 'd012/f34']) {
  const { ms, value: list } = cpu(() => keyCompletions(index, { kind: 'key', prefix, span: { start: 0, end: prefix.length } }));
  const first = list.items.slice(0, 3).map((i) => i.label).join(' ');
  console.log(`${JSON.stringify(prefix).padEnd(12)} ${ms.toFixed(1).padStart(6)} ms CPU, ${list.items.length} items${list.isIncomplete ? ' (incomplete)' : ''}, ` +
    `${(JSON.stringify(list.items).length / 1024).toFixed(0)} KB: ${first}`);
}
