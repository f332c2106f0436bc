/**
 * Worker thread for one BibTeX file: the full parse with
 * @retorquere/bibtex-parser (~3 ms of CPU an entry, so never on the server's
 * main thread), cached by the SHA-256 of the text in `cacheDir`; with
 * `scan`, first the fast scan's keys and entries' text.
 * Receives `{ text }`, `{ bytes }` (the file's UTF-8, decoded here so the
 * server's thread never holds a 7 MB string) or `{ read }` (the file at
 * `path`, read here), `path` and `cacheDir`.
 * With `scan` it answers at once with `{ keys }` (found in the bytes by
 * `scanBibtexKeys`, before they are decoded: the keys, types and lines
 * in file order and the keys' sorted order, compact: two strings and two
 * Int32Arrays; read back from `cacheDir` when these bytes were scanned before), then, one each time it is sent `'next'`, `{ scanned }`
 * batches of each entry's text (`entryFromScan`) and `{ scannedDone }`; the
 * next `'next'` starts the full parse. The full parse answers with `{ batch }`
 * messages of entries, one each time it is sent `'next'`, then `{ done }`;
 * or `{ error }` at any point. Why batches: 10,000 entries arriving in one
 * message took the server's thread ~60 ms to receive; a batch of 250 takes
 * ~2 ms, and, asked for one at a time, requests run between them.
 */
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { parentPort } from 'node:worker_threads';
import { compareKeys } from '../bibliography/bibliography.js';
import type { BibEntry, BibProblem } from '../bibliography/entry.js';
import { entryFromScan, scanBibtex } from '../bibliography/scanBibtex.js';
import { scanBibtexKeys } from '../bibliography/scanBibtexKeys.js';
import { sha256Digest } from './digest.js';
import { nodeFileSystem } from './nodeFileSystem.js';

/** Bumped when `entryFromParsed` or the parser's options change, so older cached parses are not used. */
const CACHE_VERSION = 1;

/** Bumped when `scanBibtex` changes what it finds (keys, lines, problems), so older saved keys are not used. */
const KEYS_VERSION = 1;

/** Entries per message to the server's thread. */
const BATCH = 250;

export interface BibliographyWorkerRequest {
  readonly text?: string;
  readonly bytes?: Uint8Array;
  /** Read the file at `path` here (no `text` or `bytes` given). */
  readonly read?: boolean;
  readonly cacheDir?: string;
  /** The file's path, for the scan's problems. */
  readonly path?: string;
  /** Scan first: send the keys, then the entries' text, before the full parse. */
  readonly scan?: boolean;
}

/** A file's keys, types and lines in file order (keys and types joined by newlines, which neither holds), and the keys' sorted order. */
export interface ScannedKeys {
  readonly keys: string;
  readonly types: string;
  readonly lines: Int32Array;
  readonly order: Int32Array;
  readonly problems: BibProblem[];
}

export type BibliographyWorkerAnswer =
  | { keys: ScannedKeys } | { scanned: BibEntry[] } | { scannedDone: true }
  | { batch: BibEntry[] } | { done: true } | { error: string };

/** Messages from the server's thread after the request (`'next'`), waiting to be taken. */
const inbox: unknown[] = [];
let waiting: (() => void) | undefined;

parentPort?.once('message', (message: BibliographyWorkerRequest) => {
  parentPort!.on('message', (next: unknown) => {
    inbox.push(next);
    waiting?.();
  });
  void answer(message).catch((error: unknown) => {
    post({ error: error instanceof Error ? error.message : String(error) });
  });
});

function post(answer: BibliographyWorkerAnswer, transfer: ArrayBuffer[] = []): void {
  parentPort!.postMessage(answer, transfer);
}

/** Resolves when the server's thread asks for the next message. */
async function asked(): Promise<void> {
  while (inbox.length === 0) await new Promise<void>((resolve) => { waiting = resolve; });
  waiting = undefined;
  inbox.shift();
}

async function answer(request: BibliographyWorkerRequest): Promise<void> {
  // Read here, by the server's own reader (regular files only): no turn of the server's thread.
  const message = request.read && request.path !== undefined ? { ...request, bytes: await nodeFileSystem.readFile(request.path) } : request;
  // Keys scanned before from the same bytes are sent before decoding them (see `cachedKeys`).
  const keysCache = message.scan && message.bytes && message.cacheDir !== undefined
    ? `${message.cacheDir.replace(/\/$/, '')}/bibliography-keys-${KEYS_VERSION}-${sha256Digest(message.bytes)}.json`
    : undefined;
  const cached = keysCache === undefined ? undefined : await cachedKeys(keysCache);
  let sent: ScannedKeys | undefined;
  if (cached) {
    // Saved for the same bytes, maybe at another path (the file moved, another workspace's copy): the problems name this one.
    const problems = cached.problems.map((problem) => ({ ...problem, path: message.path ?? problem.path }));
    sent = { ...cached, problems };
    post({ keys: sent }, [cached.lines.buffer as ArrayBuffer, cached.order.buffer as ArrayBuffer]);
  } else if (message.scan && message.bytes) {
    // The keys from the bytes, before decoding them or reading any field (see `scanBibtexKeys`).
    const scan = scanBibtexKeys(message.bytes, message.path ?? '');
    sent = scannedKeys(scan.keys, scan.types, scan.lines, scan.problems);
    const saved = keysCache === undefined ? undefined : JSON.stringify({ ...sent, lines: [...sent.lines], order: [...sent.order] });
    post({ keys: sent }, [sent.lines.buffer as ArrayBuffer, sent.order.buffer as ArrayBuffer]);
    if (saved !== undefined) await writeCache(keysCache!, saved);
  }
  const text = message.text ?? new TextDecoder('utf-8').decode(message.bytes ?? new Uint8Array());
  if (message.scan) {
    await sendScan(text, message.path ?? '', sent, keysCache);
    await asked();
  }
  const entries = await parseCached(text, message.cacheDir);
  for (let at = 0; at < entries.length; at += BATCH) {
    post({ batch: entries.slice(at, at + BATCH) });
    await asked();
  }
  post({ done: true });
}

