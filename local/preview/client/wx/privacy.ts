/**
 * WeChat's privacy authorisation (用户隐私保护指引). Until the user agrees, a privacy API
 * (choosing photos, the clipboard, ...) first asks: the app's wx.onNeedPrivacyAuthorization
 * listener is called with a `resolve` (the app shows its own popup whose button has
 * open-type="agreePrivacyAuthorization"); without a listener WeChat's own popup appears.
 * The agreement is remembered per demo user; the side panel can reset it.
 */
import { h, win } from '../dom';
import { privacyChanged, state } from '../state';
import { showDialog } from '../ui/overlay';
import { asyncApi, fail, Listeners } from './api';

const CONTRACT = '《长山花园小程序隐私保护指引》';

type Resolve = (result: { event: 'agree' | 'disagree'; buttonId?: string }) => void;

const needListeners = new Listeners<[Resolve, { referrer: string }]>();
const pending: Array<(agreed: boolean) => void> = [];

function key(): string {
  return `preview:privacy:${state.openid || 'anonymous'}`;
}

export function privacyAgreed(): boolean {
  return win.localStorage.getItem(key()) === 'agreed';
}

export function resetPrivacy(): void {
  win.localStorage.removeItem(key());
  privacyChanged();
}

function settle(agreed: boolean): void {
  if (agreed) win.localStorage.setItem(key(), 'agreed');
  privacyChanged();
  for (const done of pending.splice(0)) done(agreed);
}

/** What a button with open-type="agreePrivacyAuthorization" does. */
export function agreePrivacy(_buttonId: string): void {
  settle(true);
}

/** Waits until the user agreed (resolves true) or refused (false). */
export function requirePrivacy(referrer: string): Promise<boolean> {
  if (privacyAgreed()) return Promise.resolve(true);
  return new Promise((done) => {
    const first = pending.length === 0;
    pending.push(done);
    if (!first) return;
    if (needListeners.size) {
      needListeners.emit((result) => settle(result.event === 'agree'), { referrer });
      return;
    }
    void showDialog({
      testId: 'wx-privacy',
      title: '用户隐私保护提示',
      content: h('div', {}, [
        '在使用当前小程序服务之前，请仔细阅读',
        h('span', { class: 'pv-link', text: CONTRACT }),
        '。如你同意，请点击“同意”开始使用。',
      ]),
      buttons: [{ text: '拒绝' }, { text: '同意', color: '#07c160', primary: true }],
    }).then((index) => settle(index === 1));
  });
}

/** Wraps a privacy API so it asks first and fails like WeChat when refused. */
export async function guardPrivacy(name: string): Promise<void> {
  if (!(await requirePrivacy(name))) throw fail(name, 'privacy permission is not authorized', { errno: 104 });
}

export const privacyApis = {
  getPrivacySetting: asyncApi('getPrivacySetting', () => ({
    needAuthorization: !privacyAgreed(),
    privacyContractName: CONTRACT,
  })),
  requirePrivacyAuthorize: asyncApi('requirePrivacyAuthorize', async () => {
    if (!(await requirePrivacy('requirePrivacyAuthorize')))
      throw fail('requirePrivacyAuthorize', 'privacy permission is not authorized');
    return {};
  }),
  onNeedPrivacyAuthorization: needListeners.on,
  offNeedPrivacyAuthorization: needListeners.off,
  openPrivacyContract: asyncApi('openPrivacyContract', async () => {
    await showDialog({
      testId: 'wx-privacy-contract',
      title: CONTRACT,
      content: '预览中的隐私保护指引占位文本。正式指引在微信公众平台“用户隐私保护指引”中填写。',
      buttons: [{ text: '知道了', primary: true }],
    });
    return {};
  }),
};
