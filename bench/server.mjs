/**
 * The language server, spawned over stdio as an editor would: requests timed
 * while it indexes from cold, its resident memory once indexed, and the time
 * from start to the first diagnostics when it reopens with its saved index.
 * It measures the build that ships: the esbuild bundle `dist/server.mjs`
 * (what VS Code runs), built first when it is missing or older than the
 * sources, launched with the client's memory settings.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { percentile } from './stats.mjs';

const HARNESS = new URL('../test/out/lsp/harness.js', import.meta.url);
const repo = fileURLToPath(new URL('..', import.meta.url));
const BUNDLE = join(repo, 'dist', 'server.mjs');
/** What the bundle is built from: newer than the bundle means it is stale. */
const BUNDLE_INPUTS = ['server/src', 'scripts/bundle.mjs', 'package-lock.json'];
/** The launch settings of the VS Code client (client/src/extension.ts); 'plain' launches without them, for comparison. */
const LAUNCHES = {
  client: { env: { MALLOC_MMAP_THRESHOLD_: '1048576' }, flags: '--max-semi-space-size=1' },
  plain: { env: {}, flags: '' },
};

function newestMtime(path) {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = 0;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
  return newest;
}

/**
 * The server build to measure: `dist/server.mjs`, bundled now (`node
 * scripts/bundle.mjs`) when missing or stale. Returns its path and a label
 * for the table, or undefined with the reason when it cannot be built.
 */
export function serverBuild(log) {
  if (!existsSync(HARNESS)) return { missing: 'the test harness (test/out/lsp/harness.js) is not built' };
  const inputs = Math.max(...BUNDLE_INPUTS.map((p) => newestMtime(join(repo, p))));
  let how = 'up to date';
  if (!existsSync(BUNDLE) || statSync(BUNDLE).mtimeMs < inputs) {
    how = existsSync(BUNDLE) ? 'rebuilt: it was older than the sources' : 'built: it was missing';
    log(`bundling the server (node scripts/bundle.mjs): dist/server.mjs ${how.replace(/^\w+: it /, '')}`);
    const built = spawnSync(process.execPath, [join(repo, 'scripts', 'bundle.mjs')], { cwd: repo, stdio: ['ignore', 'ignore', 'inherit'] });
    if (built.status !== 0 || !existsSync(BUNDLE)) return { missing: 'the server bundle could not be built (node scripts/bundle.mjs failed)' };
  }
  const built = new Date(statSync(BUNDLE).mtimeMs).toISOString().replace(/\.\d+Z$/, 'Z');
  return { path: BUNDLE, label: `esbuild bundle dist/server.mjs (${how}, built ${built}), launched as the VS Code client does (MALLOC_MMAP_THRESHOLD_=1048576, --max-semi-space-size=1)` };
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

/** CPU time (user + system, all threads) a process has used so far, in ms, from /proc (Linux). */
function cpuMsOf(pid) {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // utime, stime in clock ticks (100 Hz)
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
 * is ready (unless `requests` is false: a workspace opened and left alone),
 * time to the first diagnostics, and resident memory after them.
 */
export async function serverRun(serverPath, corpusDir, cacheDir, draft, scratch, { launch = 'client', requests = true } = {}) {
  // The harness reads VERBATIM_SERVER once, when first imported; the child inherits this process's environment.
  process.env.VERBATIM_SERVER = serverPath;
  const { TestClient } = await import(HARNESS.href);
  const root = join(scratch, 'workspace');
  mkdirSync(root, { recursive: true });
  writeFileSync(join(root, 'draft.md'), draft);
  const uri = pathToFileURL(join(root, 'draft.md')).href;
  const saved = { ...process.env };
  const { env, flags } = LAUNCHES[launch];
  Object.assign(process.env, env, { NODE_OPTIONS: [process.env.NODE_OPTIONS, flags].filter(Boolean).join(' ') });
  const started = performance.now();
  let client;
  try {
    client = await TestClient.start(root, {
      configuration: () => ({ corpus: [corpusDir] }),
      initializationOptions: { cacheDir },
    });
  } finally {
    for (const name of [...Object.keys(env), 'NODE_OPTIONS']) {
      if (saved[name] === undefined) delete process.env[name];
      else process.env[name] = saved[name];
    }
  }
  const initializedMs = performance.now() - started;
  const firstDiagnostics = client.nextDiagnostics(uri, (p) => p.diagnostics.length > 0);
  await client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text: draft } });

  const quoteAt = draft.indexOf('“') + 3;
  const keyAt = draft.indexOf('[@') + 3;
  const latencies = [];
  let ready = false;
  const indexed = client.indexed().then(() => { ready = true; });
  let diagnosedAt = NaN;
  let diagnosedCpuMs = NaN;
  void firstDiagnostics.then(() => { diagnosedAt = performance.now() - started; diagnosedCpuMs = cpuMsOf(client.child?.pid); });
  while (requests && !ready) {
    for (const [method, offset] of [['textDocument/hover', quoteAt], ['textDocument/completion', keyAt]]) {
      const t = performance.now();
      await client.request(method, { textDocument: { uri }, position: positionAt(draft, offset) });
      latencies.push(performance.now() - t);
    }
    await Promise.race([indexed, new Promise((resolve) => setTimeout(resolve, 25))]);
  }
  await indexed;
  const indexedMs = performance.now() - started;
  await firstDiagnostics;
  const pid = client.child?.pid;
  // Let the server settle (idle worker threads stop after 2 s) before reading its memory.
  await new Promise((resolve) => setTimeout(resolve, 2500));
  const rss = rssOf(pid);
  await client.stop();
  return {
    initializedMs,
    indexedMs,
    firstDiagnosticsMs: diagnosedAt,
    /** The server's CPU time (all threads) from spawn to the first diagnostics: a figure that other processes on the machine do not inflate. */
    firstDiagnosticsCpuMs: diagnosedCpuMs,
    requests: latencies.length,
    requestP95: percentile(latencies, 0.95),
    requestMax: latencies.length ? Math.max(...latencies) : NaN,
    rss,
    sources: client.status?.sources,
  };
}
