import type { ServerStatus } from '../../../shared/out/protocol.js';
import { countFormat, countFormats, isSkipped, type SourceFormat } from '../corpus/formatCounts.js';
import { timeSlices } from '../engine/timeSlices.js';
import type { CorpusIndex } from '../index/corpusIndex.js';
import type { FolderState } from './folderState.js';

/** At most this many skipped files are named in a status (the output names them all). */
export const MAX_SKIPPED_IN_STATUS = 20;

const formatCounts = new WeakMap<CorpusIndex, { version: number; counts: Partial<Record<SourceFormat, number>> }>();

/**
 * An index's sources by format, counted once per version of the index: the
 * status and the log line at the end of indexing each counted all 100,000
 * sources of a large corpus, ~70 ms of the thread in one piece.
 */
export function formatsOf(index: CorpusIndex): Partial<Record<SourceFormat, number>> {
  let known = formatCounts.get(index);
  if (known?.version !== index.version) formatCounts.set(index, known = { version: index.version, counts: countFormats(index.sources()) });
  return known.counts;
}

/**
 * `formatsOf` counted in slices (`timeSlices`), for the end of an index: over
 * 100,000 sources the count held the thread 15-50 ms in one piece, with the
 * collection that came in it. Kept for the version only when the index did not
 * change meanwhile (else counted again at once, as `formatsOf` would).
 */
export async function formatsInSlices(index: CorpusIndex, due: () => Promise<void> | undefined = timeSlices()): Promise<Partial<Record<SourceFormat, number>>> {
  const known = formatCounts.get(index);
  if (known?.version === index.version) return known.counts;
  const version = index.version;
  const counts: Partial<Record<SourceFormat, number>> = {};
  let n = 0;
  for (const source of index.sources()) {
    countFormat(counts, source);
    if (++n % 1000 === 0) await due();
    if (index.version !== version) return formatsOf(index);
  }
  formatCounts.set(index, { version, counts });
  return counts;
}

/**
 * The `verbatim/status` payload (`ServerStatus`, shared with the client) for
 * the folders' states: two folders indexing 3/10 and 5/5 give `{ done: 8, total: 15 }`.
 */
export function statusOf(folders: readonly FolderState[]): ServerStatus {
  let sources = 0;
  let warnings = 0;
  let done = 0;
  let total = 0;
  let indexing = false;
  let extracting: { done: number; total: number } | undefined;
  const formats: Partial<Record<SourceFormat, number>> = {};
  const skipped: { path: string; kind: string }[] = [];
  for (const f of folders) {
    sources += f.index.size;
    warnings += f.warnings.length;
    for (const [format, n] of Object.entries(formatsOf(f.index)) as [SourceFormat, number][]) formats[format] = (formats[format] ?? 0) + n;
    for (const w of f.warnings) if (isSkipped(w) && skipped.length < MAX_SKIPPED_IN_STATUS) skipped.push({ path: w.path, kind: w.kind });
    if (f.indexing) {
      indexing = true;
      done += f.indexing.done;
      total += f.indexing.total;
      if (f.indexing.extracting) {
        extracting = { done: (extracting?.done ?? 0) + f.indexing.extracting.done, total: (extracting?.total ?? 0) + f.indexing.extracting.total };
      }
    }
  }
  return { sources, indexing: indexing ? { done, total, ...(extracting && { extracting }) } : null, warnings, formats, skipped };
}
