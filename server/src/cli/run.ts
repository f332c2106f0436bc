import { indexAttachments, normalizePath } from '../bibliography/attachments.js';
import type { Bibliography } from '../bibliography/bibliography.js';
import { draftBibliography } from '../bibliography/draftBibliography.js';
import { formatProblem, type BibFile } from '../bibliography/entry.js';
import { exportCsl } from '../bibliography/exportCsl.js';
import { BibliographyStore } from '../bibliography/store.js';
import type { FileSystem } from '../engine/io.js';
import { LineIndex } from '../engine/text.js';
import { checkDraft, DEFAULT_MAX_DRAFT_BYTES } from '../features/check.js';
import { DiagnosticCode } from '../features/codes.js';
import { draftTooLargeMessage } from '../features/messages.js';
import { toDiagnostic, type VerbatimDiagnostic } from '../features/diagnostic.js';
import { listDrafts } from '../features/listDrafts.js';
import { countFormats, describeFormats } from '../corpus/formatCounts.js';
import type { ExtractFile } from '../formats/readers.js';
import type { SegmentBuilder } from '../index/builder.js';
import { openIndex } from '../index/openIndex.js';
import type { CorpusIndex } from '../index/corpusIndex.js';
import { parseCliArgs, USAGE, UsageError, type BibliographyArgs, type CheckArgs, type FailOn } from './args.js';
import { formatJson } from './formatJson.js';
import { formatSarif } from './formatSarif.js';
import { formatSummary, formatText } from './formatText.js';
import { printable } from './escape.js';
import type { FileReport } from './report.js';

/** Where the CLI writes, and what it knows of its terminal: injected so tests run it in-process. */
export interface CliIo {
  readonly fs: FileSystem;
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  /** True when stderr is a terminal: progress is shown only then. */
  readonly interactive: boolean;
  readonly version: string;
  readonly now: () => number;
  /** Builds the index (worker threads in `main.ts`); default in this thread. */
  readonly builder?: SegmentBuilder;
  /** Content digest for the saved index (a native hash in `main.ts`); default the engine's own. */
  readonly digest?: (bytes: Uint8Array) => string;
  /** A native UTF-8 check (Node's `isUtf8`); default the engine's own. */
  readonly isUtf8?: (bytes: Uint8Array) => boolean;
  /** Reads PDF, web page, Word and EPUB files (worker threads with a budget in `main.ts`); default the readers in process. */
  readonly extract?: ExtractFile;
  /** The current folder, absolute (attachments inside it are read without `--allow-outside-attachments`). */
  readonly cwd?: string;
  /** The home folder, for `~/` attachment paths. */
  readonly home?: string;
}

/** An IO failure the user must fix (a missing draft or corpus folder): exit status 2. */
class InputError extends Error {}

/**
 * Runs `verbatim` with `argv` and resolves its exit status: 0 nothing reached
 * `--fail-on`, 1 something did, 2 a usage or IO error (reported in one line).
 */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  try {
    const args = parseCliArgs(argv);
    if (args.command === 'help') { io.stdout(USAGE + '\n'); return 0; }
    if (args.command === 'version') { io.stdout(io.version + '\n'); return 0; }
    if (args.command === 'bibliography') return await exportBibliography(args, io);
    return await check(args, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`verbatim: ${printable(error.message)}\n${USAGE.split('\n')[0]}\n`);
      return 2;
    }
    if (error instanceof InputError) {
      io.stderr(`verbatim: ${printable(error.message)}\n`);
      return 2;
    }
    io.stderr(`verbatim: ${printable((error as Error).message ?? String(error))}\n`);
    return 2;
  }
}

