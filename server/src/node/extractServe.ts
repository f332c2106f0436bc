/**
 * The worker-thread side of `extractWorkers`: answers each job (a file's
 * bytes) with the reader's result or its failure. Shared by the real worker
 * entry (`extractWorker.ts`) and the tests' workers, which pass their own extractor.
 */
import { parentPort } from 'node:worker_threads';
import type { ExtractedFormat, ExtractedMeta, ExtractedSource } from '../formats/extracted.js';
import { asExtractionError, type ExtractFile } from '../formats/readers.js';

export interface ExtractJob {
  readonly id: number;
  readonly format: ExtractedFormat;
  readonly bytes: Uint8Array;
  readonly path: string;
}

export type ExtractReply =
  | { readonly ready: true }
  | { readonly id: number; readonly result: ExtractedSource }
  | { readonly id: number; readonly failure: string; readonly message: string };

/** Serves jobs from the parent thread with `extract`, one at a time as they come. */
export function serveExtraction(extract: ExtractFile): void {
  const port = parentPort;
  if (!port) return;
  port.on('message', (job: ExtractJob) => {
    void extract(job.format, job.bytes, job.path).then(
      (result) => {
        try {
          port.postMessage({ id: job.id, result: plainResult(result) } satisfies ExtractReply);
        } catch (error) {
          const failure = asExtractionError(error, job.path);
          port.postMessage({ id: job.id, failure: failure.failure, message: failure.message } satisfies ExtractReply);
        }
      },
      (error: unknown) => {
        const failure = asExtractionError(error, job.path);
        port.postMessage({ id: job.id, failure: failure.failure, message: failure.message } satisfies ExtractReply);
      },
    );
  });
  port.postMessage({ ready: true } satisfies ExtractReply);
}

/** Only the fields of an `ExtractedSource`, so a reader's extra objects are never cloned (or fail to be). */
function plainResult(result: ExtractedSource): ExtractedSource {
  const meta: { -readonly [K in keyof ExtractedMeta]: ExtractedMeta[K] } = {};
  for (const field of ['title', 'author', 'date', 'url'] as const) {
    const value = result.meta?.[field];
    if (typeof value === 'string') meta[field] = value;
  }
  return {
    text: result.text,
    meta,
    ...(result.locators ? { locators: result.locators.map((l) => ({ kind: l.kind, start: l.start, end: l.end, index: l.index, ...(l.label !== undefined && { label: l.label }) })) } : {}),
    ...(result.notes ? { notes: [...result.notes] } : {}),
  };
}
