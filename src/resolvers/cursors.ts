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
  return decodeKeyCursor(list, cursor, argument, ['text'])?.[0] ?? null;
}

/** What each position of a keyset cursor must hold. */
type CursorPart = 'instant' | 'uuid' | 'text' | 'int';
type PartValue<P extends CursorPart> = P extends 'int' ? number : string;

const partChecks: Record<CursorPart, (value: unknown) => boolean> = {
  instant: (value) => typeof value === 'string' && /^\d{4}-\d\d-\d\dT/.test(value) && !Number.isNaN(Date.parse(value)),
  uuid: (value) => typeof value === 'string' && /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value),
  text: (value) => typeof value === 'string' && value.length <= 256,
  int: (value) => Number.isSafeInteger(value) && (value as number) >= 0 && (value as number) <= 2_147_483_647,
};

/**
 * Decodes a cursor whose positions hold the given kinds of value, so a hand-made cursor with a
 * well-formed shape but a wrong value (a fraction, a huge number, a non-date) is refused as
 * BAD_USER_INPUT instead of reaching the SQL. null when `cursor` is absent.
 */
export function decodeKeyCursor<const Parts extends readonly CursorPart[]>(
  list: string,
  cursor: string | null | undefined,
  argument: string,
  parts: Parts,
): { -readonly [Index in keyof Parts]: PartValue<Parts[Index]> } | null {
  if (cursor === null || cursor === undefined) return null;
  const values = decodeCursor(list, cursor, argument, parts.length);
  if (!parts.every((part, index) => partChecks[part](values[index]))) throw badInput(argument, 'is not a cursor from this list');
  return values as { -readonly [Index in keyof Parts]: PartValue<Parts[Index]> };
}
