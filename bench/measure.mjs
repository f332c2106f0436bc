/**
 * One measurement in a fresh process (so a cold index and resident memory
 * are not flattered by an earlier run): prints one JSON line.
 *   node --expose-gc bench/measure.mjs cold DIR
 *   node --expose-gc bench/measure.mjs open DIR CACHE_DIR DRAFT_FILE
 */
import { readFileSync } from 'node:fs';
import { checkDraft } from '../server/out/features/check.js';
import { openIndex } from '../server/out/index/openIndex.js';
import { isUtf8 } from 'node:buffer';
import { sha256Digest } from '../server/out/node/digest.js';
import { nodeFileSystem } from '../server/out/node/nodeFileSystem.js';
import { workerBuilder } from '../server/out/node/workerBuilder.js';

const [mode, dir, cacheDir, draftFile] = process.argv.slice(2);
const builder = workerBuilder();
const started = performance.now();
const opened = await openIndex(nodeFileSystem, [dir], {
  builder,
  digest: sha256Digest,
  isUtf8,
  ...(mode === 'open' || mode === 'save' ? { cacheDir } : {}),
});
const indexed = performance.now();
let diagnosed = indexed;
let findings = 0;
if (draftFile) {
  findings = checkDraft(opened.index, readFileSync(draftFile, 'utf8')).findings.length;
  diagnosed = performance.now();
}
await builder.close();
globalThis.gc?.();
globalThis.gc?.();
const memory = process.memoryUsage();
process.stdout.write(JSON.stringify({
  indexMs: indexed - started,
  firstDiagnosticsMs: diagnosed - started,
  findings,
  sources: opened.index.size,
  cache: opened.cache.status,
  ...(opened.cache.problem ? { cacheProblem: opened.cache.problem.message } : {}),
  rss: memory.rss,
  heapUsed: memory.heapUsed,
  indexBytes: opened.index.indexBytes,
}) + '\n');
