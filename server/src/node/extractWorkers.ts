import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { ExtractionError, type ExtractedFormat, type ExtractedSource } from '../formats/extracted.js';
import { extractInProcess, type ExtractFile } from '../formats/readers.js';
import type { ExtractJob, ExtractReply } from './extractServe.js';

export interface ExtractWorkers {
  /** Reads one file on a worker thread; rejects with an `ExtractionError` only. */
  readonly extract: ExtractFile;
  /** Stops the threads; files still waiting are rejected ('timeout', so they are tried again next time). */
  close(): Promise<void>;
}

export interface ExtractWorkersOptions {
  /** Threads reading at once; default every core (at most 4). */
  readonly threads?: number;
  /** The time a file of `bytes` bytes may take, in ms; default `extractionBudgetMs`. */
  readonly timeoutMs?: (bytes: number) => number;
  /** Heap of one thread, in MB (`resourceLimits.maxOldGenerationSizeMb`); default 768. */
  readonly maxMemoryMb?: number;
  /** Idle threads stop after this long, so a server that indexed keeps no reader's heap; default 3 s. */
  readonly idleMs?: number;
  /** The worker entry; default `extractWorker.js` (`.mjs` next to a bundle): tests pass workers that hang or crash. */
  readonly workerUrl?: URL;
}

/**
 * The time one file may take: a minute, and 4 s more per MB (pdf.js reads
 * about 47 pages per CPU-second; a 50 MB file gets four and a half minutes).
 * `extractionBudgetMs(0)` is 60000.
 */
export function extractionBudgetMs(bytes: number): number {
  return 60_000 + Math.round((bytes / (1024 * 1024)) * 4_000);
}

const DEFAULT_MEMORY_MB = 768;

interface Job {
  readonly id: number;
  readonly format: ExtractedFormat;
  readonly bytes: Uint8Array;
  readonly path: string;
  readonly resolve: (result: ExtractedSource) => void;
  readonly reject: (error: ExtractionError) => void;
}

interface Slot {
  readonly worker: Worker;
  /** Set once the entry module ran: a thread that dies before cannot start at all (see `broken`). */
  ready: boolean;
  job: Job | undefined;
  timer: ReturnType<typeof setTimeout> | undefined;
  error: Error | undefined;
}

/**
 * Reads PDF, web page, Word and EPUB files on a small pool of worker threads,
 * one file per thread at a time, each within a time budget
 * (`extractionBudgetMs`) and a heap limit (`maxMemoryMb`). A file that runs
 * over its time is stopped ('timeout'), one that exhausts its heap gives
 * 'too-large', one that kills its thread 'corrupt'; the thread is replaced
 * and the other files go on, so a hostile file can neither hang nor crash the
 * server. Threads start on first use and stop when idle. When no thread can
 * start at all (the entry is missing), files are read in this thread.
 * `const pool = extractWorkers(); await openIndex(fs, ['corpus'], { extract: pool.extract }); await pool.close();`
 */
