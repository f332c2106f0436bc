/**
 * Worker-thread entry of `extractWorkers`: runs the format readers (pdf.js,
 * Readability, mammoth, the EPUB reader) on one file at a time. Importing the
 * readers' registry here puts every reader in this entry's bundle.
 */
import { extractInProcess } from '../formats/readers.js';
import { serveExtraction } from './extractServe.js';

serveExtraction(extractInProcess);
