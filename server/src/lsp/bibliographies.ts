import type { ExtractFile } from '../formats/readers.js';
import { indexAttachments } from '../bibliography/attachments.js';
import type { Bibliography } from '../bibliography/bibliography.js';
import { draftBibliography } from '../bibliography/draftBibliography.js';
import { formatProblem } from '../bibliography/entry.js';
import { BibliographyStore, type BibtexThread, type FullBibParse } from '../bibliography/store.js';
import type { FileSystem } from '../engine/io.js';
import type { Span } from '../engine/text.js';
import type { FolderState } from './folderState.js';
import { isInside, resolvePath, uriToPath } from './uri.js';
import type { Workspace } from './workspace.js';

export interface BibliographyHost {
  readonly fs: FileSystem;
  readonly workspace: Workspace;
  /** The home folder, for `~/` attachment paths. */
  readonly home?: string;
  readonly fullParse?: FullBibParse;
  readonly bibtexThread?: BibtexThread;
  readonly threadReadsFiles?: boolean;
  readonly isUtf8?: (bytes: Uint8Array) => boolean;
  /** Reads PDF, web page, Word and EPUB attachments (the server's extraction threads); default the readers in process. */
  readonly extract?: ExtractFile;
  readonly digest?: (bytes: Uint8Array) => string;
  log(level: 'error' | 'warning' | 'info', message: string): void;
  /** Re-checks the open drafts of a folder (all when undefined). */
  recheck(folder?: FolderState): void;
  whenIndexed(folder: FolderState): Promise<void>;
  /** The set of bibliography files grew: watch it too. */
  watchedPathsChanged(): void;
}

export interface DraftBibliographyState {
  readonly bibliography: Bibliography;
  readonly missing: { path: string; reason: string; span: Span }[];
  /** The folder's attachments are being indexed: an entry's full text may not be there yet. */
  readonly attaching: boolean;
}

/**
 * The language server's bibliographies: the files a folder's setting and its
 * drafts' front matter name, read once through a `BibliographyStore` and read
 * again when they change, and their attachments indexed into the folder's
 * corpus. In an untrusted workspace (VS Code's Restricted Mode) nothing
 * outside the workspace folders is read: neither a bibliography nor an attachment.
 */
export class Bibliographies {
  readonly store: BibliographyStore;
  /** False in VS Code's Restricted Mode (`initializationOptions.isTrusted`). */
  trusted = true;
  private readonly byFolder = new Map<FolderState, Set<string>>();
  private readonly reported = new Set<string>();
  /** Per folder, the attachment indexings under way. */
  private readonly attaching = new Map<FolderState, number>();
  /** Moves when an attachment indexing starts or ends. */
  private attachSteps = 0;

  constructor(private readonly host: BibliographyHost) {
    this.store = new BibliographyStore(host.fs, {
      ...(host.fullParse ? { fullParse: host.fullParse } : {}),
      ...(host.bibtexThread ? { bibtexThread: host.bibtexThread, threadReadsFiles: host.threadReadsFiles === true } : {}),
      onChange: (path) => { void this.loaded(path); },
    });
  }

  /** Moves whenever what a draft can cite may have changed: a file read, an attachment indexing begun or done. */
  get version(): number {
    return this.store.version + this.attachSteps;
  }

  /** The folder's `verbatim.bibliography` files, absolute. */
  settingPaths(folder: FolderState): string[] {
    const base = folder.path ?? '/';
    return [...new Set(folder.settings.bibliography.map((p) => resolvePath(base, p)))];
  }

  /** Starts reading the folder's setting bibliographies (after a settings change). */
  refreshFolder(folder: FolderState): void {
    this.use(folder, this.settingPaths(folder).filter((p) => this.mayRead(p)));
  }

  /** What a draft can cite beyond the corpus, as far as its files are read; starts reading the rest. */
  forDraft(uri: string, text: string, folder: FolderState): DraftBibliographyState {
    const draftPath = uriToPath(uri);
    const named = draftBibliography(text, draftPath ?? uri);
    const base = draftPath !== undefined ? draftPath.slice(0, draftPath.lastIndexOf('/')) : folder.path ?? '/';
    const missing: DraftBibliographyState['missing'] = [];
    // Front matter that names a bibliography but is not YAML (or is too long) names none: one
    // warning on its opening `---`, as for a file that cannot be read (the CLI prints the same problem).
    for (const problem of named.problems) {
      if (problem.line === 0) missing.push({ path: 'named in the front matter', reason: problem.message, span: { start: 0, end: 3 } });
    }
    const own: string[] = [];
    named.paths.forEach((written, i) => {
      const path = resolvePath(base, written);
      if (!this.mayRead(path)) {
        missing.push({ path: written, reason: 'outside the workspace, so not read in Restricted Mode', span: named.spans[i]! });
        return;
      }
      own.push(path);
      const file = this.store.peek(path);
      if (file && file.status !== 'ok') missing.push({ path: written, reason: file.problems[0]?.message ?? file.status, span: named.spans[i]! });
    });
    const setting = this.settingPaths(folder).filter((p) => this.mayRead(p));
    this.use(folder, [...own, ...setting]);
    return { bibliography: this.store.bibliography([...own, ...setting], named.references, draftPath ?? uri), missing,
      attaching: (this.attaching.get(folder) ?? 0) > 0 };
  }

