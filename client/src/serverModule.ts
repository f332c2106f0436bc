import { existsSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The language server's entry point inside the extension: the esbuild bundle
 * (`dist/server.mjs` or `dist/server.js`) in a packaged VSIX, else the `tsc`
 * output `server/out/server.js` in a development checkout.
 */
export function serverModule(extensionPath: string): string {
  for (const candidate of ['dist/server.mjs', 'dist/server.js']) {
    const path = join(extensionPath, candidate);
    if (existsSync(path)) return path;
  }
  return join(extensionPath, 'server', 'out', 'server.js');
}
