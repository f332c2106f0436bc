import { timeSlices } from '../engine/timeSlices.js';
import type { BibEntry, CslName } from './entry.js';
import { parseFileField } from './fileField.js';
import { entryFromScan, type ScannedEntry } from './scanBibtex.js';

/**
 * A scanned BibTeX entry whose text is made (LaTeX turned into characters,
 * names read: `entryFromScan`) when a field beyond its key is first read, and
 * kept. Why: a 10,000-entry file scans in ~110 ms but its text takes ~200 ms
 * more, so its keys are known (completion, `unknown-source`) as soon as it is
 * scanned, and a hover of one key cleans that entry alone.
 * `settleEntries` cleans the rest in small slices while the server is idle.
 * Reads the same as `entryFromScan(scanned)`; `toJSON` gives that plain entry.
 * `new LazyBibEntry(scanBibtex('@book{a, title={{The} Sea}}', 'r.bib').entries[0]).title` is `The Sea`.
 */
export class LazyBibEntry implements BibEntry {
  readonly key: string;
  readonly type: string;
  readonly line: number;
  private scanned: ScannedEntry | undefined;
  private plain: BibEntry | undefined;
  private attachments: readonly string[] | undefined;

  constructor(scanned: ScannedEntry) {
    this.key = scanned.key;
    this.type = scanned.type;
    this.line = scanned.line;
    this.scanned = scanned;
  }

  /** True once the entry's text is made. */
  get settled(): boolean {
    return this.plain !== undefined;
  }

  /** The entry in plain text, made now if it was not. */
  settle(): BibEntry {
    if (this.plain === undefined) {
      this.plain = entryFromScan(this.scanned!);
      this.scanned = undefined; // the raw fields are no longer needed
    }
    return this.plain;
  }

  get authors(): readonly CslName[] { return this.settle().authors; }
  get editors(): readonly CslName[] | undefined { return this.settle().editors; }
  get title(): string | undefined { return this.settle().title; }
  get year(): string | undefined { return this.settle().year; }
  get container(): string | undefined { return this.settle().container; }
  get volume(): string | undefined { return this.settle().volume; }
  get issue(): string | undefined { return this.settle().issue; }
  get pages(): string | undefined { return this.settle().pages; }
  get publisher(): string | undefined { return this.settle().publisher; }
  get doi(): string | undefined { return this.settle().doi; }
  get url(): string | undefined { return this.settle().url; }
  get csl(): undefined { return undefined; }

  /** The attachments alone (what indexing them reads of every entry), without making the rest of the text. */
  get files(): readonly string[] {
    if (this.plain !== undefined) return this.plain.files;
    if (this.attachments === undefined) {
      const field = this.scanned!.fields.get('file');
      this.attachments = field === undefined ? [] : parseFileField(field);
    }
    return this.attachments;
  }

  toJSON(): BibEntry {
    return this.settle();
  }
}

const NONE: readonly never[] = Object.freeze([]);

/**
 * A BibTeX entry known by its key, type and line before its text arrives:
 * the server's BibTeX thread sends a file's keys first (what completion and
 * `unknown-source` need) and each entry's text (`entryFromScan`, made on that
 * thread) later, which `fill` puts in. Until then it reads as an entry with
 * its key alone (no title, no authors, no attachments) and is not settled.
 * `const e = new ArrivingBibEntry('a', 'book', 1); e.fill(entryFromScan(scanned)); e.title`
 */
export class ArrivingBibEntry implements BibEntry {
  private plain: BibEntry | undefined;

  constructor(readonly key: string, readonly type: string, readonly line: number) {}

  /** True once the entry's text arrived. */
  get settled(): boolean {
    return this.plain !== undefined;
  }

  /** Puts in the entry's text (its key, type and line stay this entry's). */
  fill(entry: BibEntry): void {
    this.plain = { ...entry, key: this.key, type: this.type, line: this.line };
  }

  // Until the text comes, each field reads as absent without making an entry: indexing attachments
  // and completion read every entry's fields, 10,000 times a pass.
  get authors(): readonly CslName[] { return this.plain?.authors ?? NONE; }
  get editors(): readonly CslName[] | undefined { return this.plain?.editors; }
  get title(): string | undefined { return this.plain?.title; }
  get year(): string | undefined { return this.plain?.year; }
  get container(): string | undefined { return this.plain?.container; }
  get volume(): string | undefined { return this.plain?.volume; }
  get issue(): string | undefined { return this.plain?.issue; }
  get pages(): string | undefined { return this.plain?.pages; }
  get publisher(): string | undefined { return this.plain?.publisher; }
  get doi(): string | undefined { return this.plain?.doi; }
  get url(): string | undefined { return this.plain?.url; }
  get files(): readonly string[] { return this.plain?.files ?? NONE; }
  get csl(): undefined { return undefined; }

  toJSON(): BibEntry {
    return this.plain ?? { key: this.key, type: this.type, line: this.line, authors: [], files: [] };
  }
}

/**
 * Whether an entry's text is still to come from its file's thread: until it
 * does, its fields (its attachments among them) are unknown, not absent.
 */
export function isArriving(entry: BibEntry): boolean {
  return entry instanceof ArrivingBibEntry && !entry.settled;
}

/**
 * Whether an entry's text is made: always for a parsed or CSL entry; for a
 * `LazyBibEntry` once it settled; for an `ArrivingBibEntry` once it arrived.
 */
export function isSettled(entry: BibEntry): boolean {
  return !(entry instanceof LazyBibEntry || entry instanceof ArrivingBibEntry) || entry.settled;
}

/**
 * Makes the text of every lazy entry, a slice of time at a time (~4 ms, about
 * 200 entries), letting other work (requests) run between slices. Stops
 * early when `stop()` turns true (the file was read again).
 */
export async function settleEntries(entries: readonly BibEntry[], stop: () => boolean = () => false): Promise<void> {
  const due = timeSlices();
  for (const entry of entries) {
    const turn = due();
    if (turn) {
      await turn;
      if (stop()) return;
    }
    if (entry instanceof LazyBibEntry) entry.settle();
  }
}