  /** A watched file changed: true when it is a bibliography (it is read again). */
  changed(path: string): boolean {
    if (!this.store.paths().includes(path)) return false;
    void this.store.reload(path);
    return true;
  }

  /** Every bibliography file read or being read, to watch. */
  paths(): string[] {
    return this.store.paths();
  }

  /** Indexes again the attachments of every bibliography the folder uses (its index was rebuilt). */
  async attachAll(folder: FolderState): Promise<void> {
    const paths = [...(this.byFolder.get(folder) ?? [])];
    if (paths.length === 0) return;
    await this.attach(folder, paths);
  }

  private use(folder: FolderState, paths: readonly string[]): void {
    let used = this.byFolder.get(folder);
    if (!used) this.byFolder.set(folder, used = new Set());
    const before = this.store.paths().length;
    for (const p of paths) used.add(p);
    this.store.request(paths);
    if (this.store.paths().length !== before) this.host.watchedPathsChanged();
  }

  private mayRead(path: string): boolean {
    return this.trusted || this.host.workspace.all().some((f) => f.path !== undefined && isInside(path, f.path));
  }

  private async loaded(path: string): Promise<void> {
    const file = this.store.peek(path);
    if (file && file.status === 'ok') {
      this.host.log('info', `Bibliography ${path}: ${file.entries.length} entries${file.parsed ? ', read in full' : ''}.`);
      // One message of a line per new problem: big-10k.bib's 312, a message each, were ~40 ms of writing in one go.
      const lines: string[] = [];
      for (const problem of file.problems) {
        const line = formatProblem(problem);
        if (this.reported.has(line)) continue;
        this.reported.add(line);
        lines.push(`Bibliography: ${line}`);
      }
      if (lines.length > 0) this.host.log('warning', lines.join('\n'));
    }
    const folders = [...this.byFolder].filter(([, used]) => used.has(path)).map(([folder]) => folder);
    for (const folder of folders) await this.attach(folder, [path]);
    this.host.recheck();
  }

  private async attach(folder: FolderState, paths: readonly string[]): Promise<void> {
    if (!this.host.workspace.all().includes(folder)) return;
    this.attaching.set(folder, (this.attaching.get(folder) ?? 0) + 1);
    this.attachSteps++;
    try {
      await this.indexAttachments(folder, paths);
    } finally {
      const left = (this.attaching.get(folder) ?? 1) - 1;
      if (left > 0) this.attaching.set(folder, left);
      else this.attaching.delete(folder);
      this.attachSteps++;
    }
  }

  private async indexAttachments(folder: FolderState, paths: readonly string[]): Promise<void> {
    await this.host.whenIndexed(folder);
    // An attachment reached through a symbolic link is read only if its real path may be read: inside a
    // workspace folder as opened or as its own real path (a folder opened through a link).
    const realRoots = (await Promise.all(this.host.workspace.all().map((f) => (f.path === undefined ? undefined : this.host.fs.realPath(f.path).catch(() => undefined)))))
      .filter((p): p is string => p !== undefined);
    const { warnings, added } = await indexAttachments(this.host.fs, folder.index, this.store.bibliography(paths), {
      mayRead: (p) => this.mayRead(p) || realRoots.some((root) => isInside(p, root)),
      ...(this.host.home !== undefined ? { home: this.host.home } : {}),
      ...(this.host.isUtf8 ? { isUtf8: this.host.isUtf8 } : {}),
      ...(this.host.extract ? { extract: this.host.extract } : {}),
      ...(this.host.digest ? { digest: this.host.digest } : {}),
    });
    for (const warning of warnings) this.host.log('warning', warning.message);
    if (added > 0) this.host.log('info', `Indexed ${added} bibliography attachment${added === 1 ? '' : 's'} for ${folder.name}.`);
  }
}
