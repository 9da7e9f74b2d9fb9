import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './utils/test-app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const post = (headers: Record<string, string> = {}) =>
  t.app.server.fetch('http://localhost/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query: '{ __typename }' }),
  });

describe('request ids', () => {
  it('should give every response a fresh request id', async () => {
    const [first, second] = await Promise.all([post(), post()]);
    expect(first.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    expect(second.headers.get('x-request-id')).not.toBe(first.headers.get('x-request-id'));
  });

  it("should keep the caller's request id, and replace one that is not sane", async () => {
    expect((await post({ 'x-request-id': 'edge-42.abc' })).headers.get('x-request-id')).toBe('edge-42.abc');
    expect((await post({ 'x-request-id': 'bad id with spaces' })).headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });
});
