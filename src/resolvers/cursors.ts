import { badInput } from '../errors.ts';

/**
 * Opaque keyset cursors: the sort key of a row, tagged with the list it came from, so a
 * cursor from one list is refused by another instead of silently paging wrong.
 */
export function encodeCursor(list: string, values: readonly (string | number)[]): string {
  return Buffer.from(JSON.stringify([list, ...values])).toString('base64url');
}

/** The sort key in a cursor; BAD_USER_INPUT naming `argument` when it is not one of `list`'s. */
export function decodeCursor(list: string, cursor: string, argument: string, arity: number): (string | number)[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    parsed = undefined;
  }
  const valid =
    Array.isArray(parsed) &&
    parsed[0] === list &&
    parsed.length === arity + 1 &&
    parsed.slice(1).every((value) => typeof value === 'string' || typeof value === 'number');
  if (!valid) throw badInput(argument, 'is not a cursor from this list');
  return (parsed as (string | number)[]).slice(1);
}

/** Decodes a single-string cursor (lists ordered by a unique text key such as the handle). */
export function decodeTextCursor(list: string, cursor: string | null | undefined, argument: string): string | null {
  if (cursor === null || cursor === undefined) return null;
  return String(decodeCursor(list, cursor, argument, 1)[0]);
}