/** The corpus index and the CLI's bibliographies, with their warnings written to stderr. */
async function openSources(args: CheckArgs | BibliographyArgs, io: CliIo) {
  const corpusFolders = args.corpus.map(clean);
  for (const folder of corpusFolders) {
    const stat = await io.fs.stat(folder);
    if (stat?.kind !== 'directory') throw new InputError(`corpus folder not found: ${folder} (give one with --corpus DIR)`);
  }
  const store = new BibliographyStore(io.fs);
  const given = args.bibliography.map(clean);
  for (const path of given) {
    const file = await store.load(path);
    if (file.status !== 'ok') throw new InputError(`cannot read bibliography ${path}: ${file.problems[0]?.message ?? file.status}`);
  }
  const started = io.now();
  let shown = false;
  const { index, warnings, cache } = await openIndex(io.fs, corpusFolders, {
    ...(args.maxFileBytes === undefined ? {} : { maxFileBytes: args.maxFileBytes }),
    ...(args.cacheDir === undefined ? {} : { cacheDir: clean(args.cacheDir) }),
    ...(io.builder ? { builder: io.builder } : {}),
    ...(io.digest ? { digest: io.digest } : {}),
    ...(io.isUtf8 ? { isUtf8: io.isUtf8 } : {}),
    ...(io.extract ? { extract: io.extract } : {}),
    onProgress: (done, total, extracting) => {
      if (!io.interactive || (io.now() - started < 500 && done < total)) return;
      const what = extracting && extracting.done < extracting.total
        ? `extracting ${extracting.done}/${extracting.total} files` : `reading sources ${done}/${total}`;
      // Erase to the line's end when the two kinds of message alternate (they differ in length).
      io.stderr(`\rverbatim: ${what}${extracting ? '\x1b[K' : ''}`);
      shown = true;
    },
  });
  if (shown) io.stderr('\n');
  for (const warning of warnings) io.stderr(`verbatim: warning: ${printable(warning.message)}\n`);
  if (cache.problem) io.stderr(`verbatim: warning: ${printable(cache.problem.message)}\n`);
  if (cache.saveError) io.stderr(`verbatim: warning: ${printable(cache.saveError)}\n`);
  const reported = new Set<BibFile>();
  /** A draft's bibliography: the CLI's files, then its front matter's; each file's problems are written once. */
  const bibliographyFor = async (text: string, draftPath: string) => {
    const named = draftBibliography(text, draftPath);
    for (const problem of named.problems) io.stderr(`verbatim: warning: ${printable(formatProblem(problem))}\n`);
    const folder = draftPath.includes('/') ? draftPath.slice(0, draftPath.lastIndexOf('/')) : '.';
    const own = named.paths.map((p) => (p.startsWith('/') ? p : normalizePath(`${folder}/${p}`)));
    const missing: { path: string; reason: string; span: { start: number; end: number } }[] = [];
    for (const [i, path] of own.entries()) {
      const file = await store.load(path);
      if (file.status !== 'ok') missing.push({ path: named.paths[i]!, reason: file.problems[0]?.message ?? file.status, span: named.spans[i]! });
    }
    const bibliography = store.bibliography([...own, ...given], named.references, draftPath);
    for (const file of bibliography.files) {
      if (reported.has(file) || file.status !== 'ok') continue;
      reported.add(file);
      for (const problem of file.problems) io.stderr(`verbatim: warning: ${printable(formatProblem(problem))}\n`);
    }
    await addAttachments(index, bibliography, args, io);
    return { bibliography, missing };
  };
  return { index, bibliographyFor, store, given };
}

/** Indexes the attachments of `bibliography`'s entries, within the folders the CLI may read. */
async function addAttachments(index: CorpusIndex, bibliography: Bibliography, args: CheckArgs | BibliographyArgs, io: CliIo): Promise<void> {
  const cwd = io.cwd?.replace(/\\/g, '/').replace(/\/$/, '');
  const inside = (path: string) => (path.startsWith('/') ? cwd !== undefined && path.startsWith(cwd + '/') : path !== '..' && !path.startsWith('../'));
  const { warnings } = await indexAttachments(io.fs, index, bibliography, {
    mayRead: (path) => args.allowOutsideAttachments || inside(path),
    ...(io.home !== undefined ? { home: io.home } : {}),
    ...(args.maxFileBytes === undefined ? {} : { maxFileBytes: args.maxFileBytes }),
    ...(io.isUtf8 ? { isUtf8: io.isUtf8 } : {}),
    ...(io.extract ? { extract: io.extract } : {}),
    ...(io.digest ? { digest: io.digest } : {}),
  });
  for (const warning of warnings) io.stderr(`verbatim: warning: ${printable(warning.message)}\n`);
}

