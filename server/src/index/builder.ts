import type { CancellationToken } from '../engine/io.js';
import { buildSegmentData, type SegmentData, type SegmentInput } from './segmentData.js';

export { bodySize } from './segmentData.js';

/**
 * Builds segments, in this thread or elsewhere. The engine stays free of
 * threads: the CLI and the language server pass a builder backed by worker
 * threads (`server/src/node/workerBuilder.ts`); tests use `inProcessBuilder`.
 */
export interface SegmentBuilder {
  /** Groups built at once (the number of worker threads; 1 in process). */
  readonly parallelism: number;
  /** Tokenizes and inverts one group of documents: `buildSegmentData` wherever it runs. */
  build(docs: readonly SegmentInput[]): Promise<SegmentData>;
}

/**
 * Builds in the calling thread, yielding to the event loop between groups.
 * `await inProcessBuilder.build([{ text: 'a b', bodyStart: 0 }])` has two terms.
 */
export const inProcessBuilder: SegmentBuilder = {
  parallelism: 1,
  async build(docs) {
    await new Promise<void>((resolve) => setTimeout(resolve, 0));
    return buildSegmentData(docs);
  },
};

/** Characters of text per segment built together: about 2 million words of English. */
export const SEGMENT_CHARS = 12_000_000;

/**
 * Splits items into groups of about `SEGMENT_CHARS` characters, in order.
 * `groupBySize([a, b, c], (s) => s.text.length)` keeps small sources together.
 */
export function groupBySize<T>(items: readonly T[], size: (item: T) => number, limit = SEGMENT_CHARS): T[][] {
  const groups: T[][] = [];
  let group: T[] = [];
  let chars = 0;
  for (const item of items) {
    group.push(item);
    chars += size(item);
    if (chars >= limit) {
      groups.push(group);
      group = [];
      chars = 0;
    }
  }
  if (group.length > 0) groups.push(group);
  return groups;
}

/**
 * Runs `build` over groups with at most `parallelism + 1` in flight and hands
 * each result to `adopt` in group order (so document numbers do not depend on
 * which thread finished first). Stops starting groups once `token` is cancelled.
 */
export async function buildInOrder<T>(groups: readonly T[], parallelism: number, build: (group: T) => Promise<SegmentData>,
  adopt: (group: T, data: SegmentData) => void, token?: CancellationToken): Promise<void> {
  const inFlight: Promise<SegmentData>[] = [];
  let next = 0;
  const start = () => {
    while (next < groups.length && inFlight.length < parallelism + 1 && !token?.isCancellationRequested) {
      const promise = build(groups[next++]!);
      promise.catch(() => undefined); // awaited below in order; keep an early failure from being unhandled
      inFlight.push(promise);
    }
  };
  start();
  for (let i = 0; i < next; i++) {
    const data = await inFlight.shift()!;
    if (token?.isCancellationRequested) return;
    adopt(groups[i]!, data);
    start();
  }
}
