import { ALL_CODES, DiagnosticCode, defaultSeverities } from '../features/codes.js';
import type { SeverityLevel } from '../features/diagnostic.js';

/**
 * The `verbatim` settings section, for one workspace folder.
 * Adding a setting: declare it in package.json `contributes.configuration`,
 * add it here with its default, and read it where it matters.
 */
export interface Settings {
  /** Corpus folders, relative to the workspace folder or absolute. */
  readonly corpus: readonly string[];
  /** Bibliography files every draft of the folder can cite, relative to the workspace folder or absolute. */
  readonly bibliography: readonly string[];
  readonly minQuoteWords: number;
  readonly severity: Readonly<Record<DiagnosticCode, SeverityLevel>>;
  /** Drafts larger than this many MB (UTF-8) get one `draft-too-large` warning and are not checked. */
  readonly maxDraftMB: number;
}

export const defaultSettings: Settings = {
  corpus: ['corpus'],
  bibliography: [],
  minQuoteWords: 4,
  severity: { ...defaultSeverities },
  maxDraftMB: 5,
};

const LEVELS = new Set<string>(['error', 'warning', 'information', 'hint', 'off']);

/**
 * Reads whatever a client sent (null, a partial object, wrong types) into
 * complete settings; anything unusable falls back to its default.
 * `parseSettings({ minQuoteWords: 6 })` keeps the default corpus `['corpus']`.
 */
export function parseSettings(raw: unknown): Settings {
  const value = isObject(raw) ? raw : {};
  const corpus = Array.isArray(value['corpus'])
    ? value['corpus'].filter((c): c is string => typeof c === 'string' && c.trim() !== '')
    : typeof value['corpus'] === 'string' && value['corpus'].trim() !== '' ? [value['corpus']] : undefined;
  const bibliography = Array.isArray(value['bibliography'])
    ? value['bibliography'].filter((c): c is string => typeof c === 'string' && c.trim() !== '')
    : typeof value['bibliography'] === 'string' && value['bibliography'].trim() !== '' ? [value['bibliography']] : [];
  const min = value['minQuoteWords'];
  const severity = { ...defaultSettings.severity };
  const rawSeverity = value['severity'];
  if (isObject(rawSeverity)) {
    for (const code of ALL_CODES) {
      const level = rawSeverity[code];
      if (typeof level === 'string' && LEVELS.has(level)) severity[code] = level as SeverityLevel;
    }
  }
  return {
    corpus: corpus && corpus.length > 0 ? corpus : defaultSettings.corpus,
    bibliography,
    minQuoteWords: typeof min === 'number' && Number.isFinite(min) && min >= 1 ? Math.floor(min) : defaultSettings.minQuoteWords,
    severity,
    maxDraftMB: typeof value['maxDraftMB'] === 'number' && Number.isFinite(value['maxDraftMB']) && value['maxDraftMB'] > 0
      ? value['maxDraftMB'] : defaultSettings.maxDraftMB,
  };
}

/** `initializationOptions` and `didChangeConfiguration` may wrap the section in `{ verbatim: ... }`. */
export function unwrapSection(raw: unknown): unknown {
  return isObject(raw) && isObject(raw['verbatim']) ? raw['verbatim'] : raw;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
