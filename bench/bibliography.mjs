#!/usr/bin/env node
/**
 * The bibliography targets of issue 10, on ../shared/data/formats/bib/big-10k.bib
 * (10,000 real entries), with the language server over stdio as an editor runs it:
 * - keys complete: from spawning the server to the first key completion that lists the file's keys, and
 *   from the server being up (its answer to `initialize`: loading its code is ~0.3 s of the first);
 * - full entries: to the first hover with the formatted reference, and to the full parse
 *   (@retorquere/bibtex-parser on a worker thread) landing, cold and from its cache;
 * - an edit to the file: from writing it to the diagnostics that know its new key;
 * - requests while the file is read and parsed: the slowest of hovers and completions sent every 20 ms;
 * - key completion: p50/p95 of 200 requests with typed prefixes.
 * Also the scanner alone in this process.
 *   node bench/bibliography.mjs   (npm run bench runs it last)
 *   BENCH_SERVER=dist/server.mjs node bench/bibliography.mjs   (the bundled server VS Code runs, after npm run bundle)
 *   BENCH_VERBOSE=1 node bench/bibliography.mjs   (also each typed completion slower than 12 ms, with its prefix)
 * It logs which request was the slowest meanwhile and when it was sent, against when the keys, hover and full parse came.
 */
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { percentile } from './stats.mjs';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..');

