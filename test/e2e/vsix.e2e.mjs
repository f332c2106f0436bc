// The packaged extension ships only what runs (.vscodeignore), and all of that.
// That the bundles run without node_modules is shown by the code-server suite (the
// extension installed from the VSIX) and the Neovim suite (dist/ copied elsewhere).
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { describe, it } from 'node:test';
import { run } from './support/processes.mjs';
import { repoRoot } from './support/workspace.mjs';

/** What may be in the VSIX: the bundles, grammar, icon, walkthrough pages and the manifest's companions. */
const allowed = [
  /^package\.json$/, /^README\.md$/, /^CHANGELOG\.md$/, /^LICENSE$/,
  /^dist\/(extension\.js|server\.mjs|segmentWorker\.js|extractWorker\.mjs|bibliographyWorker\.mjs)$/,
  // The server's format readers, split from it and loaded when it reads such a file in its own thread.
  /^dist\/chunks\/[\w.-]+\.mjs$/,
  /^syntaxes\/[^/]+\.json$/, /^images\/[^/]+\.png$/, /^walkthrough\/[^/]+\.md$/,
];
const required = ['package.json', 'LICENSE', 'dist/extension.js', 'dist/server.mjs', 'dist/segmentWorker.js', 'dist/extractWorker.mjs', 'dist/bibliographyWorker.mjs', 'images/icon.png'];

describe('the VSIX', () => {
  it('ships only what runs, and everything that does', async () => {
    const vsce = join(repoRoot, 'node_modules', '.bin', 'vsce');
    const files = (await run(vsce, ['ls', '--no-dependencies'], { cwd: repoRoot, env: process.env }))
      .split('\n').map((line) => line.trim()).filter((line) => line && !line.includes(' '));
    const unexpected = files.filter((file) => !allowed.some((pattern) => pattern.test(file)));
    assert.deepEqual(unexpected, [], `files that should not ship: ${unexpected.join(', ')}`);
    for (const file of required) assert.ok(files.includes(file), `${file} is not packaged`);
    assert.ok(files.some((file) => file.startsWith('dist/chunks/')), 'the server\'s split chunks (dist/chunks/) are not packaged');
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

  it('reads a corpus of a PDF, a web page and a Word file with the bundled CLI and its extraction threads', async () => {
    // Each file is read by its reader (pdf.js, Readability, mammoth) in dist/extractWorker.mjs, or, while a reader
    // is still a placeholder (`landed` unset), skipped with one warning: a quotation of it is then an unknown key.
    const dir = mkdtempSync(join(tmpdir(), 'verbatim-formats-'));
    try {
      const fixtures = join(repoRoot, 'test', 'fixtures', 'formats');
      const cases = [
        { file: 'report.pdf', key: 'report', quote: 'The harbour master reported that the new breakwater reduced wave damage by a third', landed: true },
        { file: 'colophon.html', key: 'colophon', quote: 'Daring Fireball is written and produced by John Gruber', landed: true },
        { fixture: 'docx/track_changes_insertion.docx', file: 'insertions.docx', key: 'insertions', quote: 'This is a text with two exciting insertions', landed: true },
      ];
      mkdirSync(join(dir, 'corpus'));
      for (const { fixture, file } of cases) copyFileSync(join(fixtures, fixture ?? file), join(dir, 'corpus', file));
      writeFileSync(join(dir, 'draft.md'), cases.map(({ key, quote }) => `As written, “${quote}” [@${key}].`).join('\n\n') + '\n');
      const { stdout, stderr } = await promisify(execFile)(process.execPath, [join(repoRoot, 'dist', 'cli.mjs'), 'check', join(dir, 'draft.md'),
        '--corpus', join(dir, 'corpus'), '--format', 'json', '--fail-on', 'never'], { cwd: '/' });
      const diagnostics = JSON.parse(stdout).files[0].diagnostics;
      for (const { file, key, landed } of cases) {
        const skipped = stderr.split('\n').some((line) => line.includes(`corpus/${file}`) && /cannot be read yet/.test(line));
        const codes = diagnostics.filter((d) => d.message.includes(`@${key}`)).map((d) => d.code);
        assert.ok(!(skipped && landed), `${file} has its reader: it must be read (stderr: ${stderr})`);
        if (skipped) assert.ok(codes.includes('unknown-source'), `${file} skipped, so @${key} is unknown`);
        else assert.deepEqual(codes, [], `${file} is read and its quotation verbatim (stderr: ${stderr})`);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('has an extraction worker next to the server bundle that starts and answers a job', async () => {
    const worker = new Worker(pathToFileURL(join(repoRoot, 'dist', 'extractWorker.mjs')));
    try {
      const replies = [];
      await new Promise((resolve, reject) => {
        worker.on('message', (reply) => { replies.push(reply); if (replies.length === 2) resolve(); });
        worker.once('error', reject);
        worker.postMessage({ id: 3, format: 'html', bytes: readFileSync(join(repoRoot, 'test', 'fixtures', 'formats', 'colophon.html')), path: 'colophon.html' });
      });
      assert.deepEqual(replies[0], { ready: true });
      assert.equal(replies[1].id, 3);
      assert.ok(typeof replies[1].result?.text === 'string' || replies[1].failure === 'unsupported', JSON.stringify(replies[1]).slice(0, 300));
    } finally {
      await worker.terminate();
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
