import type { FileSystem } from '../engine/io.js';
import { decodeSource } from './decode.js';
import { parseFrontMatter } from './frontMatter.js';
import { isMarkdownPath, keyForPath, relativeTo } from './keys.js';
import { reason } from './listFiles.js';
import { DEFAULT_MAX_FILE_BYTES, formatBytes, type CorpusOptions } from './options.js';
import type { CorpusWarning, Source } from './source.js';
import { guessTitle } from './title.js';

export type LoadedSource = { source?: Source; warning?: CorpusWarning };

/**
 * Reads, decodes and describes one corpus file. Never throws: a file that
 * cannot be used gives a warning and no source; invalid UTF-8 gives both.
 * `loadSource(fs, 'corpus', 'corpus/sotu/1862_lincoln.txt')` resolves to a
 * source keyed `sotu/1862_lincoln`.
 */
export async function loadSource(
  fs: FileSystem,
  folder: string,
  path: string,
  options: CorpusOptions = {},
): Promise<LoadedSource> {
  const warn = (kind: CorpusWarning['kind'], message: string): LoadedSource => ({ warning: { path, kind, message } });
  const maxBytes = options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;

  let stat;
  try {
    stat = await fs.stat(path);
  } catch (error) {
    return warn('unreadable', `Could not read ${path} (${reason(error)}), so it was skipped. Check its permissions.`);
  }
  if (!stat) return warn('vanished', vanishedMessage(path));
  if (stat.kind !== 'file') return warn('unreadable', `${path} is not a regular file, so it was skipped.`);
  if (stat.size > maxBytes) {
    return warn('too-large',
      `${path} is ${formatBytes(stat.size)}, over the ${formatBytes(maxBytes)} limit for one source, so it was skipped. ` +
      'Split it into smaller files or raise the size limit.');
  }

  let bytes: Uint8Array;
  try {
    bytes = await fs.readFile(path);
  } catch (error) {
    const why = reason(error);
    if (/ENOENT|ENOTDIR/.test(why)) return warn('vanished', vanishedMessage(path));
    return warn('unreadable', `Could not read ${path} (${why}), so it was skipped. Check its permissions.`);
  }
  if (bytes.length > maxBytes) {
    return warn('too-large', `${path} grew past the ${formatBytes(maxBytes)} limit for one source while it was read, so it was skipped.`);
  }

  const decoded = decodeSource(bytes);
  const warning: CorpusWarning | undefined = decoded.warning && { path, ...decoded.warning, message: `${path} ${decoded.warning.message}` };
  const text = decoded.text;
  if (text === undefined) return { warning };
  if (!/\S/.test(text)) {
    return warn('empty', `${path} is empty (or only whitespace), so it was skipped. Add the source's text or delete the file.`);
  }

  const markdown = isMarkdownPath(path);
  const { fields, bodyStart } = markdown ? parseFrontMatter(text) : { fields: {} as Record<string, string>, bodyStart: 0 };
  const key = fields['id']?.trim() || keyForPath(relativeTo(folder, path));
  const source: Source = {
    key,
    path,
    text,
    bodyStart,
    title: fields['title'] || guessTitle(text, bodyStart, markdown) || key,
    ...(fields['author'] !== undefined && { author: fields['author'] }),
    ...(fields['date'] !== undefined && { date: fields['date'] }),
    ...(fields['url'] !== undefined && { url: fields['url'] }),
    size: bytes.length,
    mtimeMs: stat.mtimeMs,
  };
  return warning ? { source, warning } : { source };
}

function vanishedMessage(path: string): string {
  return `${path} disappeared while the corpus was being read, so it was skipped.`;
}
