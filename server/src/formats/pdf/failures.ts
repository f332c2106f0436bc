/** What a PDF that cannot be read is reported as, with what to do about it. */
import { ExtractionError } from '../extracted.js';

/** Turns whatever pdf.js threw while opening a file into one ExtractionError. */
export function openFailure(error: unknown, path: string): ExtractionError {
  if (error instanceof ExtractionError) return error;
  const name = error instanceof Error || (typeof error === 'object' && error !== null) ? String((error as { name?: unknown }).name ?? '') : '';
  const message = error instanceof Error || (typeof error === 'object' && error !== null) ? String((error as { message?: unknown }).message ?? '') : String(error);
  if (name === 'PasswordException') return encrypted(path);
  return corrupt(path, message);
}

export function encrypted(path: string): ExtractionError {
  return new ExtractionError('encrypted', `${path} is protected with a password, so it cannot be read: save an unprotected copy (e.g. qpdf --decrypt, or print it to PDF) and use that instead.`);
}

export function corrupt(path: string, reason: string): ExtractionError {
  const detail = reason.replace(/\s+/g, ' ').trim().slice(0, 120);
  return new ExtractionError('corrupt', `${path} is damaged and cannot be read as a PDF${detail ? ` (${detail})` : ''}: open it in a PDF viewer and save or export it again.`);
}

export function noText(path: string): ExtractionError {
  return new ExtractionError('no-text', `${path} has no text layer: run OCR on it (e.g. ocrmypdf), then save it again.`);
}

export function undecodableText(path: string): ExtractionError {
  return new ExtractionError('no-text', `${path} has a text layer that cannot be read (its fonts map glyphs to no Unicode text): run OCR on it (e.g. ocrmypdf --force-ocr), then save it again.`);
}

/** `pageList([1, 2, 3, 7])` is `pages 1–3, 7`; `pageList([4])` is `page 4`. */
export function pageList(pages: readonly number[]): string {
  const ranges: string[] = [];
  for (let i = 0; i < pages.length; i++) {
    let j = i;
    while (j + 1 < pages.length && pages[j + 1] === pages[j]! + 1) j++;
    ranges.push(j === i ? `${pages[i]}` : `${pages[i]}–${pages[j]}`);
    i = j;
  }
  return `${pages.length === 1 ? 'page' : 'pages'} ${ranges.join(', ')}`;
}
