import { Worker } from 'node:worker_threads';
import type { BibEntry } from '../bibliography/entry.js';
import type { BibKeys, BibtexThread } from '../bibliography/store.js';
import type { BibliographyWorkerAnswer, BibliographyWorkerRequest } from './bibliographyWorker.js';

/** How long a thread started ahead (`prestart`) waits for a first bibliography. */
const PRESTARTED_FOR_MS = 20_000;

/**
 * BibTeX files read on a worker thread each (`bibliographyWorker.ts`): the
 * file is read there (or its bytes, read here, are moved there), its keys
 * scanned from the bytes and sent back first, already sorted; then each entry's text, then the full parse
 * (cached by the text's hash in `cacheDir()`, when there is one), one file's
 * full parse at a time. So the server's thread never decodes, scans or
 * sorts a bibliography: a 7 MB one took it ~30 ms in the decoded text's
 * first read alone, and ~30 ms more to sort the keys in the first completion.
 * Every message is asked for (`'next'`) one turn of the event loop after
 * the last was taken, so requests run between them.
 * `const read = bibtexThread(() => cacheDir, { spare: startBibtexWorker() })(undefined, '/w/refs.bib'); (await read.keys)?.keys`
 */
export function bibtexThread(cacheDir: () => string | undefined, options: { spare?: Worker } = {}): BibtexThread & { releaseSpare(): void } {
  let parses: Promise<unknown> = Promise.resolve();
  // `spare`, a thread started earlier by `startBibtexWorker`, takes the first file: starting one and
  // loading its code took ~50-150 ms quiet, 0.4-1 s on a
  // busy machine, which then overlaps the server's own start instead of delaying the first keys.
  // Unused after PRESTARTED_FOR_MS (a workspace without bibliographies), or once released, it ends:
  // an idle thread is a V8 isolate of its own, 10-18 MB resident.
  let spare = options.spare;
  if (spare) {
    setTimeout(() => {
      void spare?.terminate();
      spare = undefined;
    }, PRESTARTED_FOR_MS).unref();
  }
  const read: BibtexThread = (bytes, path) => {
    const worker = spare ?? startBibtexWorker();
    spare = undefined;
    /** What the current step does with a message; `fail` ends it when the thread fails or is stopped. */
    let step: { take(message: BibliographyWorkerAnswer): void; fail(): void } | undefined;
    let ended = false;
    const end = () => {
      if (ended) return;
      ended = true;
      void worker.terminate();
      step?.fail();
    };
    const ask = () => { if (!ended) setImmediate(() => { if (!ended) worker.postMessage('next'); }); };
    worker.on('message', (message: BibliographyWorkerAnswer) => {
      if ('error' in message) end();
      else step?.take(message);
    });
    worker.once('error', end);
    worker.once('exit', end);

    const keys = new Promise<BibKeys | undefined>((resolve) => {
      step = {
        take(message) {
          if (!('keys' in message)) return;
          const { keys: joined, types, lines, order, problems } = message.keys;
          resolve({ keys: joined === '' ? [] : joined.split('\n'), types: types === '' ? [] : types.split('\n'), lines, order, problems });
        },
        fail: () => resolve(undefined),
      };
    });
    const dir = cacheDir();
    const send = (moved: Uint8Array | undefined) => {
      const request: BibliographyWorkerRequest = { ...(moved ? { bytes: moved } : { read: true }), path, scan: true, ...(dir !== undefined ? { cacheDir: dir } : {}) };
      worker.postMessage(request, moved ? [moved.buffer as ArrayBuffer] : []);
    };
    if (bytes === undefined) {
      send(undefined); // the thread reads the file
    } else {
      // The bytes are moved to the worker, not copied, when they are a buffer of their own (a file
      // read whole): copying 7 MB held this thread 40-110 ms on a busy machine. Else (Node pools
      // small reads, so the buffer may hold others' bytes) a copy is moved.
      const own = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength && bytes.buffer instanceof ArrayBuffer;
      try {
        send(own ? bytes : bytes.slice());
      } catch {
        send(bytes.slice()); // a buffer that may not be moved (`markAsUntransferable`)
      }
    }

    return {
      keys,
      scanned: (onBatch) => new Promise<boolean>((resolve) => {
        if (ended) return resolve(false);
        step = {
          take(message) {
            if ('scanned' in message) {
              onBatch(message.scanned);
              ask();
            } else if ('scannedDone' in message) {
              resolve(true);
            }
          },
          fail: () => resolve(false),
        };
        ask();
      }),
      parsed: () => {
        const run = parses.then(() => new Promise<readonly BibEntry[] | undefined>((resolve) => {
          if (ended) return resolve(undefined);
          const entries: BibEntry[] = [];
          step = {
            take(message) {
              if ('batch' in message) {
                for (const entry of message.batch) entries.push(entry);
                ask();
              } else if ('done' in message) {
                resolve(entries);
                end();
              }
            },
            fail: () => resolve(undefined),
          };
          ask();
        }));
        parses = run.catch(() => undefined);
        return run;
      },
      stop: end,
    };
  };
  return Object.assign(read, {
    /** Ends the thread started ahead, if no file took it (the server calls this once idle after indexing). */
    releaseSpare(): void {
      void spare?.terminate();
      spare = undefined;
    },
  });
}

/** Starts a BibTeX thread (`bibliographyWorker.ts`), waiting for its first file; it does not keep the process alive. */
export function startBibtexWorker(): Worker {
  const worker = new Worker(bibliographyWorkerUrl(import.meta.url));
  worker.unref();
  return worker;
}

/**
 * The worker's entry next to this module: `bibliographyWorker.mjs` beside a
 * bundle (`dist/server.mjs`: an ES module, whose full parser is a chunk
 * loaded only when a full parse starts), `bibliographyWorker.js` in the tsc build.
 */
export function bibliographyWorkerUrl(moduleUrl: string): URL {
  return new URL(moduleUrl.endsWith('.mjs') ? './bibliographyWorker.mjs' : './bibliographyWorker.js', moduleUrl);
}
