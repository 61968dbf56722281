/**
 * The simpler built-ins: containers (view, text, cover-view, ...), <navigator>, <form>,
 * <rich-text>, WeChat's <icon>, <page-meta>/<navigation-bar>, and the media/platform
 * components the preview cannot imitate, which render a visible "not supported" box and
 * log a console error, so a page that needs them never looks silently fine.
 */
import { doc, type El } from '../../dom';
import { navigate } from '../../wx/navigation';
import { setNavigationBar } from '../router';
import { defineBuiltin, hostOf, scopedClasses, type Ctx, type Prop } from './define';
import { fieldValue } from './input';
import { builtinName, callerOf, descendants, onTap } from './tree';

const HOVER: Record<string, Prop> = {
  hoverClass: { type: String, value: 'none' },
  hoverStopPropagation: { type: Boolean, value: false },
  hoverStartTime: { type: Number, value: 50 },
  hoverStayTime: { type: Number, value: 400 },
};

const CONTAINERS = ['view', 'cover-view', 'match-media', 'root-portal', 'movable-area'];

/** Form values keyed by `name`, read from the form's descendants. */
function formValues(form: Ctx): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const node of descendants(form._exparserNode)) {
    const item = callerOf(node);
    const name = item?.data?.name;
    if (!item || typeof name !== 'string' || !name) continue;
    const kind = builtinName(node);
    if (kind === 'input' || kind === 'textarea') values[name] = fieldValue(item);
    else if (kind === 'switch') values[name] = !!item.data.checked;
    else if (kind === 'checkbox-group' || kind === 'radio-group') {
      const checked = descendants(node)
        .map((child) => callerOf(child))
        .filter(
          (child): child is Ctx =>
            !!child &&
            (builtinName(child._exparserNode) === 'checkbox' || builtinName(child._exparserNode) === 'radio'),
        )
        .filter((child) => !!child.data.checked)
        .map((child) => String(child.data.value ?? ''));
      values[name] = kind === 'radio-group' ? (checked[0] ?? '') : checked;
    } else if ('value' in item.data) values[name] = item.data.value;
  }
  return values;
}

const ICONS: Record<string, { char: string; color: string; circle: boolean }> = {
  success: { char: '✓', color: '#09BB07', circle: true },
  success_no_circle: { char: '✓', color: '#09BB07', circle: false },
  info: { char: 'i', color: '#10AEFF', circle: true },
  warn: { char: '!', color: '#F76260', circle: true },
  waiting: { char: '◷', color: '#10AEFF', circle: false },
  cancel: { char: '×', color: '#F43530', circle: true },
  download: { char: '↓', color: '#09BB07', circle: true },
  search: { char: '⌕', color: '#B2B2B2', circle: false },
  clear: { char: '×', color: '#B2B2B2', circle: true },
};

function renderIcon(this: Ctx): void {
  if (!this.native) return;
  const icon = ICONS[String(this.data.type)] ?? ICONS.info!;
  const size = Number.parseFloat(String(this.data.size)) || 23;
  const host = hostOf(this);
  host.textContent = icon.char;
  host.className = `wx-icon${icon.circle ? ' wx-icon--circle' : ''}`;
  host.style.setProperty('--wx-icon-size', `${size}px`);
  host.style.setProperty('--wx-icon-color', String(this.data.color || icon.color));
}

/** Sanitised HTML for <rich-text nodes>: no scripts or handlers; classes scoped like WXML. */
function renderRichText(this: Ctx): void {
  if (!this.native) return;
  const host = hostOf(this);
  const nodes = this.data.nodes;
  const holder = doc.createElement('div');
  holder.innerHTML = typeof nodes === 'string' ? nodes : nodesToHtml(Array.isArray(nodes) ? nodes : []);
  for (const el of [...holder.querySelectorAll('script,style,iframe,object,embed,link,meta')]) el.remove();
  for (const el of [...holder.querySelectorAll('*')]) {
    for (const name of el.getAttributeNames()) {
      if (/^on/i.test(name) || /^\s*javascript:/i.test(el.getAttribute(name) ?? '')) el.removeAttribute(name);
    }
    const cls = el.getAttribute('class');
    if (cls) el.setAttribute('class', scopedClasses(this._exparserNode, cls).join(' '));
  }
  host.replaceChildren(...([...holder.children] as El[]));
  if (!holder.children.length) host.textContent = holder.textContent;
}

