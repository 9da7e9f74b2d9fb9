import { z } from 'zod';
import { badInput } from './errors.ts';

/**
 * Parses `value` with `schema`; the first problem becomes BAD_USER_INPUT naming the field
 * by its path from the argument (e.g. "input.handle"). With `argument` '' the value holds
 * several arguments and the path alone names the field.
 */
/** Every id the API stores is a UUID. */
export const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function parseInput<Schema extends z.ZodType>(schema: Schema, value: unknown, argument = 'input'): z.output<Schema> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const field = [argument, ...issue.path.map(String)].filter((part) => part !== '').join('.');
  throw badInput(field, issue.message);
}

export const handleSchema = z
  .string()
  .trim()
  .transform((value) => value.replace(/^@/, '').toLowerCase())
  .pipe(z.string().regex(/^[a-z0-9_]{3,32}$/, 'a handle is 3–32 characters of a–z, 0–9 and _'));

export const displayNameSchema = z
  .string()
  .trim()
  .min(1, 'a display name cannot be empty')
  .max(64, 'a display name is at most 64 characters');

export const passwordSchema = z
  .string()
  .min(8, 'a password is at least 8 characters')
  .max(128, 'a password is at most 128 characters');

/**
 * A real IANA zone name, in its usual spelling ("europe/madrid" -> "Europe/Madrid"). Names the
 * runtime's time-zone data knows only as aliases (Europe/Kyiv, Asia/Kolkata) are kept as given
 * rather than turned into their older spellings.
 */
export const timezoneSchema = z.string().transform((value, context) => {
  const zone = canonicalTimezone(value);
  if (!zone) {
    context.addIssue({ code: 'custom', message: `"${value}" is not an IANA time zone (e.g. Europe/Madrid)` });
    return z.NEVER;
  }
  return zone;
});

let knownZones: Map<string, string> | undefined;

function canonicalTimezone(value: string): string | undefined {
  // Intl also accepts offsets such as "+01:00"; a zone name is required here.
  if (!/^[A-Za-z][A-Za-z0-9_+\-]*(\/[A-Za-z0-9_+\-]+)*$/.test(value) || value.length > 64) return undefined;
  let resolved: string;
  try {
    resolved = new Intl.DateTimeFormat('en-US', { timeZone: value }).resolvedOptions().timeZone;
  } catch {
    return undefined;
  }
  knownZones ??= new Map(Intl.supportedValuesOf('timeZone').map((zone) => [zone.toLowerCase(), zone]));
  const spelled = knownZones.get(value.toLowerCase());
  if (spelled) return spelled;
  return resolved.toLowerCase() === value.toLowerCase() ? resolved : value;
}
