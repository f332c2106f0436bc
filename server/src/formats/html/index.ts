import { ExtractionError, type ExtractedSource } from '../extracted.js';

/** Placeholder until the web page reader lands: every file is reported as not yet readable. */
export async function extractHtml(_bytes: Uint8Array, path: string): Promise<ExtractedSource> {
  throw new ExtractionError('unsupported', `${path}: web page files cannot be read yet, so it was skipped.`);
}
