/**
 * Reopening a library of extracted sources (PDFs) from the saved index: the
 * language server, spawned as VS Code does, from start to the first
 * diagnostics, and its resident memory against the extracted text's size.
 *
 * The library: `files` copies of test/fixtures/formats/report.pdf (each made
 * distinct by a trailing PDF comment), whose saved index holds as their text
 * consecutive pieces of the Gutenberg books (about `chars` characters each),
 * so the reopen reads what a library of real papers would leave. The saved
 * index is written by the engine with a stand-in extractor: a reopen never
 * extracts, so what the readers would give does not change what is measured.
 * For comparison, the same texts as 1,000 `.txt` files are reopened the same way.
 *
 * Standalone: `node bench/extractedReopen.mjs [files] [chars]` (after `npm run build`);
 * `npm run bench` runs it as its last section.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { mb, median, spread } from './stats.mjs';

const repo = fileURLToPath(new URL('..', import.meta.url));

/** Consecutive pieces of about `chars` characters of the books in `folder`, cut at paragraph ends: `count` of them. */
function pieces(folder, count, chars) {
  const out = [];
  for (const name of readdirSync(folder).sort()) {
    const text = readFileSync(join(folder, name), 'utf8');
    let at = 0;
    while (at < text.length && out.length < count) {
      let end = text.indexOf('\n\n', at + chars);
      if (end < 0) end = text.length;
      const piece = text.slice(at, end).trim();
      if (piece.length > chars / 2) out.push(piece);
      at = end;
    }
    if (out.length >= count) break;
  }
  return out;
}

/**
 * Writes the library and its saved index under `scratch`, then reopens it in
 * the server `runs` times. Resolves to the figures, or `{ missing }` when
 * something it needs is not there.
 */
export async function extractedReopen({ data, scratch, runs = 3, files = 1000, chars = 40_000, serverPath, log = () => {} }) {
  const { serverRun } = await import('./server.mjs');
  const { openIndex } = await import('../server/out/index/openIndex.js');
  const { sampleDraft, sampleQuotes } = await import('../server/out/index/quoteSampler.js');
  const { nodeFileSystem } = await import('../server/out/node/nodeFileSystem.js');
  const { sha256Digest } = await import('../server/out/node/digest.js');
  const texts = pieces(join(data, 'gutenberg'), files, chars);
  if (texts.length < files) return { missing: `only ${texts.length} pieces of text in ${join(data, 'gutenberg')}` };

  const corpus = join(scratch, 'extracted-library');
  const cacheDir = join(scratch, 'extracted-cache');
  mkdirSync(corpus, { recursive: true });
  const pdf = readFileSync(join(repo, 'test', 'fixtures', 'formats', 'report.pdf'));
  const textOf = new Map();
  for (let i = 0; i < files; i++) {
    const path = join(corpus, `paper-${String(i).padStart(4, '0')}.pdf`);
    writeFileSync(path, Buffer.concat([pdf, Buffer.from(`%${i}\n`)]));
    textOf.set(path, texts[i]);
  }
  let extractedBytes = 0;
  for (const text of texts) extractedBytes += Buffer.byteLength(text);
  log(`extracted library: ${files} PDFs, ${(extractedBytes / 2 ** 20).toFixed(1)} MB of extracted text; writing its saved index`);
  const extract = async (_format, _bytes, path) => ({ text: textOf.get(path), meta: { title: `Paper ${path.slice(-8, -4)}` } });
  const { index, cache } = await openIndex(nodeFileSystem, [corpus], { cacheDir, extract, digest: sha256Digest });
  if (cache.status !== 'created') return { missing: `the saved index was not written (${cache.status}: ${cache.saveError ?? ''})` };
  const draft = sampleDraft(sampleQuotes(index, { count: 20, seed: 5 }), 1_500);

  // The same texts as plain files, indexed and saved the same way, for comparison.
  const plainCorpus = join(scratch, 'plain-library');
  const plainCache = join(scratch, 'plain-cache');
  mkdirSync(plainCorpus, { recursive: true });
  for (let i = 0; i < files; i++) writeFileSync(join(plainCorpus, `paper-${String(i).padStart(4, '0')}.txt`), texts[i]);
  await openIndex(nodeFileSystem, [plainCorpus], { cacheDir: plainCache, digest: sha256Digest });

  const reopens = [];
  const plainReopens = [];
  for (let r = 0; r < runs; r++) {
    reopens.push(await serverRun(serverPath, corpus, cacheDir, draft, scratch, { requests: false }));
    plainReopens.push(await serverRun(serverPath, plainCorpus, plainCache, draft, scratch, { requests: false }));
  }
  return { files, extractedBytes, reopens, plainReopens, sources: reopens[0]?.sources };
}

/** The section's lines for the bench report. */
export function extractedReopenReport(result) {
  if (result.missing) return [`Reopening extracted sources: skipped (${result.missing})`];
  const line = (label, runs) => {
    const rss = runs.map((x) => x.rss);
    return `  ${label}: spawn → first diagnostics ${spread(runs.map((x) => x.firstDiagnosticsMs))} ` +
      `(server CPU time meanwhile ${spread(runs.map((x) => x.firstDiagnosticsCpuMs))}); ` +
      `server RSS ${spread(rss, mb)} (${(median(rss) / result.extractedBytes).toFixed(2)}× the text)`;
  };
  return [
    `Reopening a library of ${result.files} PDFs from the saved index (${mb(result.extractedBytes)} of extracted text, ${result.sources} sources), ` +
    'language server as VS Code launches it, a draft of 20 quotes open:',
    line(`${result.files} PDFs`, result.reopens),
    line(`the same texts as ${result.files} .txt files`, result.plainReopens),
  ];
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { serverBuild } = await import('./server.mjs');
  const log = (text) => process.stderr.write(`bench: ${text}\n`);
  const build = serverBuild(log);
  if (build.missing) throw new Error(build.missing);
  const scratch = mkdtempSync(join(tmpdir(), 'verbatim-bench-'));
  try {
    const result = await extractedReopen({
      data: resolve(process.env.BENCH_DATA ?? join(repo, '..', 'shared', 'data')),
      scratch, runs: Math.max(1, Number(process.env.BENCH_RUNS ?? 3)),
      files: Number(process.argv[2] ?? 1000), chars: Number(process.argv[3] ?? 40_000), serverPath: build.path, log,
    });
    console.log(extractedReopenReport(result).join('\n'));
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}
