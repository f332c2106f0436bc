import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { Worker } from 'node:worker_threads';
import type { BibEntry } from '../bibliography/entry.js';
import type { FullBibParse } from '../bibliography/store.js';
import { sha256Digest } from './digest.js';

/** Bumped when `entryFromParsed` or the parser's options change, so older cached parses are not used. */
const CACHE_VERSION = 1;

/**
 * The full parse of BibTeX files on a worker thread, one file at a time,
 * cached by the SHA-256 of the text in `cacheDir()` (when there is one): a
 * bibliography parsed once is read back in milliseconds at the next start.
 * `const fullParse = fullBibParser(() => '/tmp/cache'); await fullParse(text, 'refs.bib')`
 */
export function fullBibParser(cacheDir: () => string | undefined): FullBibParse {
  let queue: Promise<unknown> = Promise.resolve();
  return (text, _path) => {
    const run = queue.then(() => parseCached(text, cacheDir()));
    queue = run.catch(() => undefined);
    return run;
  };
}

async function parseCached(text: string, cacheDir: string | undefined): Promise<readonly BibEntry[] | undefined> {
  const digest = sha256Digest(new TextEncoder().encode(text));
  const cachePath = cacheDir === undefined ? undefined : `${cacheDir.replace(/\/$/, '')}/bibliography-${CACHE_VERSION}-${digest}.json`;
  if (cachePath !== undefined) {
    try {
      return JSON.parse(await readFile(cachePath, 'utf8')) as BibEntry[];
    } catch {
      // not cached yet (or unreadable): parse
    }
  }
  const entries = await parseInWorker(text);
  if (entries && cachePath !== undefined) {
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

function parseInWorker(text: string): Promise<readonly BibEntry[] | undefined> {
  return new Promise((resolve) => {
    const worker = new Worker(new URL('./bibliographyWorker.js', import.meta.url));
    worker.unref();
    worker.once('message', (message: { entries?: BibEntry[]; error?: string }) => {
      resolve(message.entries);
      void worker.terminate();
    });
    worker.once('error', () => resolve(undefined));
    worker.once('exit', () => resolve(undefined));
    worker.postMessage({ text });
  });
}
