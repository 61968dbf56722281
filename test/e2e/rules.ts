/**
 * The UI conventions (miniprogram/UI-CONVENTIONS.md) as rules measured in the preview's DOM
 * on the visible page. Each returns what breaks the rule (empty when the page follows it).
 * 1 CSS px is 1 dp in the preview's 375 px phone.
 */
import { currentPage, type Phone } from './harness';

const RAW_DATE = /\d{4}-\d{2}-\d{2} \d{2}:\d{2}/g;

/** Raw wall-clock stamps (`2026-12-05 03:27`) shown on the page. */
export async function rawDates(phone: Phone): Promise<string[]> {
  return (await currentPage(phone).innerText()).match(RAW_DATE) ?? [];
}

/** Elements whose right edge is past the phone's, outside containers that scroll sideways on purpose. */
export function overflowing(phone: Phone): Promise<string[]> {
  return phone.page.evaluate<string[]>(`(() => {
    const screen = document.querySelector('[data-testid="phone"]').getBoundingClientRect();
    const root = document.querySelector('.pv-page:not([hidden])');
    const scrollsSideways = (el) => {
      for (let node = el.parentElement; node && node !== root; node = node.parentElement) {
        if (['auto', 'scroll', 'hidden'].includes(getComputedStyle(node).overflowX)) return true;
      }
      return false;
    };
    return [...root.querySelectorAll('*')]
      .filter((el) => {
        const box = el.getBoundingClientRect();
        return box.width > 0 && box.height > 0 && box.right > screen.right + 1 && !scrollsSideways(el);
      })
      .slice(0, 5)
      .map((el) => (el.className || el.tagName) + ': ' + (el.innerText || '').slice(0, 30));
  })()`);
}

/** Buttons and chips on screen, and those under 60 dp tall. */
export function tapTargets(phone: Phone): Promise<{ count: number; small: string[] }> {
  return phone.page.evaluate<{ count: number; small: string[] }>(`(() => {
    const root = document.querySelector('.pv-page:not([hidden])');
    const targets = [...root.querySelectorAll('[class*="t-button--t-button "], [class*="app-chips"] > *')]
      .map((el) => [el, el.getBoundingClientRect()])
      .filter(([, box]) => box.width > 0 && box.height > 0);
    const small = targets
      .filter(([, box]) => box.height < 59.5)
      .slice(0, 5)
      .map(([el, box]) => Math.round(box.height) + 'px: ' + (el.innerText || '').trim().slice(0, 20));
    return { count: targets.length, small };
  })()`);
}

/** The tabs of the tab bar (the app's custom-tab-bar, drawn below the page), and those under 60 dp tall. */
export function tabTargets(phone: Phone): Promise<{ count: number; small: string[] }> {
  return phone.page.evaluate<{ count: number; small: string[] }>(`(() => {
    const bar = document.querySelector('[data-testid="tab-bar"]:not([hidden])');
    const tabs = bar ? [...bar.querySelectorAll('[class~="custom-tab-bar--tab-bar__item"]')] : [];
    const boxes = tabs.map((el) => [el, el.getBoundingClientRect()]).filter(([, box]) => box.width > 0 && box.height > 0);
    const small = boxes
      .filter(([, box]) => box.height < 59.5 || box.width < 59.5)
      .map(([el, box]) => Math.round(box.width) + '×' + Math.round(box.height) + 'px: ' + (el.innerText || '').trim());
    return { count: boxes.length, small };
  })()`);
}

/**
 * Cell labels (t-cell titles, `app-kv__title`) squeezed narrower than their first two
 * characters in their own font — the `名/额` one-character-per-line collapse. Returns the
 * labels caught and how many were measured.
 */
export function squeezedLabels(phone: Phone): Promise<{ count: number; squeezed: string[] }> {
  return phone.page.evaluate<{ count: number; squeezed: string[] }>(`(() => {
    const root = document.querySelector('.pv-page:not([hidden])');
    const canvas = document.createElement('canvas').getContext('2d');
    const labels = root.querySelectorAll('[class*="t-cell__title-text"], [class*="app-kv__title"]');
    let count = 0;
    const squeezed = [];
    for (const label of labels) {
      const walker = document.createTreeWalker(label, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const text = node.textContent.trim();
        if (!text) continue;
        const range = document.createRange();
        range.selectNodeContents(node);
        const box = range.getBoundingClientRect();
        if (box.width === 0 && box.height === 0) continue;
        count += 1;
        const style = getComputedStyle(node.parentElement);
        canvas.font = style.fontWeight + ' ' + style.fontSize + ' ' + style.fontFamily;
        const need = canvas.measureText(Array.from(text).slice(0, 2).join('')).width;
        if (box.width < need - 1) squeezed.push(Math.round(box.width) + '/' + Math.round(need) + 'px: ' + text.slice(0, 12));
      }
    }
    return { count, squeezed: squeezed.slice(0, 5) };
  })()`);
}
