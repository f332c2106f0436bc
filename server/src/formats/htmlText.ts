import { CDATA_SECTION_NODE, ELEMENT_NODE, TEXT_NODE, firstChildOf, localName, type DomElement, type DomNode } from './dom.js';

/**
 * HTML or XHTML to plain text, shared by the web page, Word (through
 * mammoth's HTML) and EPUB readers. Block elements become paragraphs (a blank
 * line between), inline text is joined, whitespace runs collapse to one space,
 * `<br>` and list items and table rows become line breaks, table cells are
 * separated by a tab, `<pre>` keeps its lines. Scripts, styles, forms, media
 * and `hidden` elements give no text.
 *
 * Written here rather than taken from a library because it must also report
 * where given elements start in the text (EPUB chapters that begin at an
 * anchor inside a file), and a DOM walk is all it is.
 *
 *   htmlToText(parse('<p>One <b>two</b></p><ul><li>a<li>b</ul>').body).text
 *     → 'One two\n\na\nb'
 */
export interface HtmlTextOptions {
  /** Element ids (or `<a name>`s) whose place in the text is wanted, e.g. EPUB table-of-contents targets. */
  readonly marks?: ReadonlySet<string>;
  /** Elements to leave out with their content, beyond the built-in ones (e.g. footnote back-links). */
  readonly skip?: (element: DomElement, name: string) => boolean;
}

export interface HtmlText {
  readonly text: string;
  /** Offset in `text` where each requested mark's element starts (its first character, or where it would be). */
  readonly marks: ReadonlyMap<string, number>;
}

/** Elements whose content is not text a reader sees as part of the page. */
const SKIPPED = new Set([
  'script', 'style', 'noscript', 'template', 'head', 'title', 'iframe', 'object', 'svg', 'canvas',
  'video', 'audio', 'select', 'textarea', 'button', 'picture', 'map', 'rp', 'rt', 'annotation', 'annotation-xml',
]);

/**
 * Elements that never have content. In HTML the parser knows it; in XHTML read
 * as XML, a sloppy `<br>` or `<img ...>` left unclosed swallows the text that
 * follows as its children, so that text is still read.
 */
const VOID = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'param', 'source', 'track', 'wbr']);

/** Block elements: a paragraph break before and after. */
const BLOCKS = new Set([
  'address', 'article', 'aside', 'blockquote', 'body', 'caption', 'center', 'details', 'dialog', 'dir', 'div',
  'dl', 'fieldset', 'figcaption', 'figure', 'footer', 'form', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header',
  'hgroup', 'html', 'legend', 'main', 'menu', 'nav', 'ol', 'p', 'pre', 'section', 'summary', 'table',
  'tbody', 'tfoot', 'thead', 'ul',
]);

/** Elements that start a new line (not a new paragraph). */
const LINES = new Set(['li', 'dt', 'dd', 'tr', 'option']);

const NONE = 0;
const LINE = 1;
const PARAGRAPH = 2;

/** A cell longer than this, or holding a table, is page layout: its blocks stay paragraphs. */
const LAYOUT_CELL_CHARS = 400;

export function htmlToText(root: DomNode, options: HtmlTextOptions = {}): HtmlText {
  const marks = new Map<string, number>();
  const out = new TextOut(marks);
  const wanted = options.marks;
  /** Per open element: what to do when it closes. */
  const closers: (() => void)[] = [];
  let inPre = 0;
  let inlineCells = 0;

  const open = (element: DomElement): boolean => {
    const name = localName(element);
    // A mark on an element that gives no text (an empty anchor, a hidden one) points where the next text starts.
    if (wanted) {
      const id = element.getAttribute('id') ?? (name === 'a' ? element.getAttribute('name') : null);
      if (id !== null && wanted.has(id)) out.mark(id);
    }
    if (VOID.has(name)) {
      if (name === 'br' || name === 'hr') out.brk(inlineCells > 0 ? NONE : name === 'br' ? LINE : PARAGRAPH, inlineCells > 0);
      closers.push(noop);
      return true;
    }
    if (SKIPPED.has(name) || element.hasAttribute('hidden') || isStyledHidden(element) || isNoteMark(element, name)) return false;
    if (options.skip?.(element, name)) return false;
    if (name === 'td' || name === 'th') {
      out.cell();
      const inline = !isLayoutCell(element);
      if (inline) inlineCells++;
      closers.push(() => { if (inline) inlineCells--; });
      return true;
    }
    const strength = BLOCKS.has(name) ? PARAGRAPH : LINES.has(name) ? LINE : NONE;
    if (strength === NONE) { closers.push(noop); return true; }
    const pre = name === 'pre';
    if (pre) inPre++;
    const brk = (): void => out.brk(inlineCells > 0 ? NONE : strength, inlineCells > 0);
    brk();
    closers.push(() => { if (pre) inPre--; brk(); });
    return true;
  };
  const close = (): void => { closers.pop()?.(); };

  walk(root, open, close, (node) => out.text(node.textContent ?? '', inPre > 0));
  const text = out.finish();
  return { text, marks };
}

function noop(): void { /* an inline element closes without a break */ }

/** `style="display:none"` or `visibility:hidden` written on the element itself. */
function isStyledHidden(element: DomElement): boolean {
  const style = element.getAttribute('style');
  return style !== null && /(?:^|;)\s*(?:display\s*:\s*none|visibility\s*:\s*hidden)/i.test(style);
}

