import type { WorkspaceFolder } from 'vscode-languageserver/node.js';
import { FolderState } from './folderState.js';
import { pathToUri, uriToPath } from './uri.js';

/**
 * The workspace folders the client told us about, each with its own corpus.
 * With none (a client started on a single file), one folder stands in for the
 * server's working directory.
 */
export class Workspace {
  private folders: FolderState[] = [];

  constructor(private readonly fallbackPath: string) {}

  all(): readonly FolderState[] {
    return this.folders;
  }

  /** Replaces the folder list; returns the folders that are new. */
  reset(folders: readonly WorkspaceFolder[]): FolderState[] {
    this.folders = [];
    return folders.map((f) => this.add(f));
  }

  add(folder: WorkspaceFolder): FolderState {
    const existing = this.folders.find((f) => f.uri === folder.uri);
    if (existing) return existing;
    const state = new FolderState(folder.uri, uriToPath(folder.uri), folder.name);
    this.folders.push(state);
    return state;
  }

  remove(uri: string): FolderState | undefined {
    const i = this.folders.findIndex((f) => f.uri === uri);
    if (i < 0) return undefined;
    const [removed] = this.folders.splice(i, 1);
    if (removed) removed.generation++;
    return removed;
  }

  /** Makes sure there is at least one folder; returns it when it had to be created. */
  ensureOne(): FolderState | undefined {
    if (this.folders.length > 0) return undefined;
    const state = new FolderState(pathToUri(this.fallbackPath), this.fallbackPath, 'workspace');
    this.folders.push(state);
    return state;
  }

  /** The deepest folder holding the document, else the first folder. */
  folderFor(uri: string): FolderState | undefined {
    const path = uriToPath(uri);
    let best: FolderState | undefined;
    if (path !== undefined) {
      for (const f of this.folders) {
        if (f.contains(path) && (!best || (f.path?.length ?? 0) > (best.path?.length ?? 0))) best = f;
      }
    }
    return best ?? this.folders[0];
  }

  /** Folders whose corpus holds `path` (folders may share a corpus). */
  foldersWithCorpusPath(path: string): FolderState[] {
    return this.folders.filter((f) => f.corpusRootOf(path) !== undefined);
  }
}
