/**
 * Builds small PDFs for the reader's tests with pdfkit (a dev dependency
 * without bundled types, loaded through require and typed here as far as used).
 */
import { createRequire } from 'node:module';

export interface Pdfkit {
  addPage(): Pdfkit;
  font(name: string): Pdfkit;
  fontSize(size: number): Pdfkit;
  text(text: string, x: number, y: number, options?: { lineBreak?: boolean; width?: number; align?: string }): Pdfkit;
  widthOfString(text: string): number;
  on(event: 'data', listener: (chunk: Uint8Array) => void): Pdfkit;
  on(event: 'end', listener: () => void): Pdfkit;
  end(): void;
}

type PdfkitConstructor = new (options: Record<string, unknown>) => Pdfkit;
const PDFDocument = createRequire(import.meta.url)('pdfkit') as PdfkitConstructor;

/** Draws with `draw` on a new US-letter document (no first page: call `addPage`) and returns its bytes. */
export function makePdf(draw: (doc: Pdfkit) => void, info: Record<string, string> = {}): Promise<Uint8Array> {
  const doc = new PDFDocument({ size: [612, 792], margin: 0, autoFirstPage: false, info, compress: false });
  const chunks: Uint8Array[] = [];
  const done = new Promise<Uint8Array>((resolve) => {
    doc.on('data', (chunk) => chunks.push(chunk));
    doc.on('end', () => resolve(new Uint8Array(Buffer.concat(chunks))));
  });
  doc.font('Times-Roman').fontSize(11);
  draw(doc);
  doc.end();
  return done;
}

/** Sets `lines` one under another from (x, y), 14 points apart. */
export function setLines(doc: Pdfkit, lines: readonly string[], x: number, y: number): void {
  lines.forEach((line, i) => doc.text(line, x, y + 14 * i, { lineBreak: false }));
}
