import { ExtractionError, type ExtractedSource } from '../extracted.js';

/** Placeholder until the EPUB reader lands: every file is reported as not yet readable. */
export async function extractEpub(_bytes: Uint8Array, path: string): Promise<ExtractedSource> {
  throw new ExtractionError('unsupported', `${path}: EPUB files cannot be read yet, so it was skipped.`);
}
