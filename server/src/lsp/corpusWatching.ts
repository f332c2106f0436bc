import { FileChangeType, type FileEvent } from 'vscode-languageserver/node.js';
import { isCorpusFileName } from '../corpus/keys.js';
import type { CorpusOptions } from '../corpus/options.js';
import type { CorpusWarning } from '../corpus/source.js';
import type { FileSystem } from '../engine/io.js';
import { saveIndex } from '../index/savedIndex.js';
import { dropFolder, reindexFile } from './corpusChanges.js';
import type { FileWatcher } from './fileWatcher.js';
import type { FolderState } from './folderState.js';
import { pathToUri, uriToPath } from './uri.js';
import type { Workspace } from './workspace.js';

/** What corpus watching needs of the session. */
export interface CorpusHost {
  readonly fs: FileSystem;
  readonly workspace: Workspace;
  /** The folder for saved data; none: nothing is saved. */
  cacheDirectory(): string | undefined;
  /** How a changed file is read: as the index reads files (native checks, the extraction threads). */
  readingOptions(): CorpusOptions;
  whenIndexed(folder: FolderState): Promise<void>;
  /** Any watched file changed: a bibliography the session reads, perhaps. */
  fileChanged(path: string): void;
  /** These folders' corpora changed: their drafts are re-checked and a status is sent. */
  corporaChanged(folders: ReadonlySet<FolderState>): void;
  logWarnings(warnings: readonly CorpusWarning[]): void;
  log(level: 'warning' | 'info', message: string): void;
}

/**
 * Keeps the folders' indexes in step with their corpus folders on disk: it
 * tells the `FileWatcher` which folders to watch, re-reads each changed file
 * alone, and saves a folder's index a little after its corpus stops changing.
 */
export class CorpusWatching {
  /** The corpus changes being applied, in order (see `onWatchedFiles`). */
  private changes: Promise<void> = Promise.resolve();
  private readonly saveTimers = new Map<FolderState, ReturnType<typeof setTimeout>>();

  constructor(private readonly host: CorpusHost, private readonly watcher: () => FileWatcher) {}

  /** Watches every folder's corpus (folders may share one: each root is watched once). */
  update(): void {
    this.watcher().watchFolders([...new Set(this.host.workspace.all().flatMap((f) => f.corpusRoots))]);
  }

  /** A server-side watcher saw `path` change (or appear, or go). */
  folderFileChanged(path: string): Promise<void> {
    return this.onWatchedFiles([{ uri: pathToUri(path), type: FileChangeType.Changed }]);
  }

  /**
   * `workspace/didChangeWatchedFiles`: each corpus file is re-read alone.
   * Batches are applied one after another, never interleaved: two quick saves
   * of a file would otherwise race, and the older read could land last.
   */
  onWatchedFiles(changes: readonly FileEvent[]): Promise<void> {
    const run = this.changes.then(() => this.apply(changes));
    this.changes = run.catch(() => undefined);
    return run;
  }

  dispose(): void {
    for (const timer of this.saveTimers.values()) clearTimeout(timer);
  }

  private async apply(changes: readonly FileEvent[]): Promise<void> {
    const touched = new Set<FolderState>();
    for (const change of changes) {
      const path = uriToPath(change.uri);
      if (path === undefined) continue;
      this.host.fileChanged(path);
      for (const folder of this.host.workspace.foldersWithCorpusPath(path)) {
        // Not a source's name: a folder (or another file), which matters only when it goes.
        const source = isCorpusFileName(path);
        if (!source && change.type !== FileChangeType.Deleted) continue;
        await this.host.whenIndexed(folder);
        const reading = this.host.readingOptions();
        if (change.type === FileChangeType.Deleted && !source) await dropFolder(folder, this.host.fs, path, reading);
        else await reindexFile(folder, this.host.fs, path, reading);
        this.host.logWarnings(folder.warnings);
        touched.add(folder);
      }
    }
    for (const folder of touched) this.scheduleSave(folder);
    if (touched.size > 0) this.host.corporaChanged(touched);
  }

  /**
   * Saves a folder's index a little after its corpus stops changing, so the
   * next start reuses the re-indexed files too (a burst of changes saves once).
   */
  private scheduleSave(folder: FolderState): void {
    const cacheDir = this.host.cacheDirectory();
    if (cacheDir === undefined) return;
    clearTimeout(this.saveTimers.get(folder));
    const timer = setTimeout(() => {
      this.saveTimers.delete(folder);
      if (!this.host.workspace.all().includes(folder)) return;
      void saveIndex(this.host.fs, cacheDir, folder.corpusRoots, folder.index, { ...this.host.readingOptions(), warnings: folder.warnings })
        .then((error) => {
          if (error) this.host.log('warning', `The index could not be saved: ${error}`);
          else this.host.log('info', `Saved index for ${folder.name}: updated after corpus changes.`);
        });
    }, SAVE_DELAY_MS);
    timer.unref?.();
    this.saveTimers.set(folder, timer);
  }
}

/** Quiet time after the last corpus change before the saved index is rewritten. */
const SAVE_DELAY_MS = 1500;
