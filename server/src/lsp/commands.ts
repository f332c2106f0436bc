import { MessageType, RequestType } from 'vscode-languageserver/node.js';
import { parseDraft } from '../draft/parse.js';
import { placeName, placeOf } from '../corpus/places.js';
import { sourceLines } from '../corpus/sourceLines.js';
import { LineIndex } from '../engine/text.js';
import { exportCsl, type CslItem } from '../bibliography/exportCsl.js';
import { listDrafts } from '../features/listDrafts.js';
import { citationsOf } from '../features/references.js';
import { searchPassages } from '../match/continuations.js';
import { hasReadableText } from '../features/readableText.js';
import type { Session } from './session.js';
import { virtualUri } from './sourceText.js';
import { pathToUri, uriToPath } from './uri.js';

export const CHECK_ALL_DRAFTS = 'verbatim.checkAllDrafts';
export const REBUILD_INDEX = 'verbatim.rebuildIndex';
/** Arguments: the draft's URI. Answers CSL-JSON items; the VS Code command Export Bibliography… writes them where the user picks. */
export const EXPORT_BIBLIOGRAPHY = 'verbatim.bibliographyCslJson';

/** `verbatim/searchPassages`: passages of the corpus matching what is typed in the client's quick pick. */
export interface SearchPassagesParams { query: string; uri?: string; limit?: number }
export interface PassageResult {
  key: string; title: string; uri: string; range: { start: { line: number; character: number }; end: { line: number; character: number } }; text: string;
  /** The passage's page or chapter as a citation names it (`p. 34`), when its source has them. */
  locator?: string;
}
export const searchPassagesRequest = new RequestType<SearchPassagesParams, PassageResult[], void>('verbatim/searchPassages');

/** `verbatim/sources`: every source of the document's folder, for the client's Open Source picker. */
export interface SourceEntry {
  key: string; title: string; uri: string;
  /** The source's readable text in the client's scheme, for a PDF, web page, Word or EPUB source (see `SourceTexts`). */
  textUri?: string;
}
export const sourcesRequest = new RequestType<{ uri?: string }, SourceEntry[], void>('verbatim/sources');

/** Checks every draft (`*.md` outside corpus folders and node_modules) in every folder and publishes diagnostics. */
export async function checkAllDrafts(session: Session): Promise<{ drafts: number; problems: number }> {
  let drafts = 0;
  let problems = 0;
  for (const folder of session.workspace.all()) {
    if (folder.path === undefined) continue;
    await session.whenIndexed(folder);
    for (const path of await listDrafts(session.fs, folder.path, folder.corpusRoots)) {
      const uri = pathToUri(path);
      if (session.workspace.folderFor(uri) !== folder) continue;
      const open = session.documents.get(uri);
      const text = open ? open.getText() : await readText(session, path);
      if (text === undefined) continue;
      const checked = session.reports.check(uri, open ? open.version : -1, text, folder);
      drafts++;
      problems += checked.diagnostics.length;
      void session.connection.sendDiagnostics({ uri, diagnostics: checked.diagnostics });
      await new Promise((resolve) => setImmediate(resolve));
    }
  }
  const message = `Verbatim checked ${drafts} draft${drafts === 1 ? '' : 's'}: ${problems} problem${problems === 1 ? '' : 's'}.`;
  session.log('info', message);
  void session.connection.sendNotification('window/showMessage', { type: MessageType.Info, message });
  return { drafts, problems };
}

/**
 * CSL-JSON for every source the draft at `uri` can cite: its folder's corpus
 * and its bibliographies (front matter and setting), waiting for both to be read.
 */
export async function exportBibliography(session: Session, uri: unknown): Promise<CslItem[]> {
  if (typeof uri !== 'string') throw new Error('verbatim.bibliographyCslJson needs the draft\'s URI');
  const folder = session.workspace.folderFor(uri);
  if (!folder) throw new Error(`no workspace folder holds ${uri}`);
  await session.whenIndexed(folder);
  const open = session.documents.get(uri);
  const path = uriToPath(uri);
  const text = open ? open.getText() : path !== undefined ? (await readText(session, path)) ?? '' : '';
  session.bibliographies.forDraft(uri, text, folder); // starts reading its files
  await Promise.all(session.bibliographies.paths().map((p) => session.bibliographies.store.load(p)));
  await session.bibliographies.attachAll(folder);
  return exportCsl(folder.index, session.bibliographies.forDraft(uri, text, folder).bibliography);
}

/** Rebuilds every folder's index from disk; resolves to the number of sources. */
export async function rebuildIndex(session: Session): Promise<{ sources: number }> {
  await Promise.all(session.workspace.all().map((f) => session.refreshFolder(f, true)));
  let sources = 0;
  for (const folder of session.workspace.all()) sources += folder.index.size;
  return { sources };
}

/** Every citation of `key` in the folder's drafts: open documents as edited, others as on disk. */
export async function citationLocations(session: Session, uri: string, key: string) {
  const folder = session.workspace.folderFor(uri);
  const texts = new Map<string, string>();
  for (const document of session.documents.all()) {
    if (session.workspace.folderFor(document.uri) === folder && session.isDraft(document, folder!)) texts.set(document.uri, document.getText());
  }
  if (folder?.path !== undefined) {
    for (const path of await listDrafts(session.fs, folder.path, folder.corpusRoots)) {
      const draftUri = pathToUri(path);
      if (texts.has(draftUri)) continue;
      const text = await readText(session, path);
      if (text !== undefined && text.includes(key)) texts.set(draftUri, text);
    }
  }
  const locations = [];
  for (const [draftUri, text] of [...texts].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const lines = new LineIndex(text);
    for (const span of citationsOf(parseDraft(text), key)) locations.push({ uri: draftUri, range: lines.rangeOf(span) });
  }
  return locations;
}

export function passageResults(session: Session, params: SearchPassagesParams): PassageResult[] {
  const folder = params.uri ? session.workspace.folderFor(params.uri) : session.workspace.all()[0];
  if (!folder || params.query.trim() === '') return [];
  return searchPassages(folder.index, params.query, { limit: params.limit ?? 20 }).map((p) => {
    const source = folder.index.get(p.key);
    const range = source ? sourceLines(source).rangeOf(p.span) : { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    const place = source ? placeOf(source, p.span) : undefined;
    return { key: p.key, title: source?.title ?? p.key, uri: pathToUri(p.path), range, text: p.text, ...(place ? { locator: placeName(place) } : {}) };
  });
}

export function sourceEntries(session: Session, uri: string | undefined): SourceEntry[] {
  const folder = uri ? session.workspace.folderFor(uri) : session.workspace.all()[0];
  if (!folder) return [];
  return [...folder.index.sources()]
    .map((s) => {
      const scheme = session.textScheme;
      return { key: s.key, title: s.title, uri: pathToUri(s.path), ...(scheme !== undefined && hasReadableText(s.path) ? { textUri: virtualUri(scheme, s) } : {}) };
    })
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

async function readText(session: Session, path: string): Promise<string | undefined> {
  try {
    return new TextDecoder().decode(await session.fs.readFile(path));
  } catch (error) {
    session.log('warning', `Could not read draft ${path}: ${error instanceof Error ? error.message : String(error)}`);
    return undefined;
  }
}

