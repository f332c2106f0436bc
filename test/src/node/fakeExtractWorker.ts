/**
 * A worker entry for the tests of `extractWorkers`: the real protocol
 * (`serveExtraction`) over a reader that misbehaves on cue, by file name:
 * `hang` never returns (a busy loop, as a reader stuck on a hostile file),
 * `throw` throws, `locked` is encrypted, `crash` ends its thread, `oom` fills
 * its heap, `noisy` writes to the console first; any other file reads as `text of <path>`.
 */
import { ExtractionError } from '../../../server/out/formats/extracted.js';
import { serveExtraction } from '../../../server/out/node/extractServe.js';

serveExtraction(async (format, bytes, path) => {
  if (path.includes('hang')) for (;;) { /* stuck */ }
  if (path.includes('throw')) throw new TypeError('Cannot read properties of undefined (reading "xref")');
  if (path.includes('locked')) throw new ExtractionError('encrypted', `${path} is encrypted: save a copy without a password.`);
  if (path.includes('crash')) process.exit(3);
  if (path.includes('noisy')) console.log('Warning: TT: undefined function: 32');
  if (path.includes('oom')) {
    const hoard: number[][] = [];
    for (;;) hoard.push(new Array(1_000_000).fill(hoard.length));
  }
  return { text: `text of ${path} (${format}, ${bytes.length} bytes)`, meta: { title: `Title of ${path}` }, locators: [{ kind: 'page', start: 0, end: 4, index: 1 }] };
});