async function check(args: CheckArgs, io: CliIo): Promise<number> {
  const corpusFolders = args.corpus.map(clean);
  const drafts = await findDrafts(args, corpusFolders, io.fs);
  const { index, bibliographyFor } = await openSources(args, io);

  const files: FileReport[] = [];
  let quotations = 0;
  const maxDraftBytes = args.maxDraftBytes ?? DEFAULT_MAX_DRAFT_BYTES;
  for (const path of drafts) {
    const bytes = await readDraftBytes(io.fs, path);
    // Over the limit, the draft is not decoded at all (a string over V8's limit would throw): one finding says why.
    const tooLarge = bytes.length > maxDraftBytes;
    const text = tooLarge ? '' : new TextDecoder('utf-8').decode(bytes);
    const { bibliography, missing } = tooLarge ? { bibliography: undefined, missing: [] } : await bibliographyFor(text, path);
    const report = tooLarge
      ? { verdicts: [], findings: [{ code: DiagnosticCode.DraftTooLarge, message: draftTooLargeMessage(bytes.length, maxDraftBytes), span: { start: 0, end: 0 }, data: {} }] }
      : checkDraft(index, text, { minQuoteWords: args.minQuoteWords, maxDraftBytes, ...(bibliography ? { bibliography } : {}), missingBibliographies: missing });
    quotations += report.verdicts.length;
    const lines = new LineIndex(text);
    const diagnostics = report.findings.map((f) => toDiagnostic(f, lines)).filter((d): d is VerbatimDiagnostic => d !== undefined);
    files.push({ path, diagnostics });
  }

  if (args.format === 'json') io.stdout(formatJson(files));
  else if (args.format === 'sarif') io.stdout(formatSarif(files, io.version));
  else {
    io.stdout(formatText(files));
    const read = countFormats(index.sources());
    const plainOnly = Object.keys(read).every((f) => f === 'text' || f === 'markdown');
    io.stderr(`${formatSummary(files, quotations)} (${index.size} sources${plainOnly ? '' : `: ${describeFormats(read)}`})\n`);
  }
  return files.some((f) => f.diagnostics.some((d) => reaches(d.severity, args.failOn))) ? 1 : 0;
}

/** `verbatim bibliography [draft]`: CSL-JSON of every source the draft (or any draft) can cite. */
async function exportBibliography(args: BibliographyArgs, io: CliIo): Promise<number> {
  const draft = args.paths[0] === undefined ? undefined : clean(args.paths[0]);
  const text = draft === undefined ? '' : await readDraft(io.fs, draft);
  const { index, bibliographyFor } = await openSources(args, io);
  const { bibliography, missing } = await bibliographyFor(text, draft ?? 'draft.md');
  for (const m of missing) io.stderr(`verbatim: warning: bibliography ${m.path}: ${m.reason}\n`);
  const json = JSON.stringify(exportCsl(index, bibliography), null, 2) + '\n';
  if (args.output === undefined) io.stdout(json);
  else {
    if (!io.fs.writeFile) throw new InputError('cannot write files here');
    await io.fs.writeFile(clean(args.output), new TextEncoder().encode(json));
    io.stderr(`verbatim: wrote ${clean(args.output)}\n`);
  }
  return 0;
}

async function readDraft(fs: FileSystem, path: string): Promise<string> {
  return new TextDecoder('utf-8').decode(await readDraftBytes(fs, path));
}

/** A draft's bytes; a FIFO or device is refused before a byte is read (it would never end, or never start). */
async function readDraftBytes(fs: FileSystem, path: string): Promise<Uint8Array> {
  try {
    const stat = await fs.stat(path);
    if (stat?.kind !== 'file') throw new Error('it is not a regular file (a FIFO or device is not read)');
    return await fs.readFile(path);
  } catch (error) {
    throw new InputError(`cannot read draft ${path}: ${(error as Error).message}`);
  }
}

async function findDrafts(args: CheckArgs, corpusFolders: readonly string[], fs: FileSystem): Promise<string[]> {
  if (args.paths.length === 0) return listDrafts(fs, '.', corpusFolders);
  const drafts: string[] = [];
  for (const raw of args.paths) {
    const path = clean(raw);
    const stat = await fs.stat(path);
    if (!stat) throw new InputError(`no such draft or folder: ${raw}`);
    if (stat.kind === 'directory') drafts.push(...await listDrafts(fs, path, corpusFolders));
    else drafts.push(path);
  }
  return drafts;
}

/** `clean('./drafts/')` is `drafts`: paths are compared and printed in one form. */
function clean(path: string): string {
  if (/^[\\/]+$/.test(path)) return '/'; // the root, not the current folder
  const slashed = path.replace(/\\/g, '/').replace(/\/+$/, '');
  return slashed.replace(/^(\.\/)+/, '') || '.';
}

function reaches(severity: number, failOn: FailOn): boolean {
  if (failOn === 'never') return false;
  const threshold = { error: 1, warning: 2, information: 3, hint: 4 }[failOn];
  return severity <= threshold;
}
