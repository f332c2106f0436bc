import { Readability } from '@mozilla/readability';
import { ExtractionError, type ExtractedSource } from '../extracted.js';
import { parseHtmlDocument, type DomDocument, type DomElement, type DomNode } from '../dom.js';
import { htmlToText } from '../htmlText.js';
import { guarded } from '../guard.js';
import { LIMITS, checkSize, hasWords } from '../limits.js';
import { decodeHtml } from './charset.js';
import { mergeMetadata, pageMetadata, type ReadabilityMeta } from './metadata.js';

/**
 * Reads a saved web page (`.html`, `.htm`, `.xhtml`): the article that Mozilla
 * Readability (Firefox's Reader View) finds, over linkedom, as plain text;
 * navigation, ads and comments are left out. A page where Readability finds
 * no article gives the visible text of its body instead (navigation left
 * out). Metadata: see `pageMetadata`.
 *
 *   extractHtml(bytes of a news page, 'saved/page.html')
 *     → { text: 'Headline\n\nFirst paragraph…', meta: { title, author, date, url } }
 */
export function extractHtml(bytes: Uint8Array, path: string): Promise<ExtractedSource> {
  return guarded(path, 'save the page again from the browser, or save its text as .txt', async () => readPage(bytes, path));
}

function readPage(bytes: Uint8Array, path: string): ExtractedSource {
  checkSize(path, 'the page', bytes.length, LIMITS.markupBytes);
  const { text: html } = decodeHtml(bytes);
  const document = parseHtmlDocument(html);
  const page = pageMetadata(document);
  const article = readArticle(document);
  let text = article?.content ? htmlToText(article.content).text : '';
  if (!hasWords(text)) text = visibleText(parseHtmlDocument(html));
  if (!hasWords(text)) {
    throw new ExtractionError('no-text', `${path}: the page holds no text (it may be built by scripts when it is shown): save it from the browser as "Web Page, Complete", or save its text as .txt.`);
  }
  return { text, meta: mergeMetadata(page, article ?? undefined) };
}

interface Article extends ReadabilityMeta {
  readonly content?: DomNode | null;
}

/** Readability's article, or null when it finds none or fails on the page (a very deep or odd tree). */
function readArticle(document: DomDocument): Article | null {
  try {
    // The serializer hands back the article's element itself: no HTML string to parse again.
    const reader = new Readability<DomNode>(document as never, { serializer: (node) => node as unknown as DomNode });
    return reader.parse();
  } catch {
    return null;
  }
}

/** The body's text without scripts, styles, forms and navigation: for pages without an article. */
function visibleText(document: DomDocument): string {
  const body = document.getElementsByTagName('body')[0] ?? document.documentElement;
  if (!body) return '';
  return htmlToText(body, { skip: isNavigation }).text;
}

function isNavigation(element: DomElement, name: string): boolean {
  return name === 'nav' || element.getAttribute('role') === 'navigation';
}
