/**
 * Photos and files: wx.chooseMedia / chooseImage / chooseMessageFile open the browser's
 * file picker (WeChat shows the album or camera); picked files become temp paths.
 * previewImage shows the image over the phone; getImageInfo reads its size.
 */
import { doc, h } from '../dom';
import { log } from '../state';
import { overlayRoot } from '../ui/overlay';
import { resolveCloudUrl } from './cloud-storage';
import { asyncApi, fail } from './api';
import { chooseFiles, tempFileUrl, type PickedFile } from './files';
import { guardPrivacy } from './privacy';

function imageSize(url: string): Promise<{ width: number; height: number }> {
  return new Promise((resolve, reject) => {
    const img = doc.createElement('img');
    img.onload = () => resolve({ width: img.naturalWidth, height: img.naturalHeight });
    img.onerror = () => reject(new Error(`cannot load ${url}`));
    img.src = url;
  });
}

async function urlOf(src: string): Promise<string> {
  if (src.startsWith('cloud://')) return resolveCloudUrl(src);
  return tempFileUrl(src) ?? src;
}

async function pick(name: string, accept: string, count: number): Promise<PickedFile[]> {
  await guardPrivacy(name);
  const files = await chooseFiles(accept, count > 1);
  if (!files.length) throw fail(name, 'cancel');
  log('media', `选择了 ${files.length} 个文件`);
  return files.slice(0, count);
}

function accepts(mediaType: unknown): string {
  const types = Array.isArray(mediaType) ? mediaType.map(String) : ['image', 'video'];
  const list = [
    ...(types.includes('image') || types.includes('mix') ? ['image/*'] : []),
    ...(types.includes('video') || types.includes('mix') ? ['video/*'] : []),
  ];
  return list.join(',') || 'image/*';
}

export const mediaApis = {
  chooseMedia: asyncApi('chooseMedia', async (o) => {
    const files = await pick('chooseMedia', accepts(o.mediaType), Number(o.count ?? 9));
    const tempFiles = await Promise.all(
      files.map(async (file) => {
        const isVideo = file.type.startsWith('video/');
        const size = isVideo
          ? { width: 0, height: 0 }
          : await imageSize(tempFileUrl(file.path) ?? '').catch(() => ({ width: 0, height: 0 }));
        return {
          tempFilePath: file.path,
          size: file.size,
          fileType: isVideo ? 'video' : 'image',
          ...size,
          duration: 0,
          thumbTempFilePath: '',
        };
      }),
    );
    const type = tempFiles.every((f) => f.fileType === 'image')
      ? 'image'
      : tempFiles.every((f) => f.fileType === 'video')
        ? 'video'
        : 'mix';
    return { tempFiles, type };
  }),
  chooseImage: asyncApi('chooseImage', async (o) => {
    const files = await pick('chooseImage', 'image/*', Number(o.count ?? 9));
    return { tempFilePaths: files.map((f) => f.path), tempFiles: files.map((f) => ({ path: f.path, size: f.size })) };
  }),
  chooseMessageFile: asyncApi('chooseMessageFile', async (o) => {
    const files = await pick('chooseMessageFile', '', Number(o.count ?? 1));
    return {
      tempFiles: files.map((f) => ({
        path: f.path,
        size: f.size,
        name: f.name,
        type: f.type.startsWith('image/') ? 'image' : 'file',
        time: Date.now(),
      })),
    };
  }),
  previewImage: asyncApi('previewImage', async (o) => {
    const urls = Array.isArray(o.urls) ? o.urls.map(String) : [];
    const current = String(o.current ?? urls[0] ?? '');
    if (!current) throw fail('previewImage', 'parameter error: urls should not be empty');
    const img = h('img', { class: 'pv-preview-image', src: await urlOf(current), alt: '' });
    const layer = h('div', { class: 'pv-mask pv-mask--black', 'data-testid': 'wx-preview-image' }, [img]);
    layer.addEventListener('click', () => layer.remove());
    overlayRoot().append(layer);
    return {};
  }),
  previewMedia: asyncApi('previewMedia', async (o) => {
    const sources = Array.isArray(o.sources) ? (o.sources as Array<{ url: string }>) : [];
    const first = sources[Number(o.current ?? 0)]?.url;
    if (!first) throw fail('previewMedia', 'parameter error: sources should not be empty');
    const img = h('img', { class: 'pv-preview-image', src: await urlOf(first), alt: '' });
    const layer = h('div', { class: 'pv-mask pv-mask--black', 'data-testid': 'wx-preview-image' }, [img]);
    layer.addEventListener('click', () => layer.remove());
    overlayRoot().append(layer);
    return {};
  }),
  getImageInfo: asyncApi('getImageInfo', async (o) => {
    const src = String(o.src ?? '');
    const size = await imageSize(await urlOf(src)).catch(() => {
      throw fail('getImageInfo', `image not found: ${src}`);
    });
    return { ...size, path: src, orientation: 'up', type: 'unknown' };
  }),
  compressImage: asyncApi('compressImage', (o) => ({ tempFilePath: String(o.src ?? '') })),
  saveImageToPhotosAlbum: asyncApi('saveImageToPhotosAlbum', async () => {
    await guardPrivacy('saveImageToPhotosAlbum');
    log('media', '保存图片到相册（预览不保存）');
    return {};
  }),
};
