import { ExtractionError, type ExtractedSource } from '../extracted.js';

/** Placeholder until the Word reader lands: every file is reported as not yet readable. */
export async function extractDocx(_bytes: Uint8Array, path: string): Promise<ExtractedSource> {
  throw new ExtractionError('unsupported', `${path}: Word files cannot be read yet, so it was skipped.`);
}
