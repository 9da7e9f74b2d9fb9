/** Telegram's limit for the text of one message. */
export const maxMessageLength = 4096;

/** How much of one entry a listing (a chat's recent messages, the diary) shows. */
export const listingLineLength = 300;

/**
 * `text` cut to at most `max` characters (UTF-16 units, as Telegram counts them), ending in an
 * ellipsis when it was cut, and never in half of a surrogate pair (an emoji cut in two is not text).
 */
export function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  let end = max - 1;
  const last = text.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end -= 1;
  return `${text.slice(0, end)}…`;
}
