import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';

const require = createRequire(import.meta.url);

export default defineConfig({
  resolve: {
    // graphql 16 has no "exports" map: Node loads its CommonJS build for Yoga and Pothos,
    // while Vite would pick the ESM build for our sources. Two copies break `instanceof
    // GraphQLError` (expected errors would be masked), so tests use the one Node uses.
    alias: [{ find: /^graphql$/, replacement: require.resolve('graphql') }],
  },
  test: {
    include: ['tests/**/*.test.ts'],
    globalSetup: ['tests/setup/build-web.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Each test file gets its own database; two workers match the machine's two cores.
    pool: 'forks',
    maxWorkers: 2,
  },
});
