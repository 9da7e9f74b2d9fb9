import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { IncomingMessage, ServerResponse } from 'node:http';
import sirv from 'sirv';

export type WebAssets = (request: IncomingMessage, response: ServerResponse, next: () => void) => void;

/** Paths the API answers itself; everything else a browser GETs is the web client's. */
const apiPaths = /^\/(graphql|health|readiness)(\/|\?|$)/;

/**
 * The built web client (clients/web/dist) at /: files as they are, hashed assets cached for a
 * year, and index.html for any other path, so the app's own routes survive a reload. Undefined
 * when the directory holds no build.
 */
export function createWebAssets(directory: string): WebAssets | undefined {
  if (!existsSync(join(directory, 'index.html'))) return undefined;
  const serve = sirv(directory, {
    single: true,
    etag: true,
    setHeaders(response, pathname) {
      if (pathname.startsWith('/assets/')) response.setHeader('cache-control', 'public, max-age=31536000, immutable');
      else response.setHeader('cache-control', 'no-cache');
    },
  });
  return (request, response, next) => {
    const path = request.url ?? '/';
    if ((request.method === 'GET' || request.method === 'HEAD') && !apiPaths.test(path)) serve(request, response, next);
    else next();
  };
}
