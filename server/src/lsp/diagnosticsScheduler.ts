import type { CancellationToken } from '../engine/io.js';

interface Pending {
  readonly timer: NodeJS.Timeout;
  readonly token: { isCancellationRequested: boolean };
}

/**
 * Debounces checks per document: a newer edit cancels the check an older one
 * scheduled. `run` gets a token that turns cancelled when it is superseded.
 * `scheduler.schedule(uri)` after each change; `scheduler.schedule(uri, 0)` to re-check now.
 */
export class DiagnosticsScheduler {
  private readonly pending = new Map<string, Pending>();

  constructor(
    private readonly run: (uri: string, token: CancellationToken) => void,
    private readonly delayMs = 150,
  ) {}

  schedule(uri: string, delayMs = this.delayMs): void {
    this.cancel(uri);
    const token = { isCancellationRequested: false };
    const timer = setTimeout(() => {
      if (this.pending.get(uri)?.token === token) this.pending.delete(uri);
      if (!token.isCancellationRequested) this.run(uri, token);
    }, delayMs);
    this.pending.set(uri, { timer, token });
  }

  cancel(uri: string): void {
    const pending = this.pending.get(uri);
    if (!pending) return;
    pending.token.isCancellationRequested = true;
    clearTimeout(pending.timer);
    this.pending.delete(uri);
  }

  dispose(): void {
    for (const uri of [...this.pending.keys()]) this.cancel(uri);
  }
}
