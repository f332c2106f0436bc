/** Corpora for the size series: the shared data, and subsets of gutenberg made of hard links (or copies). */
import { copyFileSync, existsSync, linkSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

/**
 * The first files of `dir` (by name) adding up to at least `megabytes` MB,
 * hard-linked (copied across file systems) into a fresh folder under `scratch`.
 * Not symbolic links: the corpus walk follows no link out of its folder.
 * Returns the folder and its size.
 */
export function subset(dir, megabytes, scratch) {
  const target = join(scratch, `gutenberg-${megabytes}mb`);
  rmSync(target, { recursive: true, force: true });
  mkdirSync(target, { recursive: true });
  let bytes = 0;
  for (const name of readdirSync(dir).sort()) {
    if (bytes >= megabytes * 1e6) break;
    const file = join(dir, name);
    const stat = statSync(file);
    if (!stat.isFile()) continue;
    try {
      linkSync(resolve(file), join(target, name));
    } catch {
      copyFileSync(resolve(file), join(target, name));
    }
    bytes += stat.size;
  }
  return { dir: target, bytes };
}

export function folderBytes(dir) {
  let bytes = 0;
  for (const name of readdirSync(dir)) {
    const stat = statSync(join(dir, name));
    if (stat.isFile()) bytes += stat.size;
  }
  return bytes;
}

export function present(dir) {
  return existsSync(dir) && statSync(dir).isDirectory() && readdirSync(dir).length > 0;
}
