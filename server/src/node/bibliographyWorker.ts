/**
 * Worker thread: the full parse of one BibTeX text with
 * @retorquere/bibtex-parser (~3 ms of CPU an entry, so never on the
 * server's main thread). Receives `{ text }`, answers `{ entries }` or `{ error }`.
 */
import { parentPort } from 'node:worker_threads';
import { parse } from '@retorquere/bibtex-parser';
import { entryFromParsed, FULL_PARSE_OPTIONS } from '../bibliography/parsedEntry.js';

parentPort?.once('message', (message: { text: string }) => {
  try {
    const library = parse(message.text, FULL_PARSE_OPTIONS);
    parentPort!.postMessage({ entries: library.entries.map(entryFromParsed) });
  } catch (error) {
    parentPort!.postMessage({ error: error instanceof Error ? error.message : String(error) });
  }
});
