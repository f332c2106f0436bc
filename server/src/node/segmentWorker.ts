/**
 * Worker-thread entry of `workerBuilder`: builds one segment per message and
 * sends its typed arrays back without copying them.
 */
import { parentPort } from 'node:worker_threads';
import { decodeUtf8 } from '../corpus/sourceText.js';
import { buildSegmentData, SEGMENT_ARRAYS } from '../index/segmentData.js';
import type { WireInput } from './workerBuilder.js';

interface Job {
  readonly id: number;
  readonly docs: readonly WireInput[];
}

parentPort?.on('message', (job: Job) => {
  try {
    const data = buildSegmentData(job.docs.map((d) => ('encoded' in d ? { text: decodeUtf8(d.encoded), bodyStart: d.bodyStart } : d)));
    parentPort!.postMessage({ id: job.id, data }, SEGMENT_ARRAYS.map((name) => data[name].buffer as ArrayBuffer));
  } catch (error) {
    parentPort!.postMessage({ id: job.id, error: (error as Error).message ?? String(error) });
  }
});
