/**
 * <button>: WeChat's default look comes from preview.css (wx-button); here the behaviour:
 * `disabled` and `loading`, `form-type` submit/reset of the enclosing <form>, and the
 * `open-type`s the app can meet, each answered the way WeChat would in a demo:
 * agreePrivacyAuthorization (records the agreement), share / contact / feedback (a toast),
 * getPhoneNumber / getRealtimePhoneNumber (a fail event: no real phone number locally),
 * chooseAvatar (a file picker), openSetting, launchApp (a fail event).
 */
import { agreePrivacy } from '../../wx/privacy';
import { chooseFiles } from '../../wx/files';
import { toast } from '../../wx/ui';
import { log } from '../../state';
import { defineBuiltin, hostOf, type Ctx } from './define';
import { findAncestor, onTap } from './tree';

function render(this: Ctx): void {
  const host = hostOf(this);
  host.setAttribute('aria-disabled', this.data.disabled ? 'true' : 'false');
  host.dataset.loading = this.data.loading ? 'true' : 'false';
  host.dataset.type = String(this.data.type || 'default');
  host.dataset.size = String(this.data.size || 'default');
  host.dataset.plain = this.data.plain ? 'true' : 'false';
}

async function openType(ctx: Ctx, type: string): Promise<void> {
  switch (type) {
    case 'agreePrivacyAuthorization':
      agreePrivacy(ctx._exparserNode.id || '');
      ctx.triggerEvent('agreeprivacyauthorization', { errMsg: 'agreePrivacyAuthorization:ok' });
      return;
    case 'share':
      toast('已打开分享面板（预览）');
      log('share', '转发给朋友（预览不发送）');
      return;
    case 'contact':
      toast('客服会话（预览不可用）');
      ctx.triggerEvent('contact', { errMsg: 'enterContact:ok', path: '', query: {} });
      return;
    case 'feedback':
      toast('意见反馈（预览不可用）');
      return;
    case 'getPhoneNumber':
    case 'getRealtimePhoneNumber': {
      const event = type === 'getPhoneNumber' ? 'getphonenumber' : 'getrealtimephonenumber';
      log('phone', '手机号授权：预览中没有真实手机号，返回失败');
      ctx.triggerEvent(event, { errMsg: `${type}:fail no permission (preview)` });
      return;
    }
    case 'chooseAvatar': {
      const files = await chooseFiles('image/*', false);
      if (files[0]) ctx.triggerEvent('chooseavatar', { avatarUrl: files[0].path });
      return;
    }
    case 'openSetting':
      ctx.triggerEvent('opensetting', { authSetting: {}, errMsg: 'openSetting:ok' });
      return;
    case 'launchApp':
      ctx.triggerEvent('error', { errMsg: 'launchApp:fail (preview)' });
      return;
    case 'getUserInfo':
      ctx.triggerEvent('getuserinfo', { errMsg: 'getUserInfo:fail deprecated' });
      return;
    default:
      console.error(`[preview] button open-type="${type}" is not supported by the preview`);
  }
}

export function registerButton(): void {
  defineBuiltin('button', {
    properties: {
      size: { type: String, value: 'default', observer: render },
      type: { type: String, value: 'default', observer: render },
      plain: { type: Boolean, value: false, observer: render },
      disabled: { type: Boolean, value: false, observer: render },
      loading: { type: Boolean, value: false, observer: render },
      formType: { type: String, value: '' },
      openType: { type: String, value: '' },
      hoverClass: { type: String, value: 'button-hover' },
      hoverStopPropagation: { type: Boolean, value: false },
      hoverStartTime: { type: Number, value: 20 },
      hoverStayTime: { type: Number, value: 70 },
      lang: { type: String, value: 'en' },
      name: { type: String, value: '' },
    },
    attached() {
      render.call(this);
      onTap(this, () => {
        if (this.data.disabled) return;
        const formType = String(this.data.formType || '');
        if (formType === 'submit' || formType === 'reset') {
          const form = findAncestor(this._exparserNode, 'form');
          const caller = form?.__methodCaller as { submitForm?: () => void; resetForm?: () => void } | undefined;
          if (formType === 'submit') caller?.submitForm?.();
          else caller?.resetForm?.();
        }
        const type = String(this.data.openType || '');
        if (type) void openType(this, type);
      });
    },
  });
}
