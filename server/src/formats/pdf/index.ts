import { ExtractionError, type ExtractedSource } from '../extracted.js';

/** Placeholder until the PDF reader lands: every file is reported as not yet readable. */
export async function extractPdf(_bytes: Uint8Array, path: string): Promise<ExtractedSource> {
  throw new ExtractionError('unsupported', `${path}: PDF files cannot be read yet, so it was skipped.`);
}