export function extractWorkers(options: ExtractWorkersOptions = {}): ExtractWorkers {
  const threads = options.threads ?? Math.max(1, Math.min(4, availableParallelism()));
  const budget = options.timeoutMs ?? extractionBudgetMs;
  const memoryMb = options.maxMemoryMb ?? DEFAULT_MEMORY_MB;
  const idleMs = options.idleMs ?? 3000;
  // Next to a bundle (dist/server.mjs, dist/cli.mjs) the entry is dist/extractWorker.mjs; in the tsc build, extractWorker.js.
  const url = options.workerUrl ?? new URL(import.meta.url.endsWith('.mjs') ? './extractWorker.mjs' : './extractWorker.js', import.meta.url);
  const slots = new Set<Slot>();
  const idle: Slot[] = [];
  const queue: Job[] = [];
  let nextId = 0;
  let broken = false;
  let closed = false;
  let idleTimer: ReturnType<typeof setTimeout> | undefined;

  const inProcess = (job: Job) => { extractInProcess(job.format, job.bytes, job.path).then(job.resolve, job.reject); };

  /** The thread is gone (stopped, crashed, out of memory): its file fails, or is read here if the thread never started. */
  const lost = (slot: Slot) => {
    if (!slots.delete(slot)) return;
    const at = idle.indexOf(slot);
    if (at >= 0) idle.splice(at, 1);
    clearTimeout(slot.timer);
    const job = slot.job;
    slot.job = undefined;
    if (job && !slot.ready) {
      broken = true;
      inProcess(job);
    } else if (job) {
      job.reject(crashError(job, slot.error, memoryMb));
    }
    pump();
  };

  const spawn = (): Slot | undefined => {
    let worker: Worker;
    try {
      // A reader's console output (pdf.js warns on odd fonts) goes to stderr: a server over stdio speaks the protocol on stdout.
      worker = new Worker(url, { resourceLimits: { maxOldGenerationSizeMb: memoryMb }, stdout: true });
      worker.stdout.pipe(process.stderr, { end: false });
    } catch {
      broken = true;
      return undefined;
    }
    const slot: Slot = { worker, ready: false, job: undefined, timer: undefined, error: undefined };
    slots.add(slot);
    worker.on('message', (reply: ExtractReply) => {
      if ('ready' in reply) {
        slot.ready = true;
        if (slot.job) startClock(slot, slot.job);
        return;
      }
      const job = slot.job;
      if (!job || reply.id !== job.id) return;
      clearTimeout(slot.timer);
      slot.job = undefined;
      idle.push(slot);
      if ('result' in reply) job.resolve(reply.result);
      else job.reject(new ExtractionError(failureOf(reply.failure), reply.message));
      pump();
    });
    worker.on('error', (error) => { slot.error = error; });
    worker.on('exit', () => lost(slot));
    return slot;
  };

  /** Gives `job` its time on `slot`: over it, the thread is stopped (its 'exit' is then ignored) and replaced on the next file. */
  const startClock = (slot: Slot, job: Job) => {
    slot.timer = setTimeout(() => {
      if (slot.job !== job) return;
      slot.job = undefined;
      slots.delete(slot);
      const at = idle.indexOf(slot);
      if (at >= 0) idle.splice(at, 1);
      void slot.worker.terminate();
      job.reject(new ExtractionError('timeout',
        `${job.path} took longer than ${Math.round(budget(job.bytes.length) / 1000)} s to read, so it was skipped. ` +
        'It may be damaged or unusually complex: save it again (for a PDF, print it to a new PDF), or split it.'));
      pump();
    }, budget(job.bytes.length));
  };

  const pump = () => {
    if (idleTimer) clearTimeout(idleTimer);
    while (queue.length > 0 && !closed) {
      if (broken && slots.size === 0) { inProcess(queue.shift()!); continue; }
      const slot = idle.pop() ?? (slots.size < threads ? spawn() : undefined);
      if (!slot) {
        if (broken && slots.size === 0) continue;
        break;
      }
      const job = queue.shift()!;
      slot.job = job;
      // A thread's start (loading the readers' code) is not the file's time: the clock starts once it is ready.
      if (slot.ready) startClock(slot, job);
      slot.worker.ref();
      // A copy is handed over (transferred, not cloned): the caller's bytes may be a view on a shared buffer.
      const bytes = job.bytes.slice();
      slot.worker.postMessage({ id: job.id, format: job.format, bytes, path: job.path } satisfies ExtractJob, [bytes.buffer as ArrayBuffer]);
    }
    for (const slot of idle) slot.worker.unref();
    if (queue.length === 0 && idle.length === slots.size && slots.size > 0) {
      idleTimer = setTimeout(() => { for (const slot of [...slots]) { slots.delete(slot); void slot.worker.terminate(); } idle.length = 0; }, idleMs);
      idleTimer.unref();
    }
  };

  return {
    extract(format, bytes, path) {
      if (closed) return extractInProcess(format, bytes, path);
      return new Promise<ExtractedSource>((resolve, reject) => {
        queue.push({ id: nextId++, format, bytes, path, resolve, reject });
        pump();
      });
    },
    async close() {
      closed = true;
      if (idleTimer) clearTimeout(idleTimer);
      const stopped = (path: string) => new ExtractionError('timeout', `${path} was not read: Verbatim was stopping.`);
      for (const job of queue.splice(0)) job.reject(stopped(job.path));
      const all = [...slots];
      slots.clear();
      idle.length = 0;
      for (const slot of all) {
        clearTimeout(slot.timer);
        if (slot.job) slot.job.reject(stopped(slot.job.path));
        slot.job = undefined;
      }
      await Promise.all(all.map((slot) => slot.worker.terminate()));
    },
  };
}

/** A failure name from a thread, as one of ours ('corrupt' when unknown). */
function failureOf(name: string): ExtractionError['failure'] {
  const known: readonly string[] = ['no-text', 'encrypted', 'corrupt', 'timeout', 'too-large', 'unsupported'];
  return (known.includes(name) ? name : 'corrupt') as ExtractionError['failure'];
}

/** Why a thread died while reading a file: out of its heap ('too-large'), or anything else ('corrupt'). */
function crashError(job: Job, error: Error | undefined, memoryMb: number): ExtractionError {
  if ((error as { code?: string } | undefined)?.code === 'ERR_WORKER_OUT_OF_MEMORY') {
    return new ExtractionError('too-large',
      `${job.path} needed more than ${memoryMb} MB of memory to read, so it was skipped. Split it into smaller files, or save it again.`);
  }
  const why = error?.message ? ` (${error.message})` : '';
  return new ExtractionError('corrupt', `${job.path} stopped the reader${why}, so it was skipped. It may be damaged: open it and save it again.`);
}
