import { watch, type FSWatcher } from 'node:fs';

/**
 * Watches folders recursively on the server side, for clients that cannot
 * watch files for us (Neovim 0.7, Helix). Each changed path is reported once
 * per burst of events (`settleMs`), as a `/`-separated absolute path.
 * `const stop = watchFolders(['/w/corpus'], (p) => console.log(p), log)`.
 */
export function watchFolders(
  folders: readonly string[],
  onChange: (path: string) => void,
  onError: (message: string) => void,
  settleMs = 50,
): () => void {
  const watchers: FSWatcher[] = [];
  const pending = new Map<string, NodeJS.Timeout>();
  for (const folder of folders) {
    try {
      const watcher = watch(folder, { recursive: true }, (_event, filename) => {
        if (!filename) return;
        const path = `${folder.replace(/\/$/, '')}/${filename.toString().replace(/\\/g, '/')}`;
        clearTimeout(pending.get(path));
        pending.set(path, setTimeout(() => { pending.delete(path); onChange(path); }, settleMs));
      });
      watcher.on('error', (error) => onError(`Stopped watching ${folder}: ${error.message}`));
      watchers.push(watcher);
    } catch (error) {
      onError(`Cannot watch ${folder} for changes (${error instanceof Error ? error.message : String(error)}); ` +
        'run "Verbatim: Rebuild Index" after changing sources.');
    }
  }
  return () => {
    for (const w of watchers) w.close();
    for (const t of pending.values()) clearTimeout(t);
    pending.clear();
  };
}