interface RichNode {
  type?: string;
  name?: string;
  text?: string;
  attrs?: Record<string, string>;
  children?: RichNode[];
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function nodesToHtml(nodes: RichNode[]): string {
  return nodes
    .map((node) => {
      if (node.type === 'text') return escapeHtml(node.text ?? '');
      const name = (node.name ?? 'div').replace(/[^a-z0-9-]/gi, '');
      const attrs = Object.entries(node.attrs ?? {})
        .map(([key, value]) => ` ${key.replace(/[^a-z0-9-]/gi, '')}="${escapeHtml(String(value))}"`)
        .join('');
      return `<${name}${attrs}>${nodesToHtml(node.children ?? [])}</${name}>`;
    })
    .join('');
}

const UNSUPPORTED = [
  'video',
  'camera',
  'map',
  'canvas',
  'live-player',
  'live-pusher',
  'web-view',
  'ad',
  'ad-custom',
  'official-account',
  'open-data',
  'editor',
  'movable-view',
  'page-container',
  'picker-view',
  'picker-view-column',
  'functional-page-navigator',
  'voip-room',
  'channel-live',
  'channel-video',
  'audio',
  'keyboard-accessory',
  'grid-view',
  'list-view',
  'sticky-header',
  'sticky-section',
  'share-element',
  'cover-image',
];

export function registerBasics(): void {
  for (const name of CONTAINERS) defineBuiltin(name, { properties: HOVER });
  defineBuiltin('text', {
    properties: {
      selectable: { type: Boolean, value: false },
      userSelect: { type: Boolean, value: false },
      space: { type: String, value: '' },
      decode: { type: Boolean, value: false },
    },
  });
  defineBuiltin('navigator', {
    properties: {
      ...HOVER,
      hoverClass: { type: String, value: 'navigator-hover' },
      url: { type: String, value: '' },
      openType: { type: String, value: 'navigate' },
      delta: { type: Number, value: 1 },
      target: { type: String, value: 'self' },
    },
    attached() {
      onTap(this, () => {
        void navigate(
          String(this.data.openType || 'navigate'),
          String(this.data.url || ''),
          Number(this.data.delta) || 1,
        ).catch((error: unknown) => console.error('[preview] <navigator>', error));
      });
    },
  });
  defineBuiltin('form', {
    properties: { reportSubmit: { type: Boolean, value: false } },
    methods: {
      submitForm(this: Ctx) {
        this.triggerEvent('submit', { value: formValues(this), formId: 'preview-form-id' });
      },
      resetForm(this: Ctx) {
        for (const node of descendants(this._exparserNode)) {
          const item = callerOf(node);
          const kind = builtinName(node);
          if (!item) continue;
          if (kind === 'input' || kind === 'textarea') item.setData({ value: '' });
          if (kind === 'switch' || kind === 'checkbox' || kind === 'radio') item.setData({ checked: false });
        }
        this.triggerEvent('reset', {});
      },
    },
  });
  defineBuiltin('icon', {
    template: '',
    properties: {
      type: { type: String, value: '', observer: renderIcon },
      size: { type: null, value: 23, observer: renderIcon },
      color: { type: String, value: '', observer: renderIcon },
    },
    attached: renderIcon,
  });
  defineBuiltin('rich-text', {
    template: '',
    properties: { nodes: { type: null, value: [], observer: renderRichText }, space: { type: String, value: '' } },
    attached: renderRichText,
  });
  defineBuiltin('page-meta', {
    properties: {
      pageStyle: {
        type: String,
        value: '',
        observer(this: Ctx, style: string) {
          const page = hostOf(this).closest('wx-page');
          if (page) page.style.cssText = style;
        },
      },
    },
  });
  defineBuiltin('navigation-bar', {
    properties: {
      title: { type: String, value: '', observer: syncNavigationBar },
      frontColor: { type: String, value: '', observer: syncNavigationBar },
      backgroundColor: { type: String, value: '', observer: syncNavigationBar },
      loading: { type: Boolean, value: false, observer: syncNavigationBar },
    },
  });
  for (const name of UNSUPPORTED) {
    defineBuiltin(name, {
      template: '',
      attached() {
        const host = hostOf(this);
        host.classList.add('wx-unsupported');
        host.textContent = `预览暂不支持 <${name}>`;
        console.error(`[preview] <${name}> is not supported by the preview: check this page in DevTools or on a phone`);
      },
    });
  }
}

function syncNavigationBar(this: Ctx): void {
  setNavigationBar({
    title: this.data.title ? String(this.data.title) : undefined,
    frontColor: this.data.frontColor ? String(this.data.frontColor) : undefined,
    backgroundColor: this.data.backgroundColor ? String(this.data.backgroundColor) : undefined,
    loading: !!this.data.loading,
  });
}
