import { print, type DocumentNode } from 'graphql';

/**
 * `print`, remembering each document's text: the bot sends the same few operations over and
 * over. One cache per client that makes it, so none outlives its user.
 */
export function createPrinter(): (document: DocumentNode) => string {
  const printed = new WeakMap<DocumentNode, string>();
  return (document) => {
    let text = printed.get(document);
    if (text === undefined) {
      text = print(document);
      printed.set(document, text);
    }
    return text;
  };
}
