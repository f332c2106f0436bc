#!/usr/bin/env node
// Bundles the extension into single files with esbuild, for the VSIX:
//   client/src/extension.ts -> dist/extension.js  (CommonJS: VS Code loads it; `vscode` stays external)
//   server/src/server.ts    -> dist/server.mjs    (ES module: the server depends on ESM-only micromark),
//                              its format readers split into dist/chunks/*.mjs (loaded only when used)
//   server/src/node/segmentWorker.ts -> dist/segmentWorker.js (the index builder's worker thread)
//   server/src/node/extractWorker.ts -> dist/extractWorker.mjs (the PDF, web page, Word and EPUB readers' worker thread, with pdf.js)
//   server/src/node/bibliographyWorker.ts -> dist/bibliographyWorker.js (the full BibTeX parse's worker thread)
//   server/src/cli/main.ts  -> dist/cli.mjs       (the `verbatim` command, same engine; not shipped in the VSIX)
// Usage: node scripts/bundle.mjs [--dev] [--partial]
//   --dev      no minification, inline source maps (for debugging the bundle)
//   --partial  skip entries whose source does not exist yet instead of failing
import { build } from 'esbuild';
import { existsSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dev = process.argv.includes('--dev');
const partial = process.argv.includes('--partial');

// An ES-module bundle still meets CommonJS dependencies (vscode-languageserver) that
// call require('util') etc.; esbuild's shim throws on those unless a real require exists.
const esmRequireBanner = "import { createRequire as __verbatimCreateRequire } from 'node:module'; const require = __verbatimCreateRequire(import.meta.url);";

/** @type {{ name: string, entry: string, outfile: string, format: 'cjs' | 'esm', banner?: string, shebang?: boolean, split?: boolean }[]} */
const targets = [
  { name: 'extension', entry: 'client/src/extension.ts', outfile: 'dist/extension.js', format: 'cjs' },
  // Split: the format readers the server loads with import() only when it reads a PDF, web page, Word or EPUB
  // file in its own thread (pdf.js, mammoth, linkedom: 2.6 of its 3.3 MB) go to dist/chunks/, so a start
  // does not parse them (bench/README.md, "Reopening extracted sources (issue 9)").
  { name: 'server', entry: 'server/src/server.ts', outfile: 'dist/server.mjs', format: 'esm', banner: esmRequireBanner, split: true },
  // The index builder starts worker threads on `new URL('./segmentWorker.js', import.meta.url)`:
  // next to dist/server.mjs that is this file (CommonJS, so `.js` loads without a package.json).
  { name: 'segment worker', entry: 'server/src/node/segmentWorker.ts', outfile: 'dist/segmentWorker.js', format: 'cjs' },
  // The format readers' threads start on `new URL('./extractWorker.mjs', import.meta.url)` next to a bundle
  // (`.mjs`: pdf.js is an ES module). The entry imports the readers' registry, so every reader and pdf.js land in it;
  // the server and CLI bundles hold them too (the readers run in process when no thread can start).
  { name: 'extraction worker', entry: 'server/src/node/extractWorker.ts', outfile: 'dist/extractWorker.mjs', format: 'esm', banner: esmRequireBanner },
  // The full BibTeX parse runs on `new URL('./bibliographyWorker.js', import.meta.url)` the same way.
  { name: 'bibliography worker', entry: 'server/src/node/bibliographyWorker.ts', outfile: 'dist/bibliographyWorker.js', format: 'cjs' },
  // main.ts starts with its own hashbang, which esbuild keeps first: a second one would be a syntax error.
  { name: 'cli', entry: 'server/src/cli/main.ts', outfile: 'dist/cli.mjs', format: 'esm', banner: esmRequireBanner },
];

/** Builds one target; returns its size in bytes, or undefined when skipped. */
async function bundle(target) {
  const entry = join(root, target.entry);
  if (!existsSync(entry)) {
    if (partial) {
      console.log(`bundle: skipped ${target.name}: ${target.entry} does not exist yet`);
      return undefined;
    }
    throw new Error(`bundle: ${target.entry} does not exist (needed for ${target.outfile})`);
  }
  const outfile = join(root, target.outfile);
  const banner = [target.shebang ? '#!/usr/bin/env node' : '', target.banner ?? ''].filter(Boolean).join('\n');
  // A split bundle is an entry beside its chunks (dist/chunks/*.mjs), loaded by import() when first needed.
  const output = target.split
    ? { outdir: dirname(outfile), entryNames: '[name]', chunkNames: 'chunks/[name]-[hash]', outExtension: { '.js': '.mjs' }, splitting: true }
    : { outfile };
  await build({
    entryPoints: target.split ? { [basename(target.outfile, '.mjs')]: entry } : [entry],
    ...output,
    bundle: true,
    platform: 'node',
    target: 'node18',
    format: target.format,
    external: ['vscode'],
    // Prefer ESM builds of dual packages, then CommonJS "main".
    mainFields: target.format === 'esm' ? ['module', 'main'] : ['main', 'module'],
    minify: !dev,
    keepNames: true,
    sourcemap: dev ? 'inline' : false,
    legalComments: 'none',
    banner: banner ? { js: banner } : undefined,
    logLevel: 'warning',
  });
  return statSync(outfile).size;
}

async function main() {
  rmSync(join(root, 'dist'), { recursive: true, force: true });
  for (const target of targets) {
    const size = await bundle(target);
    if (size !== undefined) {
      console.log(`bundle: ${relative(root, join(root, target.outfile))} ${(size / 1024).toFixed(1)} KiB`);
    }
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
