import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadCorpus } from '../../../server/out/corpus/loadCorpus.js';
import { memoryFileSystem } from '../../../server/out/engine/memoryFileSystem.js';
import { checkDraft } from '../../../server/out/features/check.js';
import { CorpusIndex } from '../../../server/out/index/corpusIndex.js';

// Two sources hold the same words; which one a verdict names must not depend on
// the order the index met them in (a server's index after a file changed, a CLI's fresh one).
const FILES = {
  'corpus/letter.txt': 'A Letter Home\n\nDear mother, the army moved 300 soldiers to the border and we went with them.\n',
  'corpus/report.txt': 'Troop Levels\n\nOfficials said the army moved 300 soldiers to the border on Tuesday.\n',
};
const DRAFT = [
  'Cited elsewhere: “the army moved 300 soldiers to the border” [@harbor].',
  'Misquoted and uncited: “the army moved 500 soldiers to the border”.',
  'Cited to both: “the army moved 500 soldiers to the border” [@report; @letter].',
  'Unknown key: “the army moved 300 soldiers to the border” [@nobody].',
  '',
].join('\n');

test('a passage two sources share is named by the first source by path, whatever order they were indexed in', async () => {
  const { sources } = await loadCorpus(memoryFileSystem({ ...FILES, 'corpus/harbor.txt': 'Harbor\n\nThe harbor reopened on Monday.\n' }), ['corpus']);
  const named = (index: CorpusIndex) => checkDraft(index, DRAFT).findings.map((f) => `${f.code} ${f.data.sourceKey ?? ''} ${f.message}`);
  const inPathOrder = named(new CorpusIndex(sources));
  assert.deepEqual(named(new CorpusIndex([...sources].reverse())), inPathOrder);
  const updated = new CorpusIndex(sources);
  updated.set(sources.find((s) => s.key === 'letter')!);
  assert.deepEqual(named(updated), inPathOrder);
  assert.deepEqual(inPathOrder.map((f) => f.split(' ').slice(0, 2).join(' ')),
    ['quote-misattributed letter', 'quote-mismatch letter', 'quote-mismatch letter', 'unknown-source letter']);
});

test('keys that a typo matches equally well are suggested in key order, whatever order they were indexed in', async () => {
  const { sources } = await loadCorpus(memoryFileSystem({
    'corpus/report.txt': 'Report\n\nWords.\n', 'corpus/harbor.txt': 'Harbor\n\nWords.\n', 'corpus/lincoln.txt': 'Lincoln\n\nWords.\n',
  }), ['corpus']);
  const suggested = (index: CorpusIndex) => checkDraft(index, 'See [@r].\n').findings.map((f) => f.data.suggestions);
  const inPathOrder = suggested(new CorpusIndex(sources));
  assert.deepEqual(suggested(new CorpusIndex([...sources].reverse())), inPathOrder);
  assert.deepEqual(inPathOrder, [['harbor', 'report']]);
});

test('of more equally voted passages than are aligned, the ones kept are the first by path, whatever order they were indexed in', async () => {
  // 60 sources hold the same sentence after different words: more than the candidates a quotation aligns.
  const files: Record<string, string> = { 'corpus/harbor.txt': 'Harbor\n\nThe harbor reopened on Monday.\n' };
  for (let i = 0; i < 60; i++) files[`corpus/filler/f${String(i).padStart(3, '0')}.txt`] = `Filler ${i}\n\nThe word${i} came.\nWe cannot escape history, they said at dawn.\n`;
  const { sources } = await loadCorpus(memoryFileSystem(files), ['corpus']);
  const draft = 'Cited elsewhere: “we we cannot escape history” [@harbor].\nUncited: “we we cannot escape history, they said at dawn”.\n';
  const named = (index: CorpusIndex) => checkDraft(index, draft).findings.map((f) => `${f.code} ${f.data.sourceKey ?? ''} ${f.data.sourceText ?? ''}`);
  const inPathOrder = named(new CorpusIndex(sources));
  assert.deepEqual(named(new CorpusIndex([...sources].reverse())), inPathOrder);
  const updated = new CorpusIndex(sources);
  for (const source of sources.slice(0, 30)) updated.set(source);
  assert.deepEqual(named(updated), inPathOrder);
  assert.ok(inPathOrder.every((f) => f.includes(' filler/f000 ')), inPathOrder.join('\n'));
});
