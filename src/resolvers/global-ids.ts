import { decodeGlobalID } from '@pothos/plugin-relay';
import { z } from 'zod';
import { badInput } from '../errors.ts';
import { uuidPattern } from '../validation.ts';


/** The database id inside a global ID of `typename`; BAD_USER_INPUT naming `field` otherwise. */
export function idFromGlobalId(globalId: string, typename: string, field: string): string {
  let decoded: { typename: string; id: string } | undefined;
  try {
    decoded = decodeGlobalID(globalId);
  } catch {
    decoded = undefined;
  }
  if (decoded?.typename !== typename || !uuidPattern.test(decoded.id)) throw badInput(field, `is not the id of a ${typename}`);
  return decoded.id.toLowerCase();
}

/** A zod schema for a global ID of `typename`, yielding the database id (for input objects). */
export function globalIdSchema(typename: string) {
  return z.string().transform((globalId, context) => {
    try {
      return idFromGlobalId(globalId, typename, '');
    } catch {
      context.addIssue({ code: 'custom', message: `is not the id of a ${typename}` });
      return z.NEVER;
    }
  });
}
