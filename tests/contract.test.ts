// The served schema keeps every name of the API contract (tests/fixtures/api-contract.graphql,
// a copy of the design's sketch): each type, field and argument with the same type, each input
// field, enum value and union member. The schema may add more; it may not rename or retype.
import { readFile } from 'node:fs/promises';
import {
  buildSchema as buildSchemaFromSdl,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isObjectType,
  isUnionType,
  type GraphQLNamedType,
  type GraphQLSchema,
} from 'graphql';
import { describe, expect, it } from 'vitest';
import { buildSchema } from '../src/schema.ts';

/** Contract names the issues have not reached yet (none left). */
const pending = new Set<string>([]);

/** Every way the served schema departs from the contract, as readable lines. */
function departures(contract: GraphQLSchema, served: GraphQLSchema): string[] {
  const found: string[] = [];
  for (const expected of Object.values(contract.getTypeMap())) {
    if (expected.name.startsWith('__') || pending.has(expected.name)) continue;
    const actual = served.getType(expected.name);
    if (!actual) {
      found.push(`missing type ${expected.name}`);
      continue;
    }
    found.push(...compareType(expected, actual));
  }
  return found;
}

function compareType(expected: GraphQLNamedType, actual: GraphQLNamedType): string[] {
  const found: string[] = [];
  if (expected.constructor !== actual.constructor) return [`${expected.name} is a ${actual.constructor.name}, not a ${expected.constructor.name}`];
  if ((isObjectType(expected) || isInterfaceType(expected)) && (isObjectType(actual) || isInterfaceType(actual))) {
    const fields = actual.getFields();
    for (const field of Object.values(expected.getFields())) {
      const name = `${expected.name}.${field.name}`;
      if (pending.has(name)) continue;
      const mine = fields[field.name];
      if (!mine) {
        found.push(`missing field ${name}`);
        continue;
      }
      if (String(mine.type) !== String(field.type)) found.push(`${name} is ${String(mine.type)}, not ${String(field.type)}`);
      for (const arg of field.args) {
        const myArg = mine.args.find((candidate) => candidate.name === arg.name);
        if (!myArg) found.push(`missing argument ${name}(${arg.name})`);
        else if (String(myArg.type) !== String(arg.type)) found.push(`${name}(${arg.name}) is ${String(myArg.type)}, not ${String(arg.type)}`);
        else if (arg.defaultValue !== undefined && myArg.defaultValue !== arg.defaultValue) {
          found.push(`${name}(${arg.name}) defaults to ${String(myArg.defaultValue)}, not ${String(arg.defaultValue)}`);
        }
      }
      const extraRequired = mine.args.filter((arg) => !field.args.some((own) => own.name === arg.name) && String(arg.type).endsWith('!'));
      for (const arg of extraRequired) found.push(`${name}(${arg.name}) is required but not in the contract`);
    }
  }
  if (isInputObjectType(expected) && isInputObjectType(actual)) {
    const fields = actual.getFields();
    for (const field of Object.values(expected.getFields())) {
      const mine = fields[field.name];
      if (!mine) found.push(`missing input field ${expected.name}.${field.name}`);
      else if (String(mine.type) !== String(field.type)) found.push(`${expected.name}.${field.name} is ${String(mine.type)}, not ${String(field.type)}`);
    }
  }
  if (isEnumType(expected) && isEnumType(actual)) {
    const values = new Set(actual.getValues().map((value) => value.name));
    for (const value of expected.getValues()) if (!values.has(value.name)) found.push(`missing enum value ${expected.name}.${value.name}`);
  }
  if (isUnionType(expected) && isUnionType(actual)) {
    const members = new Set(actual.getTypes().map((type) => type.name));
    for (const member of expected.getTypes()) if (!members.has(member.name)) found.push(`${expected.name} lacks ${member.name}`);
  }
  return found;
}

/**
 * The sketch names its connections without defining them ("Relay connections"): the standard
 * shapes are added, with `node` typed where the sketch defines the node's type.
 */
function withRelayTypes(sdl: string): string {
  const defined = new Set([...sdl.matchAll(/^(?:type|input|enum|union|interface|scalar)\s+(\w+)/gm)].map((match) => match[1]));
  const connections = new Set([...sdl.matchAll(/\b(\w+)Connection\b/g)].map((match) => match[1]!).filter((name) => !defined.has(`${name}Connection`)));
  const stubs = [...connections].map((node) => {
    const nodeField = defined.has(node) ? ` node: ${node}!` : '';
    return `type ${node}Connection { edges: [${node}Edge!]! pageInfo: PageInfo! }\ntype ${node}Edge { cursor: String!${nodeField} }`;
  });
  return [sdl, 'type PageInfo { hasNextPage: Boolean! hasPreviousPage: Boolean! startCursor: String endCursor: String }', ...stubs].join('\n');
}

describe('the API contract', () => {
  it('should be kept by the served schema: every name, type and argument', async () => {
    const sketch = await readFile(new URL('./fixtures/api-contract.graphql', import.meta.url), 'utf8');
    const contract = buildSchemaFromSdl(withRelayTypes(sketch));
    expect(departures(contract, buildSchema())).toEqual([]);
  });

  it('should notice a departure', () => {
    const contract = buildSchemaFromSdl(`type Query { user(handle: String!): User } type User { id: ID! handle: String! }`);
    const served = buildSchemaFromSdl(`type Query { user(handle: ID!): User } type User { id: ID! name: String! }`);
    expect(departures(contract, served)).toEqual(['Query.user(handle) is ID!, not String!', 'missing field User.handle']);
  });
});
