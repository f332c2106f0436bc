import { ExtractionError } from './extracted.js';
import { reason } from './zip.js';

/**
 * Runs a reader so that it rejects with nothing but an `ExtractionError`: a
 * library's error on odd input (a stack overflow in a deep tree, a parser's
 * bug) becomes 'corrupt', with `advice`.
 *
 *   guarded('a.epub', 'save it again', () => { throw new RangeError('x') })  → rejects with ExtractionError('corrupt', 'a.epub: could not be read (x): save it again.')
 */
export async function guarded<T>(path: string, advice: string, read: () => Promise<T>): Promise<T> {
  try {
    return await read();
  } catch (error) {
    if (error instanceof ExtractionError) throw error;
    throw new ExtractionError('corrupt', `${path}: could not be read (${reason(error)}): ${advice}.`);
  }
}
