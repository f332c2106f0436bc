import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath, pathToFileURL } from 'node:url';

/**
 * What package.json and .vscodeignore name is what the build makes: `npm run build`
 * (tsc, then scripts/bundle.mjs) must produce `main`, so a fresh `npm install` gives a
 * runnable extension, and the VSIX must ship every bundle the extension loads.
 */
const root = fileURLToPath(new URL('../../..', import.meta.url));
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  main: string;
  bin: Record<string, string>;
  scripts: Record<string, string>;
};

interface BundleTarget { readonly entry: string; readonly outfile: string; readonly chunks?: string }
const bundleTargets = async (): Promise<readonly BundleTarget[]> =>
  ((await import(pathToFileURL(join(root, 'scripts', 'bundle.mjs')).href)) as { targets: BundleTarget[] }).targets;

const normal = (path: string): string => path.replace(/^\.\//, '');

test('npm run build bundles, and one of its bundles is package.json main', async () => {
  assert.match(manifest.scripts['build'] ?? '', /scripts\/bundle\.mjs/);
  assert.match(manifest.scripts['prepare'] ?? '', /npm run build/);
  const outfiles = (await bundleTargets()).map((t) => t.outfile);
  assert.ok(outfiles.includes(normal(manifest.main)), `${manifest.main} is not among ${outfiles.join(', ')}`);
});

test('every bundle entry exists, and the VSIX ships main and the bundles it names', async () => {
  const targets = await bundleTargets();
  for (const target of targets) assert.ok(existsSync(join(root, target.entry)), `${target.entry} is missing`);
  const shipped = readFileSync(join(root, '.vscodeignore'), 'utf8').split('\n')
    .filter((line) => line.startsWith('!dist/')).map((line) => line.slice(1));
  assert.ok(shipped.includes(normal(manifest.main)), `.vscodeignore does not ship ${manifest.main}`);
  for (const file of shipped) assert.ok(targets.some((t) => t.outfile === file || t.chunks === file), `.vscodeignore ships ${file}, which no bundle makes`);
  // The CLI's bundle (dist/cli.mjs) is for the command line, not the extension.
  for (const target of targets.filter((t) => !t.entry.startsWith('server/src/cli/'))) {
    assert.ok(shipped.includes(target.outfile), `.vscodeignore does not ship ${target.outfile}`);
    if (target.chunks) assert.ok(shipped.includes(target.chunks), `.vscodeignore does not ship ${target.chunks}, which ${target.outfile} loads`);
  }
});

test('each bin is the tsc output of a source file', () => {
  for (const [name, path] of Object.entries(manifest.bin)) {
    const source = normal(path).replace(/^server\/out\//, 'server/src/').replace(/\.js$/, '.ts');
    assert.ok(existsSync(join(root, source)), `bin ${name} (${path}) has no source ${source}`);
  }
});
