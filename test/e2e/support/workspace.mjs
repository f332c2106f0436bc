// The fixture every real-editor suite opens: a temporary copy of the bundled corpus
// and one draft holding one quote of each kind the suites assert on.
import { copyFileSync, cpSync, mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

/** Where screenshots and run logs go (gitignored). */
export const artifactsDir = join(repoRoot, 'artifacts', 'e2e');

/** The keys the draft cites, and what each line is for. */
export const fixture = {
  draftName: 'draft.md',
  verbatimKey: '000_5b963e663469ef88',
  mismatchKey: '004_7057f728a6457717',
  misattributedKey: '003_3e2d99d7df3eaeaf',
  /** The source that really holds the misattributed quote. */
  misattributedHolder: '002_5d0f965602e2f12c',
  unknownKey: 'nosuch-report',
  /** The mismatched quote as drafted, and the source's wording it should become. */
  mismatchQuote: 'can strike targets up to 500 kilometers away',
  mismatchSource: 'can strike targets up to 300 kilometers away',
  verbatimQuote: 'do not place clear geographical restrictions on the use of weapons supplied to Ukraine',
  misattributedQuote: 'Ukraine desperately needs the authority to attack Russia with Western weapons',
};

/**
 * The draft's lines (1-based line N is `draftLines[N - 1]`):
 * line 3 a verbatim quote, 5 a changed number, 7 an unknown key, 9 a misattributed quote.
 */
export const draftLines = [
  '# Long-range weapons for Ukraine',
  '',
  `Officials said the talks "${fixture.verbatimQuote}" [@${fixture.verbatimKey}].`,
  '',
  `The systems "${fixture.mismatchQuote}" [@${fixture.mismatchKey}].`,
  '',
  `Other outlets reported the same [@${fixture.unknownKey}].`,
  '',
  `Analysts warned that "${fixture.misattributedQuote}" [@${fixture.misattributedKey}].`,
  '',
];

/** The citation keys of the bundled corpus: its file names without extension. */
export function corpusKeys() {
  return readdirSync(join(repoRoot, 'corpus')).filter((name) => /\.(txt|md)$/i.test(name)).map((name) => name.replace(/\.[^.]+$/, '')).sort();
}

/** 1-based line and column of `needle` in the draft: `locate('500')` is `{ line: 5, column: N }`. */
export function locate(needle) {
  const index = draftLines.findIndex((line) => line.includes(needle));
  if (index < 0) throw new Error(`fixture draft has no ${JSON.stringify(needle)}`);
  return { line: index + 1, column: draftLines[index].indexOf(needle) + 1 };
}

/**
 * Creates a fresh workspace folder: `corpus/` (a copy of the repository's corpus) and
 * `draft.md`. Returns its path and the draft's path.
 */
export function createWorkspace(parent = mkdtempSync(join(tmpdir(), 'verbatim-e2e-'))) {
  const folder = join(parent, 'workspace');
  mkdirSync(folder, { recursive: true });
  cpSync(join(repoRoot, 'corpus'), join(folder, 'corpus'), { recursive: true });
  const draft = join(folder, fixture.draftName);
  writeFileSync(draft, draftLines.join('\n'));
  return { folder, draft };
}

/** Makes `path`'s folder and returns `path`. */
export function ensureParent(path) {
  mkdirSync(dirname(path), { recursive: true });
  return path;
}

/**
 * The page test's fixture: a real two-page PDF and a web page added to the corpus
 * (test/fixtures/formats/, see its README), and a draft quoting page 2 of the PDF as p. 1.
 */
export const pagesFixture = {
  draftName: 'harbour.md',
  files: ['report.pdf', 'colophon.html'],
  quote: 'the new breakwater reduced wave damage by a third',
  cited: '[@report, p. 1]',
  fixed: '[@report, p. 2]',
  message: 'The quotation is on p. 2 of @report, not p. 1.',
  fixTitle: 'Change to p. 2',
  get text() {
    return [
      '# Harbour notes',
      '',
      `The harbour master reported "${this.quote}" ${this.cited}.`,
      '',
      'The colophon says the site "is written and produced by John Gruber" [@colophon].',
      '',
    ].join('\n');
  },
  /** 1-based line and column of `needle` in the draft. */
  locate(needle) {
    const lines = this.text.split('\n');
    const index = lines.findIndex((line) => line.includes(needle));
    if (index < 0) throw new Error(`page fixture draft has no ${JSON.stringify(needle)}`);
    return { line: index + 1, column: lines[index].indexOf(needle) + 1 };
  },
};

/** Copies the page test's PDF and web page into `folder`/corpus and writes its draft; returns the draft's path. */
export function addPagesCorpus(folder) {
  for (const name of pagesFixture.files) copyFileSync(join(repoRoot, 'test', 'fixtures', 'formats', name), join(folder, 'corpus', name));
  const draft = join(folder, pagesFixture.draftName);
  writeFileSync(draft, pagesFixture.text);
  return draft;
}
