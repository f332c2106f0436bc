/**
 * Worker-thread entry of `workerBuilder`: builds one segment per message and
 * sends its typed arrays back without copying them.
 */
import { parentPort } from 'node:worker_threads';
import { buildSegmentData, SEGMENT_ARRAYS, type SegmentInput } from '../index/segmentData.js';
import { unpackGroup, type PackedGroup } from './segmentWire.js';

/** A group of documents: packed (`segmentWire.ts`), or one object each when some are given by their bytes. */
interface Job {
  readonly id: number;
  readonly docs?: readonly SegmentInput[];
  readonly packed?: PackedGroup;
}

parentPort?.on('message', (job: Job) => {
  try {
    const data = buildSegmentData(job.packed ? unpackGroup(job.packed) : job.docs ?? []);
    parentPort!.postMessage({ id: job.id, data }, SEGMENT_ARRAYS.map((name) => data[name].buffer as ArrayBuffer));
  } catch (error) {
    parentPort!.postMessage({ id: job.id, error: (error as Error).message ?? String(error) });
  }
});
