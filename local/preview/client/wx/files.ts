/**
 * Temporary files, as WeChat hands them to a mini-program: a file the user picked becomes
 * a `wxfile://tmp_N.ext` path that <image src>, wx.cloud.uploadFile and wx.getImageInfo
 * accept. The bytes stay in the browser (a Blob); the path maps to an object URL.
 */
import { doc, type FileLike } from '../dom';

interface TempFile {
  blob: Blob;
  url: string;
  name: string;
}

const temps = new Map<string, TempFile>();
let counter = 0;

export function registerTemp(blob: Blob, name: string): string {
  counter += 1;
  const ext = /\.([a-z0-9]+)$/i.exec(name)?.[1]?.toLowerCase() ?? (blob.type.split('/')[1] || 'bin');
  const path = `wxfile://tmp_${Date.now().toString(36)}${counter}.${ext}`;
  temps.set(path, { blob, url: URL.createObjectURL(blob), name });
  return path;
}

export function tempFileUrl(path: string): string | null {
  return temps.get(path)?.url ?? null;
}

export function tempFile(path: string): TempFile | null {
  return temps.get(path) ?? null;
}

export interface PickedFile {
  path: string;
  size: number;
  type: string;
  name: string;
}

/**
 * Opens the browser's file picker (WeChat would show the album / camera sheet).
 * Resolves with [] when the person cancels.
 */
export function chooseFiles(accept: string, multiple: boolean): Promise<PickedFile[]> {
  return new Promise((resolve) => {
    const input = doc.createElement('input');
    input.type = 'file';
    input.accept = accept;
    input.multiple = multiple;
    input.hidden = true;
    input.setAttribute('data-testid', 'wx-file-picker');
    doc.body.append(input);
    const done = (files: FileLike[]) => {
      input.remove();
      resolve(
        files.map((file) => ({
          path: registerTemp(file, file.name),
          size: file.size,
          type: file.type,
          name: file.name,
        })),
      );
    };
    input.addEventListener('change', () => done([...(input.files ?? [])]));
    input.addEventListener('cancel', () => done([]));
    input.click();
  });
}
