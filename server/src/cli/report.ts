import type { VerbatimDiagnostic } from '../features/diagnostic.js';

/** The diagnostics of one checked draft, as every output format sees them. */
export interface FileReport {
  /** The draft's path as given or found, `/`-separated. */
  readonly path: string;
  readonly diagnostics: readonly VerbatimDiagnostic[];
}
