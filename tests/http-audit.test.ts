import { serverAudits } from 'graphql-http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './utils/test-app.ts';

/**
 * graphql-http's audits of the GraphQL over HTTP specification, against a real server with the
 * default configuration (production, rate limits on, CSRF prevention on).
 */
describe('the GraphQL over HTTP audits', () => {
  let t: TestApp;
  let url: string;
  beforeAll(async () => {
    // Empty values count as unset: these are the defaults a deployment gets.
    t = await createTestApp({ NODE_ENV: 'production', RATE_LIMITS: '' });
    ({ url } = await t.app.server.start(0, '127.0.0.1'));
  });
  afterAll(async () => {
    await t.close();
  });

  const audits = serverAudits({ url: () => url, fetchFn: (input: RequestInfo | URL, init?: RequestInit) => fetch(input, init) });

  it('should include every MUST and SHOULD audit', () => {
    const counts = { MUST: 0, SHOULD: 0, MAY: 0 };
    for (const audit of audits) counts[audit.name.split(' ')[0] as keyof typeof counts] += 1;
    console.log(`graphql-http audits: ${counts.MUST} MUST, ${counts.SHOULD} SHOULD, ${counts.MAY} MAY`);
    expect(counts.MUST).toBeGreaterThan(0);
    expect(counts.SHOULD).toBeGreaterThan(0);
  });

  for (const audit of audits.filter((audit) => /^(MUST|SHOULD) /.test(audit.name))) {
    it(audit.name, async () => {
      const result = await audit.fn();
      expect(result.status === 'ok' ? 'ok' : `${result.status}: ${result.reason}`).toBe('ok');
    });
  }
});
