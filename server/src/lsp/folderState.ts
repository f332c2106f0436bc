import type { CorpusWarning } from '../corpus/source.js';
import { CorpusIndex } from '../index/corpusIndex.js';
import { defaultSettings, type Settings } from './settings.js';
import { isInside, resolvePath } from './uri.js';

export interface IndexingProgress {
  readonly done: number;
  readonly total: number;
  /** PDF, web page, Word and EPUB files read so far (extracted or found in the saved index), of all such files. */
  readonly extracting?: { readonly done: number; readonly total: number };
}

/**
 * One workspace folder: its settings, its corpus index, and what indexing it
 * said. Each folder is independent; a draft belongs to the folder holding it.
 */
export class FolderState {
  settings: Settings = defaultSettings;
  index = new CorpusIndex();
  warnings: CorpusWarning[] = [];
  /** Non-null while the corpus is being (re)built. */
  indexing: IndexingProgress | null = null;
  /** True once a first index has completed: only then are drafts diagnosed. */
  ready = false;
  /** Bumped to abandon an indexing run that a newer one replaces. */
  generation = 0;

  constructor(
    readonly uri: string,
    /** `/`-separated file system path; undefined for a folder that is not on disk. */
    readonly path: string | undefined,
    readonly name: string,
  ) {}

  /** Absolute corpus folders, from the `corpus` setting. */
  get corpusRoots(): string[] {
    const base = this.path ?? '/';
    return [...new Set(this.settings.corpus.map((c) => resolvePath(base, c)))];
  }

  /** The corpus folder holding `path`, if any: `/w/corpus` for `/w/corpus/sub/a.txt`. */
  corpusRootOf(path: string): string | undefined {
    return this.corpusRoots.find((root) => isInside(path, root));
  }

  contains(path: string): boolean {
    return this.path !== undefined && isInside(path, this.path);
  }
}
