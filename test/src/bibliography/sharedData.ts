import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { TestContext } from 'node:test';

/** `../shared/data` from the repository root (the test runs from `test/out/<area>/`). */
export const SHARED_DATA = join(import.meta.dirname, '..', '..', '..', '..', 'shared', 'data');

/**
 * The path of a shared data file, or undefined after skipping the test with a
 * message when it is absent. Under `CI=true` a missing file fails instead.
 */
export function sharedFile(t: TestContext, relative: string): string | undefined {
  const path = join(SHARED_DATA, relative);
  if (existsSync(path)) return path;
  if (process.env['CI'] === 'true') throw new Error(`${path} is missing: CI must provide ../shared/data`);
  t.skip(`${path} is absent: this test needs ../shared/data`);
  return undefined;
}
