/** Which meal and day the kitchen pages open on, on the community's clock (UTC+8). */
import { communityToday } from '../../../pages/canteen/view';

export type MealKey = 'lunch' | 'dinner';

/** Before 13:30 the kitchen is busy with lunch, after it with dinner. */
export function currentMeal(now = new Date()): MealKey {
  const minutes = ((now.getUTCHours() + 8) % 24) * 60 + now.getUTCMinutes();
  return minutes < 13 * 60 + 30 ? 'lunch' : 'dinner';
}

export function shiftDate(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y ?? 2000, (m ?? 1) - 1, (d ?? 1) + days)).toISOString().slice(0, 10);
}

/** The meal a page opens on: from `menuId`, else today's current one. */
export function mealFromQuery(
  query: Record<string, string | undefined>,
  now = new Date(),
): { date: string; meal: MealKey } {
  const match = /^(\d{4}-\d{2}-\d{2})_(lunch|dinner)$/.exec(query.menuId ?? '');
  if (match) return { date: match[1]!, meal: match[2] as MealKey };
  return {
    date: query.date ?? communityToday(now),
    meal: query.meal === 'dinner' || query.meal === 'lunch' ? query.meal : currentMeal(now),
  };
}

const WEEKDAYS = ['周日', '周一', '周二', '周三', '周四', '周五', '周六'];

/** "11月26日 周四". */
export function dateTitle(date: string): string {
  const [y, m, d] = date.split('-').map(Number);
  const weekday = WEEKDAYS[new Date(Date.UTC(y ?? 2000, (m ?? 1) - 1, d ?? 1)).getUTCDay()];
  return `${m}月${d}日 ${weekday}`;
}
