/**
 * The real server over stdio with a PDF, a web page and a Word file in the
 * corpus: each is read by its reader on the extraction threads, or, while a
 * reader is still a placeholder, skipped with a warning that the status names.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FORMAT_CASES, READERS_LANDED } from '../fixtures/formatCorpus.js';
import { removeWorkspace, TestClient, uriOf, writeWorkspace, type Status } from './harness.js';

const FIXTURES = fileURLToPath(new URL('../../fixtures/formats/', import.meta.url));
const FORMAT_FILES = FORMAT_CASES;

let root: string;
let client: TestClient;
let status: Status;
const progressMessages: string[] = [];

before(async () => {
  root = writeWorkspace({ 'corpus/notes.txt': 'Notes\n\nThe ferry timetable changes in October every year.\n' });
  for (const { fixture, file } of FORMAT_FILES) copyFileSync(join(FIXTURES, fixture), join(root, 'corpus', file));
  client = await TestClient.start(root, { configuration: () => ({ corpus: ['corpus'] }) });
  status = await client.indexed(1);
  for (const p of client.progress as { value?: { message?: string } }[]) if (p.value?.message) progressMessages.push(p.value.message);
});

after(async () => {
  await client.stop();
  removeWorkspace(root);
});

test('the status counts the sources of each format, and names each file skipped with its reason', () => {
  assert.equal(status.formats?.['text'], 1);
  const read = FORMAT_FILES.filter(({ format }) => status.formats?.[format] === 1).map(({ file }) => file);
  const skipped = (status.skipped ?? []).map((s) => `${s.path.slice(s.path.lastIndexOf('/') + 1)} ${s.kind}`);
  // Every format file is either read, or skipped because its reader is not there yet: never lost, never both.
  assert.deepEqual([...read, ...skipped.map((s) => s.split(' ')[0])].sort(), FORMAT_FILES.map(({ file }) => file).sort());
  for (const s of skipped) assert.match(s, / unsupported$/);
  for (const { format, file } of FORMAT_FILES) if (READERS_LANDED.has(format)) assert.ok(read.includes(file), `${file} is read`);
  assert.equal(status.sources, 1 + read.length);
  assert.equal(status.warnings, skipped.length);
});

test('the progress says how many files are extracted, and the output what was read', async () => {
  assert.ok(progressMessages.some((m) => /^extracting [0-2]\/3 files$/.test(m)), `progress: ${progressMessages.join(' | ')}`);
  const summary = client.logs.find((l) => l.startsWith('Indexed '));
  assert.match(summary ?? '', /^Indexed \d sources for .+: .*1 plain text file/);
  for (const s of status.skipped ?? []) assert.ok(client.logs.some((l) => l.includes(s.path)), `the output names ${s.path}`);
});

test('a quotation from a format file is checked against its text; from a skipped one, its key is unknown', async () => {
  const draft = FORMAT_FILES.map(({ key, quote }) => `As written, “${quote}” [@${key}].`).join('\n\n') + '\n';
  const diagnostics = await client.open(uriOf(root, 'draft.md'), draft);
  for (const { format, key } of FORMAT_FILES) {
    const codes = diagnostics.filter((d) => (d.data as { key?: string } | undefined)?.key === key || d.message.includes(`@${key}`)).map((d) => d.code);
    if (status.formats?.[format] === 1) assert.deepEqual(codes, [], `the quotation of ${key} is verbatim`);
    else assert.ok(codes.includes('unknown-source'), `@${key} is unknown while its file is skipped: ${JSON.stringify(diagnostics)}`);
  }
});
