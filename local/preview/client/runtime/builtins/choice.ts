/**
 * The toggles and ranges: <switch>, <checkbox>/<checkbox-group>, <radio>/<radio-group>,
 * <label> (a tap on it toggles the control inside, or the one named by `for`), <slider>
 * and <progress>. Each draws a small native control in the host and emits WeChat's
 * change events ({value} for switch and slider; the group's checked values for groups).
 */
import { doc, type El } from '../../dom';
import { defineBuiltin, hostOf, type Ctx } from './define';
import { builtinName, callerOf, descendants, findAncestor, onTap } from './tree';

const GREEN = '#09BB07';

function mark(ctx: Ctx, cls: string): El {
  const native = ctx.native!;
  if (!native.mark) {
    const el = doc.createElement('span');
    el.className = cls;
    hostOf(ctx).insertBefore(el, hostOf(ctx).firstElementChild);
    native.mark = el;
  }
  return native.mark as El;
}

function renderToggle(this: Ctx): void {
  if (!this.native) return;
  const name = builtinName(this._exparserNode);
  const host = hostOf(this);
  const checked = !!this.data.checked;
  host.setAttribute('aria-checked', checked ? 'true' : 'false');
  host.setAttribute('aria-disabled', this.data.disabled ? 'true' : 'false');
  const color = String(this.data.color || GREEN);
  if (name === 'switch') {
    const el = mark(this, this.data.type === 'checkbox' ? 'wx-checkbox-input' : 'wx-switch-input');
    el.classList.toggle('is-checked', checked);
    el.style.setProperty('--wx-checked-color', color);
  } else {
    const el = mark(this, name === 'radio' ? 'wx-radio-input' : 'wx-checkbox-input');
    el.classList.toggle('is-checked', checked);
    el.style.setProperty('--wx-checked-color', color);
  }
}

/** The group's change event: checked values of its checkboxes, or the radio's value. */
function notifyGroup(ctx: Ctx, groupName: 'checkbox-group' | 'radio-group', itemName: string): void {
  const group = findAncestor(ctx._exparserNode, groupName);
  const caller = group && callerOf(group);
  if (!group || !caller) return;
  const checked = descendants(group)
    .filter((node) => builtinName(node) === itemName)
    .map((node) => callerOf(node))
    .filter((item): item is Ctx => !!item && !!item.data.checked)
    .map((item) => String(item.data.value ?? ''));
  caller.triggerEvent('change', { value: groupName === 'radio-group' ? (checked[0] ?? '') : checked });
}

/** Toggles a switch / checkbox / radio as a user tap would. */
export function toggle(ctx: Ctx): void {
  if (ctx.data.disabled) return;
  const name = builtinName(ctx._exparserNode);
  if (name === 'radio') {
    if (ctx.data.checked) return;
    const group = findAncestor(ctx._exparserNode, 'radio-group');
    for (const node of group ? descendants(group) : []) {
      const other = builtinName(node) === 'radio' ? callerOf(node) : undefined;
      if (other && other !== ctx && other.data.checked) {
        other.setData({ checked: false });
      }
    }
    ctx.setData({ checked: true });
    notifyGroup(ctx, 'radio-group', 'radio');
    return;
  }
  const checked = !ctx.data.checked;
  ctx.setData({ checked });
  if (name === 'switch') ctx.triggerEvent('change', { value: checked });
  else notifyGroup(ctx, 'checkbox-group', 'checkbox');
}

function defineToggle(name: 'switch' | 'checkbox' | 'radio'): void {
  defineBuiltin(name, {
    properties: {
      checked: { type: Boolean, value: false, observer: renderToggle },
      disabled: { type: Boolean, value: false, observer: renderToggle },
      value: { type: null, value: '' },
      color: { type: String, value: '', observer: renderToggle },
      type: { type: String, value: 'switch', observer: renderToggle },
      name: { type: String, value: '' },
    },
    attached() {
      renderToggle.call(this);
      onTap(this, () => {
        // A tap inside a <label> is handled by the label (once).
        if (findAncestor(this._exparserNode, 'label')) return;
        toggle(this);
      });
    },
  });
}

