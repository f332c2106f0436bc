import { readFileSync } from 'node:fs';

/**
 * The version in Verbatim's package.json: the nearest one named `verbatim`
 * above `from` (a module's `import.meta.url`). It is found the same way from
 * tsc's output (`server/out/server.js`: server/package.json has no name, the
 * root's is next) and from a bundle (`dist/server.mjs` in the VSIX, whose
 * root holds the manifest). `'0.0.0'` when there is none.
 */
export function packageVersion(from: string | URL): string {
  for (let folder = new URL('.', from); ; folder = new URL('..', folder)) {
    try {
      const manifest = JSON.parse(readFileSync(new URL('package.json', folder), 'utf8')) as { name?: unknown; version?: unknown };
      if (manifest.name === 'verbatim' && typeof manifest.version === 'string') return manifest.version;
    } catch {
      // No manifest here (or not JSON): look further up.
    }
    if (new URL('..', folder).href === folder.href) return '0.0.0';
  }
}
