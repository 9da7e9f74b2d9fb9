import type { CodegenConfig } from '@graphql-codegen/cli';

/**
 * Typed operations for the clients, generated from the printed schema (`npm run codegen`).
 * The clients know only schema/schema.graphql and the network; the generated files are
 * committed, and a test fails when they no longer match what this config generates.
 */
const config: CodegenConfig = {
  schema: 'schema/schema.graphql',
  ignoreNoDocuments: true,
  // The project resolves imports as Node does (NodeNext): relative imports name their file.
  importExtension: '.ts',
  generates: {
    'clients/telegram/src/generated/': {
      documents: ['clients/telegram/src/**/*.ts', '!clients/telegram/src/generated/**'],
      preset: 'client',
      presetConfig: { fragmentMasking: false },
      config: { useTypeImports: true, enumsAsTypes: true, scalars: { DateTime: 'string' }, avoidOptionals: { field: true, inputValue: false } },
    },
    'clients/web/src/generated/': {
      documents: ['clients/web/src/**/*.{ts,tsx}', '!clients/web/src/generated/**'],
      preset: 'client',
      presetConfig: { fragmentMasking: false },
      config: { useTypeImports: true, enumsAsTypes: true, scalars: { DateTime: 'string' }, avoidOptionals: { field: true, inputValue: false } },
    },
  },
};

export default config;
