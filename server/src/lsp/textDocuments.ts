import { TextDocument, type TextDocumentContentChangeEvent } from 'vscode-languageserver-textdocument';

/**
 * `TextDocument` as `TextDocuments` keeps it, with one repair: an edit that puts
 * a \r and a \n side by side across its edge (a \r typed before a line's \n, a
 * \n after a lone \r, a deletion that brings them together) makes one line end
 * of two, but `TextDocument.update` (vscode-languageserver-textdocument 1.0.12)
 * still counts two lines there, so every later position in the document is
 * read one line off and the server's copy of the text drifts from the editor's.
 * Such a document is rebuilt from its text.
 * `new TextDocuments(lineSafeTextDocument)`.
 */
export const lineSafeTextDocument = {
  create: TextDocument.create,
  update(document: TextDocument, changes: TextDocumentContentChangeEvent[], version: number): TextDocument {
    let updated = document;
    for (const change of changes) {
      if (!('range' in change)) {
        updated = TextDocument.update(updated, [change], version);
        continue;
      }
      const start = updated.offsetAt(change.range.start);
      updated = TextDocument.update(updated, [change], version);
      const text = updated.getText();
      const joined = (at: number) => text.charCodeAt(at - 1) === 13 && text.charCodeAt(at) === 10;
      if (joined(start) || joined(start + change.text.length)) updated = TextDocument.create(updated.uri, updated.languageId, version, text);
    }
    return updated;
  },
};
