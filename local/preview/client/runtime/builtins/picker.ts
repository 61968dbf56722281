/**
 * <picker>: a tap on its content opens a bottom sheet over the phone, like WeChat's.
 * Modes: selector (range, range-key), multiSelector (columnchange while choosing),
 * date (fields year/month/day, start/end) and time, both through the browser's own
 * date/time inputs, and region (a province/city/district text, as three fields).
 * 确定 → change {value}; 取消 or the mask → cancel.
 */
import { doc, h, type El } from '../../dom';
import { showSheet } from '../../ui/overlay';
import { defineBuiltin, type Ctx } from './define';
import { onTap } from './tree';

function label(item: unknown, key: string): string {
  if (item && typeof item === 'object' && key) return String((item as Record<string, unknown>)[key] ?? '');
  return String(item ?? '');
}

function select(options: string[], selected: number): El {
  const el = h('select', { class: 'pv-picker__column' });
  options.forEach((text, index) => el.append(h('option', { value: String(index), text })));
  el.value = String(Math.max(0, Math.min(options.length - 1, selected)));
  return el;
}

function open(ctx: Ctx): void {
  if (ctx.data.disabled) return;
  const mode = String(ctx.data.mode || 'selector');
  const rangeKey = String(ctx.data.rangeKey || '');
  const sheet = showSheet('wx-picker', () => ctx.triggerEvent('cancel', {}));
  const columns = h('div', { class: 'pv-picker__columns' });
  let read: () => unknown = () => undefined;

  if (mode === 'selector') {
    const range = Array.isArray(ctx.data.range) ? (ctx.data.range as unknown[]) : [];
    const column = select(
      range.map((item) => label(item, rangeKey)),
      Number(ctx.data.value) || 0,
    );
    columns.append(column);
    read = () => Number(column.value);
  } else if (mode === 'multiSelector') {
    const value = Array.isArray(ctx.data.value) ? (ctx.data.value as number[]) : [];
    const build = () => {
      const range = Array.isArray(ctx.data.range) ? (ctx.data.range as unknown[][]) : [];
      const selects = range.map((list, index) =>
        select(
          (list ?? []).map((item) => label(item, rangeKey)),
          value[index] ?? 0,
        ),
      );
      selects.forEach((column, index) =>
        column.addEventListener('change', () => {
          value[index] = Number(column.value);
          ctx.triggerEvent('columnchange', { column: index, value: Number(column.value) });
          // The page may change `range` in columnchange: redraw the columns after it.
          setTimeout(build, 0);
        }),
      );
      columns.replaceChildren(...selects);
      read = () => selects.map((column) => Number(column.value));
    };
    build();
  } else if (mode === 'date' || mode === 'time') {
    const fields = String(ctx.data.fields || 'day');
    const input = doc.createElement('input');
    input.className = 'pv-field';
    input.type = mode === 'time' ? 'time' : fields === 'year' ? 'number' : fields === 'month' ? 'month' : 'date';
    input.value = String(ctx.data.value || '');
    if (ctx.data.start) input.min = String(ctx.data.start);
    if (ctx.data.end) input.max = String(ctx.data.end);
    columns.append(input);
    read = () => input.value;
  } else if (mode === 'region') {
    const value = Array.isArray(ctx.data.value) ? (ctx.data.value as string[]) : [];
    const inputs = ['省', '市', '区'].map((placeholder, index) => {
      const input = doc.createElement('input');
      input.className = 'pv-field';
      input.placeholder = placeholder;
      input.value = value[index] ?? '';
      return input;
    });
    columns.append(...inputs);
    read = () => inputs.map((input) => input.value);
  } else {
    console.error(`[preview] picker mode="${mode}" is not supported`);
  }

  const cancel = h('button', { class: 'pv-picker__cancel', type: 'button', text: '取消' });
  const confirm = h('button', { class: 'pv-picker__confirm', type: 'button', text: '确定' });
  cancel.addEventListener('click', () => {
    sheet.close();
    ctx.triggerEvent('cancel', {});
  });
  confirm.addEventListener('click', () => {
    sheet.close();
    const value = read();
    ctx.triggerEvent('change', mode === 'region' ? { value, code: [], postcode: '' } : { value });
  });
  sheet.body.append(
    h('div', { class: 'pv-picker__bar' }, [cancel, h('span', { text: String(ctx.data.headerText || '') }), confirm]),
    columns,
  );
}

export function registerPicker(): void {
  defineBuiltin('picker', {
    properties: {
      mode: { type: String, value: 'selector' },
      range: { type: null, value: [] },
      rangeKey: { type: String, value: '' },
      value: { type: null, value: 0 },
      start: { type: String, value: '' },
      end: { type: String, value: '' },
      fields: { type: String, value: 'day' },
      disabled: { type: Boolean, value: false },
      headerText: { type: String, value: '' },
      name: { type: String, value: '' },
    },
    attached() {
      onTap(this, () => open(this));
    },
  });
}
