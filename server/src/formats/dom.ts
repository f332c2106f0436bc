import { DOMParser } from 'linkedom';

/**
 * The little of the DOM that the format readers use, typed here because the
 * engine compiles without the DOM library. `linkedom` (a light DOM over
 * htmlparser2) provides it; Readability runs on the same documents.
 */
export interface DomNode {
  readonly nodeType: number;
  readonly nodeName: string;
  readonly parentNode: DomNode | null;
  readonly firstChild: DomNode | null;
  readonly nextSibling: DomNode | null;
  readonly textContent: string | null;
}

export interface DomElement extends DomNode {
  /** As the parser gave it: lower case in HTML, as written in XML (`dc:title`). */
  readonly tagName: string;
  readonly children: ArrayLike<DomElement>;
  getAttribute(name: string): string | null;
  hasAttribute(name: string): boolean;
  getElementsByTagName(name: string): ArrayLike<DomElement>;
  querySelectorAll(selector: string): ArrayLike<DomElement>;
  /** Inserts text (or nodes) before the element's first child. */
  prepend(...nodes: (DomNode | string)[]): void;
  remove(): void;
}

export interface DomDocument extends DomNode {
  readonly documentElement: DomElement | null;
  getElementsByTagName(name: string): ArrayLike<DomElement>;
  querySelectorAll(selector: string): ArrayLike<DomElement>;
}

export const ELEMENT_NODE = 1;
export const DOCUMENT_NODE = 9;
export const DOCUMENT_TYPE_NODE = 10;
export const TEXT_NODE = 3;
export const CDATA_SECTION_NODE = 4;

/** Parses HTML leniently (htmlparser2: never throws, implied end tags, entities decoded). */
export function parseHtmlDocument(html: string): DomDocument {
  return new DOMParser().parseFromString(html, 'text/html') as unknown as DomDocument;
}

/**
 * Parses XML (OPF, NCX, container.xml, XHTML) without HTML's implied tags, so
 * `<title/>` or `<a id="x"/>` close where they are written. HTML's named
 * entities (`&nbsp;`, common in XHTML that declares no DTD) are decoded first,
 * since the XML mode knows only the five of XML.
 */
export function parseXmlDocument(xml: string): DomDocument {
  return new DOMParser().parseFromString(decodeHtmlEntities(xml), 'text/xml') as unknown as DomDocument;
}

const xmlEntities = new Set(['amp', 'lt', 'gt', 'quot', 'apos']);

/** Replaces HTML named entities other than XML's five by their characters, through the HTML parser's own table. */
function decodeHtmlEntities(xml: string): string {
  const decoded = new Map<string, string>();
  return xml.replace(/&([A-Za-z][A-Za-z0-9]{1,31});/g, (whole, name: string) => {
    if (xmlEntities.has(name)) return whole;
    let char = decoded.get(name);
    if (char === undefined) {
      const text = parseHtmlDocument(`<p>&${name};</p>`).documentElement?.textContent ?? whole;
      // An unknown name comes back as written; keep it as text (escaped, so the XML parser leaves it).
      char = text === whole ? `&amp;${name};` : text.replace(/&/g, '&amp;').replace(/</g, '&lt;');
      decoded.set(name, char);
    }
    return char;
  });
}

/** An element's name without namespace prefix, lower case: `dc:Title` → `title`. */
export function localName(element: DomElement): string {
  const name = element.tagName;
  const colon = name.lastIndexOf(':');
  return (colon < 0 ? name : name.slice(colon + 1)).toLowerCase();
}

/**
 * Every element under `root` (document order) whose local name is `name`, in
 * any namespace prefix (linkedom's `getElementsByTagName` knows neither `*`
 * nor namespaces). Walks without recursion.
 */
export function elementsNamed(root: DomNode, name: string): DomElement[] {
  const found: DomElement[] = [];
  let node = firstChildOf(root);
  while (node) {
    if (node.nodeType === ELEMENT_NODE) {
      if (localName(node as DomElement) === name) found.push(node as DomElement);
      if (node.firstChild) { node = node.firstChild; continue; }
    }
    while (node && node !== root && !node.nextSibling) node = node.parentNode;
    node = node && node !== root ? node.nextSibling : null;
  }
  return found;
}

/**
 * The first child to walk `root`'s content from. In linkedom an XML document's
 * doctype is its first child but has no next sibling, so a document with a
 * doctype is walked from its root element instead.
 */
export function firstChildOf(root: DomNode): DomNode | null {
  const first = root.firstChild;
  if (root.nodeType === DOCUMENT_NODE && first && first.nodeType === DOCUMENT_TYPE_NODE && !first.nextSibling) {
    return (root as DomDocument).documentElement;
  }
  return first;
}

/** The first element under `root` with local name `name`, or undefined. */
export function firstNamed(root: DomNode, name: string): DomElement | undefined {
  return elementsNamed(root, name)[0];
}

/** An element's text with whitespace runs collapsed and trimmed: `"  The\n Waste Land "` → `"The Waste Land"`. */
export function cleanText(value: string | null | undefined): string {
  return (value ?? '').replace(/\s+/g, ' ').trim();
}
