/**
 * <input> and <textarea>: a real browser field inside the host, with WeChat's events
 * (input {value, cursor, keyCode}, focus, blur, confirm, linechange) and its placeholder,
 * which WeChat draws as a separate node styled by placeholder-class / placeholder-style.
 */
import { doc, type El } from '../../dom';
import { defineBuiltin, hostOf, scopedClasses, type Ctx, type Prop } from './define';

interface FieldState {
  field: El;
  placeholder: El;
  lines: number;
}

function stateOf(ctx: Ctx): FieldState | undefined {
  return ctx.native?.field as FieldState | undefined;
}

const INPUT_TYPES: Record<string, string> = {
  text: 'text',
  number: 'text',
  idcard: 'text',
  digit: 'text',
  nickname: 'text',
  safePassword: 'password',
};
const INPUT_MODES: Record<string, string> = { number: 'numeric', digit: 'decimal', idcard: 'text' };

function render(this: Ctx): void {
  const state = stateOf(this);
  if (!state) return;
  const { field, placeholder } = state;
  const data = this.data;
  const value = data.value === undefined || data.value === null ? '' : String(data.value);
  if (field.value !== value) field.value = value;
  field.disabled = !!data.disabled;
  const maxlength = Number(data.maxlength);
  if (maxlength >= 0) field.maxLength = maxlength;
  else field.removeAttribute('maxlength');
  if (field.tagName === 'INPUT') {
    field.type = data.password ? 'password' : (INPUT_TYPES[String(data.type)] ?? 'text');
    const mode = INPUT_MODES[String(data.type)];
    if (mode) field.setAttribute('inputmode', mode);
    else field.removeAttribute('inputmode');
    field.setAttribute('enterkeyhint', String(data.confirmType || 'done'));
  }
  placeholder.textContent = String(data.placeholder ?? '');
  placeholder.className = ['wx-placeholder', ...scopedClasses(this._exparserNode, data.placeholderClass)].join(' ');
  placeholder.style.cssText = String(data.placeholderStyle ?? '');
  placeholder.hidden = !!field.value || !data.placeholder;
  if (data.autoHeight) autoHeight(this, state);
  if (data.focus && doc.activeElement !== field) setTimeout(() => field.focus(), 0);
}

function autoHeight(ctx: Ctx, state: FieldState): void {
  const host = hostOf(ctx);
  state.field.style.height = 'auto';
  const height = state.field.scrollHeight;
  state.field.style.height = '100%';
  host.style.height = `${height}px`;
}

function attach(this: Ctx, tag: 'input' | 'textarea'): void {
  const host = hostOf(this);
  const field = doc.createElement(tag);
  field.className = 'wx-field';
  const placeholder = doc.createElement('div');
  host.append(placeholder, field);
  const state: FieldState = { field, placeholder, lines: 1 };
  this.native!.field = state;
  let lastKey = 0;
  field.addEventListener('keydown', (event) => {
    lastKey =
      event.key.length === 1 ? event.key.charCodeAt(0) : event.key === 'Backspace' ? 8 : event.key === 'Enter' ? 13 : 0;
    if (event.key === 'Enter' && !event.isComposing && (tag === 'input' || this.data.confirmType === 'send')) {
      if (tag === 'textarea') event.preventDefault();
      this.triggerEvent('confirm', { value: field.value });
    }
  });
  field.addEventListener('input', () => {
    let value = field.value;
    if (this.data.type === 'number') value = value.replace(/[^0-9]/g, '');
    if (this.data.type === 'digit') value = value.replace(/[^0-9.]/g, '');
    if (this.data.type === 'idcard') value = value.replace(/[^0-9xX]/g, '');
    if (value !== field.value) field.value = value;
    // The property follows the user's typing, as in WeChat (a later setData may override it).
    this.data.value = value;
    placeholder.hidden = !!value || !this.data.placeholder;
    if (tag === 'textarea' && this.data.autoHeight) autoHeight(this, state);
    this.triggerEvent('input', { value, cursor: field.selectionStart ?? value.length, keyCode: lastKey });
    if (tag === 'textarea') {
      const lines = value.split('\n').length;
      if (lines !== state.lines) {
        state.lines = lines;
        this.triggerEvent('linechange', {
          height: field.scrollHeight,
          heightRpx: field.scrollHeight * 2,
          lineCount: lines,
        });
      }
    }
  });
  field.addEventListener('focus', () => this.triggerEvent('focus', { value: field.value, height: 0 }));
  field.addEventListener('blur', () =>
    this.triggerEvent('blur', { value: field.value, cursor: field.selectionStart ?? 0 }),
  );
  render.call(this);
}

function fieldProperties(maxlength: number): Record<string, Prop> {
  const rerender = {
    observer(this: Ctx) {
      render.call(this);
    },
  };
  return {
    value: { type: null, value: '', ...rerender },
    placeholder: { type: String, value: '', ...rerender },
    placeholderClass: { type: String, value: '', ...rerender },
    placeholderStyle: { type: String, value: '', ...rerender },
    disabled: { type: Boolean, value: false, ...rerender },
    maxlength: { type: Number, value: maxlength, ...rerender },
    focus: { type: Boolean, value: false, ...rerender },
    autoFocus: { type: Boolean, value: false },
    confirmType: { type: String, value: 'done', ...rerender },
    cursor: { type: Number, value: -1 },
    name: { type: String, value: '' },
  };
}

export function registerInputs(): void {
  defineBuiltin('input', {
    properties: {
      ...fieldProperties(140),
      type: { type: String, value: 'text', observer: render },
      password: { type: Boolean, value: false, observer: render },
    },
    attached() {
      attach.call(this, 'input');
    },
  });
  defineBuiltin('textarea', {
    properties: {
      ...fieldProperties(140),
      autoHeight: { type: Boolean, value: false, observer: render },
    },
    attached() {
      attach.call(this, 'textarea');
    },
  });
}

/** The current value of a field built-in (for forms). */
export function fieldValue(ctx: Ctx): string {
  return stateOf(ctx)?.field.value ?? String(ctx.data.value ?? '');
}
