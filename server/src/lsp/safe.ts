import { ErrorCodes, LSPErrorCodes, ResponseError } from 'vscode-languageserver/node.js';

/** Where the connection is in LSP's lifecycle: before `initialize`, serving, or after `shutdown`. */
export type Lifecycle = 'new' | 'running' | 'shut down';

export interface ErrorLog {
  error(message: string): void;
  /** The connection's lifecycle: requests are answered only while 'running'. */
  lifecycle?(): Lifecycle;
}

/**
 * Wraps a request handler so an exception becomes a ResponseError and a log
 * line, and the server keeps serving. A cancelled request answers
 * `RequestCancelled` as LSP asks.
 */
export function safeRequest<P, R>(
  name: string,
  log: ErrorLog,
  handler: (params: P, token: { isCancellationRequested: boolean }) => R | Promise<R>,
): (params: P, token: { isCancellationRequested: boolean }) => Promise<R | ResponseError<void>> {
  return async (params, token) => {
    const state = log.lifecycle?.() ?? 'running';
    if (state === 'new') return new ResponseError(ErrorCodes.ServerNotInitialized, `Verbatim: ${name} before initialize`);
    if (state === 'shut down') return new ResponseError(ErrorCodes.InvalidRequest, `Verbatim: ${name} after shutdown`);
    try {
      const result = await handler(params, token);
      if (token.isCancellationRequested) return new ResponseError(LSPErrorCodes.RequestCancelled, `${name} cancelled`);
      return result;
    } catch (error) {
      log.error(`${name} failed: ${describe(error)}`);
      return new ResponseError(LSPErrorCodes.RequestFailed, `Verbatim: ${name} failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  };
}

/** Wraps a notification handler: an exception (sync or async) is logged, never thrown. */
export function safeNotification<P>(name: string, log: ErrorLog, handler: (params: P) => void | Promise<void>): (params: P) => void {
  return (params) => {
    if ((log.lifecycle?.() ?? 'running') !== 'running') return; // LSP: notifications before initialize or after shutdown are dropped
    try {
      const result = handler(params);
      if (result instanceof Promise) result.catch((error: unknown) => log.error(`${name} failed: ${describe(error)}`));
    } catch (error) {
      log.error(`${name} failed: ${describe(error)}`);
    }
  };
}

function describe(error: unknown): string {
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}
