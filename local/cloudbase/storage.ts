/**
 * Cloud storage: the `storage.*` admin actions plus the COS side (PUT upload, GET/HEAD
 * download) served on the same port.
 *
 * Files live in <dataDir>/files, one flat file per cloud path named by the SHA-256 of the
 * path (COS keys are flat, so "a" and "a/b" can both exist, and long or non-ASCII paths
 * stay within file-name limits). Writes go to a temporary file, are fsynced and renamed
 * into place before the PUT is answered, so an acknowledged upload survives a crash.
 *
 * URLs: download URLs encode each path segment with encodeURIComponent. node-sdk's
 * downloadFile encodeURI()s the URL once more (turning %E4 into %25E4), so the GET handler
 * decodes once and, if no such file exists, a second time.
 */
import { createHash, randomBytes } from 'node:crypto';
import {
  closeSync,
  existsSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeSync,
} from 'node:fs';
import { extname, join } from 'node:path';
import { invalidParam } from './envelope';
import { isPlainObject } from './ejson';
import { checkTempUrlBatch } from './limits';

export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;
/** The service refuses a deleteFile of more files than this with INVALID_PARAM. */
export const MAX_DELETE_FILES = 50;

const CONTENT_TYPES: Record<string, string> = {
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.png': 'image/png',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.svg': 'image/svg+xml',
  '.bmp': 'image/bmp',
  '.txt': 'text/plain; charset=utf-8',
  '.json': 'application/json',
  '.csv': 'text/csv; charset=utf-8',
  '.html': 'text/html; charset=utf-8',
  '.pdf': 'application/pdf',
  '.mp3': 'audio/mpeg',
  '.m4a': 'audio/mp4',
  '.aac': 'audio/aac',
  '.wav': 'audio/wav',
  '.silk': 'audio/silk',
  '.mp4': 'video/mp4',
  '.mov': 'video/quicktime',
  '.xlsx': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  '.docx': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
};

export function contentTypeOf(path: string): string {
  return CONTENT_TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream';
}

