/**
 * Loads pdf.js (the legacy build, which runs on Node 20) once, set up for text
 * extraction in this thread, both from tsc's output and in an esbuild bundle:
 * - the worker module is imported here, which sets `globalThis.pdfjsWorker`, so
 *   pdf.js runs its "fake worker" in this thread instead of loading a worker
 *   script by URL (a bundle has no such file next to it);
 * - pdf.js creates a `DOMMatrix` when it loads; in Node it takes one from the
 *   optional `@napi-rs/canvas`, which a bundle does not carry, so a small stub
 *   stands in (the text path never renders, so it is never really used).
 * Loaded lazily: a corpus without PDFs never pays for pdf.js.
 */
type PdfjsModule = typeof import('pdfjs-dist/legacy/build/pdf.mjs');

let loading: Promise<PdfjsModule> | undefined;

/** `(await pdfjs()).getDocument(...)`: the pdf.js module, loaded on first use. */
export function pdfjs(): Promise<PdfjsModule> {
  loading ??= load();
  return loading;
}

async function load(): Promise<PdfjsModule> {
  const scope = globalThis as { DOMMatrix?: unknown };
  if (scope.DOMMatrix === undefined) scope.DOMMatrix = DOMMatrixStub;
  // While it loads, pdf.js warns on stderr that it cannot load @napi-rs/canvas
  // or polyfill ImageData and Path2D: true, and harmless for text. Those lines
  // are held back; any other warning passes.
  const warn = console.warn;
  console.warn = (...args: unknown[]) => {
    if (typeof args[0] === 'string' && /^Warning: Cannot (?:load "@napi-rs\/canvas"|polyfill|access the `require` function)/.test(args[0])) return;
    warn(...args);
  };
  try {
    await import('pdfjs-dist/legacy/build/pdf.worker.mjs');
    return await import('pdfjs-dist/legacy/build/pdf.mjs');
  } finally {
    console.warn = warn;
  }
}

/** Just enough of DOMMatrix for pdf.js to load: an identity matrix that is never drawn with. */
class DOMMatrixStub {
  a = 1; b = 0; c = 0; d = 1; e = 0; f = 0;
  constructor(init?: ArrayLike<number>) {
    if (!init || init.length < 6) return;
    // Six values were checked above, so the identity defaults never apply.
    const [a = 1, b = 0, c = 0, d = 1, e = 0, f = 0] = Array.from(init);
    Object.assign(this, { a, b, c, d, e, f });
  }
}
