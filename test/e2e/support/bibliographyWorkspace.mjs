// The bibliography fixture the real-editor suites open: a copy of the bundled corpus,
// a `refs.bib` with one entry whose `file` field points at a corpus text and one
// without full text, and a draft whose front matter names `refs.bib` (issue 10).
import { cpSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from './workspace.mjs';

/** The entries, the quotes the draft makes, and what the hovers and messages should show. */
export const bibFixture = {
  draftName: 'chapter.md',
  bibName: 'refs.bib',
  /** Its `file` field is the corpus text that holds `checkedQuote`. */
  attachedKey: 'blinken2024',
  attachedFile: 'corpus/004_7057f728a6457717.txt',
  /** No `file` field and no corpus file of its name: a quotation cited to it is unverifiable. */
  bookKey: 'cousteau1963',
  /** The start of the formatted reference the hover on `bookKey` shows. */
  bookReference: 'Cousteau, Jacques (1963). The Living Sea.',
  checkedQuote: 'can strike targets up to 300 kilometers away',
  unverifiableQuote: 'the sea is the cradle of all life',
};

export const bibText = [
  `@article{${bibFixture.attachedKey},`,
  '  title = {US and UK Diplomats in Kyiv},',
  '  author = {Reporter, Rita},',
  '  year = {2024},',
  `  file = {Full Text:${bibFixture.attachedFile}:text/plain}`,
  '}',
  '',
  `@book{${bibFixture.bookKey},`,
  '  title = {The Living Sea},',
  '  author = {Cousteau, Jacques},',
  '  year = {1963},',
  '  publisher = {Harper \\& Row}',
  '}',
  '',
];

/**
 * The draft's lines (1-based line N is `bibDraftLines[N - 1]`): line 6 a verbatim quote
 * cited to the entry with full text, line 8 a quote cited to the book without.
 */
export const bibDraftLines = [
  '---',
  'title: Ocean and missiles',
  `bibliography: ${bibFixture.bibName}`,
  '---',
  '',
  `The missiles "${bibFixture.checkedQuote}" [@${bibFixture.attachedKey}].`,
  '',
  `Cousteau wrote that "${bibFixture.unverifiableQuote}" [@${bibFixture.bookKey}].`,
  '',
];

/** 1-based line and column of `needle` in the draft. */
export function locateInBibDraft(needle) {
  const index = bibDraftLines.findIndex((line) => line.includes(needle));
  if (index < 0) throw new Error(`bibliography draft has no ${JSON.stringify(needle)}`);
  return { line: index + 1, column: bibDraftLines[index].indexOf(needle) + 1 };
}

/** Creates `parent/bib-workspace` with `corpus/`, `refs.bib` and the draft; returns its paths. */
export function createBibliographyWorkspace(parent) {
  const folder = join(parent, 'bib-workspace');
  mkdirSync(folder, { recursive: true });
  cpSync(join(repoRoot, 'corpus'), join(folder, 'corpus'), { recursive: true });
  writeFileSync(join(folder, bibFixture.bibName), bibText.join('\n'));
  const draft = join(folder, bibFixture.draftName);
  writeFileSync(draft, bibDraftLines.join('\n'));
  return { folder, draft };
}
