import { Temporal } from 'temporal-polyfill';

/**
 * When check-ins come due: pure functions of an instant, an IANA zone and a daily window of
 * local time. Local times go through Temporal, so daylight-saving changes behave as a person
 * expects: intervals are counted on the local wall clock (a daily check-in at 09:00 stays at
 * 09:00 across the change, rather than skipping the 23-hour day); a time the clock skips
 * (02:30 on a spring-forward night) becomes the first instant after the gap, and a time that
 * happens twice is the first of the two.
 */

/** A daily window of local time, in minutes after midnight: [start, end). */
export interface CheckInWindow {
  start: number;
  end: number;
}

/** Minutes after local midnight of `instant` in `timeZone`. */
export function localMinutes(instant: Date, timeZone: string): number {
  const local = Temporal.Instant.fromEpochMilliseconds(instant.getTime()).toZonedDateTimeISO(timeZone);
  return local.hour * 60 + local.minute;
}

/**
 * Whether `instant` falls inside the window. A window whose end is before its start crosses
 * midnight (22:00–06:00); one whose start equals its end is the whole day.
 */
export function insideWindow(instant: Date, timeZone: string, window: CheckInWindow): boolean {
  const minutes = localMinutes(instant, timeZone);
  if (window.start === window.end) return true;
  if (window.start < window.end) return minutes >= window.start && minutes < window.end;
  return minutes >= window.start || minutes < window.end;
}

/** The earliest instant at or after `instant` that falls inside the window. */
export function nextInsideWindow(instant: Date, timeZone: string, window: CheckInWindow): Date {
  if (insideWindow(instant, timeZone, window)) return instant;
  const opening = Temporal.PlainTime.from({ hour: Math.floor(window.start / 60), minute: window.start % 60 });
  let day = Temporal.Instant.fromEpochMilliseconds(instant.getTime()).toZonedDateTimeISO(timeZone).toPlainDate();
  // Outside the window the next opening is today's or tomorrow's; a DST jump can move today's
  // behind us, so look one day further to be sure.
  for (let attempt = 0; attempt < 3; attempt++) {
    const start = day.toZonedDateTime({ timeZone, plainTime: opening }).epochMilliseconds;
    if (start > instant.getTime()) return new Date(start);
    day = day.add({ days: 1 });
  }
  throw new Error(`no opening of window ${window.start}–${window.end} in ${timeZone} after ${instant.toISOString()}`);
}

/**
 * How late a ticker may pick a question up and still date its prompt at the scheduled time.
 * Later than this (the service was down), the prompt is dated when it is actually asked, and
 * the schedule restarts from there: one prompt, not a burst of missed ones.
 */
export const lateToleranceMs = 15 * 60_000;

export interface Schedule {
  timeZone: string;
  window: CheckInWindow;
  intervalMinutes: number;
}

export type TickDecision =
  /** Ask now: a prompt dated `dueAt`; look again at `next`. */
  | { ask: true; dueAt: Date; next: Date }
  /** Outside the window: nothing to ask; look again when it opens. */
  | { ask: false; next: Date };

/** What a ticker does at `now` with a question scheduled for `scheduled` (≤ now). */
export function decideAt(now: Date, scheduled: Date, schedule: Schedule): TickDecision {
  const { timeZone, window, intervalMinutes } = schedule;
  if (!insideWindow(now, timeZone, window)) return { ask: false, next: nextInsideWindow(now, timeZone, window) };
  const dueAt = now.getTime() - scheduled.getTime() <= lateToleranceMs ? scheduled : now;
  return { ask: true, dueAt, next: nextInsideWindow(addLocalMinutes(dueAt, intervalMinutes, timeZone), timeZone, window) };
}

/**
 * When a question should next be asked after its schedule changed (new settings, a new
 * question, a reactivation): one interval after it was last asked (or created), but never in
 * the past, moved forward into the window.
 */
export function rescheduleFrom(lastAskedOrCreated: Date, now: Date, schedule: Schedule): Date {
  const earliest = addLocalMinutes(lastAskedOrCreated, schedule.intervalMinutes, schedule.timeZone);
  return nextInsideWindow(earliest > now ? earliest : now, schedule.timeZone, schedule.window);
}

/** `minutes` later on the wall clock of `timeZone` (a skipped local time moves past the gap). */
export function addLocalMinutes(instant: Date, minutes: number, timeZone: string): Date {
  const local = Temporal.Instant.fromEpochMilliseconds(instant.getTime()).toZonedDateTimeISO(timeZone).toPlainDateTime();
  return new Date(local.add({ minutes }).toZonedDateTime(timeZone).epochMilliseconds);
}

/** "HH:MM" of minutes after midnight. */
export function formatLocalTime(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}
