import { readFile } from 'node:fs/promises';
import { parse, validate } from 'graphql';
import { describe, expect, it } from 'vitest';
import { graphiqlExamples } from '../src/graphiql-examples.ts';
import { printedSchema } from '../src/print-schema.ts';
import { buildSchema } from '../src/schema.ts';

describe('schema/schema.graphql', () => {
  it('should be exactly what the code prints (run `npm run schema:print` after changing the schema)', async () => {
    const committed = await readFile(new URL('../schema/schema.graphql', import.meta.url), 'utf8');
    expect(committed).toBe(printedSchema());
  });

  it('should keep the contract names the clients rely on', () => {
    const sdl = printedSchema();
    for (const name of [
      'signUp(input: SignUpInput!): AuthPayload!',
      'refreshSession(input: RefreshInput!): AuthPayload!',
      'telegramSignIn(input: TelegramSignInInput!): AuthPayload!',
      'sendFriendRequest(input: FriendTargetInput!): User!',
      'friendSuggestions(first: Int = 10, after: String): SuggestionConnection!',
      'mutualFriends(first: Int = 3, after: String): UserConnection!',
      'searchUsers(query: String!',
      'node(id: ID!): Node',
    ]) {
      expect(sdl).toContain(name);
    }
  });
});

describe('the GraphiQL examples', () => {
  it('should be valid operations against the schema the server serves', () => {
    const document = parse(graphiqlExamples);
    expect(validate(buildSchema(), document).map((error) => error.message)).toEqual([]);
    const names = document.definitions.map((definition) => ('name' in definition ? definition.name?.value : undefined));
    expect(names).toEqual(expect.arrayContaining(['SignUp', 'Me', 'Discover', 'Conversations', 'MyEvents', 'Diary', 'Notifications']));
  });
});

describe('the clients’ generated operations', () => {
  it('should be exactly what `npm run codegen` generates from the printed schema and the clients’ code', async () => {
    const { generate } = await import('@graphql-codegen/cli');
    const { default: config } = await import('../codegen.ts');
    const outputs = (await generate({ ...config, silent: true }, false)) as { filename: string; content: string }[];
    expect(outputs.length).toBeGreaterThan(0);
    for (const output of outputs) {
      const committed = await readFile(new URL(`../${output.filename}`, import.meta.url), 'utf8').catch(() => '(missing)');
      expect(committed, `${output.filename} is stale: run npm run codegen`).toBe(output.content);
    }
  });
});
