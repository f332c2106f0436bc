import { parseArgs } from 'node:util';
import type { Severity } from '../features/codes.js';

export type OutputFormat = 'text' | 'json' | 'sarif';
export type FailOn = Severity | 'never';

export interface CheckArgs {
  readonly command: 'check';
  readonly paths: readonly string[];
  readonly corpus: readonly string[];
  readonly format: OutputFormat;
  readonly minQuoteWords: number;
  readonly failOn: FailOn;
  readonly maxFileBytes?: number;
  /** `--max-draft-mb N`: larger drafts get one `draft-too-large` warning and are not checked. */
  readonly maxDraftBytes?: number;
  /** Folder for the saved index (`--cache DIR`): unchanged sources are not indexed again. */
  readonly cacheDir?: string;
}

export type CliArgs = CheckArgs | { readonly command: 'help' } | { readonly command: 'version' };

export const USAGE = `Usage: verbatim check [paths...] [options]

Checks every quotation in Markdown drafts against the sources they cite.

Paths are drafts or folders (default: every *.md under the current folder,
outside the corpus folders and node_modules).

Options:
  --corpus DIR            a corpus folder (repeatable; default: corpus)
  --format FORMAT         text (default), json or sarif
  --min-quote-words N     shorter quotations are scare quotes, not checked (default 4)
  --fail-on LEVEL         exit 1 when a finding is at least: error, warning (default),
                          information, or never
  --max-file-mb N         skip corpus files larger than N MB (default 50)
  --max-draft-mb N        do not check drafts larger than N MB (default 5)
  --cache DIR             save the index in DIR and reuse it for unchanged sources
  -h, --help              show this help
  -v, --version           show the version

Exit status: 0 nothing reached --fail-on, 1 something did, 2 usage or IO error.`;

/** A command-line mistake: reported in one line with exit status 2. */
export class UsageError extends Error {}

const FORMATS: readonly OutputFormat[] = ['text', 'json', 'sarif'];
const FAIL_ON: readonly FailOn[] = ['error', 'warning', 'information', 'never'];

/**
 * Reads `verbatim` arguments.
 * `parseCliArgs(['check', 'draft.md', '--format', 'json']).format` is `'json'`.
 */
export function parseCliArgs(argv: readonly string[]): CliArgs {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: {
        corpus: { type: 'string', multiple: true },
        format: { type: 'string' },
        'min-quote-words': { type: 'string' },
        'fail-on': { type: 'string' },
        'max-file-mb': { type: 'string' },
        'max-draft-mb': { type: 'string' },
        cache: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean', short: 'v' },
      },
    });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const { values, positionals } = parsed;
  if (values.help) return { command: 'help' };
  if (values.version) return { command: 'version' };
  const [command, ...paths] = positionals;
  if (command === undefined) throw new UsageError('missing command: try "verbatim check"');
  if (command === 'help') return { command: 'help' };
  if (command !== 'check') throw new UsageError(`unknown command "${command}": try "verbatim check"`);

  const format = (values.format ?? 'text') as OutputFormat;
  if (!FORMATS.includes(format)) throw new UsageError(`--format must be one of ${FORMATS.join(', ')}, not "${values.format}"`);
  const failOn = (values['fail-on'] ?? 'warning') as FailOn;
  if (!FAIL_ON.includes(failOn)) throw new UsageError(`--fail-on must be one of ${FAIL_ON.join(', ')}, not "${values['fail-on']}"`);
  const minQuoteWords = positiveInteger(values['min-quote-words'] ?? '4', '--min-quote-words');
  const maxFileMb = values['max-file-mb'];
  const maxDraftMb = values['max-draft-mb'];
  return {
    command: 'check',
    paths,
    corpus: values.corpus && values.corpus.length > 0 ? values.corpus : ['corpus'],
    format,
    minQuoteWords,
    failOn,
    ...(maxFileMb === undefined ? {} : { maxFileBytes: positiveInteger(maxFileMb, '--max-file-mb') * 1024 * 1024 }),
    ...(maxDraftMb === undefined ? {} : { maxDraftBytes: positiveInteger(maxDraftMb, '--max-draft-mb') * 1024 * 1024 }),
    ...(values.cache === undefined ? {} : { cacheDir: nonEmpty(values.cache, '--cache') }),
  };
}

function nonEmpty(text: string, option: string): string {
  if (text.trim() === '') throw new UsageError(`${option} needs a folder`);
  return text;
}

function positiveInteger(text: string, option: string): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1) throw new UsageError(`${option} must be a whole number of at least 1, not "${text}"`);
  return value;
}
