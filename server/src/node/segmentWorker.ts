/**
 * Worker-thread entry of `workerBuilder`: builds one segment per message and
 * sends its typed arrays back without copying them.
 */
import { parentPort } from 'node:worker_threads';
import { buildSegmentData, SEGMENT_ARRAYS, type SegmentInput } from '../index/segmentData.js';

interface Job {
  readonly id: number;
  readonly docs: readonly SegmentInput[];
}

parentPort?.on('message', (job: Job) => {
  try {
    const data = buildSegmentData(job.docs);
    parentPort!.postMessage({ id: job.id, data }, SEGMENT_ARRAYS.map((name) => data[name].buffer as ArrayBuffer));
  } catch (error) {
    parentPort!.postMessage({ id: job.id, error: (error as Error).message ?? String(error) });
  }
});
