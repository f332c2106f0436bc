import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

let fullGc: (() => void) | null | undefined;
let timer: ReturnType<typeof setTimeout> | undefined;

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

/**
 * Runs one full garbage collection a second after the last call. The server
 * calls it when an index is built: indexing decodes every new source's text to
 * send it to a worker thread, and an idle process keeps that garbage resident
 * until something allocates again (the server's RSS after a 100 MB cold index
 * was 248–336 MB depending on when the last collection happened to run, ~210 MB
 * with this: bench/README.md, "Targets (issue 5)").
 */
export function collectGarbageSoon(delayMs = 1000): void {
  if (timer) clearTimeout(timer);
  timer = setTimeout(() => {
    timer = undefined;
    collector()?.();
  }, delayMs);
  timer.unref();
}
