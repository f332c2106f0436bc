/**
 * Worker thread: the full parse of one BibTeX text with
 * @retorquere/bibtex-parser (~3 ms of CPU an entry, so never on the
 * server's main thread), cached by the SHA-256 of the text in `cacheDir`.
 * Receives `{ text }` or `{ bytes }` (the file's UTF-8, decoded here so the
 * server's thread never copies a 7 MB string) and `cacheDir`; answers with
 * `{ batch }` messages of entries, one each time it is sent `'next'`, then
 * `{ done }`; or `{ error }`. Why batches: 10,000 entries arriving in one
 * message took the server's thread ~60 ms to receive; a batch of 250 takes
 * ~2 ms, and, asked for one at a time, requests run between them.
 */
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { parentPort } from 'node:worker_threads';
import { parse } from '@retorquere/bibtex-parser';
import type { BibEntry } from '../bibliography/entry.js';
import { entryFromParsed, FULL_PARSE_OPTIONS } from '../bibliography/parsedEntry.js';
import { sha256Digest } from './digest.js';

/** Bumped when `entryFromParsed` or the parser's options change, so older cached parses are not used. */
const CACHE_VERSION = 1;

/** Entries per message to the server's thread. */
const BATCH = 250;

export interface BibliographyWorkerRequest {
  readonly text?: string;
  readonly bytes?: Uint8Array;
  readonly cacheDir?: string;
}

export type BibliographyWorkerAnswer = { batch: BibEntry[] } | { done: true } | { error: string };

parentPort?.once('message', (message: BibliographyWorkerRequest) => {
  void answer(message).catch((error: unknown) => {
    parentPort!.postMessage({ error: error instanceof Error ? error.message : String(error) } satisfies BibliographyWorkerAnswer);
  });
});

async function answer(message: BibliographyWorkerRequest): Promise<void> {
  const text = message.text ?? new TextDecoder('utf-8').decode(message.bytes ?? new Uint8Array());
  const entries = await parseCached(text, message.cacheDir);
  let sent = 0;
  const next = () => {
    if (sent >= entries.length) {
      parentPort!.off('message', next);
      parentPort!.postMessage({ done: true } satisfies BibliographyWorkerAnswer);
      return;
    }
    parentPort!.postMessage({ batch: entries.slice(sent, sent + BATCH) } satisfies BibliographyWorkerAnswer);
    sent += BATCH;
  };
  parentPort!.on('message', next);
  next();
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
  const entries = parse(text, FULL_PARSE_OPTIONS).entries.map(entryFromParsed);
  if (cachePath !== undefined) {
    try {
      await mkdir(cacheDir!, { recursive: true });
      await writeFile(`${cachePath}.tmp`, JSON.stringify(entries));
      await rename(`${cachePath}.tmp`, cachePath);
    } catch {
      // a cache that cannot be written costs the next start a parse, nothing else
    }
  }
  return entries;
}
