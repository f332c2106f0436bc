import { neverCancelled, type CancellationToken } from '../engine/io.js';

/**
 * Runs `work` on each item with at most `limit` in flight, keeping results in
 * item order. Once `token` is cancelled no new item starts; items not started
 * are left `undefined`.
 * `await mapPool([1, 2, 3], 2, async (n) => n * 2)` is `[2, 4, 6]`.
 */
export async function mapPool<T, R>(
  items: readonly T[],
  limit: number,
  work: (item: T, index: number) => Promise<R>,
  token: CancellationToken = neverCancelled,
): Promise<(R | undefined)[]> {
  const results: (R | undefined)[] = new Array(items.length).fill(undefined);
  let next = 0;
  const worker = async () => {
    while (next < items.length && !token.isCancellationRequested) {
      const index = next++;
      results[index] = await work(items[index]!, index);
    }
  };
  const workers = Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker);
  await Promise.all(workers);
  return results;
}