function renderSlider(this: Ctx): void {
  const native = this.native;
  if (!native?.range) return;
  const range = native.range as El;
  const value = native.valueLabel as El;
  range.min = String(this.data.min);
  range.max = String(this.data.max);
  range.step = String(this.data.step);
  range.value = String(this.data.value);
  range.disabled = !!this.data.disabled;
  range.style.setProperty('--wx-slider-active', String(this.data.activeColor || this.data.selectedColor || '#1aad19'));
  range.style.setProperty('--wx-slider-bg', String(this.data.backgroundColor || '#e9e9e9'));
  range.style.setProperty('--wx-slider-block', String(this.data.blockColor || '#ffffff'));
  range.style.setProperty('--wx-slider-block-size', `${Number(this.data.blockSize) || 28}px`);
  value.hidden = !this.data.showValue;
  value.textContent = String(this.data.value);
}

function renderProgress(this: Ctx): void {
  const native = this.native;
  if (!native?.bar) return;
  const percent = Math.max(0, Math.min(100, Number(this.data.percent) || 0));
  const bar = native.bar as El;
  const track = native.track as El;
  track.style.height = `${Number(this.data.strokeWidth) || 6}px`;
  track.style.background = String(this.data.backgroundColor || '#EBEBEB');
  track.style.borderRadius = `${Number(this.data.borderRadius) || 0}px`;
  bar.style.width = `${percent}%`;
  bar.style.background = String(this.data.activeColor || this.data.color || GREEN);
  (native.info as El).hidden = !this.data.showInfo;
  (native.info as El).textContent = `${percent}%`;
}

export function registerChoices(): void {
  defineToggle('switch');
  defineToggle('checkbox');
  defineToggle('radio');
  defineBuiltin('checkbox-group', { properties: { name: { type: String, value: '' } } });
  defineBuiltin('radio-group', { properties: { name: { type: String, value: '' } } });
  defineBuiltin('label', {
    properties: { for: { type: String, value: '' } },
    attached() {
      onTap(this, () => {
        const target = this.data.for
          ? descendants(this._exparserNode.ownerShadowRoot?.getHostNode() ?? this._exparserNode).find(
              (n) => n.id === this.data.for,
            )
          : descendants(this._exparserNode).find((n) => ['switch', 'checkbox', 'radio'].includes(builtinName(n)));
        const caller = target && callerOf(target);
        if (caller) toggle(caller);
      });
    },
  });
  defineBuiltin('slider', {
    template: '',
    properties: {
      min: { type: Number, value: 0, observer: renderSlider },
      max: { type: Number, value: 100, observer: renderSlider },
      step: { type: Number, value: 1, observer: renderSlider },
      value: { type: Number, value: 0, observer: renderSlider },
      disabled: { type: Boolean, value: false, observer: renderSlider },
      showValue: { type: Boolean, value: false, observer: renderSlider },
      activeColor: { type: String, value: '', observer: renderSlider },
      selectedColor: { type: String, value: '', observer: renderSlider },
      backgroundColor: { type: String, value: '', observer: renderSlider },
      blockSize: { type: Number, value: 28, observer: renderSlider },
      blockColor: { type: String, value: '', observer: renderSlider },
      name: { type: String, value: '' },
    },
    attached() {
      const range = doc.createElement('input');
      range.type = 'range';
      range.className = 'wx-slider-input';
      const valueLabel = doc.createElement('span');
      valueLabel.className = 'wx-slider-value';
      hostOf(this).append(range, valueLabel);
      Object.assign(this.native!, { range, valueLabel });
      range.addEventListener('input', () => {
        valueLabel.textContent = range.value;
        this.triggerEvent('changing', { value: Number(range.value) });
      });
      range.addEventListener('change', () => {
        this.data.value = Number(range.value);
        this.triggerEvent('change', { value: Number(range.value) });
      });
      renderSlider.call(this);
    },
  });
  defineBuiltin('progress', {
    template: '',
    properties: {
      percent: { type: Number, value: 0, observer: renderProgress },
      showInfo: { type: Boolean, value: false, observer: renderProgress },
      borderRadius: { type: null, value: 0, observer: renderProgress },
      strokeWidth: { type: null, value: 6, observer: renderProgress },
      color: { type: String, value: '', observer: renderProgress },
      activeColor: { type: String, value: '', observer: renderProgress },
      backgroundColor: { type: String, value: '', observer: renderProgress },
      active: { type: Boolean, value: false },
    },
    attached() {
      const track = doc.createElement('div');
      track.className = 'wx-progress-track';
      const bar = doc.createElement('div');
      bar.className = 'wx-progress-bar';
      track.append(bar);
      const info = doc.createElement('span');
      info.className = 'wx-progress-info';
      hostOf(this).append(track, info);
      Object.assign(this.native!, { track, bar, info });
      renderProgress.call(this);
    },
  });
}
