import { DidChangeWatchedFilesNotification, WatchKind, type Connection, type Disposable, type FileSystemWatcher } from 'vscode-languageserver/node.js';
import { watchFiles } from '../node/watchFiles.js';
import { watchFolders } from '../node/watchFolders.js';
import type { ClientSupport } from './capabilities.js';
import { pathToUri } from './uri.js';

/**
 * Whoever watches files for the session: the corpus folders and the
 * bibliography files. Each call replaces what was watched of that kind before.
 */
export interface FileWatcher {
  /** Watches every file under these folders (the corpora). */
  watchFolders(roots: readonly string[]): void;
  /** Watches these single files (bibliographies), apart from the folders. */
  watchFiles(paths: readonly string[]): void;
  dispose(): void;
}

/**
 * Where a watcher reports. A watcher in the server calls these; the client's
 * watcher reports through `workspace/didChangeWatchedFiles` instead, which
 * the session receives from the connection (`Session.onWatchedFiles`).
 */
export interface WatchEvents {
  /** A file under a watched folder changed, appeared or went. */
  folderFileChanged(path: string): void;
  /** A watched single file changed. */
  fileChanged(path: string): void;
  warn(message: string): void;
}

/** Makes the session's watcher once the client's abilities are known (after `initialize`). Tests pass a fake. */
export type FileWatcherFactory = (support: ClientSupport, events: WatchEvents) => FileWatcher;

/** Every kind of change: a file created, changed or deleted. */
const kind = WatchKind.Create | WatchKind.Change | WatchKind.Delete;

/** The server's watcher: through the client when it can register watchers (VS Code), else with Node's own. */
export function defaultFileWatcher(connection: Connection): FileWatcherFactory {
  return (support, events) => (support.watchedFilesRegistration
    ? new ClientFileWatcher(connection, support.relativePatterns, events.warn)
    : new NodeFileWatcher(events));
}

/**
 * Asks the client to watch (`client/registerCapability` of
 * `workspace/didChangeWatchedFiles`): one registration for the corpus
 * folders, one for the bibliography files, each replaced when its list changes.
 */
export class ClientFileWatcher implements FileWatcher {
  private folders: Promise<Disposable> | undefined;
  private files: Promise<Disposable> | undefined;

  constructor(private readonly connection: Connection, private readonly relativePatterns: boolean, private readonly warn: (message: string) => void) {}

  watchFolders(roots: readonly string[]): void {
    const watchers: FileSystemWatcher[] = this.relativePatterns
      ? roots.map((root) => ({ globPattern: { baseUri: pathToUri(root), pattern: '**/*' }, kind }))
      : roots.map((root) => ({ globPattern: `${root}/**/*`, kind }));
    this.folders = this.register(this.folders, watchers, 'the corpus');
  }

  watchFiles(paths: readonly string[]): void {
    const watchers = paths.map((path): FileSystemWatcher => {
      const slash = path.lastIndexOf('/');
      return this.relativePatterns
        ? { globPattern: { baseUri: pathToUri(path.slice(0, slash) || '/'), pattern: path.slice(slash + 1) }, kind }
        : { globPattern: path, kind };
    });
    this.files = this.register(this.files, watchers, 'the bibliographies');
  }

  dispose(): void {
    // The registrations end with the connection.
  }

  private register(previous: Promise<Disposable> | undefined, watchers: FileSystemWatcher[], what: string): Promise<Disposable> {
    void previous?.then((d) => d.dispose(), () => undefined);
    const registration = this.connection.client.register(DidChangeWatchedFilesNotification.type, { watchers });
    registration.catch((error: unknown) => this.warn(`The client refused to watch ${what}: ${String(error)}`));
    return registration;
  }
}

/** Watches with Node (`node/watchFolders.ts`, `node/watchFiles.ts`), for clients that cannot watch (Neovim 0.7, Helix). */
export class NodeFileWatcher implements FileWatcher {
  private stopFolders: (() => void) | undefined;
  private stopFiles: (() => void) | undefined;

  constructor(private readonly events: WatchEvents) {}

  watchFolders(roots: readonly string[]): void {
    this.stopFolders?.();
    this.stopFolders = watchFolders(roots, (path) => this.events.folderFileChanged(path), (message) => this.events.warn(message));
  }

  watchFiles(paths: readonly string[]): void {
    this.stopFiles?.();
    this.stopFiles = watchFiles(paths, (path) => this.events.fileChanged(path), (message) => this.events.warn(message));
  }

  dispose(): void {
    this.stopFolders?.();
    this.stopFiles?.();
  }
}
