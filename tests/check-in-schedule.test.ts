// The check-in schedule as pure functions of an instant, a zone and a window: local time,
// windows across midnight, daylight-saving changes, late and stale tickers.
import { describe, expect, it } from 'vitest';
import {
  decideAt,
  insideWindow,
  lateToleranceMs,
  localMinutes,
  nextInsideWindow,
  rescheduleFrom,
  type Schedule,
} from '../src/domain/check-in-schedule.ts';

const at = (iso: string) => new Date(iso);
const hm = (text: string) => Number(text.slice(0, 2)) * 60 + Number(text.slice(3));
const window = (start: string, end: string) => ({ start: hm(start), end: hm(end) });
const madrid = 'Europe/Madrid';

describe('local time', () => {
  it('should read the wall clock of the zone, daylight saving included', () => {
    expect(localMinutes(at('2026-01-15T08:30:00Z'), madrid)).toBe(hm('09:30')); // CET, UTC+1
    expect(localMinutes(at('2026-07-15T08:30:00Z'), madrid)).toBe(hm('10:30')); // CEST, UTC+2
    expect(localMinutes(at('2026-07-15T08:30:00Z'), 'America/New_York')).toBe(hm('04:30'));
    expect(localMinutes(at('2026-07-15T08:30:00Z'), 'Asia/Kolkata')).toBe(hm('14:00'));
  });
});

describe('a window', () => {
  it('should hold its start and not its end', () => {
    const day = window('09:00', '22:00');
    expect(insideWindow(at('2026-01-15T08:00:00Z'), madrid, day)).toBe(true); // 09:00
    expect(insideWindow(at('2026-01-15T07:59:00Z'), madrid, day)).toBe(false); // 08:59
    expect(insideWindow(at('2026-01-15T20:59:00Z'), madrid, day)).toBe(true); // 21:59
    expect(insideWindow(at('2026-01-15T21:00:00Z'), madrid, day)).toBe(false); // 22:00
  });

  it('should cross midnight when it ends before it starts', () => {
    const night = window('22:00', '06:00');
    expect(insideWindow(at('2026-01-15T21:30:00Z'), madrid, night)).toBe(true); // 22:30
    expect(insideWindow(at('2026-01-15T23:30:00Z'), madrid, night)).toBe(true); // 00:30 next day
    expect(insideWindow(at('2026-01-16T04:59:00Z'), madrid, night)).toBe(true); // 05:59
    expect(insideWindow(at('2026-01-16T05:00:00Z'), madrid, night)).toBe(false); // 06:00
    expect(insideWindow(at('2026-01-16T11:00:00Z'), madrid, night)).toBe(false); // 12:00
  });

  it('should be the whole day when it starts where it ends', () => {
    for (const hour of ['00', '06', '12', '23']) {
      expect(insideWindow(at(`2026-01-15T${hour}:00:00Z`), madrid, window('07:00', '07:00'))).toBe(true);
    }
  });
});

describe('the next time inside a window', () => {
  it('should be the instant itself inside the window', () => {
    expect(nextInsideWindow(at('2026-01-15T10:00:00Z'), madrid, window('09:00', '22:00'))).toEqual(at('2026-01-15T10:00:00Z'));
  });

  it("should be today's opening before it and tomorrow's after it", () => {
    const day = window('09:00', '22:00');
    expect(nextInsideWindow(at('2026-01-15T05:00:00Z'), madrid, day)).toEqual(at('2026-01-15T08:00:00Z'));
    expect(nextInsideWindow(at('2026-01-15T21:30:00Z'), madrid, day)).toEqual(at('2026-01-16T08:00:00Z'));
  });

  it('should open a window across midnight the same evening', () => {
    expect(nextInsideWindow(at('2026-01-15T11:00:00Z'), madrid, window('22:00', '06:00'))).toEqual(at('2026-01-15T21:00:00Z'));
  });

  it('should open at the same local time on both sides of a spring-forward night', () => {
    // Madrid moves from UTC+1 to UTC+2 at 01:00Z on 29 March 2026.
    const day = window('09:00', '22:00');
    expect(nextInsideWindow(at('2026-03-28T21:30:00Z'), madrid, day)).toEqual(at('2026-03-29T07:00:00Z'));
    expect(localMinutes(at('2026-03-29T07:00:00Z'), madrid)).toBe(hm('09:00'));
  });

  it('should open just after the gap when its local start time does not exist that night', () => {
    // 02:30 does not happen in Madrid on 29 March 2026: clocks jump from 02:00 to 03:00.
    const opening = nextInsideWindow(at('2026-03-28T22:00:00Z'), madrid, window('02:30', '08:00'));
    expect(opening).toEqual(at('2026-03-29T01:30:00Z'));
    expect(localMinutes(opening, madrid)).toBe(hm('03:30'));
  });

  it('should open at the first of two 02:30s on a fall-back night', () => {
    // Madrid moves from UTC+2 to UTC+1 at 01:00Z on 25 October 2026: 02:00–03:00 happens twice.
    expect(nextInsideWindow(at('2026-10-24T22:00:00Z'), madrid, window('02:30', '08:00'))).toEqual(at('2026-10-25T00:30:00Z'));
  });
});

