import type { WorkspaceFoldersChangeEvent } from 'vscode-languageserver/node.js';
import type { FolderState } from './folderState.js';
import type { Workspace } from './workspace.js';

/** What a change of workspace folders asks of the session. */
export interface FoldersHost {
  readonly workspace: Workspace;
  /** Reads the folder's settings and (with `force`) indexes its corpus. */
  refreshFolder(folder: FolderState, force?: boolean): Promise<void>;
  /** Watches the corpora of the folders there are now. */
  updateWatchers(): void;
  /** Re-checks every open draft (each may belong to another folder now). */
  recheckOpen(): void;
  sendStatus(): void;
}

/**
 * `workspace/didChangeWorkspaceFolders`: removed folders go (when the last
 * one goes, the server's working directory stands in for it, indexed anew),
 * open drafts are re-checked against the folders left, added folders are
 * indexed, and one status says the change is in force.
 */
export async function changeWorkspaceFolders(host: FoldersHost, event: WorkspaceFoldersChangeEvent): Promise<void> {
  let removedAny = false;
  for (const removed of event.removed) removedAny = host.workspace.remove(removed.uri) !== undefined || removedAny;
  const fallback = host.workspace.ensureOne();
  if (fallback) await host.refreshFolder(fallback, true);
  if (removedAny) {
    host.updateWatchers();
    host.recheckOpen();
  }
  await Promise.all(event.added.map((f) => host.refreshFolder(host.workspace.add(f), true)));
  host.sendStatus();
}
