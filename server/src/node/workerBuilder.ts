import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { bodySize, type SegmentBuilder } from '../index/builder.js';
import { buildSegmentData, type SegmentData, type SegmentInput } from '../index/segmentData.js';
import { packedBuffers, packGroup, type PackedGroup } from './segmentWire.js';

export interface WorkerBuilder extends SegmentBuilder {
  /** Stops the threads (they also stop by themselves after `idleMs` without work). */
  close(): Promise<void>;
}

/** A document as sent to a thread: only the fields of a `SegmentInput` (a source object carries more, which must not be cloned). */
function wireInput(d: SegmentInput): SegmentInput {
  if (d.encoded !== undefined) return d.markup === undefined ? { encoded: d.encoded, bodyStart: d.bodyStart } : { encoded: d.encoded, bodyStart: d.bodyStart, markup: d.markup };
  return d.chunkStarts ? { text: d.text, bodyStart: d.bodyStart, chunkStarts: d.chunkStarts } : { text: d.text, bodyStart: d.bodyStart };
}

interface Pending {
  readonly resolve: (data: SegmentData) => void;
  readonly docs: readonly SegmentInput[];
  /** Sent to a second thread after the first one was lost. */
  retried?: boolean;
}

/** A group as posted to a thread: packed when it can be (`segmentWire.ts`), between turns of the event loop. */
async function wireJob(id: number, docs: readonly SegmentInput[]): Promise<Job> {
  const packed = await packGroup(docs);
  return packed ? { id, packed } : { id, docs: docs.map(wireInput) };
}

interface Job {
  readonly id: number;
  readonly docs?: readonly SegmentInput[];
  readonly packed?: PackedGroup;
}

/**
 * A `SegmentBuilder` on worker threads: each thread builds one segment at a
 * time with `buildSegmentData` and transfers the arrays back. Threads start on
 * first use and stop after `idleMs` idle, so an indexed server keeps no thread
 * heaps. A group whose thread is lost goes to a new thread once; one that
 * fails again, or when no thread can start, is built in this thread: a group is never lost.
 * `const builder = workerBuilder(); await index.addAllAsync(sources, builder); await builder.close();`
 */
export function workerBuilder(threads = Math.max(1, Math.min(4, availableParallelism())), idleMs = 2000,
  /** Groups with fewer characters are built in this thread: starting a thread costs more. */
  minChars = 2_000_000): WorkerBuilder {
  const url = new URL('./segmentWorker.js', import.meta.url);
  const idle: Worker[] = [];
  const all = new Set<Worker>();
  const queue: Job[] = [];
  const pending = new Map<number, Pending>();
  const running = new Map<Worker, number>();
  let nextId = 0;
  let idleTimer: ReturnType<typeof setTimeout> | undefined;

  const fallback = (id: number) => {
    const job = pending.get(id);
    if (!job) return;
    pending.delete(id);
    job.resolve(buildSegmentData(job.docs));
  };
  /**
   * A group whose thread was lost (it crashed, or was stopped) goes to a new
   * thread once: built here, it would hold the server's thread for seconds.
   */
  const retry = (id: number) => {
    const job = pending.get(id);
    if (!job || job.retried) { fallback(id); return; }
    job.retried = true;
    void wireJob(id, job.docs).then((wired) => { queue.push(wired); pump(); });
  };
  const spawn = (): Worker | undefined => {
    let worker: Worker;
    try {
      worker = new Worker(url);
    } catch {
      return undefined;
    }
    all.add(worker);
    worker.on('message', (message: { id: number; data?: SegmentData; error?: string }) => {
      running.delete(worker);
      const job = pending.get(message.id);
      if (job && message.data) { pending.delete(message.id); job.resolve(message.data); } else fallback(message.id);
      idle.push(worker);
      pump();
    });
    const lost = () => {
      all.delete(worker);
      const id = running.get(worker);
      running.delete(worker);
      const at = idle.indexOf(worker);
      if (at >= 0) idle.splice(at, 1);
      if (id !== undefined) retry(id);
      pump();
    };
    worker.on('error', lost);
    worker.on('exit', lost);
    return worker;
  };
  const pump = () => {
    while (queue.length > 0) {
      let worker = idle.pop();
      if (!worker && all.size < threads) worker = spawn();
      if (!worker) {
        if (all.size === 0) { const job = queue.shift()!; fallback(job.id); continue; }
        break;
      }
      const job = queue.shift()!;
      running.set(worker, job.id);
      worker.ref();
      worker.postMessage(job, job.packed ? packedBuffers(job.packed) : []);
    }
    for (const worker of idle) worker.unref();
    if (idleTimer) clearTimeout(idleTimer);
    if (queue.length === 0 && running.size === 0 && all.size > 0) {
      idleTimer = setTimeout(() => { void close(); }, idleMs);
      idleTimer.unref();
    }
  };
  const close = async () => {
    const workers = [...all];
    all.clear();
    idle.length = 0;
    for (const [worker, id] of running) { running.delete(worker); fallback(id); }
    await Promise.all(workers.map((w) => w.terminate()));
  };

  return {
    parallelism: threads,
    build(docs) {
      let chars = 0;
      for (const doc of docs) chars += bodySize(doc);
      if (chars < minChars) return Promise.resolve().then(() => buildSegmentData(docs));
      return new Promise<SegmentData>((resolve) => {
        const id = nextId++;
        pending.set(id, { resolve, docs });
        void wireJob(id, docs).then((wired) => { queue.push(wired); pump(); });
      });
    },
    close,
  };
}