/**
 * A footnote or citation mark in running text: EPUB's `epub:type="noteref"`,
 * ARIA's `doc-noteref`, pandoc's `a.footnote-ref`, MediaWiki's
 * `sup.reference`, or a superscript that is only an in-page link with a short
 * mark (`<sup><a href="#fn1">[1]</a></sup>`, mammoth's notes). Left out, so a
 * quotation that runs across one still matches word for word (the notes
 * themselves are kept where the page has them).
 */
function isNoteMark(element: DomElement, name: string): boolean {
  if (element.getAttribute('role') === 'doc-noteref') return true;
  if ((element.getAttribute('epub:type') ?? '').split(/\s+/).includes('noteref')) return true;
  const classes = (element.getAttribute('class') ?? '').split(/\s+/);
  if (name === 'a' && classes.includes('footnote-ref')) return true;
  if (name === 'sup' && classes.includes('reference')) return true;
  if (name !== 'sup' && name !== 'a') return false;
  if (!/^\[?[\p{L}\p{N}*†‡§¶,–-]{1,8}\]?$/u.test((element.textContent ?? '').trim())) return false;
  const only = element.children.length === 1 ? element.children[0] : undefined;
  if (name === 'sup') return only !== undefined && localName(only) === 'a' && isInPageLink(only);
  return isInPageLink(element) && only !== undefined && localName(only) === 'sup';
}

function isInPageLink(element: DomElement): boolean {
  return (element.getAttribute('href') ?? '').startsWith('#');
}

function isLayoutCell(cell: DomElement): boolean {
  if (cell.getElementsByTagName('table').length > 0) return true;
  return (cell.textContent ?? '').length > LAYOUT_CELL_CHARS;
}

/**
 * Visits `root`'s descendants in document order without recursion (a page
 * nested 100,000 deep must not overflow the stack): `open` on an element
 * (false: skip its content; `close` is not called then), `text` on text and
 * CDATA nodes, `close` after an element's content.
 */
function walk(root: DomNode, open: (e: DomElement) => boolean, close: () => void, text: (n: DomNode) => void): void {
  let node = firstChildOf(root);
  while (node) {
    let descend = false;
    if (node.nodeType === ELEMENT_NODE) {
      descend = open(node as DomElement);
      if (descend && node.firstChild) { node = node.firstChild; continue; }
      if (descend) close();
    } else if (node.nodeType === TEXT_NODE || node.nodeType === CDATA_SECTION_NODE) {
      text(node);
    }
    while (node && !node.nextSibling) {
      node = node.parentNode;
      if (!node || node === root) return;
      close();
    }
    node = node ? node.nextSibling : null;
  }
}

/** Builds the text: pending breaks and spaces are written only when more text follows, so nothing dangles. */
class TextOut {
  private readonly parts: string[] = [];
  private length = 0;
  private pendingBreak = NONE;
  private pendingSpace = false;
  private pendingTab = false;
  private lineHasText = false;
  private pendingMarks: string[] = [];
  /** Whitespace inside <pre>, written only if more text follows on its line. */
  private pendingPre = '';

  constructor(private readonly marks: Map<string, number>) {}

  text(raw: string, pre: boolean): void {
    if (pre) {
      raw.replace(/\r\n?/g, '\n').split('\n').forEach((line, i) => {
        if (i > 0) this.brk(LINE, false);
        // Spaces are kept as written, except at the end of a line.
        const content = line.replace(/\s+$/, '');
        if (content.length > 0) this.write(this.pendingPre + content);
        this.pendingPre = content.length > 0 ? line.slice(content.length) : this.pendingPre + line;
      });
      return;
    }
    const collapsed = raw.replace(/[ \t\n\r\f\u00a0]+/g, ' ');
    if (collapsed.length === 0) return;
    if (collapsed.startsWith(' ')) this.pendingSpace = true;
    const body = collapsed.trim();
    if (body.length === 0) return;
    this.write(body);
    this.pendingSpace = collapsed.endsWith(' ');
  }

  /** A break of this strength before the next text; inside an inline table cell, a space instead. */
  brk(strength: number, asSpace: boolean): void {
    if (asSpace) { this.pendingSpace = true; return; }
    if (strength > this.pendingBreak) this.pendingBreak = strength;
    this.pendingSpace = false;
    this.pendingTab = false;
    this.pendingPre = '';
  }

  /** A table cell starts: a tab before its text when the row already has some. */
  cell(): void {
    if (this.lineHasText && this.pendingBreak === NONE) this.pendingTab = true;
  }

  /** The element `id` starts here: its offset is where the next text is written. */
  mark(id: string): void {
    if (!this.marks.has(id) && !this.pendingMarks.includes(id)) this.pendingMarks.push(id);
  }

  /** The text; marks not followed by any text point at its end. */
  finish(): string {
    this.settleMarks();
    return this.parts.join('');
  }

  private write(body: string): void {
    if (this.length > 0) {
      if (this.pendingBreak === PARAGRAPH) this.push('\n\n');
      else if (this.pendingBreak === LINE) this.push('\n');
      else if (this.pendingTab) this.push('\t');
      else if (this.pendingSpace) this.push(' ');
    }
    if (this.pendingBreak !== NONE) this.lineHasText = false;
    this.pendingBreak = NONE;
    this.pendingSpace = false;
    this.pendingTab = false;
    this.pendingPre = '';
    this.settleMarks();
    this.push(body);
    this.lineHasText = true;
  }

  private settleMarks(): void {
    for (const id of this.pendingMarks) this.marks.set(id, this.length);
    this.pendingMarks = [];
  }

  private push(part: string): void {
    this.parts.push(part);
    this.length += part.length;
  }
}
