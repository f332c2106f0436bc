// The README shows each editor's configuration; the end-to-end suites run the
// file it comes from. This keeps the two the same.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { repoRoot } from './workspace.mjs';

/** A configuration file's code: its text without the header comment (lines starting with `comment`). */
export function configurationCode(path, comment) {
  const lines = readFileSync(path, 'utf8').split('\n');
  return lines.slice(lines.findIndex((line) => !line.startsWith(comment))).join('\n').trim();
}

/** Fails unless README.md has a ````fence` block equal to the code of `path`, and says what to paste. */
export function assertReadmeShows(path, comment, fence) {
  const readme = readFileSync(join(repoRoot, 'README.md'), 'utf8');
  const blocks = [...readme.matchAll(new RegExp('```' + fence + '\\n([\\s\\S]*?)```', 'g'))].map((m) => m[1].trim());
  const code = configurationCode(path, comment);
  assert.ok(blocks.includes(code),
    `README.md has no \`\`\`${fence} block equal to ${relative(repoRoot, path)}'s code; paste:\n\`\`\`${fence}\n${code}\n\`\`\``);
}
