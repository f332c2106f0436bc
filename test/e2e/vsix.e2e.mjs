// The packaged extension ships only what runs (.vscodeignore), and all of that.
// That the bundles run without node_modules is shown by the code-server suite (the
// extension installed from the VSIX) and the Neovim suite (dist/ copied elsewhere).
import assert from 'node:assert/strict';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { describe, it } from 'node:test';
import { run } from './support/processes.mjs';
import { repoRoot } from './support/workspace.mjs';

/** What may be in the VSIX: the bundles, grammar, icon, walkthrough pages and the manifest's companions. */
const allowed = [
  /^package\.json$/, /^README\.md$/, /^CHANGELOG\.md$/, /^LICENSE$/,
  /^dist\/(extension\.js|server\.mjs|segmentWorker\.js|bibliographyWorker\.js)$/,
  /^syntaxes\/[^/]+\.json$/, /^images\/[^/]+\.png$/, /^walkthrough\/[^/]+\.md$/,
];
const required = ['package.json', 'LICENSE', 'dist/extension.js', 'dist/server.mjs', 'dist/segmentWorker.js', 'dist/bibliographyWorker.js', 'images/icon.png'];

describe('the VSIX', () => {
  it('ships only what runs, and everything that does', async () => {
    const vsce = join(repoRoot, 'node_modules', '.bin', 'vsce');
    const files = (await run(vsce, ['ls', '--no-dependencies'], { cwd: repoRoot, env: process.env }))
      .split('\n').map((line) => line.trim()).filter((line) => line && !line.includes(' '));
    const unexpected = files.filter((file) => !allowed.some((pattern) => pattern.test(file)));
    assert.deepEqual(unexpected, [], `files that should not ship: ${unexpected.join(', ')}`);
    for (const file of required) assert.ok(files.includes(file), `${file} is not packaged`);
    const manifest = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8'));
    for (const step of manifest.contributes?.walkthroughs?.flatMap((w) => w.steps) ?? []) {
      assert.ok(files.includes(step.media.markdown), `walkthrough page ${step.media.markdown} is not packaged`);
    }
    assert.ok(files.includes(manifest.main.replace(/^\.\//, '')), `main ${manifest.main} is not packaged`);
    assert.ok(files.includes(manifest.icon), `icon ${manifest.icon} is not packaged`);
    const vsix = join(repoRoot, 'verbatim.vsix');
    if (existsSync(vsix)) console.log(`vsix: ${vsix} ${(statSync(vsix).size / 1024).toFixed(1)} KiB, ${files.length} files`);
  });

  it('builds a command-line bundle that checks a draft (dist/cli.mjs, not shipped in the VSIX)', async () => {
    // Run where the repository's node_modules cannot be found: the bundle must stand alone.
    const out = await run(process.execPath, [join(repoRoot, 'dist', 'cli.mjs'), 'check', join(repoRoot, 'examples', 'draft.md'),
      '--corpus', join(repoRoot, 'corpus'), '--format', 'json', '--fail-on', 'never'], { cwd: '/', env: process.env });
    const report = JSON.parse(out);
    const codes = report.files[0].diagnostics.map((d) => d.code);
    for (const code of ['quote-mismatch', 'quote-misattributed', 'quote-not-found', 'uncited-quote', 'unknown-source']) {
      assert.ok(codes.includes(code), `the bundled CLI reports ${code}`);
    }
  });

  it('has an index worker next to the server bundle that answers a job', async () => {
    // dist/server.mjs starts new Worker(new URL('./segmentWorker.js', import.meta.url)); a
    // worker that fails is replaced by in-thread building, so only this shows it works.
    const worker = new Worker(pathToFileURL(join(repoRoot, 'dist', 'segmentWorker.js')));
    try {
      const reply = await new Promise((resolve, reject) => {
        worker.once('message', resolve);
        worker.once('error', reject);
        worker.postMessage({ id: 7, docs: [] });
      });
      assert.equal(reply.id, 7);
      assert.equal(reply.error, undefined);
      assert.ok(reply.data);
    } finally {
      await worker.terminate();
    }
  });
});
