/**
 * The language server, spawned over stdio as an editor would: requests timed
 * while it indexes from cold, its resident memory once indexed, and the time
 * from start to the first diagnostics when it reopens with its saved index.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { percentile } from './stats.mjs';

const HARNESS = new URL('../test/out/lsp/harness.js', import.meta.url);

export function serverAvailable() {
  return existsSync(new URL('../server/out/server.js', import.meta.url)) && existsSync(HARNESS);
}

/** Resident memory of a process, from /proc (Linux). */
function rssOf(pid) {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1]);
    return kb * 1024;
  } catch {
    return NaN;
  }
}

function positionAt(text, offset) {
  const before = text.slice(0, offset);
  const line = before.split('\n').length - 1;
  return { line, character: before.length - (before.lastIndexOf('\n') + 1) };
}

/**
 * Starts the server on a workspace holding `draft` with `corpusDir` as its
 * corpus and `cacheDir` as the client's storage folder, and measures:
 * latencies of hover and completion requests sent every 25 ms until the index
 * is ready, time to the first diagnostics, and resident memory after them.
 */
export async function serverRun(corpusDir, cacheDir, draft, scratch) {
  const { TestClient } = await import(HARNESS.href);
  const root = join(scratch, 'workspace');
  mkdirSync(root, { recursive: true });
  writeFileSync(join(root, 'draft.md'), draft);
  const uri = pathToFileURL(join(root, 'draft.md')).href;
  const started = performance.now();
  const client = await TestClient.start(root, {
    configuration: () => ({ corpus: [corpusDir] }),
    initializationOptions: { cacheDir },
  });
  const firstDiagnostics = client.nextDiagnostics(uri, (p) => p.diagnostics.length > 0);
  await client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text: draft } });

  const quoteAt = draft.indexOf('“') + 3;
  const keyAt = draft.indexOf('[@') + 3;
  const latencies = [];
  let ready = false;
  const indexed = client.indexed().then(() => { ready = true; });
  let diagnosedAt = NaN;
  void firstDiagnostics.then(() => { diagnosedAt = performance.now() - started; });
  while (!ready) {
    for (const [method, offset] of [['textDocument/hover', quoteAt], ['textDocument/completion', keyAt]]) {
      const t = performance.now();
      await client.request(method, { textDocument: { uri }, position: positionAt(draft, offset) });
      latencies.push(performance.now() - t);
    }
    await Promise.race([indexed, new Promise((resolve) => setTimeout(resolve, 25))]);
  }
  const indexedMs = performance.now() - started;
  await firstDiagnostics;
  const pid = client.child?.pid;
  // Let the server settle (idle worker threads stop after 2 s) before reading its memory.
  await new Promise((resolve) => setTimeout(resolve, 2500));
  const rss = rssOf(pid);
  await client.stop();
  return {
    indexedMs,
    firstDiagnosticsMs: diagnosedAt,
    requests: latencies.length,
    requestP95: percentile(latencies, 0.95),
    requestMax: latencies.length ? Math.max(...latencies) : NaN,
    rss,
    sources: client.status?.sources,
  };
}
