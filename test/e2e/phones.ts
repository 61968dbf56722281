/**
 * One phone per (user, font scale), reused from page to page: the first page opens it by
 * deep link, the next ones set the URL hash (the preview's router relaunches on it). This
 * keeps a sweep of every page to one browser page per user instead of one per page. Only one
 * phone is open at a time (each holds the preview's event stream, and chromium allows six
 * connections per host), so callers order their pages by user and scale (`byPhone`).
 */
import { currentPage, openPhone, SPINNER, type E2E, type Phone } from './harness';

export class Phones {
  private readonly open = new Map<string, Phone>();

  constructor(private readonly e2e: E2E) {}

  /** The phone of `user` at `font`, showing `link` (`route?query`) once its data settled. */
  async show(user: string, font: string, link: string): Promise<Phone> {
    const key = `${user}@${font}`;
    const route = link.split('?')[0]!;
    let phone = this.open.get(key);
    if (!phone) {
      await this.close();
      phone = await openPhone(this.e2e, `${link}${link.includes('?') ? '&' : '?'}as=${user}&font=${font}`);
      this.open.set(key, phone);
    } else {
      phone.errors.length = 0;
      await phone.page.evaluate(`location.hash = ${JSON.stringify(`#/${link}`)}`);
    }
    await settled(phone, route);
    return phone;
  }

  async close(): Promise<void> {
    for (const phone of this.open.values()) await phone.page.close();
    this.open.clear();
  }
}

/** Waits until `route` is the visible page, shows text, and its loading is over. */
export async function settled(phone: Phone, route: string): Promise<void> {
  await phone.page.waitForFunction(
    `(document.querySelector('.pv-page:not([hidden])[data-route="${route}"] wx-page')?.innerText ?? '').trim().length > 4`,
    null,
    { timeout: 8000 },
  );
  await phone.page.waitForLoadState('networkidle', { timeout: 8000 });
  await currentPage(phone).locator(SPINNER).waitFor({ state: 'detached', timeout: 8000 });
  // Let a last setData after the data arrived lay out.
  await phone.page.evaluate('new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)))');
}

/** Orders cases so that each (user, font) phone serves its pages in one run. */
export function byPhone<T extends { user: string; font: string }>(cases: T[]): T[] {
  const key = (entry: T) => `${entry.user}@${entry.font}`;
  const first = new Map<string, number>();
  cases.forEach((entry, index) => first.has(key(entry)) || first.set(key(entry), index));
  return [...cases].sort((a, b) => first.get(key(a))! - first.get(key(b))!);
}