export async function bibliographyBench(data, log = (t) => process.stderr.write(`bench: ${t}\n`)) {
  const big = join(data, 'formats', 'bib', 'big-10k.bib');
  if (!existsSync(big)) { console.log(`\nBibliography: ${big} is missing; nothing was measured.`); return; }
  const { scanBibtex } = await import('../server/out/bibliography/scanBibtex.js');
  const { TestClient, removeWorkspace, uriOf, writeWorkspace } = await import('../test/out/lsp/harness.js');
  const text = readFileSync(big, 'utf8');
  const scans = [];
  let keys = [];
  for (let i = 0; i < 5; i++) {
    const t = performance.now();
    keys = scanBibtex(text, big).entries.map((e) => e.key);
    scans.push(performance.now() - t);
  }
  log(`scanner: ${keys.length} keys, median ${percentile(scans, 0.5).toFixed(0)} ms`);

  const server = process.env.BENCH_SERVER ? resolve(repo, process.env.BENCH_SERVER) : undefined;
  const cacheDir = mkdtempSync(join(tmpdir(), 'verbatim-bib-cache-'));
  const rows = [];
  for (const run of ['cold', 'cached']) {
    const root = writeWorkspace({ 'corpus/a.txt': 'A source.\n\nSome words of a source to index.\n' });
    mkdirSync(join(root, 'refs'), { recursive: true });
    copyFileSync(big, join(root, 'refs', 'big.bib'));
    const started = performance.now();
    const client = await TestClient.start(root, { configuration: () => ({ bibliography: ['refs/big.bib'] }), initializationOptions: { cacheDir }, ...(server ? { server } : {}) });
    const upAt = performance.now() - started;
    const fullParse = client.nextLog((line) => /big\.bib: \d+ entries, read in full/.test(line));
    const uri = uriOf(root, 'draft.md');
    const draft = `See [@${keys[0]}].\n\nSee [@${keys[1]}`;
    await client.openQuietly(uri, draft);
    const end = { line: 2, character: 6 + keys[1].length };
    const latencies = [];
    let slowest = { ms: -1 };
    const timed = async (method, params) => {
      const t = performance.now();
      const result = await client.request(method, params);
      const ms = performance.now() - t;
      latencies.push(ms);
      if (ms > slowest.ms) slowest = { ms, method, at: t - started };
      return result;
    };
    let keysAt;
    let hoverAt;
    let parsedAt;
    void fullParse.then(() => { parsedAt = performance.now() - started; });
    while (keysAt === undefined || hoverAt === undefined || (parsedAt === undefined && performance.now() - started < 120_000)) {
      const list = await timed('textDocument/completion', { textDocument: { uri }, position: end });
      if (keysAt === undefined && list?.items?.some((i) => i.label === keys[1])) keysAt = performance.now() - started;
      const hover = await timed('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 7 } });
      if (hoverAt === undefined && /\*\*/.test(hover?.contents?.value ?? '') && !/Unknown source/.test(hover.contents.value)) hoverAt = performance.now() - started;
      await new Promise((r) => setTimeout(r, 20));
    }
    const during = Math.max(...latencies);
    log(`${run}: slowest request meanwhile ${slowest.method} ${slowest.ms.toFixed(0)} ms, sent ${(slowest.at / 1000).toFixed(2)} s after spawn (keys ${(keysAt / 1000).toFixed(2)} s, hover ${(hoverAt / 1000).toFixed(2)} s, full parse ${parsedAt === undefined ? '-' : (parsedAt / 1000).toFixed(2)} s)`);
    // Completion with typed prefixes, once everything is read.
    const completions = [];
    for (let i = 0; i < 200; i++) {
      const key = keys[(i * 47) % keys.length];
      const prefix = key.slice(0, 1 + (i % 6));
      const typed = `See [@${keys[0]}].\n\nSee [@${prefix}`;
      await client.changeQuietly(uri, typed);
      const t = performance.now();
      await client.request('textDocument/completion', { textDocument: { uri }, position: { line: 2, character: 6 + prefix.length } });
      completions.push(performance.now() - t);
      if (process.env.BENCH_VERBOSE && completions.at(-1) > 12) log(`completion of '${prefix}' took ${completions.at(-1).toFixed(1)} ms`);
    }
    // An edit to the file: a new key, known once the server re-reads it.
    const version = await client.changeQuietly(uri, 'See [@benchNewKey2026].\n');
    const known = client.nextDiagnostics(uri, (p) => p.version === version && !p.diagnostics.some((d) => d.code === 'unknown-source'));
    const edited = performance.now();
    writeFileSync(join(root, 'refs', 'big.bib'), text + '\n@misc{benchNewKey2026, title = {New}}\n');
    await client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: uriOf(root, 'refs/big.bib'), type: 2 }] });
    await known;
    const editMs = performance.now() - edited;
    rows.push({ run, upAt, keysAt, hoverAt, parsedAt, during, p50: percentile(completions, 0.5), p95: percentile(completions, 0.95), editMs });
    await client.stop();
    removeWorkspace(root);
  }
  rmSync(cacheDir, { recursive: true, force: true });
  const f = (v) => (v === undefined ? 'not within 120 s' : `${(v / 1000).toFixed(2)} s`);
  console.log(`\nBibliography: big-10k.bib (10,000 entries, 7 MB), language server over stdio (${server ? server.slice(repo.length + 1) : 'server/out/server.js'})`);
  console.log(`machine: ${cpus().length} cores, load average ${loadavg().map((l) => l.toFixed(1)).join(' / ')} (1 / 5 / 15 min) when done`);
  console.log(`scanner alone: ${keys.length} keys in ${percentile(scans, 0.5).toFixed(0)} ms (median of 5)`);
  console.log('| run | keys complete (≤ 0.3 s): from spawn / after initialize | hover with reference (≤ 2 s) | full parse landed | slowest request meanwhile (≤ 50 ms) | completion p50 / p95 (≤ 16 ms) | edit reflected (≤ 1 s) |');
  console.log('|---|---|---|---|---|---|---|');
  for (const r of rows) {
    console.log(`| ${r.run} | ${f(r.keysAt)} / ${f(r.keysAt === undefined ? undefined : r.keysAt - r.upAt)} | ${f(r.hoverAt)} | ${f(r.parsedAt)} | ${r.during.toFixed(0)} ms | ${r.p50.toFixed(1)} / ${r.p95.toFixed(1)} ms | ${(r.editMs / 1000).toFixed(2)} s |`);
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await bibliographyBench(resolve(process.env.BENCH_DATA ?? join(repo, '..', 'shared', 'data')));
}
