/**
 * Phone hardware, answered with dialogs a demo can drive: wx.scanCode asks for the code's
 * content (WeChat would open the camera), wx.makePhoneCall shows the number with 呼叫 /
 * 取消 (nothing is dialled), the clipboard and screen brightness are kept in memory,
 * vibration is a no-op.
 */
import { doc, h } from '../dom';
import { log } from '../state';
import { showDialog, textField } from '../ui/overlay';
import { asyncApi, fail } from './api';
import { guardPrivacy } from './privacy';
import { toast } from './ui';

let clipboard = '';
/** Screen brightness 0..1 as the page set it (the preview's screen does not change). */
let brightness = 0.5;

export const deviceApis = {
  scanCode: asyncApi('scanCode', async (o) => {
    const field = textField('二维码或条码的内容，例如 pages/me/index?x=1');
    field.setAttribute('data-testid', 'scan-input');
    const index = await showDialog({
      testId: 'wx-scan',
      title: '扫码（预览）',
      content: h('div', {}, [h('div', { class: 'pv-dialog__hint', text: '预览没有摄像头：请输入扫到的内容' }), field]),
      buttons: [{ text: '取消' }, { text: '确定', primary: true }],
    });
    if (index !== 1) throw fail('scanCode', 'cancel');
    const result = field.value;
    const isPath = /^\/?pages\//.test(result) || /^\/?packages\//.test(result);
    log('scan', `扫码结果：${result}`);
    return {
      result,
      scanType: o.scanType && Array.isArray(o.scanType) && o.scanType.includes('barCode') ? 'EAN_13' : 'QR_CODE',
      charSet: 'utf-8',
      ...(isPath ? { path: result.replace(/^\//, '') } : {}),
      rawData: btoa(String.fromCharCode(...new TextEncoder().encode(result))),
    };
  }),
  makePhoneCall: asyncApi('makePhoneCall', async (o) => {
    const number = String(o.phoneNumber ?? '');
    if (!number) throw fail('makePhoneCall', 'parameter error: phoneNumber should be String');
    const index = await showDialog({
      testId: 'wx-phone-call',
      title: number,
      content: '预览不会真的拨打电话',
      buttons: [{ text: '取消' }, { text: '呼叫', primary: true }],
    });
    if (index !== 1) throw fail('makePhoneCall', 'cancel');
    log('phone', `拨打电话 ${number}`);
    return {};
  }),
  setClipboardData: asyncApi('setClipboardData', async (o) => {
    await guardPrivacy('setClipboardData');
    clipboard = String(o.data ?? '');
    toast('内容已复制');
    return {};
  }),
  getClipboardData: asyncApi('getClipboardData', async () => {
    await guardPrivacy('getClipboardData');
    return { data: clipboard };
  }),
  vibrateShort: asyncApi('vibrateShort', () => ({})),
  vibrateLong: asyncApi('vibrateLong', () => ({})),
  hideKeyboard: asyncApi('hideKeyboard', () => {
    doc.activeElement?.blur();
    return {};
  }),
  setKeepScreenOn: asyncApi('setKeepScreenOn', () => ({})),
  setScreenBrightness: asyncApi('setScreenBrightness', (o) => {
    const value = Number(o.value);
    if (!(value >= 0 && value <= 1)) throw fail('setScreenBrightness', 'parameter error: value should be 0..1');
    brightness = value;
    log('device', `屏幕亮度设为 ${Math.round(value * 100)}%`);
    return {};
  }),
  getScreenBrightness: asyncApi('getScreenBrightness', () => ({ value: brightness })),
};