/** The keys as sent: the joined keys and types, their lines, and their sorted order. */
function scannedKeys(keys: readonly string[], types: readonly string[], lines: ArrayLike<number>, problems: BibProblem[]): ScannedKeys {
  const order = Int32Array.from(keys.keys()).sort((a, b) => compareKeys(keys[a]!, keys[b]!));
  return { keys: keys.join('\n'), types: types.join('\n'), lines: Int32Array.from(lines), order, problems };
}

/**
 * The entries' text, a batch each time it is asked for, in the order of the
 * keys `sent` (from the cache or `scanBibtexKeys`); the keys first when none
 * were sent (a text, not bytes, was given).
 */
async function sendScan(text: string, path: string, sent: ScannedKeys | undefined, keysCache: string | undefined): Promise<void> {
  const scan = scanBibtex(text, path);
  let entries = scan.entries;
  if (sent) {
    const keys = sent.keys === '' ? [] : sent.keys.split('\n');
    if (keys.join('\n') !== entries.map((e) => e.key).join('\n')) {
      // Saved by a scanner that found other keys (KEYS_VERSION not bumped), or a key scan that disagrees
      // with the full one (a bug: the tests hold them equal): the text of the keys sent, and the next start scans.
      const byKey = new Map(entries.map((e) => [e.key, e]));
      const types = sent.types.split('\n');
      entries = keys.map((key, i) => byKey.get(key) ?? { key, type: types[i] ?? 'misc', line: 0, fields: new Map() });
      if (keysCache !== undefined) await rm(keysCache, { force: true }).catch(() => undefined);
    }
  } else {
    const keys = scannedKeys(entries.map((e) => e.key), entries.map((e) => e.type), entries.map((e) => e.line), scan.problems);
    post({ keys }, [keys.lines.buffer as ArrayBuffer, keys.order.buffer as ArrayBuffer]);
  }
  for (let at = 0; at < entries.length; at += BATCH) {
    await asked();
    post({ scanned: entries.slice(at, at + BATCH).map(entryFromScan) });
  }
  await asked();
  post({ scannedDone: true });
}

/**
 * Keys saved by an earlier scan of the same bytes, or undefined. Why: the
 * scan is most of the time to a large file's keys (~110 ms of 10,000 entries,
 * several times that on a busy machine); read back, the keys come before the
 * file is even decoded. The scan runs all the same, for the entries' text.
 */
async function cachedKeys(path: string): Promise<ScannedKeys | undefined> {
  try {
    const saved = JSON.parse(await readFile(path, 'utf8')) as Omit<ScannedKeys, 'lines' | 'order'> & { lines: number[]; order: number[] };
    return { ...saved, lines: Int32Array.from(saved.lines), order: Int32Array.from(saved.order) };
  } catch {
    return undefined; // not saved yet (or unreadable): scanned
  }
}

/** Writes a cache file whole or not at all; one that cannot be written costs the next start the work, nothing else. */
async function writeCache(path: string, content: string): Promise<void> {
  try {
    await mkdir(path.slice(0, path.lastIndexOf('/')), { recursive: true });
    await writeFile(`${path}.tmp`, content);
    await rename(`${path}.tmp`, path);
  } catch {
    // see above
  }
}

async function parseCached(text: string, cacheDir: string | undefined): Promise<BibEntry[]> {
  const digest = sha256Digest(new TextEncoder().encode(text));
  const cachePath = cacheDir === undefined ? undefined : `${cacheDir.replace(/\/$/, '')}/bibliography-${CACHE_VERSION}-${digest}.json`;
  if (cachePath !== undefined) {
    try {
      return JSON.parse(await readFile(cachePath, 'utf8')) as BibEntry[];
    } catch {
      // not cached yet (or unreadable): parse
    }
  }
  // Loaded only now: the parser's code is not needed for the keys, and loading it first delayed them.
  const [{ parse }, { entryFromParsed, FULL_PARSE_OPTIONS }] = await Promise.all([import('@retorquere/bibtex-parser'), import('../bibliography/parsedEntry.js')]);
  const entries = parse(text, FULL_PARSE_OPTIONS).entries.map(entryFromParsed);
  if (cachePath !== undefined) await writeCache(cachePath, JSON.stringify(entries));
  return entries;
}
