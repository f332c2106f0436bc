#!/usr/bin/env node
// Bundles the extension into single files with esbuild, for the VSIX:
//   client/src/extension.ts -> dist/extension.js  (CommonJS: VS Code loads it; `vscode` stays external)
//   server/src/server.ts    -> dist/server.mjs    (ES module: the server depends on ESM-only micromark),
//                              its format readers split into dist/chunks/*.mjs (loaded only when used)
//   server/src/node/segmentWorker.ts -> dist/segmentWorker.js (the index builder's worker thread)
//   server/src/node/extractWorker.ts -> dist/extractWorker.mjs (the PDF, web page, Word and EPUB readers' worker thread, with pdf.js)
//   server/src/node/bibliographyWorker.ts -> dist/bibliographyWorker.mjs (the BibTeX files' worker thread),
//                              its full parser split into dist/chunks/*.mjs
//   server/src/cli/main.ts  -> dist/cli.mjs       (the `verbatim` command, same engine; not shipped in the VSIX)
// Usage: node scripts/bundle.mjs [--dev] [--partial]
//   --dev      no minification, source maps next to the bundles (dist/*.map: not shipped), so a
//              debugger stops at breakpoints in client/src and server/src (VS Code's "Run Extension")
//   --partial  skip entries whose source does not exist yet instead of failing
// `npm run build` runs it (so `main`, dist/extension.js, exists after `npm install`);
// `npm run watch` (scripts/watch.mjs) rebuilds the --dev bundles on every save.
import { build } from 'esbuild';
import { existsSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dev = process.argv.includes('--dev');
const partial = process.argv.includes('--partial');

// An ES-module bundle still meets CommonJS dependencies (vscode-languageserver) that
// call require('util') etc.; esbuild's shim throws on those unless a real require exists.
const esmRequireBanner = "import { createRequire as __verbatimCreateRequire } from 'node:module'; const require = __verbatimCreateRequire(import.meta.url);";

/** @type {{ name: string, entry: string, outfile: string, format: 'cjs' | 'esm', banner?: string, shebang?: boolean, chunks?: string }[]} */
export const targets = [
  { name: 'extension', entry: 'client/src/extension.ts', outfile: 'dist/extension.js', format: 'cjs' },
  // Split: the format readers the server loads with import() only when it reads a PDF, web page, Word or EPUB
  // file in its own thread (pdf.js, mammoth, linkedom: 2.6 of its 3.3 MB) go to `chunks`, so a start
  // does not parse them (bench/README.md, "Reopening extracted sources (issue 9)").
  { name: 'server', entry: 'server/src/server.ts', outfile: 'dist/server.mjs', format: 'esm', banner: esmRequireBanner, chunks: 'dist/chunks/*.mjs' },
  // The index builder starts worker threads on `new URL('./segmentWorker.js', import.meta.url)`:
  // next to dist/server.mjs that is this file (CommonJS, so `.js` loads without a package.json).
  { name: 'segment worker', entry: 'server/src/node/segmentWorker.ts', outfile: 'dist/segmentWorker.js', format: 'cjs' },
  // The format readers' threads start on `new URL('./extractWorker.mjs', import.meta.url)` next to a bundle
  // (`.mjs`: pdf.js is an ES module). The entry imports the readers' registry, so every reader and pdf.js land in it;
  // the server and CLI bundles hold them too (the readers run in process when no thread can start).
  { name: 'extraction worker', entry: 'server/src/node/extractWorker.ts', outfile: 'dist/extractWorker.mjs', format: 'esm', banner: esmRequireBanner },
  // BibTeX files are read on `new URL('./bibliographyWorker.mjs', import.meta.url)` the same way. Split, so that
  // @retorquere/bibtex-parser (most of its 600 KB) is a chunk loaded when a full parse starts: a thread
  // started ahead (bibtexThread's `prestart`) loads and holds only the scanner.
  { name: 'bibliography worker', entry: 'server/src/node/bibliographyWorker.ts', outfile: 'dist/bibliographyWorker.mjs', format: 'esm', banner: esmRequireBanner, chunks: 'dist/chunks/*.mjs' },
  // main.ts starts with its own hashbang, which esbuild keeps first: a second one would be a syntax error.
  { name: 'cli', entry: 'server/src/cli/main.ts', outfile: 'dist/cli.mjs', format: 'esm', banner: esmRequireBanner },
];

/**
 * The client and the server import the shared protocol as tsc builds it
 * (`shared/out/protocol.js`, CommonJS, so both module systems load it); a
 * bundle takes it from its source, `shared/src/protocol.ts`, so it never waits
 * on tsc, nor bundles a stale build (`npm run watch` starts esbuild before tsc).
 */
const sharedFromSource = {
  name: 'shared-from-source',
  setup(build) {
    build.onResolve({ filter: /(^|\/)shared\/out\/[\w.-]+$/ }, (args) => {
      const compiled = join(args.resolveDir, args.path);
      const outDir = join(root, 'shared', 'out');
      if (dirname(compiled) !== outDir) return undefined;
      return { path: join(root, 'shared', 'src', `${compiled.slice(outDir.length + 1).replace(/\.js$/, '')}.ts`) };
    });
  },
};

/** esbuild's options for one target (`dev`: unminified, with linked source maps). */
export function buildOptions(target, dev) {
  const banner = [target.shebang ? '#!/usr/bin/env node' : '', target.banner ?? ''].filter(Boolean).join('\n');
  const outfile = join(root, target.outfile);
  // A split bundle is an entry beside its chunks (`target.chunks`), which it loads by import() when first needed.
  const output = target.chunks
    ? { entryPoints: { [basename(outfile, '.mjs')]: join(root, target.entry) }, outdir: dirname(outfile), entryNames: '[name]',
      chunkNames: `${relative(dirname(target.outfile), dirname(target.chunks))}/[name]-[hash]`, outExtension: { '.js': '.mjs' }, splitting: true }
    : { entryPoints: [join(root, target.entry)], outfile };
  return {
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
    sourcemap: dev ? 'linked' : false,
    legalComments: 'none',
    banner: banner ? { js: banner } : undefined,
    logLevel: 'warning',
    plugins: [sharedFromSource],
  };
}

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
  await build(buildOptions(target, dev));
  return statSync(join(root, target.outfile)).size;
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

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main().catch((error) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  });
}
