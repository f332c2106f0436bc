import { performance, type EventLoopUtilization } from 'node:perf_hooks';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

let fullGc: (() => void) | null | undefined;
let pending: { cancel(): void } | undefined;

/** V8's full collection, made available at run time (`--expose-gc` set now, `gc` read in a new context); null where that fails. */
function collector(): (() => void) | null {
  if (fullGc === undefined) {
    try {
      setFlagsFromString('--expose-gc');
      fullGc = runInNewContext('gc') as () => void;
    } catch {
      fullGc = null;
    }
  }
  return fullGc;
}

/** Share of the last wait the main thread spent busy (0 to 1), from Node's event loop utilization. */
function busyShare(): () => number {
  let last: EventLoopUtilization = performance.eventLoopUtilization();
  return () => {
    const now = performance.eventLoopUtilization();
    const share = performance.eventLoopUtilization(now, last).utilization;
    last = now;
    return share;
  };
}

/** The event loop busy less than this share of a wait counts as idle (an idle server is at ~0.1%). */
const IDLE_SHARE = 0.02;
/** At most this many waits are skipped for being busy; then it runs all the same. */
const MAX_WAITS = 60;

/**
 * Runs `work` once the thread has been idle for a whole `delayMs` (checked
 * every `delayMs`; after `maxWaits` busy waits it runs anyway). Returns a
 * cancel function. `busy()` gives the busy share of the time since it was
 * last asked.
 */
export function whenIdle(work: () => void, delayMs: number, busy: () => number = busyShare(), maxWaits = MAX_WAITS): { cancel(): void } {
  let waits = 0;
  let timer: ReturnType<typeof setTimeout>;
  const check = () => {
    if (busy() >= IDLE_SHARE && waits++ < maxWaits) {
      timer = setTimeout(check, delayMs);
      timer.unref();
      return;
    }
    work();
  };
  timer = setTimeout(check, delayMs);
  timer.unref();
  return { cancel: () => clearTimeout(timer) };
}

/**
 * Runs one full garbage collection once the server has been idle for a
 * second after the last call. The server calls it when an index is built:
 * indexing decodes every new source's text to send it to a worker thread,
 * and an idle process keeps that garbage resident until something allocates
 * again (the server's RSS after a 100 MB cold index was 248–336 MB depending
 * on when the last collection happened to run, ~210 MB with this:
 * bench/README.md, "Targets (issue 5)"). Why idle: a forced full
 * collection of a large heap holds the thread 100 ms or more, which a
 * request arriving meanwhile (a bibliography still being read, a completion
 * as you type) would wait for.
 */
export function collectGarbageSoon(delayMs = 1000): void {
  pending?.cancel();
  pending = whenIdle(() => {
    pending = undefined;
    collector()?.();
  }, delayMs);
}
