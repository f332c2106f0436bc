import { startBibtexWorker } from './bibtexThread.js';

/**
 * The server's first BibTeX thread, started when this module is evaluated:
 * `server.ts` imports it first, so the thread starts (on another core) before
 * the rest of the server's code is evaluated, not after. Started after it,
 * the thread was ready 0.2-0.4 s after the server answered `initialize` on a
 * busy machine, and a bibliography named in the settings waited for it
 * (bench/README.md, "Session 8"). Imported by `server.ts` only: importing it
 * starts a thread.
 */
export const earlyBibtexWorker = startBibtexWorker();
