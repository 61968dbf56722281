/**
 * 长辈模式 (elder mode), honoured by every resident page through `elderBehavior`.
 *
 * The resident's explicit choice in 设置 wins; without one, elder mode follows the WeChat
 * font size (on from a scale factor of 1.25). A page using the behavior gets
 * `data.elder` and `data.rootClass` ("app-page" or "app-page elder") for its root view;
 * app.wxss turns the `elder` class into larger tdesign tokens, text and tap targets.
 */

/** Storage key of the resident's explicit choice. */
export const ELDER_STORAGE_KEY = 'settings.elderMode';
/** WeChat font scale from which elder mode switches on by itself. */
export const ELDER_FONT_SCALE_THRESHOLD = 1.25;

/** 'auto' = no explicit choice: follow the WeChat font size. */
export type ElderPreference = 'on' | 'off' | 'auto';

export function readElderPreference(): ElderPreference {
  try {
    const stored: unknown = wx.getStorageSync(ELDER_STORAGE_KEY);
    return stored === 'on' || stored === 'off' ? stored : 'auto';
  } catch {
    return 'auto';
  }
}

export function writeElderPreference(preference: ElderPreference): void {
  try {
    if (preference === 'auto') wx.removeStorageSync(ELDER_STORAGE_KEY);
    else wx.setStorageSync(ELDER_STORAGE_KEY, preference);
  } catch (error) {
    console.warn('[elder] cannot save the preference', error);
  }
}

/** The WeChat font size scale factor (1 = standard); 1 when the API is missing. */
export function fontScale(): number {
  try {
    const factor = typeof wx.getAppBaseInfo === 'function' ? wx.getAppBaseInfo().fontSizeScaleFactor : undefined;
    return typeof factor === 'number' && factor > 0 ? factor : 1;
  } catch {
    return 1;
  }
}

export function followsLargeFont(): boolean {
  return fontScale() >= ELDER_FONT_SCALE_THRESHOLD;
}

export function isElderMode(preference: ElderPreference = readElderPreference()): boolean {
  if (preference === 'on') return true;
  if (preference === 'off') return false;
  return followsLargeFont();
}

export function rootClassFor(elder: boolean): string {
  return elder ? 'app-page elder' : 'app-page';
}

/** Re-evaluated when the page attaches and every time it shows (e.g. back from 设置). */
export const elderBehavior = Behavior({
  data: {
    elder: false,
    rootClass: rootClassFor(false),
  },
  lifetimes: {
    attached() {
      this.refreshElder();
    },
  },
  pageLifetimes: {
    show() {
      this.refreshElder();
    },
  },
  methods: {
    refreshElder() {
      const elder = isElderMode();
      if (elder !== this.data.elder) this.setData({ elder, rootClass: rootClassFor(elder) });
    },
  },
});