describe('a tick', () => {
  const schedule: Schedule = { timeZone: madrid, window: window('09:00', '22:00'), intervalMinutes: 120 };

  it('should date an on-time prompt at its scheduled time and schedule the next one interval later', () => {
    const decision = decideAt(at('2026-01-15T10:00:40Z'), at('2026-01-15T10:00:00Z'), schedule);
    expect(decision).toEqual({ ask: true, dueAt: at('2026-01-15T10:00:00Z'), next: at('2026-01-15T12:00:00Z') });
  });

  it('should keep the scheduled time while the ticker is late by no more than the tolerance', () => {
    const scheduled = at('2026-01-15T10:00:00Z');
    const late = new Date(scheduled.getTime() + lateToleranceMs);
    expect(decideAt(late, scheduled, schedule)).toMatchObject({ ask: true, dueAt: scheduled });
  });

  it('should ask once, dated now, after an outage longer than the tolerance, and restart the interval from there', () => {
    const now = at('2026-01-15T15:07:00Z');
    expect(decideAt(now, at('2026-01-15T09:00:00Z'), schedule)).toEqual({ ask: true, dueAt: now, next: at('2026-01-15T17:07:00Z') });
  });

  it('should not ask outside the window, and look again when it opens', () => {
    expect(decideAt(at('2026-01-15T22:30:00Z'), at('2026-01-15T21:00:00Z'), schedule)).toEqual({
      ask: false,
      next: at('2026-01-16T08:00:00Z'),
    });
  });

  it('should move a next prompt that would fall after the window to the next opening', () => {
    const decision = decideAt(at('2026-01-15T20:00:00Z'), at('2026-01-15T20:00:00Z'), schedule); // 21:00 local
    expect(decision).toEqual({ ask: true, dueAt: at('2026-01-15T20:00:00Z'), next: at('2026-01-16T08:00:00Z') });
  });
});

describe('intervals across daylight-saving changes', () => {
  const daily: Schedule = { timeZone: madrid, window: window('09:00', '10:00'), intervalMinutes: 1440 };

  it('should keep a daily check-in at the same local time over a spring-forward night', () => {
    // 09:00 CET on the 28th is 08:00Z; 09:00 CEST on the 29th is 07:00Z, only 23 hours later.
    const decision = decideAt(at('2026-03-28T08:00:00Z'), at('2026-03-28T08:00:00Z'), daily);
    expect(decision).toMatchObject({ ask: true, next: at('2026-03-29T07:00:00Z') });
  });

  it('should keep it there over a fall-back night too', () => {
    const decision = decideAt(at('2026-10-24T07:00:00Z'), at('2026-10-24T07:00:00Z'), daily);
    expect(decision).toMatchObject({ ask: true, next: at('2026-10-25T08:00:00Z') });
  });

  it('should move a prompt that lands in the skipped hour to just after it', () => {
    const night: Schedule = { timeZone: madrid, window: window('00:00', '00:00'), intervalMinutes: 60 };
    // 01:30 CET (00:30Z) + one hour on the wall clock is 02:30, which does not exist: 03:30 CEST (01:30Z).
    expect(decideAt(at('2026-03-29T00:30:00Z'), at('2026-03-29T00:30:00Z'), night)).toMatchObject({ next: at('2026-03-29T01:30:00Z') });
  });
});

describe('rescheduling', () => {
  const schedule: Schedule = { timeZone: 'UTC', window: window('09:00', '22:00'), intervalMinutes: 120 };

  it('should keep one interval after the last prompt when that is still ahead', () => {
    expect(rescheduleFrom(at('2026-01-15T10:00:00Z'), at('2026-01-15T11:00:00Z'), schedule)).toEqual(at('2026-01-15T12:00:00Z'));
  });

  it('should never schedule in the past', () => {
    expect(rescheduleFrom(at('2026-01-15T10:00:00Z'), at('2026-01-15T13:00:00Z'), schedule)).toEqual(at('2026-01-15T13:00:00Z'));
  });

  it('should move into the window', () => {
    expect(rescheduleFrom(at('2026-01-15T21:00:00Z'), at('2026-01-15T21:10:00Z'), schedule)).toEqual(at('2026-01-16T09:00:00Z'));
  });
});
