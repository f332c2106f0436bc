import { Worker } from 'node:worker_threads';
import type { BibEntry } from '../bibliography/entry.js';
import type { FullBibParse } from '../bibliography/store.js';
import { bibliographyWorkerUrl } from './bibtexThread.js';
import type { BibliographyWorkerAnswer, BibliographyWorkerRequest } from './bibliographyWorker.js';

/**
 * The full parse of BibTeX files on a worker thread, one file at a time,
 * cached by the SHA-256 of the text in `cacheDir()` (when there is one): a
 * bibliography parsed once is read back in milliseconds at the next start.
 * Hashing, the cache and the parse all run on the worker; given the file's
 * bytes, this thread only copies them (~2 ms for 7 MB) and receives the
 * entries in batches.
 * `const fullParse = fullBibParser(() => '/tmp/cache'); await fullParse(text, 'refs.bib')`
 */
export function fullBibParser(cacheDir: () => string | undefined): FullBibParse {
  let queue: Promise<unknown> = Promise.resolve();
  return (text, _path, bytes) => {
    const run = queue.then(() => parseInWorker(bytes ? { bytes } : { text }, cacheDir()));
    queue = run.catch(() => undefined);
    return run;
  };
}

function parseInWorker(input: { text: string } | { bytes: Uint8Array }, cacheDir: string | undefined): Promise<readonly BibEntry[] | undefined> {
  return new Promise((resolve) => {
    const worker = new Worker(bibliographyWorkerUrl(import.meta.url));
    worker.unref();
    const entries: BibEntry[] = [];
    const finish = (result: readonly BibEntry[] | undefined) => {
      resolve(result);
      void worker.terminate();
    };
    worker.on('message', (message: BibliographyWorkerAnswer) => {
      if ('batch' in message) {
        for (const entry of message.batch) entries.push(entry);
        // The next batch only after this turn of the event loop, so requests waiting run between batches.
        setImmediate(() => worker.postMessage('next'));
      } else {
        finish('done' in message ? entries : undefined);
      }
    });
    worker.once('error', () => finish(undefined));
    worker.once('exit', () => resolve(undefined));
    // A copy of the bytes is moved to the worker: the caller's buffer may be shared (Node pools small reads).
    const request: BibliographyWorkerRequest = 'bytes' in input
      ? { bytes: input.bytes.slice(), ...(cacheDir !== undefined ? { cacheDir } : {}) }
      : { text: input.text, ...(cacheDir !== undefined ? { cacheDir } : {}) };
    worker.postMessage(request, request.bytes ? [request.bytes.buffer as ArrayBuffer] : []);
  });
}
