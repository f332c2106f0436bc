/**
 * What scraped articles and e-texts put above their title: site chrome
 * ("close", "Advertising"), section labels, bylines, dates, and e-text credits.
 * Each test takes one trimmed line with whitespace collapsed.
 */

const CHROME = new Set([
  'close', 'local', 'advertising', 'advertisement', 'ad', 'ads', 'sponsored', 'sponsored content', 'supported by',
  'share', 'share this', 'share this article', 'share this story', 'share on facebook', 'share on twitter', 'tweet',
  'email', 'e-mail', 'print', 'menu', 'search', 'subscribe', 'subscribe now', 'sign in', 'sign up', 'log in', 'login',
  'skip to content', 'skip to main content', 'skip navigation', 'home', 'news', 'breaking news', 'live', 'live updates',
  'updated', 'watch', 'listen', 'read more', 'more', 'related', 'trending', 'featured', 'exclusive', 'analysis',
  'opinion', 'world', 'world news', 'politics', 'business', 'us', 'u.s.', 'europe', 'asia', 'africa', 'americas',
  'middle east', 'sport', 'sports', 'tech', 'technology', 'science', 'health', 'entertainment', 'culture', 'lifestyle',
  'video', 'videos', 'photo', 'photos', 'gallery', 'comments', 'follow', 'follow us', 'newsletter', 'accept',
  'accept cookies', 'contents', 'table of contents', 'illustrations', 'list of illustrations', 'preface',
  'transcriber notes', "transcriber's note", "transcriber's notes", 'transcribers note', 'transcribers notes',
  'copyright', 'all rights reserved', 'cover', 'front cover', 'book cover', 'full size',
]);

const MONTH = '(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\\.?';
const DATE_LINE = new RegExp(
  `^(?:(?:published|updated|posted|last updated)\\b.*|.*\\b${MONTH} \\d{1,2},? \\d{4}\\b.*|.*\\b\\d{1,2} ${MONTH} \\d{4}\\b.*|` +
    '\\d{4}-\\d{2}-\\d{2}.*|.*\\b\\d{1,2}:\\d{2}\\s*(?:am|pm|a\\.m\\.|p\\.m\\.)?(?:\\s+[a-z]{2,4})?|\\d+ min(?:ute)?s? read)$',
  'i',
);

/** Opening lines of e-text credit and note paragraphs (Project Gutenberg and the like). */
const CREDITS = /^(?:produced by|e-?text (?:was )?(?:prepared|produced|created|scanned) by|this (?:project gutenberg )?e-?text|this e-?book|project gutenberg|transcribed (?:from|by)|transcriber'?s? notes?|\[?transcriber'?s? note|note:|scanned by|proofread by|html version by|prepared by|digitized by|credits?:|\*\*\*|end of (?:the )?project gutenberg)/i;

/** Whether a line is site chrome or a section heading rather than a title: `isChrome('Supported by')` is true. */
export function isChrome(line: string): boolean {
  const bare = line.toLowerCase().replace(/[’‘]/g, "'").replace(/[\s:.|•·>»]+$/, '').replace(/^[\s|•·<«]+/, '');
  return CHROME.has(bare) || (wordCount(line) <= 8 && DATE_LINE.test(line));
}

/** Whether a line is a byline: `isByline('By Lara Jakes')` is true. */
export function isByline(line: string): boolean {
  return /^by$/i.test(line) || (/^(?:(?:translated|edited|illustrated|compiled|selected|retold|adapted|arranged)\b.*?\s)?by\s+\S/i.test(line) && wordCount(line) <= 8 && !/[.!?]$/.test(line));
}

/**
 * Whether a line is a category label glued from a scraped menu: short, and a
 * lower-case letter runs straight into a capital inside one token.
 * `isCategoryLabel('Quốc tếWorld')` is true; `isCategoryLabel('Flower Fables')` is false.
 */
export function isCategoryLabel(line: string): boolean {
  return wordCount(line) <= 3 && !/[.!?]$/.test(line) && /\p{Ll}\p{Lu}/u.test(line);
}

/** Whether a paragraph starting with this line is e-text credits: `isCreditLine('Produced by John Hamm')` is true. */
export function isCreditLine(line: string): boolean {
  return CREDITS.test(line.replace(/[’‘]/g, "'"));
}

export function wordCount(line: string): number {
  return line.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;
}
