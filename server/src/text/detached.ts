/**
 * A copy of `s` that keeps no larger string alive. V8 makes a slice of 13 or
 * more characters a view on the string it was cut from, so a title or a
 * verdict's wording cut from a decoded book would keep the whole book (or its
 * chunk) in memory for as long as it lives.
 * `detached(book.slice(0, 1200))`
 */
export function detached(s: string): string {
  return s.length < 13 ? s : JSON.parse(JSON.stringify(s)) as string;
}
