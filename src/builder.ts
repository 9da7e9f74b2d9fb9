import SchemaBuilder from '@pothos/core';
import PrismaPlugin from '@pothos/plugin-prisma';
import RelayPlugin from '@pothos/plugin-relay';
import ScopeAuthPlugin from '@pothos/plugin-scope-auth';
import { GraphQLError, isObjectType } from 'graphql';
import type { Context } from './context.ts';
import { AppError } from './errors.ts';
import type PrismaTypes from './generated/pothos-prisma-types.ts';
import { getDatamodel } from './generated/pothos-prisma-types.ts';
import { uuidPattern } from './validation.ts';

/**
 * The schema builder: plugins and scalars only. Types live in src/resolvers/, one domain a
 * file. It holds no runtime state (the Prisma client comes from each request's context), so
 * one schema serves any number of servers.
 */
export const builder = new SchemaBuilder<{
  Context: Context;
  PrismaTypes: PrismaTypes;
  /** member: the id of a conversation the viewer must belong to. */
  AuthScopes: { loggedIn: boolean; admin: boolean; service: boolean; member: string };
  Scalars: { DateTime: { Input: Date; Output: Date } };
  DefaultFieldNullability: false;
  DefaultInputFieldRequiredness: false;
}>({
  plugins: [ScopeAuthPlugin, PrismaPlugin, RelayPlugin],
  defaultFieldNullability: false,
  scopeAuth: {
    // Subscriptions are authorized when they start; each event is checked again by its stream.
    authorizeOnSubscribe: true,
    authScopes: (context) => ({
      loggedIn: context.viewer !== null,
      admin: context.viewer?.user.role === 'ADMIN',
      service: context.isService,
      member: async (conversationId: string) => (await context.loaders.membership.load(conversationId)) !== null,
    }),
    // A signed-out caller is told to sign in; a signed-in one lacking a role is forbidden.
    unauthorizedError: (_parent, context, _info, result) => {
      const needsService = JSON.stringify(result.failure).includes('"service"');
      if (needsService) return new AppError('FORBIDDEN', 'This operation is only for the bot service (x-service-key).');
      if (context.tokenRejected) {
        return new AppError('UNAUTHENTICATED', 'The access token is invalid, expired or signed out; refresh it or sign in again.');
      }
      if (!context.viewer) return new AppError('UNAUTHENTICATED', 'Sign in first: this operation needs a valid access token.');
      return new AppError('FORBIDDEN', 'You are not allowed to do this.');
    },
  },
  prisma: {
    client: (context) => context.prisma,
    dmmf: getDatamodel(),
    exposeDescriptions: false,
    filterConnectionTotalCount: true,
    onUnusedQuery: null,
  },
  relay: {
    clientMutationId: 'omit',
    cursorType: 'String',
    nodesQueryOptions: false,
    nodeQueryOptions: {
      authScopes: { loggedIn: true },
      // An id the API never gave out (a type that is no node, or no UUID inside) names nothing:
      // null, as for a node that is gone, rather than a query the database refuses.
      resolve: (_root, { id }, _context, info, resolveNode) => {
        const type = info.schema.getType(id.typename);
        const isNode = isObjectType(type) && type.getInterfaces().some((node) => node.name === 'Node');
        return isNode && uuidPattern.test(id.id) ? resolveNode(id) : null;
      },
    },
    brandLoadedObjects: true,
  },
});

builder.scalarType('DateTime', {
  description: 'An ISO 8601 instant, e.g. 2026-01-31T09:30:00.000Z.',
  serialize: (value) => (value instanceof Date ? value.toISOString() : new Date(value as string).toISOString()),
  parseValue: (value) => {
    const date = typeof value === 'string' ? new Date(value) : undefined;
    if (!date || Number.isNaN(date.getTime())) throw new GraphQLError('DateTime: expected an ISO 8601 string');
    return date;
  },
});

builder.queryType({});
builder.mutationType({});
builder.subscriptionType({});
