import { printSchema } from 'graphql';
import { buildSchema } from './schema.ts';

/** The SDL that clients build against: schema/schema.graphql holds exactly this. */
export function printedSchema(): string {
  return `${printSchema(buildSchema())}\n`;
}
