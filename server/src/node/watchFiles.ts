import { watch, type FSWatcher } from 'node:fs';

/**
 * Watches single files on the server side (bibliographies, for clients that
 * cannot watch): each file's folder is watched, not the file, because
 * reference managers (Better BibTeX) replace a file by renaming a new one
 * over it, which ends a watch on the file itself. Each changed path is
 * reported once per burst of events (`settleMs`).
 * `const stop = watchFiles(['/w/refs.bib'], (p) => console.log(p), log)`.
 */
export function watchFiles(
  paths: readonly string[],
  onChange: (path: string) => void,
  onError: (message: string) => void,
  settleMs = 50,
): () => void {
  const byFolder = new Map<string, Set<string>>();
  for (const path of paths) {
    const slash = path.lastIndexOf('/');
    const folder = path.slice(0, slash) || '/';
    let names = byFolder.get(folder);
    if (!names) byFolder.set(folder, names = new Set());
    names.add(path.slice(slash + 1));
  }
  const watchers: FSWatcher[] = [];
  const pending = new Map<string, NodeJS.Timeout>();
  for (const [folder, names] of byFolder) {
    try {
      const watcher = watch(folder, (_event, filename) => {
        const name = filename?.toString();
        if (!name || !names.has(name)) return;
        const path = `${folder.replace(/\/$/, '')}/${name}`;
        clearTimeout(pending.get(path));
        pending.set(path, setTimeout(() => { pending.delete(path); onChange(path); }, settleMs));
      });
      watcher.on('error', (error) => onError(`Stopped watching ${folder}: ${error.message}`));
      watchers.push(watcher);
    } catch (error) {
      onError(`Cannot watch ${folder} for bibliography changes (${error instanceof Error ? error.message : String(error)}).`);
    }
  }
  return () => {
    for (const w of watchers) w.close();
    for (const t of pending.values()) clearTimeout(t);
    pending.clear();
  };
}
