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
  /** Bibliography files every draft can cite (`--bibliography FILE`, repeatable), besides their front matter's. */
  readonly bibliography: readonly string[];
  /** Reads `file` attachments outside the current folder (`--allow-outside-attachments`). */
  readonly allowOutsideAttachments: boolean;
}

/** `verbatim bibliography [draft] [-o FILE]`: CSL-JSON for every source a draft can cite. */
export interface BibliographyArgs extends Omit<CheckArgs, 'command' | 'format' | 'failOn'> {
  readonly command: 'bibliography';
  /** Where to write; standard output when absent. */
  readonly output?: string;
}

export type CliArgs = CheckArgs | BibliographyArgs | { readonly command: 'help' } | { readonly command: 'version' };

export const USAGE = `Usage: verbatim check [paths...] [options]
       verbatim bibliography [draft] [options] [-o refs.json]

Checks every quotation in Markdown drafts against the sources they cite.
"bibliography" writes CSL-JSON for every source the draft can cite (corpus and
bibliographies), for pandoc --citeproc --bibliography refs.json.

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
  --bibliography FILE     a .bib, CSL-JSON or CSL-YAML file every draft can cite (repeatable;
                          a draft's front matter bibliography: is read too)
  --allow-outside-attachments
                          read bibliography file attachments outside the current folder
  -o, --output FILE       where "bibliography" writes (default: standard output)
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
        bibliography: { type: 'string', multiple: true },
        'allow-outside-attachments': { type: 'boolean' },
        output: { type: 'string', short: 'o' },
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
  if (command !== 'check' && command !== 'bibliography') throw new UsageError(`unknown command "${command}": try "verbatim check"`);
  const bibliography = (values.bibliography ?? []).map((b) => nonEmpty(b, '--bibliography'));
  const allowOutsideAttachments = values['allow-outside-attachments'] === true;
  if (command === 'bibliography') {
    if (paths.length > 1) throw new UsageError('"verbatim bibliography" takes at most one draft');
    return {
      command,
      paths,
      corpus: values.corpus && values.corpus.length > 0 ? values.corpus : ['corpus'],
      minQuoteWords: 4,
      bibliography,
      allowOutsideAttachments,
      ...(values.output === undefined ? {} : { output: nonEmpty(values.output, '--output') }),
      ...(values['max-file-mb'] === undefined ? {} : { maxFileBytes: positiveInteger(values['max-file-mb'], '--max-file-mb') * 1024 * 1024 }),
      ...(values.cache === undefined ? {} : { cacheDir: nonEmpty(values.cache, '--cache') }),
    };
  }
  if (values.output !== undefined) throw new UsageError('--output is for "verbatim bibliography"');

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
    bibliography,
    allowOutsideAttachments,
    ...(maxFileMb === undefined ? {} : { maxFileBytes: positiveInteger(maxFileMb, '--max-file-mb') * 1024 * 1024 }),
    ...(maxDraftMb === undefined ? {} : { maxDraftBytes: positiveInteger(maxDraftMb, '--max-draft-mb') * 1024 * 1024 }),
    ...(values.cache === undefined ? {} : { cacheDir: nonEmpty(values.cache, '--cache') }),
  };
}

function nonEmpty(text: string, option: string): string {
  if (text.trim() === '') throw new UsageError(`${option} needs ${option === '--cache' ? 'a folder' : 'a file'}`);
  return text;
}

function positiveInteger(text: string, option: string): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1) throw new UsageError(`${option} must be a whole number of at least 1, not "${text}"`);
  return value;
}
