import { unzipSync } from 'fflate';
import { decodeBytes } from './decode.js';
import { ExtractionError } from './extracted.js';
import { LIMITS, megabytes } from './limits.js';

/** Entries of a zip by path (`word/document.xml`), decompressed. */
export type ZipEntries = Readonly<Record<string, Uint8Array>>;

/**
 * Decompresses the entries of a zip (DOCX, EPUB) that `wanted` asks for,
 * within bounds: at most `LIMITS.zipEntries` entries in its directory and
 * `LIMITS.unzippedBytes` decompressed in all, else 'too-large'. fflate writes
 * each entry into a buffer of the size the directory declares, so an entry
 * that inflates beyond its declared size is cut there, never grown: the
 * declared sizes bound the memory. A file that is not a zip, or a damaged
 * one, is 'corrupt' with `advice`.
 *
 *   readZip(docxBytes, 'a.docx', (name) => name.endsWith('.xml'), 'open it in Word and save it again')
 *     → { 'word/document.xml': Uint8Array, ... }
 */
export function readZip(bytes: Uint8Array, path: string, wanted: (name: string) => boolean, advice: string): ZipEntries {
  let entries = 0;
  let total = 0;
  try {
    return unzipSync(bytes, {
      filter(file) {
        if (++entries > LIMITS.zipEntries) {
          throw new ExtractionError('too-large', `${path}: holds more than ${LIMITS.zipEntries.toLocaleString('en-US')} files, so it was skipped.`);
        }
        if (!wanted(file.name)) return false;
        total += file.originalSize;
        if (total > LIMITS.unzippedBytes) {
          throw new ExtractionError('too-large', `${path}: unpacks to more than ${megabytes(LIMITS.unzippedBytes)}, so it was skipped.`);
        }
        return true;
      },
    });
  } catch (error) {
    if (error instanceof ExtractionError) throw error;
    throw new ExtractionError('corrupt', `${path}: is damaged or not a ${kindOf(path)} file (${reason(error)}): ${advice}.`);
  }
}

/** The zip's entry for `name`, or one that differs only in case (zips made on Windows). */
export function zipEntry(entries: ZipEntries, name: string): Uint8Array | undefined {
  if (Object.prototype.hasOwnProperty.call(entries, name)) return entries[name];
  const lower = name.toLowerCase();
  const match = Object.keys(entries).find((key) => key.toLowerCase() === lower);
  return match === undefined ? undefined : entries[match];
}

/** UTF-8 (or UTF-16 with a byte-order mark) text of an XML entry; XML names its own encoding rarely otherwise. */
export function xmlText(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  const declared = /^\s*<\?xml[^>]*\bencoding\s*=\s*["']([^"']+)["']/i.exec(new TextDecoder('latin1').decode(bytes.subarray(0, 200)));
  let encoding = 'utf-8';
  if (declared) {
    try { encoding = new TextDecoder(declared[1]).encoding; } catch { encoding = 'utf-8'; }
  }
  return decodeBytes(encoding.startsWith('utf-16') ? 'utf-8' : encoding, bytes);
}

function kindOf(path: string): string {
  const dot = path.lastIndexOf('.');
  return dot < 0 ? 'zip' : path.slice(dot + 1).toUpperCase();
}

export function reason(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.length > 120 ? `${message.slice(0, 117)}...` : message;
}
