import type { Transformer } from 'grammy';

/**
 * Telegram's overall limit, kept in any second of Telegram's own clock: a call to a chat goes
 * only while fewer than `perSecond` calls are unanswered or were answered less than a second
 * ago. Telegram counts a call at some moment between our sending it and its answer reaching us,
 * so whatever the network or either process's pauses do to those moments, no second of
 * Telegram's holds more than `perSecond`, and the pace is lost only by the time answers take to
 * come back. (A fixed number at the start of each of our seconds meets the end of the one before
 * within one of Telegram's whenever it comes a little early; even spacing alone needs room for
 * the latest arrival.) Calls also go evenly spaced, 1/`perSecond` s apart, not in bursts: fewer
 * are out at any moment, so fewer are sent and not yet reported when a process dies. Calls
 * without a chat are not limited, as Telegram does not.
 */
export function sendWindow(perSecond: number, now: () => number = Date.now): Transformer {
  const spacingMs = 1000 / perSecond;
  /** When the calls answered within the last second were answered, oldest first. */
  const answered: number[] = [];
  let unanswered = 0;
  /** The earliest the next call may go (fractional ms: timers round, the pace must not). */
  let nextAt = 0;
  const waiting: (() => void)[] = [];
  let timer: NodeJS.Timeout | undefined;

  function letThrough(): void {
    clearTimeout(timer);
    timer = undefined;
    const at = now();
    while (answered.length > 0 && answered[0]! <= at - 1000) answered.shift();
    const full = () => unanswered + answered.length >= perSecond;
    if (waiting.length > 0 && !full() && at >= Math.floor(nextAt)) {
      unanswered += 1;
      // Late by less than a spacing (timers fire a little late), the pace keeps to its schedule; after a quiet spell it starts again from now.
      nextAt = (at - nextAt > spacingMs ? at : nextAt) + spacingMs;
      waiting.shift()!();
    }
    if (waiting.length === 0) return;
    // Full with nothing answered yet: the next answer calls this again.
    if (full() && answered.length === 0) return;
    const next = Math.max(nextAt, full() ? answered[0]! + 1000 : 0);
    timer = setTimeout(letThrough, Math.max(0, next - at));
  }

  return async (prev, method, payload, signal) => {
    if (!payload || !('chat_id' in payload)) return prev(method, payload, signal);
    await new Promise<void>((resolve) => {
      waiting.push(resolve);
      letThrough();
    });
    try {
      return await prev(method, payload, signal);
    } finally {
      // Refused or failed, it may still have been counted: it holds its place for the second.
      unanswered -= 1;
      answered.push(now());
      letThrough();
    }
  };
}
