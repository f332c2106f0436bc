import { MessageType } from 'vscode-languageserver/node.js';
import {
  BIBLIOGRAPHY_CSL_JSON, CHECK_ALL_DRAFTS, MAX_SOURCES_PAGE, REBUILD_INDEX, SOURCES_PAGE, type CslItem, type PassageResult, type SearchPassagesParams,
  type ServerCommand, type ServerCommands, type SourceEntry, type SourcesParams, type SourcesResult,
} from '../../../shared/out/protocol.js';
import { parseDraft } from '../draft/parse.js';
import { placeName, placeOf } from '../corpus/places.js';
import { sourceLines } from '../corpus/sourceLines.js';
import { LineIndex } from '../engine/text.js';
import { exportCsl } from '../bibliography/exportCsl.js';
import { listDrafts } from '../features/listDrafts.js';
import { citationsOf } from '../features/references.js';
import { searchPassages } from '../match/continuations.js';
import { letRequestsIn, timeSlices } from '../engine/timeSlices.js';
import { sourceMatchesInSlices } from '../features/sourceSearch.js';
import { VerdictCache } from '../features/check.js';
import type { CheckedDraft } from './draftReports.js';
import type { FolderState } from './folderState.js';
import { checkTurn, type Session } from './session.js';
import { readableUri } from './sourceText.js';
import { pathToUri, uriToPath } from './uri.js';

/**
 * The server's commands (`workspace/executeCommand`), each answering what the
 * shared `ServerCommands` says it does. Arguments come from any client, so each
 * command checks its own.
 */
export const serverCommands: { [C in ServerCommand]: (session: Session, args: readonly unknown[]) => Promise<ServerCommands[C]['result']> } = {
  [CHECK_ALL_DRAFTS]: (session) => checkAllDrafts(session),
  [REBUILD_INDEX]: (session) => rebuildIndex(session),
  [BIBLIOGRAPHY_CSL_JSON]: (session, args) => exportBibliography(session, args[0]),
};

/** Checks every draft (`*.md` outside corpus folders and node_modules) in every folder and publishes diagnostics. */
export async function checkAllDrafts(session: Session): Promise<ServerCommands[typeof CHECK_ALL_DRAFTS]['result']> {
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
      const version = open ? open.version : -1;
      const checked = await checkInTurns(session, uri, version, text, folder);
      drafts++;
      problems += checked.diagnostics.length;
      // A draft edited, closed or opened while it was checked has its own check (or its clearing): these
      // diagnostics, of the text it had, would come after it and stay.
      const now = session.documents.get(uri);
      if (open ? now !== open || now.version !== version : now !== undefined) continue;
      void session.connection.sendDiagnostics({ uri, diagnostics: checked.diagnostics });
    }
  }
  const message = `Verbatim checked ${drafts} draft${drafts === 1 ? '' : 's'}: ${problems} problem${problems === 1 ? '' : 's'}.`;
  session.log('info', message);
  void session.connection.sendNotification('window/showMessage', { type: MessageType.Info, message });
  return { drafts, problems };
}

/**
 * One draft's whole check in turns of `CHECK_TURN_MS`, with requests let in
 * between (`letRequestsIn`), as the session checks an open draft: each turn
 * goes on where the last stopped, a draft from disk keeping its verdicts in a
 * cache of its own. In one go, a folder of large drafts held every request.
 */
async function checkInTurns(session: Session, uri: string, version: number, text: string, folder: FolderState): Promise<CheckedDraft> {
  const verdicts = version < 0 ? new VerdictCache() : undefined;
  for (;;) {
    const checked = session.reports.check(uri, version, text, folder, checkTurn(), verdicts);
    if (checked.report.complete) return checked;
    await letRequestsIn();
  }
}

/**
 * CSL-JSON for every source the draft at `uri` can cite: its folder's corpus
 * and its bibliographies (front matter and setting), waiting for both to be read.
 */
export async function exportBibliography(session: Session, uri: unknown): Promise<CslItem[]> {
  if (typeof uri !== 'string') throw new Error(`${BIBLIOGRAPHY_CSL_JSON} needs the draft's URI`);
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
export async function rebuildIndex(session: Session): Promise<ServerCommands[typeof REBUILD_INDEX]['result']> {
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

/**
 * The sources of the document's folder that match `params.query`, the best
 * `params.limit` first, and how many match, for Open Source's picker: found in
 * slices (`sourceMatchesInSlices`) and never more than `MAX_SOURCES_PAGE`, so
 * that 100,000 sources neither hold the other requests nor make one answer of
 * 15 MB. Undefined once `token` is cancelled (the user typed on).
 */
export async function sourceEntries(
  session: Session, params: SourcesParams | null, token?: { readonly isCancellationRequested: boolean },
): Promise<SourcesResult | undefined> {
  const uri = typeof params?.uri === 'string' ? params.uri : undefined;
  const folder = uri ? session.workspace.folderFor(uri) : session.workspace.all()[0];
  if (!folder) return { items: [], total: 0 };
  const query = typeof params?.query === 'string' ? params.query : '';
  const limit = pageLimit(params?.limit);
  const found = await sourceMatchesInSlices([folder.index.sources()], query, limit, timeSlices(), token);
  if (!found) return undefined;
  const items = found.sources.map((s): SourceEntry => {
    const textUri = readableUri(session.textScheme, s);
    return { key: s.key, title: s.title, uri: pathToUri(s.path), ...(textUri !== undefined ? { textUri } : {}) };
  });
  return { items, total: found.total };
}

/** The request's limit, if it is a count, at most `MAX_SOURCES_PAGE`; else `SOURCES_PAGE`. */
function pageLimit(limit: unknown): number {
  return typeof limit === 'number' && Number.isInteger(limit) && limit >= 0 ? Math.min(limit, MAX_SOURCES_PAGE) : SOURCES_PAGE;
}

async function readText(session: Session, path: string): Promise<string | undefined> {
  try {
    return new TextDecoder().decode(await session.fs.readFile(path));
  } catch (error) {
    session.log('warning', `Could not read draft ${path}: ${error instanceof Error ? error.message : String(error)}`);
    return undefined;
  }
}

