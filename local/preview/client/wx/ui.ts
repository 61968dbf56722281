/**
 * wx.showToast / showLoading / showModal / showActionSheet drawn over the phone like
 * WeChat's own: one toast (or loading) at a time, the modal with its two buttons and the
 * editable variant, the action sheet with 取消. Each has a data-testid for tests.
 */
import { h, type El } from '../dom';
import { overlayRoot, showDialog, showSheet, textField } from '../ui/overlay';
import { asyncApi, fail } from './api';

let toastEl: El | null = null;
let toastTimer: ReturnType<typeof setTimeout> | null = null;
let toastKind: 'toast' | 'loading' | null = null;

function clearToast(): void {
  if (toastTimer) clearTimeout(toastTimer);
  toastTimer = null;
  toastEl?.remove();
  toastEl = null;
  toastKind = null;
}

const ICON_TEXT: Record<string, string> = { success: '✓', error: '✕', loading: '' };

function drawToast(kind: 'toast' | 'loading', title: string, icon: string, mask: boolean, duration: number): void {
  clearToast();
  const withIcon = icon !== 'none';
  const box = h('div', { class: `pv-toast${withIcon ? '' : ' pv-toast--text'}`, role: 'status' }, [
    withIcon
      ? h('div', { class: `pv-toast__icon${icon === 'loading' ? ' is-loading' : ''}`, text: ICON_TEXT[icon] ?? '' })
      : null,
    h('div', { class: 'pv-toast__title', text: title }),
  ]);
  toastEl = h(
    'div',
    { class: `pv-toast-layer${mask ? ' has-mask' : ''}`, 'data-testid': kind === 'toast' ? 'wx-toast' : 'wx-loading' },
    [box],
  );
  toastKind = kind;
  overlayRoot().append(toastEl);
  if (kind === 'toast') toastTimer = setTimeout(clearToast, duration);
}

/** A text toast from the preview itself (open-type buttons and the like). */
export function toast(title: string): void {
  drawToast('toast', title, 'none', false, 1500);
}

export const uiApis = {
  showToast: asyncApi('showToast', (o) => {
    const icon = String(o.icon ?? 'success');
    drawToast('toast', String(o.title ?? ''), o.image ? 'none' : icon, !!o.mask, Number(o.duration ?? 1500));
    return {};
  }),
  hideToast: asyncApi('hideToast', () => {
    if (toastKind === 'toast') clearToast();
    return {};
  }),
  showLoading: asyncApi('showLoading', (o) => {
    drawToast('loading', String(o.title ?? ''), 'loading', !!o.mask, 0);
    return {};
  }),
  hideLoading: asyncApi('hideLoading', () => {
    if (toastKind === 'loading') clearToast();
    return {};
  }),
  showModal: asyncApi('showModal', async (o) => {
    const editable = !!o.editable;
    const field = editable ? textField(String(o.placeholderText ?? ''), String(o.content ?? '')) : null;
    const showCancel = o.showCancel !== false;
    const buttons = [
      ...(showCancel ? [{ text: String(o.cancelText ?? '取消'), color: String(o.cancelColor ?? '#000000') }] : []),
      { text: String(o.confirmText ?? '确定'), color: String(o.confirmColor ?? '#576B95'), primary: true },
    ];
    const index = await showDialog({
      testId: 'wx-modal',
      title: o.title ? String(o.title) : undefined,
      content: field ?? (o.content ? String(o.content) : undefined),
      buttons,
    });
    const confirm = index === buttons.length - 1;
    return { confirm, cancel: !confirm, ...(editable ? { content: field?.value ?? '' } : {}) };
  }),
  showActionSheet: asyncApi('showActionSheet', (o) => {
    const items = Array.isArray(o.itemList) ? o.itemList.map(String) : [];
    if (!items.length || items.length > 6)
      throw fail('showActionSheet', 'parameter error: itemList should have 1 to 6 items');
    return new Promise((resolve, reject) => {
      const sheet = showSheet('wx-action-sheet', () => reject(fail('showActionSheet', 'cancel')));
      if (o.alertText) sheet.body.append(h('div', { class: 'pv-sheet__alert', text: String(o.alertText) }));
      items.forEach((text, tapIndex) => {
        const item = h('button', { class: 'pv-sheet__item', type: 'button', text });
        if (o.itemColor) item.style.color = String(o.itemColor);
        item.addEventListener('click', () => {
          sheet.close();
          resolve({ tapIndex });
        });
        sheet.body.append(item);
      });
      const cancel = h('button', { class: 'pv-sheet__item pv-sheet__cancel', type: 'button', text: '取消' });
      cancel.addEventListener('click', () => {
        sheet.close();
        reject(fail('showActionSheet', 'cancel'));
      });
      sheet.body.append(cancel);
    });
  }),
};
