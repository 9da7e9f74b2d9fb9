import type { IncomingMessage, ServerResponse } from 'node:http';
import { Readable } from 'node:stream';

type Handler = (request: IncomingMessage, response: ServerResponse) => void;

/**
 * Refuses request bodies over `maxBytes` with 413 before GraphQL sees them: at once when the
 * declared Content-Length is over, and as soon as the bytes read pass it when the body comes
 * chunked (no length declared). Such a body is read into memory here, at most maxBytes of it,
 * and handed on already read.
 */
export function limitBodySize(maxBytes: number, next: Handler): Handler {
  return (request, response) => {
    const declared = request.headers['content-length'];
    if (declared !== undefined) {
      if (Number(declared) > maxBytes) return refuse(response, maxBytes);
      return next(request, response);
    }
    if (request.headers['transfer-encoding'] === undefined) return next(request, response);
    const chunks: Buffer[] = [];
    let size = 0;
    let refused = false;
    request.on('data', (chunk: Buffer) => {
      if (refused) return;
      size += chunk.length;
      if (size > maxBytes) {
        refused = true;
        refuse(response, maxBytes);
        return;
      }
      chunks.push(chunk);
    });
    request.on('end', () => {
      if (refused) return;
      // @whatwg-node/server takes a body already read from `request.body`. As a stream, not a
      // Buffer: it lists the keys of what it finds there, one per byte of a Buffer.
      Object.assign(request, { body: Readable.from([Buffer.concat(chunks)]) });
      next(request, response);
    });
  };
}

function refuse(response: ServerResponse, maxBytes: number): void {
  const body = JSON.stringify({
    errors: [{ message: `The request body is larger than ${maxBytes} bytes.`, extensions: { code: 'BAD_USER_INPUT', limit: 'bodySize' } }],
  });
  // The rest of the body is not read: close the connection rather than drain it.
  response.writeHead(413, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body), connection: 'close' });
  response.end(body);
}
