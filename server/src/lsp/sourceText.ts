import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import type { Location } from 'vscode-languageserver/node.js';
import type { SourceTextParams, SourceTextResult } from '../../../shared/out/protocol.js';
import type { Source } from '../corpus/source.js';
import type { FileSystem } from '../engine/io.js';
import { LineIndex } from '../engine/text.js';
import type { SourceLocation } from '../features/definition.js';
import { hasReadableText, readableOffset, readableText, type ReadableText } from '../features/readableText.js';
import type { FolderState } from './folderState.js';
import { pathToUri } from './uri.js';

/** Readable texts kept built (a book's is megabytes; the last few opened are reused). */
const KEPT = 4;

/**
 * Go to Definition into sources that are not text files. A client that
 * announced a URI scheme (`initializationOptions.sourceTextScheme`, as the
 * VS Code extension does) gets locations in that scheme and asks for the text
 * with `verbatim/sourceText`; any other client gets a `file:` location in a
 * text file written to the cache folder (`cacheDir`, else a temporary folder
 * removed when the server stops).
 */
export class SourceTexts {
  private kept: { source: Source; readable: ReadableText }[] = [];
  private readonly written = new WeakMap<Source, string>();
  private temporary: Promise<string> | undefined;

  constructor(
    private readonly fs: FileSystem,
    private readonly options: () => { scheme: string | undefined; cacheDir: string | undefined },
    private readonly warn: (message: string) => void = () => undefined,
  ) {}

  /** The LSP location of a definition: the source file itself, or its readable text at the same place. */
  async location(folder: FolderState, found: SourceLocation): Promise<Location> {
    const source = folder.index.get(found.key);
    if (!source || source.path !== found.path || !hasReadableText(source.path)) return { uri: pathToUri(found.path), range: found.range };
    const readable = this.readable(source);
    const lines = new LineIndex(readable.text);
    // A key opens the text at its top (the first page marker included); a quotation at its words.
    const span = found.span;
    const range = span ? lines.rangeOf({ start: readableOffset(readable, span.start), end: readableOffset(readable, span.end) }) : found.range;
    const { scheme } = this.options();
    if (scheme !== undefined) return { uri: virtualUri(scheme, source), range };
    const path = await this.write(source, readable).catch((error: unknown) => {
      this.warn(`Could not write the text of ${source.path}: ${error instanceof Error ? error.message : String(error)}; opening the file itself.`);
      return undefined;
    });
    // A text that cannot be written (a read-only cache folder): the file itself, as before.
    return path === undefined ? { uri: pathToUri(found.path), range: found.range } : { uri: pathToUri(path), range };
  }

  /** `verbatim/sourceText`: the source with `key` in the folder of `uri` (else the first folder that has it). */
  request(folders: readonly FolderState[], params: SourceTextParams): SourceTextResult | null {
    for (const folder of folders) {
      const source = folder.index.get(params.key);
      if (!source) continue;
      const readable = this.readable(source);
      return { key: source.key, title: source.title, uri: pathToUri(source.path), text: readable.text, map: readable.map.map((m) => ({ ...m })) };
    }
    return null;
  }

  /** Removes the temporary folder, if one was made. */
  async dispose(): Promise<void> {
    const folder = await this.temporary?.catch(() => undefined);
    if (folder !== undefined) await rm(folder, { recursive: true, force: true }).catch(() => undefined);
  }

  private readable(source: Source): ReadableText {
    const hit = this.kept.find((k) => k.source === source);
    if (hit) return hit.readable;
    const readable = readableText(source);
    this.kept = [{ source, readable }, ...this.kept].slice(0, KEPT);
    return readable;
  }

  /** Writes the readable text once per indexed version of the source; undefined when it cannot be written. */
  private async write(source: Source, readable: ReadableText): Promise<string | undefined> {
    if (!this.fs.writeFile) return undefined;
    const folder = this.options().cacheDir ?? await (this.temporary ??= mkdtemp(`${tmpdir().replace(/\\/g, '/')}/verbatim-sources-`));
    const path = `${folder.replace(/\/$/, '')}/sources/${fileName(source)}`;
    if (this.written.get(source) === path && await this.fs.stat(path)) return path;
    await this.fs.writeFile(path, new TextEncoder().encode(readable.text));
    this.written.set(source, path);
    return path;
  }
}

/** `report.pdf.txt` for the source `report` read from `corpus/report.pdf`; keys with folders keep them. */
function fileName(source: Pick<Source, 'key' | 'path'>): string {
  const ext = /\.([A-Za-z0-9]+)$/.exec(source.path)?.[1]?.toLowerCase() ?? 'source';
  const safe = source.key.split('/').map((part) => (part === '' || part === '.' || part === '..' ? '_' : part.replace(/[^\p{L}\p{N}._ -]/gu, '_')));
  return `${safe.join('/')}.${ext}.txt`;
}

/**
 * Where a client that shows source texts (VS Code: `scheme` is its
 * `sourceTextScheme`) opens a PDF, web page, Word or EPUB source: its
 * readable text; undefined for a text source or another client.
 */
export function readableUri(scheme: string | undefined, source: Pick<Source, 'key' | 'path'>): string | undefined {
  return scheme !== undefined && hasReadableText(source.path) ? virtualUri(scheme, source) : undefined;
}

/**
 * `verbatim-source:/report.pdf.txt?report`: the path names the tab, the query
 * holds the key (percent-encoded, so any key survives).
 */
export function virtualUri(scheme: string, source: Pick<Source, 'key' | 'path'>): string {
  return `${scheme}:/${fileName(source).split('/').map(encodeURIComponent).join('/')}?${encodeURIComponent(source.key)}`;
}