/** COS's error body; node-sdk parses <Code> and <Message> out of it. */
export function cosErrorXml(code: string, message: string, resource: string): string {
  const esc = (s: string): string => s.replace(/[<>&'"]/g, (c) => `&#${c.charCodeAt(0)};`);
  const id = randomBytes(12).toString('hex');
  return `<?xml version='1.0' encoding='utf-8' ?>\n<Error>\n  <Code>${esc(code)}</Code>\n  <Message>${esc(message)}</Message>\n  <Resource>${esc(resource)}</Resource>\n  <RequestId>${id}</RequestId>\n  <TraceId>${id}</TraceId>\n</Error>\n`;
}

export class FileStore {
  private readonly dir: string;
  private readonly tmpDir: string;
  readonly bucket: string;

  constructor(
    dataDir: string,
    readonly envId: string,
    private readonly baseUrl: () => string,
  ) {
    this.dir = join(dataDir, 'files');
    this.tmpDir = join(dataDir, 'files.tmp');
    mkdirSync(this.dir, { recursive: true });
    rmSync(this.tmpDir, { recursive: true, force: true });
    mkdirSync(this.tmpDir, { recursive: true });
    // Real buckets look like "<hex>-<env>-<appid>"; only the shape matters.
    this.bucket = `${Buffer.from(envId.slice(0, 2)).toString('hex')}-${envId}-1250000000`;
  }

  /** COS keys: relative, no empty/"."/".." segments, no NUL or backslash, at most 850 bytes. */
  checkPath(path: unknown): string {
    if (typeof path !== 'string' || path.length === 0) throw invalidParam('path (cloudPath) is required');
    const segments = path.split('/');
    if (
      path.startsWith('/') ||
      path.includes('\\') ||
      path.includes('\u0000') ||
      Buffer.byteLength(path) > 850 ||
      segments.some((s) => s === '' || s === '.' || s === '..')
    ) {
      throw invalidParam(`invalid cloudPath: ${path}`);
    }
    return path;
  }

  fileIdOf(path: string): string {
    return `cloud://${this.envId}.${this.bucket}/${path}`;
  }

  /** cloud://<env>.<bucket>/<path> -> path, or undefined when it is not one of ours. */
  pathOf(fileId: unknown): string | undefined {
    if (typeof fileId !== 'string') return undefined;
    const prefix = `cloud://${this.envId}.${this.bucket}/`;
    if (!fileId.startsWith(prefix)) return undefined;
    const path = fileId.slice(prefix.length);
    try {
      return this.checkPath(path);
    } catch {
      return undefined;
    }
  }

  urlOf(path: string): string {
    return `${this.baseUrl()}/cos/${path.split('/').map(encodeURIComponent).join('/')}`;
  }

  private blob(path: string): string {
    return join(this.dir, createHash('sha256').update(path).digest('hex'));
  }

  exists(path: string): boolean {
    return existsSync(this.blob(path));
  }

  read(path: string): Buffer | undefined {
    try {
      return readFileSync(this.blob(path));
    } catch {
      return undefined;
    }
  }

  /** Durable write: temp file, fsync, atomic rename. */
  write(path: string, content: Buffer): void {
    const tmp = join(this.tmpDir, randomBytes(8).toString('hex'));
    const fd = openSync(tmp, 'w');
    try {
      let offset = 0;
      while (offset < content.length) offset += writeSync(fd, content, offset);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, this.blob(path));
    const dirFd = openSync(this.dir, 'r');
    try {
      fsyncSync(dirFd);
    } finally {
      closeSync(dirFd);
    }
  }

  remove(path: string): boolean {
    const file = this.blob(path);
    if (!existsSync(file)) return false;
    rmSync(file, { force: true });
    return true;
  }

  /**
   * The cloud path addressed by a /cos/ URL path (everything after "/cos/"), tolerating the
   * extra encodeURI() of downloadFile: decode once, and again if that names no file.
   */
  resolveUrlPath(raw: string): string | undefined {
    const tryDecode = (s: string): string | undefined => {
      try {
        return decodeURIComponent(s);
      } catch {
        return undefined;
      }
    };
    const once = tryDecode(raw);
    if (once === undefined) return undefined;
    if (this.exists(once)) return once;
    const twice = tryDecode(once);
    if (twice !== undefined && twice !== once && this.exists(twice)) return twice;
    return once;
  }

  /** The content behind a URL of this server or a cloud:// id of ours (for media checks). */
  readByReference(ref: string): Buffer | undefined {
    const byId = this.pathOf(ref);
    if (byId) return this.read(byId);
    const base = `${this.baseUrl()}/cos/`;
    if (!ref.startsWith(base)) return undefined;
    const path = this.resolveUrlPath(ref.slice(base.length).split('?')[0] ?? '');
    return path ? this.read(path) : undefined;
  }

  clear(): void {
    for (const name of readdirSync(this.dir)) rmSync(join(this.dir, name), { force: true });
  }
}

type Params = Record<string, unknown>;

/** The storage.* admin actions. `sid` tags upload URLs so the PUT counts as a round trip. */
export function storageActions(
  files: FileStore,
  seqId: string | undefined,
): Record<string, (params: Params) => Record<string, unknown>> {
  return {
    'storage.getUploadMetadata': (params) => {
      const path = files.checkPath(params.path);
      const url = files.urlOf(path) + (seqId ? `?sid=${encodeURIComponent(seqId)}` : '');
      return {
        data: {
          url,
          token: 'standin-cos-token',
          authorization: 'standin-cos-authorization',
          fileId: files.fileIdOf(path),
          cosFileId: `standin-${randomBytes(8).toString('hex')}`,
          download_url: files.urlOf(path),
        },
      };
    },
    'storage.batchGetDownloadUrl': (params) => {
      const list = params.file_list;
      if (!Array.isArray(list)) throw invalidParam('file_list must be an array');
      checkTempUrlBatch(list);
      const download_list = list.map((item: unknown) => {
        const fileID = isPlainObject(item) ? item.fileid : undefined;
        const path = files.pathOf(fileID);
        if (!path || !files.exists(path)) {
          return { code: 'STORAGE_FILE_NONEXIST', fileID, tempFileURL: '', message: 'storage file not exist' };
        }
        return { code: 'SUCCESS', fileID, tempFileURL: files.urlOf(path) };
      });
      return { data: { download_list } };
    },
    'storage.batchDeleteFile': (params) => {
      const list = params.fileid_list;
      if (!Array.isArray(list)) throw invalidParam('fileid_list must be an array');
      if (list.length > MAX_DELETE_FILES) throw invalidParam(`at most ${MAX_DELETE_FILES} files per deleteFile`);
      const delete_list = list.map((fileID: unknown) => {
        const path = files.pathOf(fileID);
        if (!path || !files.remove(path))
          return { code: 'STORAGE_FILE_NONEXIST', fileID, message: 'storage file not exist' };
        return { code: 'SUCCESS', fileID };
      });
      return { data: { delete_list } };
    },
  };
}
