#!/usr/bin/env node
// `npm run watch`: keeps everything the Extension Development Host runs up to date on save.
//   - esbuild rebuilds the --dev bundles in dist/ (unminified, with source maps): the client
//     (dist/extension.js, package.json's `main`) and the server and its workers, which the
//     client starts from dist/ when it is there;
//   - `tsc -b --watch` recompiles server/out, client/out and test/out and reports type errors
//     (VS Code's "watch" task reads them with the $tsc-watch problem matcher).
// The bundles are built once before tsc starts, so when tsc reports its first compilation
// (where "Run Extension" stops waiting on this task) dist/ is complete. Ctrl+C stops both.
import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { context } from 'esbuild';
import { buildOptions, targets } from './bundle.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
/** @type {import('esbuild').BuildContext[]} */
const contexts = [];

/** Resolves `built` after the first build of one bundle, and logs each rebuild after it. */
function reportBuilds(target, built) {
  let first = true;
  return {
    name: 'report-builds',
    setup(build) {
      build.onEnd((result) => {
        const errors = result.errors.length;
        if (first) {
          first = false;
          built();
          return;
        }
        console.log(`[watch] ${target.outfile} ${errors ? `not rebuilt: ${errors} error${errors > 1 ? 's' : ''}` : 'rebuilt'}`);
      });
    },
  };
}

async function main() {
  rmSync(join(root, 'dist'), { recursive: true, force: true });
  // esbuild's watch starts with a build of its own; its errors (a syntax error) are printed and watching goes on.
  await Promise.all(targets.map(async (target) => {
    let built = () => {};
    const first = new Promise((resolve) => { built = resolve; });
    const options = buildOptions(target, true);
    const ctx = await context({ ...options, plugins: [...options.plugins, reportBuilds(target, built)] });
    contexts.push(ctx);
    await ctx.watch();
    await first;
  }));
  console.log(`[watch] dist/: ${targets.length} bundles built; rebuilding on save`);

  const tscPath = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  const tsc = spawn(process.execPath, [tscPath, '-b', '--watch', '--preserveWatchOutput'], { cwd: root, stdio: 'inherit' });
  let stopping = false;
  const stop = async (code) => {
    if (stopping) return;
    stopping = true;
    tsc.kill('SIGTERM');
    await Promise.all(contexts.map((ctx) => ctx.dispose()));
    process.exit(code);
  };
  tsc.once('exit', (code) => void stop(code ?? 1));
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.once(signal, () => void stop(0));
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
