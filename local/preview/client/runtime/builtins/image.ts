/**
 * <image>: drawn as a background image like WeChat does, with its `mode`s (scaleToFill,
 * aspectFit, aspectFill, widthFix, heightFix and the crop positions), `load` / `error`
 * events, and the sources a mini-program uses: http(s), data:, root-relative package files
 * (served by the preview), temp files from wx.chooseMedia, and cloud:// file ids (resolved
 * to the stand-in's storage through wx.cloud.getTempFileURL).
 */
import { doc, type El } from '../../dom';
import { tempFileUrl } from '../../wx/files';
import { resolveCloudUrl } from '../../wx/cloud-storage';
import { defineBuiltin, hostOf, ownerPath, type Ctx } from './define';

const SIZE: Record<string, string> = {
  scaleToFill: '100% 100%',
  aspectFit: 'contain',
  aspectFill: 'cover',
  widthFix: '100% 100%',
  heightFix: '100% 100%',
};

const POSITION: Record<string, string> = {
  top: 'center top',
  bottom: 'center bottom',
  center: 'center center',
  left: 'left center',
  right: 'right center',
  'top left': 'left top',
  'top right': 'right top',
  'bottom left': 'left bottom',
  'bottom right': 'right bottom',
};

/** Maps a src as written in WXML to a URL the browser can load. */
async function resolveSrc(ctx: Ctx, src: string): Promise<string> {
  if (!src) return '';
  if (src.startsWith('cloud://')) return resolveCloudUrl(src);
  const temp = tempFileUrl(src);
  if (temp) return temp;
  if (/^(https?:|data:|blob:)/.test(src)) return src;
  // Package files: root-relative, or relative to the component that wrote the <image>.
  const base = ownerPath(ctx._exparserNode).split('/').slice(0, -1);
  const parts = src.startsWith('/') ? [] : base;
  for (const part of src.replace(/^\//, '').split('/')) {
    if (part === '..') parts.pop();
    else if (part !== '.') parts.push(part);
  }
  return `/__mp/${parts.join('/')}`;
}

function render(this: Ctx): void {
  const native = this.native;
  if (!native) return;
  const host = hostOf(this);
  const inner = native.inner as El;
  const mode = String(this.data.mode || 'scaleToFill');
  inner.style.backgroundSize = SIZE[mode] ?? 'auto auto';
  inner.style.backgroundPosition = POSITION[mode] ?? 'center center';
  const src = String(this.data.src ?? '');
  if (native.src === src) return;
  native.src = src;
  const token = Symbol('load');
  native.token = token;
  if (!src) {
    inner.style.backgroundImage = 'none';
    return;
  }
  void resolveSrc(this, src).then(
    (url) => {
      if (native.token !== token) return;
      const probe = doc.createElement('img');
      probe.onload = () => {
        if (native.token !== token) return;
        inner.style.backgroundImage = `url(${JSON.stringify(url)})`;
        const width = probe.naturalWidth;
        const height = probe.naturalHeight;
        if (mode === 'widthFix' && width) host.style.height = `${(host.clientWidth * height) / width}px`;
        if (mode === 'heightFix' && height) host.style.width = `${(host.clientHeight * width) / height}px`;
        this.triggerEvent('load', { width, height });
      };
      probe.onerror = () => {
        if (native.token !== token) return;
        inner.style.backgroundImage = 'none';
        this.triggerEvent('error', { errMsg: `GET ${src} 404 (Not Found)` });
      };
      probe.src = url;
    },
    (error: unknown) => {
      this.triggerEvent('error', { errMsg: `image load fail: ${String(error)}` });
    },
  );
}

export function registerImage(): void {
  defineBuiltin('image', {
    template: '',
    properties: {
      src: { type: String, value: '', observer: render },
      mode: { type: String, value: 'scaleToFill', observer: render },
      lazyLoad: { type: Boolean, value: false },
      fadeIn: { type: Boolean, value: false },
      webp: { type: Boolean, value: false },
      showMenuByLongpress: { type: Boolean, value: false },
    },
    attached() {
      const inner = doc.createElement('div');
      inner.className = 'wx-image__img';
      hostOf(this).append(inner);
      this.native!.inner = inner;
      render.call(this);
    },
  });
}
