import { elementsNamed, firstNamed, parseXmlDocument } from '../dom.js';
import { xmlText, zipEntry, type ZipEntries } from '../zip.js';

/**
 * Font obfuscation (IDPF, Adobe) scrambles embedded fonts only, and leaves
 * the text readable; any other algorithm in `META-INF/encryption.xml`
 * (Adobe ADEPT, Readium LCP, Apple FairPlay: AES) encrypts content.
 */
const FONT_OBFUSCATION = new Set(['http://www.idpf.org/2008/embedding', 'http://ns.adobe.com/pdf/enc#rc']);

/**
 * The paths of content the book encrypts (DRM), from `META-INF/encryption.xml`;
 * empty for a DRM-free book, and for one that only obfuscates its fonts.
 *
 *   <EncryptedData><EncryptionMethod Algorithm="http://www.w3.org/2001/04/xmlenc#aes128-cbc"/>
 *     <CipherData><CipherReference URI="OEBPS/c1.xhtml"/></CipherData></EncryptedData>  → ['OEBPS/c1.xhtml']
 */
export function encryptedContent(entries: ZipEntries): string[] {
  const bytes = zipEntry(entries, 'META-INF/encryption.xml');
  if (!bytes) return [];
  const encrypted: string[] = [];
  for (const data of elementsNamed(parseXmlDocument(xmlText(bytes)), 'encrypteddata')) {
    const algorithm = (firstNamed(data, 'encryptionmethod')?.getAttribute('Algorithm') ?? '').trim().toLowerCase();
    if (FONT_OBFUSCATION.has(algorithm)) continue;
    const uri = firstNamed(data, 'cipherreference')?.getAttribute('URI') ?? '';
    if (!/\.(?:otf|ttf|woff2?)$/i.test(uri)) encrypted.push(uri);
  }
  return encrypted;
}
