/** The pages' one natural-date formatter: Shanghai days whatever the process's zone. */
import {
  addDays,
  dateKey,
  deadlineLabel,
  durationLabel,
  fromWallClock,
  monthKey,
  naturalDay,
  naturalTime,
  wallClock,
} from '../../miniprogram/utils/dates';

// Saturday 5 December 2026, 00:30 in Shanghai = Friday 16:30 UTC: the UTC day differs.
const NOW = new Date('2026-12-04T16:30:00Z');
const at = (shanghai: string) => new Date(`${shanghai}:00+08:00`);

describe('natural dates on the Shanghai clock', () => {
  it('says 今天 / 昨天 / 明天 by the Shanghai day, not the UTC day', () => {
    expect(naturalTime(at('2026-12-05T00:10'), NOW)).toBe('今天 00:10');
    expect(naturalTime(at('2026-12-04T23:50'), NOW)).toBe('昨天 23:50');
    expect(naturalTime(at('2026-12-06T20:00'), NOW)).toBe('明天 20:00');
  });

  it('names the weekday within a week, the month and day beyond, the year only for another year', () => {
    expect(naturalTime(at('2026-12-09T09:00'), NOW)).toBe('周三 09:00');
    expect(naturalTime(at('2026-12-01T09:00'), NOW)).toBe('周二 09:00');
    expect(naturalTime(at('2026-12-12T20:00'), NOW)).toBe('12月12日 20:00');
    expect(naturalTime(at('2026-11-28T08:05'), NOW)).toBe('11月28日 08:05');
    expect(naturalDay(at('2027-01-20T08:00'), NOW)).toBe('2027年1月20日');
    expect(deadlineLabel(at('2026-12-10T20:00'), NOW)).toBe('周四 20:00 截止');
    expect(deadlineLabel(at('2026-12-12T20:00'), NOW)).toBe('12月12日 20:00 截止');
  });

  it('crosses the new year in Shanghai', () => {
    const eve = new Date('2026-12-31T16:30:00Z'); // 1 January 2027 00:30 in Shanghai
    expect(naturalTime(at('2026-12-31T23:00'), eve)).toBe('昨天 23:00');
    expect(naturalTime(at('2026-12-20T23:00'), eve)).toBe('2026年12月20日 23:00');
    expect(dateKey(eve)).toBe('2027-01-01');
    expect(monthKey(eve)).toBe('2027-01');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
  });

  it('reads and writes the forms’ wall clock in Shanghai', () => {
    expect(wallClock(NOW)).toBe('2026-12-05 00:30');
    expect(fromWallClock('2026-12-05 00:30')?.toISOString()).toBe(NOW.toISOString());
    expect(fromWallClock('2026-12-05')?.toISOString()).toBe('2026-12-04T16:00:00.000Z');
    expect(fromWallClock('2026-02-30 09:00')).toBeNull();
    expect(fromWallClock('2026-12-05 24:00')).toBeNull();
    expect(fromWallClock('5 Dec')).toBeNull();
  });

  it('says durations honestly: minutes under an hour', () => {
    expect(durationLabel(20_000)).toBe('不到1分钟');
    expect(durationLabel(60_000)).toBe('1分钟');
    expect(durationLabel(59 * 60_000)).toBe('59分钟');
    expect(durationLabel(65 * 60_000)).toBe('1小时5分钟');
    expect(durationLabel(12 * 3600_000 + 20 * 60_000)).toBe('12小时');
    expect(durationLabel(10 * 86_400_000)).toBe('10天');
  });
});
